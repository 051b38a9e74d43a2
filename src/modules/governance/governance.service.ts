// Proposals decided by consent: one position per organisation, a quorum counted
// in organisations, closing on time through the job system, reminders 48 hours
// before, outcome statements, discussion with edit history, delegates.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, personOf, roleIn, systemActor } from '../../kernel/auth/actor.js';
import { AppError, forbidden, validationFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { enqueueJob } from '../../kernel/jobs/registry.js';
import { queueMail } from '../../kernel/mail/outbox.js';
import { getSetting, setSetting, deleteSetting } from '../../kernel/settings.js';
import { nowTs, toTimestamp } from '../../kernel/time.js';
import { listTranslations, pickText, setText, type PickedText, type TextVersion } from '../../kernel/text/index.js';
import * as repo from './governance.repository.js';
import * as errors from './governance.errors.js';
import {
  canCreateProposal,
  canDiscuss,
  canEditComment,
  canManageDelegates,
  canManageGovernanceSettings,
  canOpenAdmission,
  canRecordOutcome,
  canSetPosition,
  canTranslate,
  canWithdraw,
} from './governance.policy.js';
import { defaultQuorum, needsReason, passes, tally, type Tally } from './governance.rules.js';
import { runDecisionHandlers, runOutcomeHandlers } from './governance.hooks.js';
import type { CreateProposalInput, OutcomeInput, PositionInput, TranslationInput } from './governance.schemas.js';
import type { ProposalStatus } from './governance.tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

export const OWNER = 'proposal';
export const QUORUM_SETTING = 'governance.quorum';
export const CLOSE_JOB = 'governance.close';
export const REMIND_JOB = 'governance.remind';
export const SWEEP_JOB = 'governance.close-due';
export const REMINDER_BEFORE_MS = 48 * 3_600_000;
const MIN_DURATION_MS = 60 * 60_000;
const MAX_AHEAD_MS = 366 * 24 * 3_600_000;

export const closeJobId = (proposalId: string) => `${CLOSE_JOB}:${proposalId}`;
export const remindJobId = (proposalId: string) => `${REMIND_JOB}:${proposalId}`;

function requirePerson(actor: Actor) {
  const p = personOf(actor);
  if (!p) throw new AppError('UNAUTHENTICATED', 401);
  return p;
}

// ── Quorum ───────────────────────────────────────────────────────────────

export interface QuorumSetting {
  /** The number federation admins set, or null for the default. */
  configured: number | null;
  activeOrganisations: number;
  defaultQuorum: number;
  effective: number;
}

async function readQuorum(db: Db): Promise<QuorumSetting> {
  const raw = await getSetting(db, QUORUM_SETTING);
  const n = raw === undefined ? NaN : Number(raw);
  const configured = Number.isInteger(n) && n >= 1 ? n : null;
  const active = await repo.countActiveOrganisations(db);
  const def = defaultQuorum(active);
  return { configured, activeOrganisations: active, defaultQuorum: def, effective: configured ?? def };
}

export async function viewQuorumSetting(deps: D, actor: Actor): Promise<QuorumSetting> {
  if (!canManageGovernanceSettings(actor)) throw forbidden();
  return readQuorum(deps.db);
}

/** The quorum new proposals get. Each proposal keeps the quorum it opened with, so the rule cannot move under a running decision. */
export async function currentQuorum(deps: Pick<D, 'db'>): Promise<number> {
  return (await readQuorum(deps.db)).effective;
}

export async function setQuorumSetting(deps: D, actor: Actor, quorum: number | null): Promise<void> {
  if (!canManageGovernanceSettings(actor)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const before = (await readQuorum(trx)).configured;
    if (quorum === null) await deleteSetting(trx, QUORUM_SETTING);
    else await setSetting(trx, QUORUM_SETTING, String(quorum));
    await audit(trx, actor, 'governance.settings.quorum_changed', { data: { from: before, to: quorum } });
  });
}

// ── Creating and withdrawing ─────────────────────────────────────────────

export interface CreateOptions {
  /** What the decision is about, for the module that asked for it. */
  subject?: { type: string; id: string };
  /** Runs inside the creating transaction (the asking module links its record). */
  within?: (trx: Db, proposal: repo.Proposal) => Promise<void>;
}

export async function createProposal(deps: D, actor: Actor, input: CreateProposalInput, opts: CreateOptions = {}): Promise<repo.Proposal> {
  const person = requirePerson(actor);
  if (input.kind === 'admission') {
    if (!canOpenAdmission(actor)) throw forbidden();
    if (!opts.subject) throw validationFailed({ kind: 'gov.form.admissionFromApplication' });
  } else if (!canCreateProposal(actor, input.authorOrgId)) throw forbidden();

  const now = deps.clock.now();
  // A time entered to the minute may lie seconds in the past: it means "now".
  const opensAt = input.opensAt && input.opensAt > now ? input.opensAt : now;
  const fields: Record<string, string> = {};
  if (input.closesAt.getTime() <= now.getTime()) fields.closesAt = 'gov.form.closesInPast';
  else if (input.closesAt.getTime() - opensAt.getTime() < MIN_DURATION_MS) fields.closesAt = 'gov.form.tooShort';
  else if (input.closesAt.getTime() - now.getTime() > MAX_AHEAD_MS) fields.closesAt = 'gov.form.tooFar';
  if (input.opensAt && input.opensAt.getTime() - now.getTime() > MAX_AHEAD_MS) fields.opensAt = 'gov.form.tooFar';
  if (Object.keys(fields).length > 0) throw validationFailed(fields);

  return deps.db.transaction().execute(async (trx) => {
    if (input.authorOrgId) {
      const org = await repo.findOrganisationBrief(trx, input.authorOrgId);
      if (!org || org.status !== 'active') throw errors.orgNotActive();
    }
    const id = newId();
    const stamp = toTimestamp(now);
    const row = {
      id,
      kind: input.kind,
      author_org_id: input.authorOrgId,
      author_id: person.id,
      subject_type: opts.subject?.type ?? null,
      subject_id: opts.subject?.id ?? null,
      time_zone: input.timeZone,
      opens_at: toTimestamp(opensAt),
      closes_at: toTimestamp(input.closesAt),
      quorum: await currentQuorum({ db: trx }),
      status: 'open' as const,
      closed_at: null,
      tally: null,
      reminded_at: null,
      outcome_at: null,
      outcome_by: null,
      created_at: stamp,
      updated_at: stamp,
    };
    await repo.insertProposal(trx, row);
    const owner = { ownerType: OWNER, ownerId: id };
    await setText(trx, { ...owner, field: 'title', lang: input.lang, body: input.title, source: true, by: person.id, now });
    await setText(trx, { ...owner, field: 'body', lang: input.lang, body: input.body, source: true, by: person.id, now });
    // Closing happens at its time through the job system, whoever visits the page or not.
    await enqueueJob(trx, deps.clock, CLOSE_JOB, { proposalId: id }, { id: closeJobId(id), runAt: input.closesAt, maxAttempts: 20 });
    const remindAt = new Date(input.closesAt.getTime() - REMINDER_BEFORE_MS);
    if (remindAt > now) await enqueueJob(trx, deps.clock, REMIND_JOB, { proposalId: id }, { id: remindJobId(id), runAt: remindAt, maxAttempts: 12 });
    await audit(trx, actor, 'governance.proposal.created', {
      targetType: 'proposal',
      targetId: id,
      ...(input.authorOrgId ? { orgId: input.authorOrgId } : {}),
      data: { kind: input.kind, lang: input.lang, closesAt: row.closes_at, quorum: row.quorum, ...(opts.subject ? { subject: opts.subject } : {}) },
    });
    const proposal = repo.toProposal(row);
    if (opts.within) await opts.within(trx, proposal);
    return proposal;
  });
}

export async function withdrawProposal(deps: D, actor: Actor, id: string): Promise<repo.Proposal> {
  requirePerson(actor);
  const p = await repo.getProposal(deps.db, id);
  if (!canWithdraw(actor, p)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const now = nowTs(deps.clock);
    if (!(await repo.lockOpenProposal(trx, id, now))) throw errors.proposalClosed(p.closesAt);
    await repo.setClosed(trx, id, 'withdrawn', null, now);
    const after = await repo.getProposal(trx, id);
    await runDecisionHandlers({ proposal: after, outcome: 'withdrawn', tally: null }, { trx, deps });
    await audit(trx, actor, 'governance.proposal.withdrawn', { targetType: 'proposal', targetId: id, ...(p.authorOrgId ? { orgId: p.authorOrgId } : {}) });
    return after;
  });
}

// ── Positions ────────────────────────────────────────────────────────────

export async function setPosition(deps: D, actor: Actor, proposalId: string, input: PositionInput): Promise<void> {
  const person = requirePerson(actor);
  // Authorization first, from the organisation alone: nobody learns which proposals exist by asking for another's.
  const delegate = roleIn(actor, input.orgId) === 'member' ? await repo.isDelegate(deps.db, input.orgId, person.id) : false;
  if (!canSetPosition(actor, input.orgId, delegate)) throw forbidden();
  const reason = input.reason.trim();
  if (needsReason(input.position) && reason === '') throw errors.reasonRequired();
  const p = await repo.getProposal(deps.db, proposalId);
  const now = deps.clock.now();
  if (p.status === 'open' && p.opensAt > now) throw errors.notOpenYet(p.opensAt);
  await deps.db.transaction().execute(async (trx) => {
    const stamp = toTimestamp(now);
    // The row lock also waits for a close in progress, and refuses once it is done.
    if (!(await repo.lockOpenProposal(trx, proposalId, stamp))) throw errors.proposalClosed(p.closesAt);
    const org = await repo.findOrganisationBrief(trx, input.orgId);
    if (!org || org.status !== 'active') throw errors.orgNotActive();
    const before = await repo.findPosition(trx, proposalId, input.orgId);
    await repo.upsertPosition(trx, {
      proposal_id: proposalId,
      org_id: input.orgId,
      position: input.position,
      reason: reason === '' ? null : reason,
      set_by: person.id,
      set_at: stamp,
    });
    await audit(trx, actor, 'governance.position.set', {
      targetType: 'proposal',
      targetId: proposalId,
      orgId: input.orgId,
      data: { position: input.position, previous: before?.position ?? null, reason: reason === '' ? null : reason, delegate },
    });
  });
}

// ── Closing ──────────────────────────────────────────────────────────────

/**
 * Closes a proposal whose time has come: passes when enough organisations took
 * a position and no block stands. The decision handlers of its kind run in the
 * same transaction. Returns undefined when there was nothing to close (already
 * closed, withdrawn, or not due yet).
 */
export async function closeProposal(deps: D, id: string): Promise<{ status: ProposalStatus; tally: Tally } | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    const now = nowTs(deps.clock);
    if (!(await repo.lockDueProposal(trx, id, now))) return undefined;
    const p = await repo.getProposal(trx, id);
    // Organisations suspended since they spoke are no longer counted.
    const positions = await repo.listPositions(trx, [id], { activeOnly: true });
    const t = tally(p.quorum, positions.map((x) => x.position));
    const status: ProposalStatus = passes(t) ? 'passed' : 'not_passed';
    await repo.setClosed(trx, id, status, t, now);
    const after = await repo.getProposal(trx, id);
    await runDecisionHandlers({ proposal: after, outcome: status === 'passed' ? 'passed' : 'not_passed', tally: t }, { trx, deps });
    await audit(trx, systemActor('governance'), 'governance.proposal.closed', {
      targetType: 'proposal',
      targetId: id,
      ...(p.authorOrgId ? { orgId: p.authorOrgId } : {}),
      data: { status, tally: t },
    });
    return { status, tally: t };
  });
}

/** The safety net: closes every open proposal past its time (a close job lost with a restored backup, say). */
export async function closeDueProposals(deps: D): Promise<number> {
  let closed = 0;
  const failures: string[] = [];
  for (const id of await repo.listDueProposalIds(deps.db, nowTs(deps.clock))) {
    try {
      if (await closeProposal(deps, id)) closed++;
    } catch (err) {
      failures.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (failures.length) throw new Error(`could not close ${failures.join('; ')}`);
  return closed;
}

// ── Reminders ────────────────────────────────────────────────────────────

/**
 * E-mails the org-admins of every organisation without a position, each in
 * their own language and time zone. Once per proposal: the reminded_at mark is
 * set in the same transaction as the queued messages.
 */
export async function sendReminders(deps: D, id: string): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    if (!(await repo.markReminded(trx, id, toTimestamp(now)))) return 0;
    const p = await repo.getProposal(trx, id);
    const recipients = await repo.listRemindable(trx, id);
    const orgs = await repo.listOrganisationBriefs(trx, recipients.map((r) => r.orgId));
    const titles = new Map<string, PickedText | undefined>();
    for (const r of recipients) {
      const locale = r.locale ?? deps.config.defaultLocale;
      const i18n = translator(locale, r.timeZone ?? deps.config.defaultTimeZone);
      if (!titles.has(i18n.locale)) titles.set(i18n.locale, (await pickText(trx, OWNER, [id], 'title', i18n.locale)).get(id));
      const title = titles.get(i18n.locale)?.body ?? '';
      await queueMail(trx, deps.clock, {
        to: r.email,
        subject: i18n.t('mail.gov.reminder.subject', { title }),
        text: i18n.t('mail.gov.reminder.body', {
          name: r.displayName,
          org: orgs.get(r.orgId)?.name ?? '',
          title,
          closes: i18n.dateTime(p.closesAt),
          zone: i18n.timeZone,
          link: `${deps.config.baseUrl}/proposals/${id}`,
        }),
      });
    }
    await audit(trx, systemActor('governance'), 'governance.reminders.sent', {
      targetType: 'proposal',
      targetId: id,
      data: { recipients: recipients.length, organisations: new Set(recipients.map((r) => r.orgId)).size },
    });
    return recipients.length;
  });
}

// ── Outcome statement and translations ───────────────────────────────────

export async function recordOutcome(deps: D, actor: Actor, id: string, input: OutcomeInput): Promise<void> {
  const person = requirePerson(actor);
  if (!canRecordOutcome(actor)) throw forbidden();
  const p = await repo.getProposal(deps.db, id);
  if (p.status !== 'passed' && p.status !== 'not_passed') throw errors.stillOpen();
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // The first statement is the source; later saves keep each language's role (a new language is a translation).
    await setText(trx, { ownerType: OWNER, ownerId: id, field: 'outcome', lang: input.lang, body: input.statement, by: person.id, now });
    await repo.setOutcomeRecorded(trx, id, person.id, toTimestamp(now));
    const after = await repo.getProposal(trx, id);
    await runOutcomeHandlers({ proposal: after, lang: input.lang, statement: input.statement }, { trx, deps });
    await audit(trx, actor, 'governance.outcome.recorded', { targetType: 'proposal', targetId: id, data: { lang: input.lang, first: p.outcomeAt === null } });
  });
}

export async function addTranslation(deps: D, actor: Actor, id: string, input: TranslationInput): Promise<void> {
  const person = requirePerson(actor);
  const p = await repo.getProposal(deps.db, id);
  if (!canTranslate(actor, p)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const common = { ownerType: OWNER, ownerId: id, lang: input.lang, translator: input.translator, machine: input.machine, by: person.id, now };
    // A translation never replaces the original: saving in the source language is refused by the text kernel.
    await setText(trx, { ...common, field: 'title', body: input.title, source: false });
    await setText(trx, { ...common, field: 'body', body: input.body, source: false });
    await repo.touchProposal(trx, id, toTimestamp(now));
    await audit(trx, actor, 'governance.proposal.translated', {
      targetType: 'proposal',
      targetId: id,
      ...(p.authorOrgId ? { orgId: p.authorOrgId } : {}),
      data: { lang: input.lang, machine: input.machine },
    });
  });
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface ProposalSummary {
  proposal: repo.Proposal;
  title: PickedText | undefined;
  authorOrg: { id: string; slug: string; name: string } | undefined;
}

async function summaries(db: Db, proposals: repo.Proposal[], lang: string): Promise<ProposalSummary[]> {
  const ids = proposals.map((p) => p.id);
  const titles = await pickText(db, OWNER, ids, 'title', lang);
  const orgs = await repo.listOrganisationBriefs(db, proposals.flatMap((p) => (p.authorOrgId ? [p.authorOrgId] : [])));
  return proposals.map((p) => ({ proposal: p, title: titles.get(p.id), authorOrg: p.authorOrgId ? orgs.get(p.authorOrgId) : undefined }));
}

const cursorOf = (at: Date, id: string) => `${toTimestamp(at)}_${id}`;
function parseCursor(c: string | undefined): { at: string; id: string } | undefined {
  if (!c) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([a-z0-9]{1,40})$/.exec(c);
  return m ? { at: m[1]!, id: m[2]! } : undefined;
}

export interface Page<T> {
  items: T[];
  next: string | undefined;
}

const PAGE = 20;

/** Open proposals, closing soonest first. Public. */
export async function listOpenProposals(deps: Pick<D, 'db'>, lang: string, after?: string, limit = PAGE): Promise<Page<ProposalSummary>> {
  const rows = await repo.listOpenProposals(deps.db, { after: parseCursor(after), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: await summaries(deps.db, page, lang), next: rows.length > limit && last ? cursorOf(last.closesAt, last.id) : undefined };
}

export interface Decision extends ProposalSummary {
  positions: repo.Position[];
  outcome: PickedText | undefined;
}

/** The public decision log: decided proposals, most recently closed first, with positions and outcome statements. */
export async function listDecisions(deps: Pick<D, 'db'>, lang: string, before?: string, limit = PAGE): Promise<Page<Decision>> {
  const rows = await repo.listClosedProposals(deps.db, { statuses: ['passed', 'not_passed'], before: parseCursor(before), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const items = await summaries(deps.db, page, lang);
  const positions = await repo.listPositions(deps.db, page.map((p) => p.id));
  const outcomes = await pickText(deps.db, OWNER, page.map((p) => p.id), 'outcome', lang);
  const last = page[page.length - 1];
  return {
    items: items.map((s) => ({ ...s, positions: positions.filter((x) => x.proposalId === s.proposal.id), outcome: outcomes.get(s.proposal.id) })),
    next: rows.length > limit && last?.closedAt ? cursorOf(last.closedAt, last.id) : undefined,
  };
}

/** An organisation the reader may speak for on this proposal. */
export interface Voice {
  org: { id: string; slug: string; name: string };
  asDelegate: boolean;
  position: repo.Position | undefined;
}

export interface ProposalView extends ProposalSummary {
  body: PickedText | undefined;
  outcome: PickedText | undefined;
  positions: repo.Position[];
  /** The count so far (open) or at the close. */
  tally: Tally;
  voices: Voice[];
  acceptingPositions: boolean;
  comments: repo.Comment[] | undefined;
  canWithdraw: boolean;
  canRecordOutcome: boolean;
  canTranslate: boolean;
  canDiscuss: boolean;
  /** People may edit their own comments. */
  me: string | undefined;
}

export async function viewProposal(deps: D, actor: Actor, id: string, lang: string): Promise<ProposalView> {
  const p = await repo.getProposal(deps.db, id);
  const [summary] = await summaries(deps.db, [p], lang);
  const body = (await pickText(deps.db, OWNER, [id], 'body', lang)).get(id);
  const outcome = (await pickText(deps.db, OWNER, [id], 'outcome', lang)).get(id);
  const positions = await repo.listPositions(deps.db, [id]);
  const now = deps.clock.now();
  const accepting = p.status === 'open' && p.opensAt <= now && p.closesAt > now;
  const person = personOf(actor);
  let voices: Voice[] = [];
  if (person && actor.kind === 'person' && p.status === 'open') {
    const memberOf = actor.memberships.filter((m) => m.role === 'member').map((m) => m.orgId);
    const delegated = await repo.delegatedOrgIds(deps.db, person.id, memberOf);
    const speakable = actor.memberships.filter((m) => canSetPosition(actor, m.orgId, delegated.has(m.orgId)));
    const orgs = await repo.listOrganisationBriefs(deps.db, speakable.map((m) => m.orgId));
    voices = speakable
      .flatMap((m) => {
        const org = orgs.get(m.orgId);
        return org ? [{ org, asDelegate: m.role === 'member', position: positions.find((x) => x.orgId === m.orgId) }] : [];
      })
      .sort((a, b) => a.org.name.localeCompare(b.org.name));
  }
  const discuss = canDiscuss(actor);
  return {
    ...summary!,
    body,
    outcome,
    positions,
    tally: p.tally ?? tally(p.quorum, positions.map((x) => x.position)),
    voices,
    acceptingPositions: accepting,
    comments: discuss ? await repo.listComments(deps.db, id) : undefined,
    canWithdraw: p.status === 'open' && p.closesAt > now && canWithdraw(actor, p),
    canRecordOutcome: (p.status === 'passed' || p.status === 'not_passed') && canRecordOutcome(actor),
    canTranslate: canTranslate(actor, p),
    canDiscuss: discuss,
    me: person?.id,
  };
}

/** Every language version of the title, body and outcome, for the translation page. */
export async function proposalTexts(deps: Pick<D, 'db'>, id: string): Promise<{ title: TextVersion[]; body: TextVersion[]; outcome: TextVersion[] }> {
  const owner = { ownerType: OWNER, ownerId: id };
  return {
    title: await listTranslations(deps.db, owner, 'title'),
    body: await listTranslations(deps.db, owner, 'body'),
    outcome: await listTranslations(deps.db, owner, 'outcome'),
  };
}

export async function getProposalForTranslation(deps: D, actor: Actor, id: string): Promise<repo.Proposal> {
  requirePerson(actor);
  const p = await repo.getProposal(deps.db, id);
  if (!canTranslate(actor, p)) throw forbidden();
  return p;
}

export async function getProposalForOutcome(deps: D, actor: Actor, id: string): Promise<repo.Proposal> {
  requirePerson(actor);
  if (!canRecordOutcome(actor)) throw forbidden();
  const p = await repo.getProposal(deps.db, id);
  if (p.status !== 'passed' && p.status !== 'not_passed') throw errors.stillOpen();
  return p;
}

export async function getProposalForWithdrawal(deps: D, actor: Actor, id: string): Promise<repo.Proposal> {
  requirePerson(actor);
  const p = await repo.getProposal(deps.db, id);
  if (!canWithdraw(actor, p)) throw forbidden();
  return p;
}

/** Organisations the actor may open a proposal for (org-admin of), and whether they may open federation-wide ones. */
export async function proposalAuthorChoices(deps: D, actor: Actor): Promise<{ orgs: { id: string; name: string }[]; federation: boolean }> {
  requirePerson(actor);
  const adminOf = actor.kind === 'person' ? actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId) : [];
  const orgs = [...(await repo.listOrganisationBriefs(deps.db, adminOf)).values()].map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name));
  const federation = canCreateProposal(actor, null);
  if (orgs.length === 0 && !federation) throw forbidden();
  return { orgs, federation };
}

// ── Comments ─────────────────────────────────────────────────────────────

/** Throws unless the actor may take part in discussions. */
export function checkDiscussion(actor: Actor): void {
  requirePerson(actor);
  if (!canDiscuss(actor)) throw forbidden();
}

export async function addComment(deps: D, actor: Actor, proposalId: string, body: string): Promise<repo.Comment> {
  const person = requirePerson(actor);
  checkDiscussion(actor);
  await repo.getProposal(deps.db, proposalId);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertComment(trx, { id, proposal_id: proposalId, author_id: person.id, body: body.replace(/\r\n?/g, '\n'), created_at: nowTs(deps.clock) });
    await audit(trx, actor, 'governance.comment.added', { targetType: 'proposal', targetId: proposalId, data: { commentId: id } });
  });
  return (await repo.findComment(deps.db, proposalId, id))!;
}

export async function getCommentForEdit(deps: D, actor: Actor, proposalId: string, commentId: string): Promise<repo.Comment> {
  requirePerson(actor);
  if (!canDiscuss(actor)) throw forbidden();
  const c = await repo.findComment(deps.db, proposalId, commentId);
  if (!c) throw errors.commentNotFound();
  if (!canEditComment(actor, c.authorId)) throw forbidden();
  return c;
}

/** Saves a new version; every earlier one stays in the history. `fromVersion` guards against overwriting a newer edit. */
export async function editComment(deps: D, actor: Actor, proposalId: string, commentId: string, body: string, fromVersion: number): Promise<void> {
  const c = await getCommentForEdit(deps, actor, proposalId, commentId);
  const text = body.replace(/\r\n?/g, '\n');
  if (c.version === fromVersion && c.body === text) return;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateComment(trx, commentId, fromVersion, text, nowTs(deps.clock)))) throw errors.commentChanged();
    await audit(trx, actor, 'governance.comment.edited', { targetType: 'proposal', targetId: proposalId, data: { commentId, version: fromVersion + 1 } });
  });
}

export async function commentHistory(deps: D, actor: Actor, proposalId: string, commentId: string): Promise<{ comment: repo.Comment; versions: repo.CommentVersion[] }> {
  requirePerson(actor);
  if (!canDiscuss(actor)) throw forbidden();
  const comment = await repo.findComment(deps.db, proposalId, commentId);
  if (!comment) throw errors.commentNotFound();
  return { comment, versions: await repo.listCommentVersions(deps.db, commentId) };
}

// ── Delegates ────────────────────────────────────────────────────────────

export interface DelegatesView {
  org: { id: string; slug: string; name: string };
  delegates: repo.Delegate[];
  /** Members (not org-admins, who speak for the organisation anyway) who are not delegates yet. */
  candidates: { personId: string; displayName: string }[];
}

async function managedOrg(deps: D, actor: Actor, slug: string) {
  requirePerson(actor);
  const org = await deps.db.selectFrom('organisations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
  if (!org) throw new AppError('ORG_NOT_FOUND', 404);
  if (!canManageDelegates(actor, org.id)) throw forbidden();
  return org;
}

export async function viewDelegates(deps: D, actor: Actor, slug: string): Promise<DelegatesView> {
  const org = await managedOrg(deps, actor, slug);
  const delegates = await repo.listDelegates(deps.db, org.id);
  const taken = new Set(delegates.map((d) => d.personId));
  const members = await deps.db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id', 'people.display_name'])
    .where('memberships.org_id', '=', org.id)
    .where('memberships.role', '=', 'member')
    .where('people.status', '=', 'active')
    .orderBy('people.display_name')
    .execute();
  return { org, delegates, candidates: members.filter((m) => !taken.has(m.id)).map((m) => ({ personId: m.id, displayName: m.display_name })) };
}

export async function addDelegate(deps: D, actor: Actor, slug: string, personId: string): Promise<void> {
  const org = await managedOrg(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('memberships').select('role').where('org_id', '=', org.id).where('person_id', '=', personId).executeTakeFirst();
    if (!m) throw errors.notAMember();
    const added = await repo.insertDelegate(trx, { org_id: org.id, person_id: personId, added_by: personOf(actor)?.id ?? null, created_at: nowTs(deps.clock) });
    if (added) await audit(trx, actor, 'governance.delegate.added', { targetType: 'person', targetId: personId, orgId: org.id });
  });
}

export async function removeDelegate(deps: D, actor: Actor, slug: string, personId: string): Promise<void> {
  const org = await managedOrg(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.deleteDelegate(trx, org.id, personId)) {
      await audit(trx, actor, 'governance.delegate.removed', { targetType: 'person', targetId: personId, orgId: org.id });
    }
  });
}
