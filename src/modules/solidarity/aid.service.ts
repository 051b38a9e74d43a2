// Aid requests: an organisation asks → a governance proposal of kind funding →
// on pass a grant account is allocated from the fund → treasurers disburse
// (a second treasurer approves anything above the federation's threshold) →
// the organisation reports back. Nobody moves money for their own organisation.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, anonymous, personOf, systemActor } from '../../kernel/auth/actor.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { isLocale, translator } from '../../kernel/i18n/i18n.js';
import { nowTs, toTimestamp } from '../../kernel/time.js';
import { listTranslations, pickText, setText, type PickedText, type TextVersion } from '../../kernel/text/index.js';
import { createProposal, onProposalDecided, viewProposal, type DecisionHandler, type Proposal } from '../governance/index.js';
import { formatMinor, formatMoney, isCurrency } from './currencies.js';
import { type Account, type Posted, type Transaction, loadTransaction, lockLedger, postTransaction, toAccount } from './ledger.service.js';
import * as ledgerRepo from './ledger.repository.js';
import * as repo from './solidarity.repository.js';
import * as errors from './solidarity.errors.js';
import { amountOf, dayOf, requirePerson, treasurerFlag } from './fund.service.js';
import { canMoveMoneyFor, canPost, canSeeLedger, canSeeOrgFund, canSpeakForOrg } from './solidarity.policy.js';
import type { AidRequestInput, DisbursementInput, ReportInput } from './solidarity.schemas.js';
import type { Urgency } from './solidarity.tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

export const OWNER = 'aid_request';
export const SUBJECT = 'aid_request';
const system = systemActor('solidarity');

/** How long the federation has to decide, by urgency. */
export const DECISION_DAYS: Record<Urgency, number> = { urgent: 3, soon: 7, routine: 14 };

const orNull = (s: string) => (s === '' ? null : s);

// ── Asking ───────────────────────────────────────────────────────────────

/** The proposal's text: the purpose in the organisation's words, then the facts the decision needs. */
function proposalBody(input: AidRequestInput, minor: number, locale: string, link: string): string {
  const t = translator(locale).t;
  return [
    input.purpose,
    '',
    `- ${t('solidarity.request.amount')}: ${formatMoney(minor, input.currency, locale)}`,
    `- ${t('solidarity.request.urgency')}: ${t(`solidarity.urgency.${input.urgency}`)}`,
    `- ${t('solidarity.request.timeline')}: ${input.timeline}`,
    `- ${t('solidarity.request.reportPlan')}: ${input.reportPlan}`,
    '',
    link,
  ].join('\n');
}

export async function createAidRequest(deps: D, actor: Actor, input: AidRequestInput, opts: { locale: string }): Promise<repo.AidRequest> {
  const person = requirePerson(actor);
  const org = await repo.findOrgBySlug(deps.db, input.org);
  if (!org) throw new AppError('ORG_NOT_FOUND', 404, { fields: { org: { key: 'error.ORG_NOT_FOUND' } } });
  if (!canSpeakForOrg(actor, org.id)) throw forbidden();
  if (!isCurrency(input.currency)) throw errors.currencyUnknown();
  const minor = amountOf(input.amount, input.currency);
  const id = newId();
  const now = deps.clock.now();
  const closesAt = new Date(now.getTime() + DECISION_DAYS[input.urgency] * 86_400_000);
  const locale = isLocale(input.lang) ? input.lang : opts.locale;
  let created: repo.AidRequest | undefined;
  await createProposal(
    deps,
    actor,
    {
      title: input.title,
      body: proposalBody(input, minor, locale, `${deps.config.baseUrl}/fund/requests/${id}`),
      lang: input.lang,
      kind: 'funding',
      authorOrgId: org.id,
      opensAt: undefined,
      closesAt,
      timeZone: person.timeZone ?? deps.config.defaultTimeZone,
    },
    {
      subject: { type: SUBJECT, id },
      // In the proposal's transaction: the request and its proposal exist together or not at all.
      within: async (trx, proposal) => {
        const stamp = toTimestamp(now);
        const row = {
          id,
          org_id: org.id,
          title: input.title,
          amount_minor: minor,
          currency: input.currency,
          urgency: input.urgency,
          timeline: input.timeline,
          report_plan: input.reportPlan,
          undisclosed: input.undisclosed ? 1 : 0,
          status: 'proposed' as const,
          proposal_id: proposal.id,
          grant_account_id: null,
          created_by: person.id,
          created_at: stamp,
          updated_at: stamp,
          decided_at: null,
          reported_at: null,
        };
        await repo.insertRequest(trx, row);
        await setText(trx, { ownerType: OWNER, ownerId: id, field: 'purpose', lang: input.lang, body: input.purpose, source: true, by: person.id, now });
        await audit(trx, actor, 'solidarity.request.created', {
          targetType: 'aid_request',
          targetId: id,
          orgId: org.id,
          data: { amount: formatMinor(minor, input.currency), currency: input.currency, urgency: input.urgency, proposalId: proposal.id, undisclosed: input.undisclosed },
        });
        created = repo.toRequest(row);
      },
    },
  );
  return created!;
}

// ── The decision ─────────────────────────────────────────────────────────

async function requestOf(trx: Db, proposal: Proposal): Promise<repo.AidRequest | undefined> {
  if (proposal.subject?.type !== SUBJECT) return undefined;
  const r = await repo.lockRequest(trx, proposal.subject.id);
  return r && r.proposalId === proposal.id && r.status === 'proposed' ? r : undefined;
}

/**
 * Runs inside governance's closing transaction. On pass the granted amount moves
 * from the fund into the request's own grant account (an allocation: earmarked,
 * not yet paid). The fund may go below zero here: the federation decided, and
 * the report shows the shortfall until income covers it.
 */
export const fundingDecided: DecisionHandler = async (decision, { trx, deps }) => {
  // The ledger's lock first, as every ledger writer takes it before rows and the audit log.
  await lockLedger(trx);
  const r = await requestOf(trx, decision.proposal);
  if (!r) return;
  const now = nowTs(deps.clock);
  const target = { targetType: 'aid_request', targetId: r.id, orgId: r.orgId };
  if (decision.outcome !== 'passed') {
    const status = decision.outcome === 'withdrawn' ? 'withdrawn' : 'declined';
    await repo.updateRequest(trx, r.id, ['proposed'], { status, decided_at: now, updated_at: now });
    await audit(trx, system, `solidarity.request.${status}`, { ...target, data: { proposalId: decision.proposal.id } });
    return;
  }
  const { transaction } = await postTransaction(trx, system, deps.clock, {
    key: `allocation:${r.id}`,
    kind: 'allocation',
    occurredOn: now.slice(0, 10),
    orgId: r.orgId,
    category: 'grants',
    details: { requestId: r.id, proposalId: decision.proposal.id },
    postings: [
      { account: { kind: 'grant', requestId: r.id, orgId: r.orgId, currency: r.currency }, amountMinor: r.amountMinor },
      { account: { kind: 'fund', currency: r.currency }, amountMinor: -r.amountMinor },
    ],
  });
  const grant = transaction.postings.find((p) => p.accountKind === 'grant')!;
  await repo.updateRequest(trx, r.id, ['proposed'], { status: 'granted', grant_account_id: grant.accountId, decided_at: now, updated_at: now });
  await audit(trx, system, 'solidarity.request.granted', { ...target, data: { proposalId: decision.proposal.id, transactionId: transaction.id } });
};

/** Called from registerJobs in app.ts, so that `hearth worker` closes funding proposals with their consequences too. */
export function registerFundingHooks(): void {
  onProposalDecided('funding', fundingDecided);
}

// ── Disbursing ───────────────────────────────────────────────────────────

async function assertMayMoveMoney(deps: D, actor: Actor, orgId: string): Promise<void> {
  requirePerson(actor);
  const treasurer = await treasurerFlag(deps.db, actor);
  if (!canPost(actor, treasurer)) throw errors.notTreasurer();
  if (!canMoveMoneyFor(actor, treasurer, orgId)) throw errors.ownOrganisation();
}

export interface DisbursementResult {
  disbursement: repo.Disbursement;
  /** Set when it was posted at once (at or below the threshold). */
  posted: Posted | undefined;
  replayed: boolean;
}

/** The amount above which a second treasurer must approve; none set means every disbursement needs two. */
export async function thresholdFor(db: Db, currency: string): Promise<number> {
  return (await repo.findThreshold(db, currency)) ?? 0;
}

function disbursementPostings(r: repo.AidRequest, minor: number) {
  return [
    { account: { kind: 'expense' as const, category: 'grants', currency: r.currency }, amountMinor: minor },
    { account: { kind: 'grant' as const, requestId: r.id, orgId: r.orgId, currency: r.currency }, amountMinor: -minor },
  ];
}

/**
 * A treasurer records money paid out of a grant. The grant's row is locked, its
 * balance (less what already waits for approval) re-checked, then the
 * disbursement is posted, or left pending for a second treasurer when above the
 * threshold. The same key again returns what the first call did.
 */
/** A treasurer of no part in the requesting organisation; refused before anything else is read. */
export async function assertMayDisburse(deps: D, actor: Actor, requestId: string): Promise<repo.AidRequest> {
  const request = await repo.findRequest(deps.db, requestId);
  if (!request) {
    requirePerson(actor);
    if (!canPost(actor, await treasurerFlag(deps.db, actor))) throw errors.notTreasurer();
    throw errors.requestNotFound();
  }
  await assertMayMoveMoney(deps, actor, request.orgId);
  return request;
}

export async function disburse(deps: D, actor: Actor, requestId: string, input: DisbursementInput): Promise<DisbursementResult> {
  const request = await assertMayDisburse(deps, actor, requestId);
  const me = personOf(actor)!;
  const minor = amountOf(input.amount, request.currency);
  const occurredOn = dayOf(deps, input.occurredOn);
  return deps.db.transaction().execute(async (trx): Promise<DisbursementResult> => {
    await lockLedger(trx);
    const earlier = await repo.findDisbursementByKey(trx, input.key);
    if (earlier) {
      if (earlier.requestId !== requestId || earlier.amountMinor !== minor || earlier.occurredOn !== occurredOn) throw errors.idempotencyConflict();
      const tx = earlier.transactionId ? await loadTransaction(trx, earlier.transactionId) : undefined;
      return { disbursement: earlier, posted: tx ? { transaction: tx, replayed: true } : undefined, replayed: true };
    }
    const r = await repo.lockRequest(trx, requestId);
    if (!r || (r.status !== 'granted' && r.status !== 'reported') || !r.grantAccountId) throw errors.requestWrongState();
    const grant = (await ledgerRepo.lockAccounts(trx, [r.grantAccountId])).get(r.grantAccountId)!;
    const available = grant.balance_minor - (await repo.pendingTotal(trx, r.id));
    if (minor > available) throw errors.insufficient(formatMinor(Math.max(available, 0), r.currency), r.currency);
    const id = newId();
    const stamp = nowTs(deps.clock);
    const needsSecond = minor > (await thresholdFor(trx, r.currency));
    let posted: Posted | undefined;
    if (!needsSecond) {
      posted = await postTransaction(trx, actor, deps.clock, {
        key: `disbursement:${id}`,
        kind: 'disbursement',
        occurredOn,
        orgId: r.orgId,
        category: 'grants',
        reference: orNull(input.reference),
        memo: orNull(input.memo),
        details: { requestId: r.id, disbursementId: id },
        postings: disbursementPostings(r, minor),
      });
    }
    const row = {
      id,
      request_id: r.id,
      amount_minor: minor,
      currency: r.currency,
      occurred_on: occurredOn,
      reference: orNull(input.reference),
      memo: orNull(input.memo),
      status: needsSecond ? ('pending' as const) : ('posted' as const),
      idempotency_key: input.key,
      requested_by: me.id,
      requested_at: stamp,
      decided_by: needsSecond ? null : me.id,
      decided_at: needsSecond ? null : stamp,
      transaction_id: posted?.transaction.id ?? null,
    };
    await repo.insertDisbursement(trx, row);
    if (needsSecond) {
      await audit(trx, actor, 'solidarity.disbursement.requested', {
        targetType: 'disbursement',
        targetId: id,
        orgId: r.orgId,
        data: { requestId: r.id, amount: formatMinor(minor, r.currency), currency: r.currency },
      });
    }
    return { disbursement: repo.toDisbursement(row), posted, replayed: false };
  });
}

async function pendingFor(deps: D, actor: Actor, id: string): Promise<{ d: repo.Disbursement; r: repo.AidRequest }> {
  const d = await repo.findDisbursement(deps.db, id);
  const r = d && (await repo.findRequest(deps.db, d.requestId));
  if (!d || !r) {
    requirePerson(actor);
    if (!canPost(actor, await treasurerFlag(deps.db, actor))) throw errors.notTreasurer();
    throw errors.disbursementNotFound();
  }
  await assertMayMoveMoney(deps, actor, r.orgId);
  return { d, r };
}

/** A second treasurer, not the one who asked and not of the receiving organisation, posts a pending disbursement. */
export async function approveDisbursement(deps: D, actor: Actor, id: string): Promise<Posted> {
  const { d, r } = await pendingFor(deps, actor, id);
  const me = personOf(actor)!;
  if (d.requestedBy === me.id) throw errors.sameTreasurer();
  return deps.db.transaction().execute(async (trx) => {
    await lockLedger(trx);
    const fresh = await repo.findDisbursement(trx, id);
    if (!fresh || fresh.status !== 'pending') throw errors.disbursementNotPending();
    const posted = await postTransaction(trx, actor, deps.clock, {
      key: `disbursement:${d.id}`,
      kind: 'disbursement',
      occurredOn: d.occurredOn,
      orgId: r.orgId,
      category: 'grants',
      reference: d.reference,
      memo: d.memo,
      details: { requestId: r.id, disbursementId: d.id, requestedBy: d.requestedBy },
      postings: disbursementPostings(r, d.amountMinor),
    });
    await repo.settleDisbursement(trx, id, { status: 'posted', decided_by: me.id, decided_at: nowTs(deps.clock), transaction_id: posted.transaction.id });
    await audit(trx, actor, 'solidarity.disbursement.approved', { targetType: 'disbursement', targetId: id, orgId: r.orgId, data: { transactionId: posted.transaction.id } });
    return posted;
  });
}

export async function cancelDisbursement(deps: D, actor: Actor, id: string): Promise<void> {
  const { r } = await pendingFor(deps, actor, id);
  const me = personOf(actor)!;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.settleDisbursement(trx, id, { status: 'cancelled', decided_by: me.id, decided_at: nowTs(deps.clock), transaction_id: null }))) {
      throw errors.disbursementNotPending();
    }
    await audit(trx, actor, 'solidarity.disbursement.cancelled', { targetType: 'disbursement', targetId: id, orgId: r.orgId });
  });
}

// ── Reporting back ───────────────────────────────────────────────────────

export async function postReport(deps: D, actor: Actor, id: string, input: ReportInput): Promise<void> {
  const person = requirePerson(actor);
  const r = await repo.findRequest(deps.db, id);
  if (!r) throw errors.requestNotFound();
  if (!canSpeakForOrg(actor, r.orgId)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    if (!(await repo.updateRequest(trx, id, ['granted', 'reported'], { status: 'reported', reported_at: toTimestamp(now), updated_at: toTimestamp(now) }))) {
      throw errors.requestWrongState();
    }
    await setText(trx, { ownerType: OWNER, ownerId: id, field: 'report', lang: input.lang, body: input.report, by: person.id, now });
    await audit(trx, actor, 'solidarity.request.reported', { targetType: 'aid_request', targetId: id, orgId: r.orgId, data: { lang: input.lang } });
  });
}

// ── Translating ──────────────────────────────────────────────────────────

export type AidTextField = 'purpose' | 'report';

export interface AidTranslationInput {
  field: AidTextField;
  lang: string;
  body: string;
  translator: string | null;
  machine: boolean;
}

/** The requesting organisation's org-admins, decided before a form is read; members get a 404 for an unknown request, others a refusal. */
export async function assertMayTranslate(deps: Pick<D, 'db'>, actor: Actor, id: string): Promise<repo.AidRequest> {
  requirePerson(actor);
  const r = await repo.findRequest(deps.db, id);
  if (!r) {
    if (!canSeeLedger(actor, await treasurerFlag(deps.db, actor))) throw forbidden();
    throw errors.requestNotFound();
  }
  if (!canSpeakForOrg(actor, r.orgId)) throw forbidden();
  return r;
}

/** Every language version of the purpose and of the report, for the translation page. */
export async function aidRequestVersions(deps: Pick<D, 'db'>, actor: Actor, id: string): Promise<{ request: repo.AidRequest; purpose: TextVersion[]; report: TextVersion[] }> {
  const request = await assertMayTranslate(deps, actor, id);
  const owner = { ownerType: OWNER, ownerId: id };
  return { request, purpose: await listTranslations(deps.db, owner, 'purpose'), report: await listTranslations(deps.db, owner, 'report') };
}

/**
 * Adds (or replaces) the purpose or the report in another language, after
 * they were posted: credited to its translator, or flagged as machine-made.
 * The original stays the original.
 */
export async function translateAidRequest(deps: D, actor: Actor, id: string, input: AidTranslationInput): Promise<void> {
  const person = requirePerson(actor);
  const r = await assertMayTranslate(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const owner = { ownerType: OWNER, ownerId: id };
    const source = (await listTranslations(trx, owner, input.field)).find((v) => v.isSource);
    if (!source) throw new AppError('SOLIDARITY_NOTHING_TO_TRANSLATE', 409, { fields: { field: { key: 'error.SOLIDARITY_NOTHING_TO_TRANSLATE' } } });
    if (source.lang === input.lang) throw new AppError('SOLIDARITY_TRANSLATION_IS_ORIGINAL', 422, { fields: { lang: { key: 'error.SOLIDARITY_TRANSLATION_IS_ORIGINAL' } } });
    const now = deps.clock.now();
    await setText(trx, { ...owner, field: input.field, lang: input.lang, body: input.body, source: false, translator: input.translator, machine: input.machine, by: person.id, now });
    await repo.updateRequest(trx, id, [r.status], { updated_at: toTimestamp(now) });
    await audit(trx, actor, 'solidarity.request.translated', { targetType: 'aid_request', targetId: id, orgId: r.orgId, data: { field: input.field, lang: input.lang, machine: input.machine } });
  });
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface RequestSummary {
  request: repo.AidRequest;
  org: { id: string; slug: string; name: string } | undefined;
  purpose: PickedText | undefined;
}

export async function listAidRequests(deps: D, actor: Actor, lang: string): Promise<RequestSummary[]> {
  requirePerson(actor);
  const treasurer = await treasurerFlag(deps.db, actor);
  // Members of the federation see every request; nobody else any.
  if (!canSeeLedger(actor, treasurer)) throw forbidden();
  const requests = await repo.listRequests(deps.db);
  const orgs = await repo.orgBriefs(
    deps.db,
    requests.map((r) => r.orgId),
  );
  const purposes = await pickText(
    deps.db,
    OWNER,
    requests.map((r) => r.id),
    'purpose',
    lang,
  );
  return requests.map((request) => ({ request, org: orgs.get(request.orgId), purpose: purposes.get(request.id) }));
}

export interface DisbursementView extends repo.Disbursement {
  requestedByName: string | undefined;
  decidedByName: string | undefined;
  canApprove: boolean;
  canCancel: boolean;
}

export interface RequestView extends RequestSummary {
  report: PickedText | undefined;
  proposal: { id: string; status: string; title: string | undefined; closesAt: Date } | undefined;
  grant: Account | undefined;
  pendingMinor: number;
  disbursements: DisbursementView[];
  /** Every ledger transaction of this request (allocation, disbursements, reversals), oldest first. */
  transactions: Transaction[];
  threshold: number;
  canDisburse: boolean;
  canReport: boolean;
  /** The requesting organisation's org-admins add translations of the purpose and the report. */
  canTranslate: boolean;
  treasurer: boolean;
}

export async function viewAidRequest(deps: D, actor: Actor, id: string, lang: string): Promise<RequestView> {
  requirePerson(actor);
  const treasurer = await treasurerFlag(deps.db, actor);
  const request = await repo.findRequest(deps.db, id);
  if (!request) {
    if (!canSeeLedger(actor, treasurer)) throw forbidden();
    throw errors.requestNotFound();
  }
  if (!canSeeOrgFund(actor, request.orgId, treasurer)) throw forbidden();
  const org = (await repo.orgBriefs(deps.db, [request.orgId])).get(request.orgId);
  const purpose = (await pickText(deps.db, OWNER, [id], 'purpose', lang)).get(id);
  const report = (await pickText(deps.db, OWNER, [id], 'report', lang)).get(id);
  let proposal: RequestView['proposal'];
  if (request.proposalId) {
    const p = await viewProposal(deps, anonymous, request.proposalId, lang).catch(() => undefined);
    if (p) proposal = { id: p.proposal.id, status: p.proposal.status, title: p.title?.body, closesAt: p.proposal.closesAt };
  }
  const grantRow = request.grantAccountId ? await ledgerRepo.findAccount(deps.db, request.grantAccountId) : undefined;
  const ds = await repo.listDisbursements(deps.db, [id]);
  const names = await peopleNames(deps.db, ds.flatMap((d) => [d.requestedBy, d.decidedBy]).filter((x): x is string => !!x));
  const me = personOf(actor)?.id;
  const mayMove = canMoveMoneyFor(actor, treasurer, request.orgId);
  const txRows = await deps.db
    .selectFrom('ledger_transactions')
    .select('id')
    .where((eb) => eb.or([eb('idempotency_key', '=', `allocation:${id}`), eb('idempotency_key', 'in', ds.length ? ds.map((d) => `disbursement:${d.id}`) : ['-'])]))
    .execute();
  const reversals = txRows.length
    ? await deps.db.selectFrom('ledger_transactions').select('id').where('reverses_id', 'in', txRows.map((t) => t.id)).execute()
    : [];
  const transactions: Transaction[] = [];
  for (const t of [...txRows, ...reversals]) {
    const loaded = await loadTransaction(deps.db, t.id);
    if (loaded) transactions.push(loaded);
  }
  transactions.sort((a, b) => a.seq - b.seq);
  return {
    request,
    org,
    purpose,
    report,
    proposal,
    grant: grantRow && toAccount(grantRow),
    pendingMinor: ds.filter((d) => d.status === 'pending').reduce((s, d) => s + d.amountMinor, 0),
    disbursements: ds.map((d) => ({
      ...d,
      requestedByName: d.requestedBy ? names.get(d.requestedBy) : undefined,
      decidedByName: d.decidedBy ? names.get(d.decidedBy) : undefined,
      canApprove: d.status === 'pending' && mayMove && d.requestedBy !== me,
      canCancel: d.status === 'pending' && mayMove,
    })),
    transactions,
    threshold: await thresholdFor(deps.db, request.currency),
    canDisburse: mayMove && (request.status === 'granted' || request.status === 'reported'),
    canReport: canSpeakForOrg(actor, request.orgId) && (request.status === 'granted' || request.status === 'reported'),
    canTranslate: canSpeakForOrg(actor, request.orgId),
    treasurer,
  };
}

async function peopleNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The organisations an actor may ask for aid for (its org-admin roles). */
export async function requestableOrgs(deps: Pick<D, 'db'>, actor: Actor): Promise<{ id: string; slug: string; name: string }[]> {
  if (actor.kind !== 'person') return [];
  const ids = actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId);
  return [...(await repo.orgBriefs(deps.db, ids)).values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** An organisation's requests, for its export. */
export async function exportAidRequests(db: Db, orgId: string) {
  const requests = await repo.listRequests(db, { orgId, limit: 10_000 });
  const ds = await repo.listDisbursements(
    db,
    requests.map((r) => r.id),
  );
  const texts = await db
    .selectFrom('texts')
    .select(['owner_id', 'field', 'lang', 'body', 'is_source', 'translator', 'machine'])
    .where('owner_type', '=', OWNER)
    .where(
      'owner_id',
      'in',
      requests.length ? requests.map((r) => r.id) : ['-'],
    )
    .execute();
  return requests.map((r) => ({
    id: r.id,
    title: r.title,
    amount: formatMinor(r.amountMinor, r.currency),
    amountMinor: r.amountMinor,
    currency: r.currency,
    urgency: r.urgency,
    timeline: r.timeline,
    reportPlan: r.reportPlan,
    undisclosed: r.undisclosed,
    status: r.status,
    proposalId: r.proposalId,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reportedAt: r.reportedAt?.toISOString() ?? null,
    texts: texts
      .filter((t) => t.owner_id === r.id)
      .map((t) => ({ field: t.field, lang: t.lang, body: t.body, source: Number(t.is_source) === 1, translator: t.translator, machine: Number(t.machine) === 1 })),
    disbursements: ds
      .filter((d) => d.requestId === r.id)
      .map((d) => ({
        id: d.id,
        amount: formatMinor(d.amountMinor, d.currency),
        amountMinor: d.amountMinor,
        occurredOn: d.occurredOn,
        reference: d.reference,
        status: d.status,
        transactionId: d.transactionId,
      })),
  }));
}
