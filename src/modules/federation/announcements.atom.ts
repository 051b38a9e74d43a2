// Atom 1.0 (RFC 4287) documents, written by hand: a feed is a few elements, and
// everything people wrote goes through one escaping function.

export interface AtomEntry {
  /** A permanent IRI; the entry's page address serves. */
  id: string;
  title: string;
  /** The language the entry is actually in (a fallback may differ from the feed's). */
  lang: string;
  link: string;
  author: string;
  published: Date;
  updated: Date;
  /** HTML, escaped here into a type="html" content element. */
  html: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  lang: string;
  selfLink: string;
  alternateLink: string;
  author: string;
  /** The newest change among the entries (or a fixed moment when there are none). */
  updated: Date;
  entries: AtomEntry[];
}

// Characters XML 1.0 does not allow at all (C0 controls but tab, LF, CR; lone
// surrogates; U+FFFE/U+FFFF). Left in, they make the whole feed unreadable.
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an element or a double-quoted attribute. */
export function xmlEscape(text: string): string {
  return text.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const date = (d: Date) => d.toISOString();

export function renderAtom(feed: AtomFeed): string {
  const e = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${e(feed.lang)}">`,
    `  <id>${e(feed.id)}</id>`,
    `  <title>${e(feed.title)}</title>`,
    `  <updated>${date(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feed.selfLink)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(feed.alternateLink)}"/>`,
    `  <author><name>${e(feed.author)}</name></author>`,
    '  <generator>Hearth</generator>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      `  <entry xml:lang="${e(entry.lang)}">`,
      `    <id>${e(entry.id)}</id>`,
      `    <title type="text">${e(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${e(entry.link)}"/>`,
      `    <published>${date(entry.published)}</published>`,
      `    <updated>${date(entry.updated)}</updated>`,
      `    <author><name>${e(entry.author)}</name></author>`,
      `    <content type="html">${e(entry.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
