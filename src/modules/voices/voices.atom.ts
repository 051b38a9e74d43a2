// Need status changes as an Atom 1.0 feed (RFC 4287), built as text with every value escaped.
import type { Translator } from '../../kernel/i18n/i18n.js';
import type { PickedText } from '../../kernel/text/index.js';
import type { NeedStatus } from './voices.tables.js';

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const x = (s: string) =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface NeedEvent {
  id: string;
  needId: string;
  status: NeedStatus;
  at: Date;
  title: PickedText | undefined;
  reason: PickedText | undefined;
}

export function needsAtom(opts: { baseUrl: string; i18n: Translator; events: NeedEvent[]; self: string; title: string }): string {
  const { baseUrl, i18n, events } = opts;
  const t = i18n.t;
  const updated = events.reduce((m, e) => (e.at > m ? e.at : m), new Date(0));
  const entries = events.map((e) => {
    const url = `${baseUrl}/needs/${e.needId}`;
    const status = i18n.tDynamic(`voices.need.status.${e.status}`);
    const title = t('voices.feed.entry', { title: e.title?.body ?? e.needId, status });
    const summary = e.status === 'declined' && e.reason ? `${status}: ${e.reason.body}` : status;
    return [
      '  <entry>',
      `    <id>${x(`${url}#${e.id}`)}</id>`,
      `    <title type="text">${x(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `    <updated>${iso(e.at)}</updated>`,
      `    <category term="${x(e.status)}" label="${x(status)}"/>`,
      `    <summary type="text">${x(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(i18n.locale)}">`,
    `  <id>${x(`${baseUrl}/needs`)}</id>`,
    `  <title type="text">${x(opts.title)}</title>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${x(opts.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(`${baseUrl}/needs`)}"/>`,
    '  <author><name>Hearth</name></author>',
    '  <generator>Hearth</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
