// The decision log as an Atom 1.0 feed (RFC 4287), built as text: every value
// is escaped, and characters XML 1.0 forbids are dropped.
import { renderMarkdown } from '../../kernel/markdown/markdown.js';
import type { Translator } from '../../kernel/i18n/i18n.js';
import type { Decision } from './governance.service.js';

// Control characters other than tab and line ends, lone surrogates, U+FFFE and U+FFFF are not allowed in XML 1.0.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function entryUpdated(d: Decision): Date {
  const p = d.proposal;
  const closed = p.closedAt ?? p.closesAt;
  return p.outcomeAt && p.outcomeAt > closed ? p.outcomeAt : closed;
}

export function decisionsAtom(opts: { baseUrl: string; i18n: Translator; decisions: Decision[] }): string {
  const { baseUrl, i18n, decisions } = opts;
  const t = i18n.t;
  // The newest change of any entry; a fixed date for an empty log keeps the feed valid and stable.
  const updated = decisions.reduce<Date>((max, d) => (entryUpdated(d) > max ? entryUpdated(d) : max), new Date(0));
  const x = xmlEscape;
  const entries = decisions.map((d) => {
    const p = d.proposal;
    const url = `${baseUrl}/proposals/${p.id}`;
    const result = p.status === 'passed' ? t('gov.outcome.passed') : t('gov.outcome.notPassed');
    const tally = p.tally
      ? `${t('gov.tally', { counted: p.tally.counted, quorum: p.tally.quorum })} ${t('gov.tallyDetail', { agree: p.tally.agree, abstain: p.tally.abstain, concern: p.tally.concern, block: p.tally.block })}`
      : '';
    const positions = d.positions.map((pos) => `<li>${x(pos.orgName)}: ${x(t(`gov.position.${pos.position}`))}${pos.reason ? ` — ${x(pos.reason)}` : ''}</li>`).join('');
    // type="html": the markup is itself escaped once more, as RFC 4287 asks.
    const html = `<p><strong>${x(result)}</strong> ${x(tally)}</p>${positions ? `<ul>${positions}</ul>` : ''}${d.outcome ? renderMarkdown(d.outcome.body) : ''}`;
    return [
      '  <entry>',
      `    <id>${x(url)}</id>`,
      `    <title type="text"${d.title ? ` xml:lang="${x(d.title.lang)}"` : ''}>${x(d.title?.body ?? p.id)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `    <published>${iso(p.closedAt ?? p.closesAt)}</published>`,
      `    <updated>${iso(entryUpdated(d))}</updated>`,
      `    <author><name>${x(d.authorOrg?.name ?? t('gov.federation'))}</name></author>`,
      `    <category term="${x(p.kind)}" label="${x(t(`gov.kind.${p.kind}`))}"/>`,
      `    <summary type="text">${x(`${result} ${tally}`.trim())}</summary>`,
      `    <content type="html">${x(html)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(i18n.locale)}">`,
    `  <id>${x(`${baseUrl}/decisions`)}</id>`,
    `  <title type="text">${x(t('gov.log.feedTitle'))}</title>`,
    `  <subtitle type="text">${x(t('gov.log.intro'))}</subtitle>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${x(`${baseUrl}/decisions.atom?lang=${i18n.locale}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(`${baseUrl}/decisions`)}"/>`,
    '  <author><name>Hearth</name></author>',
    '  <generator>Hearth</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
