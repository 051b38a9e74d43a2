// How a scorecard is judged: pure functions, no database.
//
// A practice's status:
// - measured (it has check ids): from the latest result of each check across
//   the organisation's verified domains. `fail` if any check fails, else `warn`
//   if any warns, else `pass` if any passes. `info` and `error` do not count;
//   a practice with no judged result at all is `unknown` (not measured).
// - self-assessed: yes → pass, partly → warn, no → fail, not applicable → `na`;
//   no answer, or an answer older than 12 months → `unanswered`.
//
// Scores (0..1): pass counts 1, warn ½, fail and unanswered 0, each times the
// practice's weight; `unknown` and `na` are left out. Computed per area and over
// all practices, for measured practices, self-assessed ones, and both combined.
// A score with nothing to count is undefined (shown as "no data", never as 0).
import type { Area, PracticeRule } from './baseline/index.js';
import { AREAS } from './baseline/index.js';
import type { Answer } from './baseline.tables.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info' | 'error';
export type PracticeStatus = 'pass' | 'warn' | 'fail' | 'unknown' | 'unanswered' | 'na';
export const PRACTICE_STATUSES: readonly PracticeStatus[] = ['fail', 'warn', 'unanswered', 'unknown', 'pass', 'na'];

export const ANSWER_VALID_MONTHS = 12;

export interface AnswerState {
  answer: Answer;
  answeredAt: Date;
}

/** The moment an answer stops counting: twelve calendar months after it was given. */
export function answerExpiresAt(answeredAt: Date): Date {
  const d = new Date(answeredAt);
  d.setUTCMonth(d.getUTCMonth() + ANSWER_VALID_MONTHS);
  return d;
}

export function judgeMeasured(rule: Pick<PracticeRule, 'checks'>, checks: ReadonlyMap<string, CheckStatus> | Readonly<Record<string, CheckStatus>>): PracticeStatus {
  const get = (id: string) => (checks instanceof Map ? checks.get(id) : (checks as Record<string, CheckStatus>)[id]);
  let judged = false;
  let warn = false;
  for (const id of rule.checks) {
    const s = get(id);
    if (s === 'fail') return 'fail';
    if (s === 'warn') warn = true;
    if (s === 'pass' || s === 'warn') judged = true;
  }
  if (!judged) return 'unknown';
  return warn ? 'warn' : 'pass';
}

export function judgeAnswer(answer: AnswerState | undefined, at: Date): PracticeStatus {
  if (!answer || answer.answeredAt > at || answerExpiresAt(answer.answeredAt) <= at) return 'unanswered';
  switch (answer.answer) {
    case 'yes':
      return 'pass';
    case 'partly':
      return 'warn';
    case 'no':
      return 'fail';
    case 'na':
      return 'na';
  }
}

export const isMeasured = (rule: Pick<PracticeRule, 'checks'>) => rule.checks.length > 0;

const POINTS: Partial<Record<PracticeStatus, number>> = { pass: 1, warn: 0.5, fail: 0, unanswered: 0 };

export interface ScoreTriple {
  measured: number | undefined;
  self: number | undefined;
  combined: number | undefined;
}

export interface ScoreSet {
  overall: ScoreTriple;
  areas: Record<Area, ScoreTriple>;
  /** How many practices have each status. */
  counts: Record<PracticeStatus, number>;
}

class Tally {
  points = 0;
  max = 0;
  add(weight: number, status: PracticeStatus) {
    const p = POINTS[status];
    if (p === undefined) return;
    this.points += p * weight;
    this.max += weight;
  }
  get score(): number | undefined {
    return this.max === 0 ? undefined : this.points / this.max;
  }
}

export function scorePractices(rules: readonly PracticeRule[], statuses: ReadonlyMap<string, PracticeStatus>): ScoreSet {
  const counts = Object.fromEntries(PRACTICE_STATUSES.map((s) => [s, 0])) as Record<PracticeStatus, number>;
  const tallies = new Map<string, Tally>();
  const tally = (key: string) => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = new Tally()));
    return t;
  };
  for (const rule of rules) {
    const status = statuses.get(rule.id) ?? (isMeasured(rule) ? 'unknown' : 'unanswered');
    counts[status]++;
    const kind = isMeasured(rule) ? 'measured' : 'self';
    for (const scope of ['all', rule.area]) {
      tally(`${scope}:${kind}`).add(rule.weight, status);
      tally(`${scope}:combined`).add(rule.weight, status);
    }
  }
  const triple = (scope: string): ScoreTriple => ({
    measured: tallies.get(`${scope}:measured`)?.score,
    self: tallies.get(`${scope}:self`)?.score,
    combined: tallies.get(`${scope}:combined`)?.score,
  });
  return {
    overall: triple('all'),
    areas: Object.fromEntries(AREAS.map((a) => [a, triple(a)])) as Record<Area, ScoreTriple>,
    counts,
  };
}

/** Every practice's status at one moment, from the checks and the answers then. */
export function practiceStatuses(
  rules: readonly PracticeRule[],
  checks: ReadonlyMap<string, CheckStatus> | Readonly<Record<string, CheckStatus>>,
  answers: ReadonlyMap<string, AnswerState>,
  at: Date,
): Map<string, PracticeStatus> {
  const out = new Map<string, PracticeStatus>();
  for (const r of rules) out.set(r.id, isMeasured(r) ? judgeMeasured(r, checks) : judgeAnswer(answers.get(r.id), at));
  return out;
}

// ── Trend ────────────────────────────────────────────────────────────────

export interface TrendPoint {
  at: Date;
  /** The baseline version in force at that moment. */
  version: number;
  scores: ScoreSet;
}

export interface TrendInput {
  /** Published versions, any order: when each took effect and its rules. */
  versions: readonly { version: number; publishedAt: Date; rules: readonly PracticeRule[] }[];
  /** Finished scans, any order: the organisation's per-check state right after each. */
  scans: readonly { at: Date; checks: Readonly<Record<string, CheckStatus>> }[];
  /** Every self-assessment answer ever given, any order. */
  answers: readonly (AnswerState & { practiceId: string })[];
  from: Date;
  to: Date;
  /** At most one point per this many milliseconds (the last moment of each slot). Default: a day. */
  slotMs?: number;
}

/**
 * The scorecard as it stood after each change (a scan, an answer, an answer
 * expiring, a new baseline version) between `from` and `to`, at most one point
 * per day, plus a point at `to` (and at `from` when something came before). Each point is measured against the version in
 * force at its moment (the first version also for moments before it was published).
 */
export function buildTrend(input: TrendInput): TrendPoint[] {
  const slot = input.slotMs ?? 86_400_000;
  const versions = [...input.versions].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const scans = [...input.scans].sort((a, b) => a.at.getTime() - b.at.getTime());
  const answers = [...input.answers].sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
  if (versions.length === 0) return [];

  const moments = new Set<number>();
  const inRange = (t: number) => t >= input.from.getTime() && t <= input.to.getTime();
  for (const s of scans) if (inRange(s.at.getTime())) moments.add(s.at.getTime());
  for (const a of answers) {
    if (inRange(a.answeredAt.getTime())) moments.add(a.answeredAt.getTime());
    const exp = answerExpiresAt(a.answeredAt).getTime();
    if (inRange(exp)) moments.add(exp);
  }
  for (const v of versions) if (inRange(v.publishedAt.getTime())) moments.add(v.publishedAt.getTime());
  moments.add(input.to.getTime());
  // What stood before the window is the line's starting point.
  const before = (t: number) => t < input.from.getTime();
  if (scans.some((s) => before(s.at.getTime())) || answers.some((a) => before(a.answeredAt.getTime()))) moments.add(input.from.getTime());

  // The last moment of each slot stands for the slot.
  const bySlot = new Map<number, number>();
  for (const t of moments) {
    const key = Math.floor(t / slot);
    if ((bySlot.get(key) ?? -Infinity) < t) bySlot.set(key, t);
  }
  const times = [...bySlot.values()].sort((a, b) => a - b);

  const points: TrendPoint[] = [];
  let si = 0;
  let ai = 0;
  let checks: Readonly<Record<string, CheckStatus>> = {};
  const current = new Map<string, AnswerState>();
  for (const t of times) {
    while (si < scans.length && scans[si]!.at.getTime() <= t) checks = scans[si++]!.checks;
    while (ai < answers.length && answers[ai]!.answeredAt.getTime() <= t) {
      const a = answers[ai++]!;
      current.set(a.practiceId, a);
    }
    // Before the first publication, the first version (the catalogue Hearth shipped with) applies.
    const version = [...versions].reverse().find((v) => v.publishedAt.getTime() <= t) ?? versions[0]!;
    const at = new Date(t);
    points.push({ at, version: version.version, scores: scorePractices(version.rules, practiceStatuses(version.rules, checks, current, at)) });
  }
  return points;
}
