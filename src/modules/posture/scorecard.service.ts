// Scorecards: an organisation's standing against the published baseline
// (measured practices from the latest scans, self-assessed ones from its
// answers), its trend, who may see it, self-assessment answers, and the
// federation overview with aggregates that never single out an organisation.
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, personOf } from '../../kernel/auth/actor.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { pickText, type PickedText } from '../../kernel/text/index.js';
import { nowTs, toTimestamp } from '../../kernel/time.js';
import { AREAS, type Area, type PracticeRule } from './baseline/index.js';
import * as repo from './baseline.repository.js';
import * as errors from './baseline.errors.js';
import { canAssess, canSetVisibility, canViewScorecard, isInsider } from './baseline.policy.js';
import { answerExpiresAt, buildTrend, isMeasured, practiceStatuses, scorePractices, type AnswerState, type CheckStatus, type PracticeStatus, type ScoreSet, type ScoreTriple, type TrendPoint } from './baseline.score.js';
import { isHttpUrl, type AnswerInput } from './baseline.schemas.js';
import type { Visibility } from './baseline.tables.js';
import { currentVersion, PRACTICE_OWNER, type D } from './baseline.service.js';
import { latestResultsFor, scanHistory, type LatestCheck } from './scans.service.js';

export const DEFAULT_VISIBILITY: Visibility = 'private';
/** How far back the trend reaches. */
export const TREND_DAYS = 365;
const DAY_MS = 86_400_000;
/** Statuses that are a gap: something to fix, or to ask for help with. */
export const GAP_STATUSES: readonly PracticeStatus[] = ['fail', 'warn', 'unanswered', 'unknown'];

type R = Pick<D, 'db' | 'clock'>;

function refuse(actor: Actor): AppError {
  return actor.kind === 'anonymous' ? new AppError('UNAUTHENTICATED', 401) : forbidden();
}

async function orgBySlug(db: Db, slug: string): Promise<repo.OrgBrief> {
  const org = await repo.findOrgBySlug(db, slug);
  if (!org) throw new AppError('ORG_NOT_FOUND', 404);
  return org;
}

/** The newest answer per practice. */
function newestAnswers(answers: readonly repo.AnswerRecord[]): Map<string, repo.AnswerRecord> {
  const out = new Map<string, repo.AnswerRecord>();
  for (const a of answers) out.set(a.practiceId, a); // oldest first: the last one wins
  return out;
}

function checkStatusMap(latest: ReadonlyMap<string, LatestCheck>): Map<string, CheckStatus> {
  return new Map([...latest].map(([id, c]) => [id, c.status]));
}

export interface AnswerView {
  answer: repo.AnswerRecord;
  answeredByName: string | null;
  expiresAt: Date;
  expired: boolean;
}

export interface PracticeCard {
  rule: PracticeRule;
  measured: boolean;
  status: PracticeStatus;
  title: PickedText | undefined;
  /** Present for practices that are a gap (the page shows their guide in place), when asked for. */
  guide: PickedText | undefined;
  question: PickedText | undefined;
  /** Insiders only: the latest result of each of its checks, with evidence. */
  checks: LatestCheck[] | undefined;
  /** Insiders only: the answer that counts (or counted, if expired). */
  answer: AnswerView | undefined;
  /** Insiders only: an open request for help with it. */
  help: repo.HelpRequest | undefined;
}

export interface Scorecard {
  org: repo.OrgBrief;
  visibility: Visibility;
  /** The viewer belongs to the organisation: evidence, notes and answers are shown. */
  insider: boolean;
  canManage: boolean;
  version: { version: number; publishedAt: Date };
  at: Date;
  scores: ScoreSet;
  practices: PracticeCard[];
  lastScanAt: Date | undefined;
  trend: TrendPoint[];
}

export interface ScorecardOptions {
  lang: string;
  /** Load the guides of the gaps (the page); exports leave them out. */
  guides?: boolean;
  trend?: boolean;
}

export async function visibilityOf(db: Db, orgId: string): Promise<Visibility> {
  return (await repo.findVisibility(db, orgId)) ?? DEFAULT_VISIBILITY;
}

/** The organisation, if this actor may see its scorecard; refused (401/403) before anything of it is read. */
export async function scorecardAccess(deps: R, actor: Actor, slug: string): Promise<{ org: repo.OrgBrief; visibility: Visibility }> {
  const org = await orgBySlug(deps.db, slug);
  const visibility = await visibilityOf(deps.db, org.id);
  if (!canViewScorecard(actor, org.id, visibility)) throw refuse(actor);
  return { org, visibility };
}

export async function getScorecard(deps: R, actor: Actor, slug: string, opts: ScorecardOptions): Promise<Scorecard> {
  const { org, visibility } = await scorecardAccess(deps, actor, slug);
  const insider = isInsider(actor, org.id);
  const version = await currentVersion(deps);
  const at = deps.clock.now();
  const latest = await latestResultsFor(deps.db, org.id);
  const allAnswers = await repo.listAnswers(deps.db, org.id);
  const answers = newestAnswers(allAnswers);
  const statuses = practiceStatuses(version.rules, checkStatusMap(latest), answers, at);
  const ids = version.rules.map((r) => r.id);
  const titles = await pickText(deps.db, PRACTICE_OWNER, ids, 'title', opts.lang);
  const questions = await pickText(deps.db, PRACTICE_OWNER, ids.filter((id) => !isMeasured(version.rules.find((r) => r.id === id)!)), 'question', opts.lang);
  const gapIds = ids.filter((id) => GAP_STATUSES.includes(statuses.get(id)!));
  const guides = opts.guides ? await pickText(deps.db, PRACTICE_OWNER, gapIds, 'guide', opts.lang) : new Map<string, PickedText>();
  const names = insider ? await repo.personNames(deps.db, [...answers.values()].flatMap((a) => (a.answeredBy ? [a.answeredBy] : []))) : new Map<string, string>();
  const help = insider ? new Map((await repo.listRequests(deps.db, { orgId: org.id, statuses: ['open', 'connected'], limit: 200 })).map((h) => [h.practiceId, h])) : new Map<string, repo.HelpRequest>();

  const practices: PracticeCard[] = version.rules.map((rule) => {
    const a = answers.get(rule.id);
    return {
      rule,
      measured: isMeasured(rule),
      status: statuses.get(rule.id)!,
      title: titles.get(rule.id),
      guide: guides.get(rule.id),
      question: questions.get(rule.id),
      checks: insider && isMeasured(rule) ? rule.checks.flatMap((c) => (latest.has(c) ? [latest.get(c)!] : [])) : undefined,
      answer:
        insider && a && !isMeasured(rule)
          ? { answer: a, answeredByName: a.answeredBy ? (names.get(a.answeredBy) ?? null) : null, expiresAt: answerExpiresAt(a.answeredAt), expired: answerExpiresAt(a.answeredAt) <= at }
          : undefined,
      help: help.get(rule.id),
    };
  });

  let lastScanAt: Date | undefined;
  for (const c of latest.values()) if (!lastScanAt || c.scannedAt > lastScanAt) lastScanAt = c.scannedAt;

  return {
    org,
    visibility,
    insider,
    canManage: canAssess(actor, org.id),
    version: { version: version.version, publishedAt: version.publishedAt },
    at,
    scores: scorePractices(version.rules, statuses),
    practices,
    lastScanAt,
    trend: opts.trend ? await trendFor(deps, org.id, allAnswers, at) : [],
  };
}

async function trendFor(deps: R, orgId: string, answers: readonly repo.AnswerRecord[], at: Date): Promise<TrendPoint[]> {
  const from = new Date(at.getTime() - TREND_DAYS * DAY_MS);
  // A little before the window too, so its first point knows every domain's state.
  const scans = await scanHistory(deps.db, orgId, new Date(from.getTime() - 60 * DAY_MS));
  const versions = await repo.listVersions(deps.db);
  return buildTrend({
    versions,
    scans: scans.map((s) => ({ at: s.finishedAt, checks: s.orgChecks })),
    answers: answers.map((a) => ({ practiceId: a.practiceId, answer: a.answer, answeredAt: a.answeredAt })),
    from,
    to: at,
  });
}

// ── One practice of one organisation ─────────────────────────────────────

export interface OrgPracticeView {
  scorecard: Scorecard;
  card: PracticeCard;
  why: PickedText | undefined;
  guide: PickedText | undefined;
  /** Every answer given to it, newest first (insiders). */
  history: AnswerView[];
  helpers: repo.OrgBrief[];
}

/** The organisation's own page for one practice: its people only (it shows evidence and notes). */
export async function getOrgPractice(deps: R, actor: Actor, slug: string, practiceId: string, lang: string): Promise<OrgPracticeView> {
  const org = await orgBySlug(deps.db, slug);
  if (!isInsider(actor, org.id)) throw refuse(actor);
  const scorecard = await getScorecard(deps, actor, slug, { lang });
  const card = scorecard.practices.find((p) => p.rule.id === practiceId);
  if (!card) throw errors.practiceNotFound();
  const why = (await pickText(deps.db, PRACTICE_OWNER, [practiceId], 'why', lang)).get(practiceId);
  const guide = (await pickText(deps.db, PRACTICE_OWNER, [practiceId], 'guide', lang)).get(practiceId);
  const all = (await repo.listAnswers(deps.db, org.id)).filter((a) => a.practiceId === practiceId).reverse();
  const names = await repo.personNames(deps.db, all.flatMap((a) => (a.answeredBy ? [a.answeredBy] : [])));
  const history = all.map((a) => ({
    answer: a,
    answeredByName: a.answeredBy ? (names.get(a.answeredBy) ?? null) : null,
    expiresAt: answerExpiresAt(a.answeredAt),
    expired: answerExpiresAt(a.answeredAt) <= scorecard.at,
  }));
  return { scorecard, card, why, guide, history, helpers: (await repo.listHelpersFor(deps.db, practiceId)).filter((o) => o.id !== org.id) };
}

// ── Changes: answers and visibility ──────────────────────────────────────

/** Refuses (401/403) anyone who may not answer, set visibility, mark help or ask for it: before their input is looked at. */
export async function assertMayAssess(deps: R, actor: Actor, slug: string): Promise<repo.OrgBrief> {
  const org = await orgBySlug(deps.db, slug);
  if (!canAssess(actor, org.id)) throw refuse(actor);
  return org;
}

export async function answerPractice(deps: R, actor: Actor, slug: string, practiceId: string, input: AnswerInput): Promise<repo.AnswerRecord> {
  const org = await orgBySlug(deps.db, slug);
  if (!canAssess(actor, org.id)) throw refuse(actor);
  const version = await currentVersion(deps);
  const rule = version.rules.find((r) => r.id === practiceId);
  if (!rule) throw errors.notInBaseline();
  if (isMeasured(rule)) throw errors.notSelfAssessed();
  const url = input.evidenceUrl.trim();
  // The API reaches here without the form's schema: check again, store nothing that is not http(s).
  if (url !== '' && !isHttpUrl(url)) throw errors.evidenceUrl();
  const note = input.note.replace(/\r\n?/g, '\n').trim();
  return deps.db.transaction().execute(async (trx) => {
    const answer = await repo.insertAnswer(trx, {
      id: newId(),
      org_id: org.id,
      practice_id: practiceId,
      answer: input.answer,
      note: note === '' ? null : note,
      evidence_url: url === '' ? null : url,
      baseline_version: version.version,
      answered_by: personOf(actor)?.id ?? null,
      answered_at: toTimestamp(deps.clock.now()),
    });
    // The answer itself stays out of the audit log, which federation admins read: it is the organisation's own.
    await audit(trx, actor, 'posture.answer.recorded', { targetType: 'posture_practice', targetId: practiceId, orgId: org.id, data: { answerId: answer.id, version: version.version } });
    return answer;
  });
}

export async function setVisibility(deps: R, actor: Actor, slug: string, visibility: Visibility): Promise<void> {
  const org = await orgBySlug(deps.db, slug);
  if (!canSetVisibility(actor, org.id)) throw refuse(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await visibilityOf(trx, org.id);
    await repo.upsertVisibility(trx, org.id, visibility, personOf(actor)?.id ?? null, nowTs(deps.clock));
    await audit(trx, actor, 'posture.visibility.changed', { targetType: 'organisation', targetId: org.id, orgId: org.id, data: { from: before, to: visibility } });
  });
}

export interface SelfAssessmentItem {
  rule: PracticeRule;
  status: PracticeStatus;
  answer: AnswerView | undefined;
}

/** The self-assessed practices of the published baseline with the organisation's answers (its people only). */
export async function getSelfAssessment(deps: R, actor: Actor, slug: string, lang: string): Promise<{ scorecard: Scorecard; items: SelfAssessmentItem[] }> {
  const org = await orgBySlug(deps.db, slug);
  if (!isInsider(actor, org.id)) throw refuse(actor);
  const scorecard = await getScorecard(deps, actor, slug, { lang });
  return { scorecard, items: scorecard.practices.filter((p) => !p.measured).map((p) => ({ rule: p.rule, status: p.status, answer: p.answer })) };
}

// ── The federation overview ──────────────────────────────────────────────

/** Aggregates need at least this many organisations, and never exactly one or two the viewer cannot see individually. */
export const MIN_GROUP = 3;

export interface Aggregate {
  /** Mean over the organisations that have this figure; undefined when withheld or empty. */
  value: number | undefined;
  organisations: number;
  withheld: boolean;
}

export interface OverviewRow {
  org: repo.OrgBrief;
  visibility: Visibility;
  scores: ScoreSet;
  lastScanAt: Date | undefined;
}

export interface FederationOverview {
  version: { version: number; publishedAt: Date };
  /** Organisations the viewer may see individually. */
  rows: OverviewRow[];
  /** How many active organisations there are, and how many the viewer does not see individually. */
  total: number;
  hidden: number;
  overall: Record<keyof ScoreTriple, Aggregate>;
  areas: Record<Area, Record<keyof ScoreTriple, Aggregate>>;
  /** Per practice: the share of organisations that meet it, among those for which it counts. */
  practices: { rule: PracticeRule; title: PickedText | undefined; passing: Aggregate }[];
}

/**
 * One figure over a group of organisations, or withheld: at least MIN_GROUP
 * organisations must contribute, and those of them the viewer cannot see
 * individually must be none or at least MIN_GROUP — otherwise the aggregate
 * minus the visible scorecards would reveal one or two hidden organisations.
 */
export function aggregate(values: readonly { value: number | undefined; visible: boolean }[]): Aggregate {
  const counted = values.filter((v) => v.value !== undefined);
  const hidden = counted.filter((v) => !v.visible).length;
  const withheld = counted.length < MIN_GROUP || (hidden > 0 && hidden < MIN_GROUP);
  return {
    value: withheld || counted.length === 0 ? undefined : counted.reduce((s, v) => s + v.value!, 0) / counted.length,
    organisations: counted.length,
    withheld,
  };
}

export async function federationOverview(deps: R, actor: Actor, lang: string): Promise<FederationOverview> {
  const version = await currentVersion(deps);
  const at = deps.clock.now();
  const orgs = await repo.listActiveOrgs(deps.db);
  const visibilities = await repo.listVisibilities(deps.db);
  const answersByOrg = new Map<string, repo.AnswerRecord[]>();
  for (const a of await repo.listAnswersOf(deps.db, orgs.map((o) => o.id))) {
    const list = answersByOrg.get(a.orgId) ?? [];
    list.push(a);
    answersByOrg.set(a.orgId, list);
  }
  const all: { row: OverviewRow; statuses: Map<string, PracticeStatus>; visible: boolean }[] = [];
  for (const org of orgs) {
    const visibility = visibilities.get(org.id) ?? DEFAULT_VISIBILITY;
    const latest = await latestResultsFor(deps.db, org.id);
    const answers: Map<string, AnswerState> = newestAnswers(answersByOrg.get(org.id) ?? []);
    const statuses = practiceStatuses(version.rules, checkStatusMap(latest), answers, at);
    let lastScanAt: Date | undefined;
    for (const c of latest.values()) if (!lastScanAt || c.scannedAt > lastScanAt) lastScanAt = c.scannedAt;
    all.push({ row: { org, visibility, scores: scorePractices(version.rules, statuses), lastScanAt }, statuses, visible: canViewScorecard(actor, org.id, visibility) });
  }
  const kinds: (keyof ScoreTriple)[] = ['measured', 'self', 'combined'];
  const triple = (pick: (s: ScoreSet) => ScoreTriple) =>
    Object.fromEntries(kinds.map((k) => [k, aggregate(all.map((o) => ({ value: pick(o.row.scores)[k], visible: o.visible })))])) as Record<keyof ScoreTriple, Aggregate>;
  const titles = await pickText(deps.db, PRACTICE_OWNER, version.rules.map((r) => r.id), 'title', lang);
  return {
    version: { version: version.version, publishedAt: version.publishedAt },
    rows: all.filter((o) => o.visible).map((o) => o.row),
    total: all.length,
    hidden: all.filter((o) => !o.visible).length,
    overall: triple((s) => s.overall),
    areas: Object.fromEntries(AREAS.map((a) => [a, triple((s) => s.areas[a])])) as Record<Area, Record<keyof ScoreTriple, Aggregate>>,
    practices: version.rules.map((rule) => ({
      rule,
      title: titles.get(rule.id),
      passing: aggregate(
        all.map((o) => {
          const s = o.statuses.get(rule.id)!;
          // Counted where the practice applies and is judged: not measured yet or not applicable says nothing.
          const value = s === 'unknown' || s === 'na' ? undefined : s === 'pass' ? 1 : 0;
          return { value, visible: o.visible };
        }),
      ),
    })),
  };
}
