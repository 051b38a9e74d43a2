import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../views/components/markdown.js';
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from './markdown.js';

const REL = 'rel="nofollow noopener noreferrer"';

describe('renderMarkdown', () => {
  it('shows raw HTML as text: script tags', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script>\n\n<script src="https://evil.example/x.js"></script>');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows raw HTML as text: an image with an error handler', () => {
    const html = renderMarkdown('a <img src=x onerror="alert(1)"> b\n\n<IMG SRC=x ONERROR=alert(2)>');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it.each([
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](&#x6A;avascript:alert(1))',
    '[click]( javascript:alert(1))',
    '[click](java\tscript:alert(1))',
    'click <javascript:alert(1)>',
    '[click][ref]\n\n[ref]: javascript:alert(1)',
    '[click](vbscript:msgbox(1))',
    '[click](file:///etc/passwd)',
    '[click](/relative/path)',
    '[click](//evil.example/x)',
  ])('renders a link to anything but http, https or mailto as text: %s', (src) => {
    const html = renderMarkdown(src);
    expect(html).not.toContain('<a');
    expect(html).toContain('click');
  });

  it('drops data: URIs from links and images, keeping their words', () => {
    const html = renderMarkdown('[open me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![a pixel](data:image/png;base64,iVBORw0KGgo=)');
    expect(html).toBe('<p>open me a pixel</p>\n');
  });

  it('turns a remote image into a plain link labelled with its alt text', () => {
    expect(renderMarkdown('![Our assembly](https://photos.example/assembly.jpg "2026")')).toBe(
      `<p><a href="https://photos.example/assembly.jpg" ${REL}>Our assembly</a></p>\n`,
    );
    // No alt text: the address itself is the label. Inside a link: only the words (links do not nest).
    expect(renderMarkdown('![](https://photos.example/a.jpg)')).toBe(`<p><a href="https://photos.example/a.jpg" ${REL}>https://photos.example/a.jpg</a></p>\n`);
    expect(renderMarkdown('[![logo](https://cdn.example/l.png)](https://coop.example)')).toBe(`<p><a href="https://coop.example" ${REL}>logo</a></p>\n`);
    expect(renderMarkdown('![a](https://x.example/a.png) ![b](http://x.example/b.png)')).not.toContain('<img');
  });

  it('marks every link nofollow noopener noreferrer, linkified ones included', () => {
    const html = renderMarkdown('[docs](https://hearth.example/docs) <https://auto.example> see https://plain.example/page or write to care@coop.example');
    expect(html).toBe(
      `<p><a href="https://hearth.example/docs" ${REL}>docs</a> <a href="https://auto.example" ${REL}>https://auto.example</a> ` +
        `see <a href="https://plain.example/page" ${REL}>https://plain.example/page</a> or write to <a href="mailto:care@coop.example" ${REL}>care@coop.example</a></p>\n`,
    );
    expect(html.match(/<a /g)).toHaveLength(4);
    expect(html.match(/rel="nofollow noopener noreferrer"/g)).toHaveLength(4);
  });

  it('keeps HTML entities escaped', () => {
    expect(renderMarkdown('&lt;script&gt; &amp; &copy; &#60;b&#62; "quotes" \'single\'')).toBe('<p>&lt;script&gt; &amp; © &lt;b&gt; &quot;quotes&quot; \'single\'</p>\n');
    const title = renderMarkdown('[x](https://a.example "a&quot; onmouseover=&quot;alert(1)")');
    expect(title).toContain('title="a&quot; onmouseover=&quot;alert(1)"');
    expect(title).not.toContain('" onmouseover');
  });

  it('renders nested emphasis', () => {
    expect(renderMarkdown('***both*** and _one *two **three** two* one_')).toBe(
      '<p><em><strong>both</strong></em> and <em>one <em>two <strong>three</strong> two</em> one</em></p>\n',
    );
  });

  it('shifts headings so a body starts at <h3>', () => {
    expect(renderMarkdown('# One\n\n## Two\n\n### Three\n\n###### Six\n\nSetext\n===')).toBe('<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Six</h6>\n<h3>Setext</h3>\n');
  });

  it('cuts a 100 KB input at the cap', () => {
    const input = `${'Solidarity is a verb. '.repeat(Math.ceil(100_000 / 22))}THE-END-MARK`;
    expect(input.length).toBeGreaterThan(100_000);
    const html = renderMarkdown(input);
    expect(html).not.toContain('THE-END-MARK');
    expect(html.endsWith('…</p>\n')).toBe(true);
    expect(html.length).toBeLessThan(MARKDOWN_MAX_LENGTH + 100);
  });

  it('survives 100 KB of pathological nesting', () => {
    for (const input of ['>'.repeat(100_000), '*'.repeat(100_000), '['.repeat(50_000) + ']('.repeat(25_000), '- '.repeat(50_000)]) {
      const html = renderMarkdown(input);
      expect(html.length).toBeGreaterThan(0);
      expect(html).not.toContain('<script');
    }
  });
});

describe('<Markdown>', () => {
  it('places the sanitised HTML in a div with its language and direction', () => {
    const html = renderToString(h(Markdown, { text: '**نعم** <b>no</b>', lang: 'ar', dir: 'auto' }));
    expect(html).toBe('<div class="markdown" lang="ar" dir="auto"><p><strong>نعم</strong> &lt;b&gt;no&lt;/b&gt;</p>\n</div>');
  });
});
