import { describe, expect, it } from 'vitest';
import { xmlProblems } from '../../../test/helpers/xml.js';
import { renderAtom, xmlEscape, type AtomFeed } from './announcements.atom.js';

const at = new Date('2026-03-08T10:00:00.000Z');
const feed = (over: Partial<AtomFeed> = {}): AtomFeed => ({
  id: 'https://hearth.example/announcements.atom?lang=es',
  title: 'Anuncios',
  lang: 'es',
  selfLink: 'https://hearth.example/announcements.atom?lang=es&org=a',
  alternateLink: 'https://hearth.example/announcements',
  author: 'La federación',
  updated: at,
  entries: [],
  ...over,
});

describe('Atom documents', () => {
  it('checks well-formedness for real (the helper is not a rubber stamp)', () => {
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>x & y</a>')).not.toEqual([]);
    expect(xmlProblems('<a x=1/>')).not.toEqual([]);
    expect(xmlProblems('<a/><b/>')).not.toEqual([]);
    expect(xmlProblems('<a x="&amp;">&lt;</a>')).toEqual([]);
  });

  it('escapes markup, quotes and ampersands, and drops characters XML forbids', () => {
    expect(xmlEscape(`<b a="1" b='2'>Tom & Jerry</b>`)).toBe('&lt;b a=&quot;1&quot; b=&apos;2&apos;&gt;Tom &amp; Jerry&lt;/b&gt;');
    expect(xmlEscape('bell\u0007 form\u000C feed\uFFFF lone\uD800 pair\uD83D\uDE00 tab\t')).toBe('bell form feed lone pair\uD83D\uDE00 tab\t');
  });

  it('writes a valid feed with the required elements even when empty', () => {
    const xml = renderAtom(feed());
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">');
    expect(xml).toContain('<updated>2026-03-08T10:00:00.000Z</updated>');
    // The & of the query string is escaped inside the attribute.
    expect(xml).toContain('href="https://hearth.example/announcements.atom?lang=es&amp;org=a"');
    expect(xml).toContain('<author><name>La federación</name></author>');
  });

  it('keeps hostile titles and bodies as text', () => {
    const xml = renderAtom(
      feed({
        entries: [
          {
            id: 'https://hearth.example/announcements/x',
            title: '</title><script>alert(1)</script> & more',
            lang: 'en',
            link: 'https://hearth.example/announcements/x?lang=es',
            author: 'Rosa <Net>',
            published: at,
            updated: at,
            html: '<p>Hello <strong>world</strong> &amp; friends</p>',
          },
        ],
      }),
    );
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('<title type="text">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</title>');
    expect(xml).toContain('<content type="html">&lt;p&gt;Hello &lt;strong&gt;world&lt;/strong&gt; &amp;amp; friends&lt;/p&gt;</content>');
    expect(xml).toContain('<entry xml:lang="en">');
    expect(xml).not.toContain('<script>');
  });
});
