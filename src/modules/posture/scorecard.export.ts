// A scorecard as JSON (the API and the download share it) and as CSV for
// spreadsheets. Both carry what the viewer may see: outsiders get the summary,
// the organisation's own people also its evidence and answers.
import type { Translator } from '../../kernel/i18n/i18n.js';
import type { MessageKey } from '../../kernel/i18n/i18n.js';
import { AREAS, type Area } from './baseline/index.js';
import type { ScoreTriple } from './baseline.score.js';
import type { Scorecard } from './scorecard.service.js';

export const SCORECARD_FORMAT = 'hearth-scorecard' as const;
export const SCORECARD_FORMAT_VERSION = 1 as const;

const num = (v: number | undefined) => (v === undefined ? null : Math.round(v * 10_000) / 10_000);
const triple = (s: ScoreTriple) => ({ measured: num(s.measured), self: num(s.self), combined: num(s.combined) });

export function scorecardJson(card: Scorecard) {
  return {
    format: SCORECARD_FORMAT,
    formatVersion: SCORECARD_FORMAT_VERSION,
    organisation: { slug: card.org.slug, name: card.org.name },
    baseline: { version: card.version.version, publishedAt: card.version.publishedAt.toISOString() },
    generatedAt: card.at.toISOString(),
    lastScanAt: card.lastScanAt?.toISOString() ?? null,
    visibility: card.visibility,
    /** Evidence and answers are included: the reader belongs to the organisation. */
    detailed: card.insider,
    scores: {
      overall: triple(card.scores.overall),
      areas: Object.fromEntries(AREAS.map((a) => [a, triple(card.scores.areas[a])])) as Record<Area, ReturnType<typeof triple>>,
    },
    counts: card.scores.counts,
    practices: card.practices.map((p) => ({
      id: p.rule.id,
      area: p.rule.area,
      weight: p.rule.weight,
      kind: p.measured ? ('measured' as const) : ('self' as const),
      checkIds: p.rule.checks,
      status: p.status,
      title: p.title?.body ?? p.rule.id,
      titleLang: p.title?.lang ?? null,
      checks: p.checks
        ? p.checks.map((c) => ({
            id: c.checkId,
            status: c.status,
            scannedAt: c.scannedAt.toISOString(),
            results: c.results.map((r) => ({ domain: r.domain, target: r.target, status: r.status, summary: r.summary, scanId: r.scanId, scannedAt: r.scannedAt.toISOString(), evidence: r.evidence, reason: r.reason })),
          }))
        : null,
      answer: p.answer
        ? {
            answer: p.answer.answer.answer,
            note: p.answer.answer.note,
            evidenceUrl: p.answer.answer.evidenceUrl,
            answeredAt: p.answer.answer.answeredAt.toISOString(),
            answeredBy: p.answer.answeredByName,
            expiresAt: p.answer.expiresAt.toISOString(),
            expired: p.answer.expired,
            baselineVersion: p.answer.answer.baselineVersion,
          }
        : null,
    })),
    trend: card.trend.map((pt) => ({
      at: pt.at.toISOString(),
      baselineVersion: pt.version,
      overall: triple(pt.scores.overall),
      areas: Object.fromEntries(AREAS.map((a) => [a, triple(pt.scores.areas[a])])) as Record<Area, ReturnType<typeof triple>>,
    })),
  };
}

export type ScorecardJson = ReturnType<typeof scorecardJson>;

// RFC 4180: CRLF, quotes doubled; text typed by people never read as a formula.
const FORMULA = /^[=+\-@\t\r]/;
function cell(value: string | number | null | undefined, text: boolean): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const line = (values: (string | number | null | undefined)[], text: ReadonlySet<number>) => `${values.map((v, i) => cell(v, text.has(i))).join(',')}\r\n`;

/** One row per practice, with the scorecard's version and time on every row so rows can be pasted together. */
export function scorecardCsv(card: Scorecard, i18n: Translator): string {
  const t = i18n.t;
  const head = [
    'organisation',
    'baseline_version',
    'generated_at',
    'area',
    'practice_id',
    'practice',
    'kind',
    'weight',
    'status',
    'checks',
    'answer',
    'answered_at',
    'answer_expires_at',
    'note',
    'evidence_url',
  ];
  const text = new Set([0, 5, 13, 14]);
  let out = line(head, new Set());
  for (const p of card.practices) {
    out += line(
      [
        card.org.slug,
        card.version.version,
        card.at.toISOString(),
        p.rule.area,
        p.rule.id,
        p.title?.body ?? p.rule.id,
        p.measured ? 'measured' : 'self',
        p.rule.weight,
        p.status,
        p.checks ? p.checks.map((c) => `${c.checkId}=${c.status}`).join(' ') : p.rule.checks.join(' '),
        p.answer?.answer.answer,
        p.answer?.answer.answeredAt.toISOString(),
        p.answer?.expiresAt.toISOString(),
        p.answer?.answer.note,
        p.answer?.answer.evidenceUrl,
      ],
      text,
    );
  }
  // The scores after the practices, labelled in the reader's language.
  out += '\r\n';
  out += line(['scope', 'measured', 'self', 'combined'], new Set());
  const rows: [string, ScoreTriple][] = [[t('baseline.scores.overall'), card.scores.overall], ...AREAS.map((a): [string, ScoreTriple] => [t(`baseline.area.${a}` as MessageKey), card.scores.areas[a]])];
  for (const [label, s] of rows) out += line([label, num(s.measured), num(s.self), num(s.combined)], new Set([0]));
  return out;
}
