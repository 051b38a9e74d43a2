// Every query of treasurers, thresholds, dues bands and choices, aid requests and disbursements.
import type { Db } from '../../kernel/db/connect.js';
import { forUpdate } from '../../kernel/db/dialect.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type {
  AidRequestsTable,
  DisbursementStatus,
  DuesBandsTable,
  DuesChoicesTable,
  FundDisbursementsTable,
  RequestStatus,
} from './solidarity.tables.js';

const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const dateOrNull = (v: Timestamp | null) => (v ? fromTimestamp(v) : null);

// ── Treasurers ───────────────────────────────────────────────────────────

export interface Treasurer {
  personId: string;
  displayName: string;
  grantedBy: string | null;
  grantedAt: Date;
}

export async function isTreasurer(db: Db, personId: string): Promise<boolean> {
  return !!(await db.selectFrom('fund_treasurers').select('person_id').where('person_id', '=', personId).executeTakeFirst());
}

export async function listTreasurers(db: Db): Promise<Treasurer[]> {
  const rows = await db
    .selectFrom('fund_treasurers as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .select(['t.person_id', 'p.display_name', 't.granted_by', 't.granted_at'])
    .orderBy('p.display_name')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, displayName: r.display_name, grantedBy: r.granted_by, grantedAt: fromTimestamp(r.granted_at) }));
}

export async function insertTreasurer(db: Db, personId: string, by: string | null, at: Timestamp): Promise<void> {
  await db.insertInto('fund_treasurers').values({ person_id: personId, granted_by: by, granted_at: at }).execute();
}

export async function deleteTreasurer(db: Db, personId: string): Promise<boolean> {
  const r = await db.deleteFrom('fund_treasurers').where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function findPersonByEmail(db: Db, email: string): Promise<{ id: string; display_name: string; status: string } | undefined> {
  return db.selectFrom('people').select(['id', 'display_name', 'status']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

// ── Thresholds ───────────────────────────────────────────────────────────

export async function listThresholds(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('fund_thresholds').select(['currency', 'threshold_minor']).orderBy('currency').execute();
  return new Map(rows.map((r) => [r.currency, num(r.threshold_minor)]));
}

export async function findThreshold(db: Db, currency: string): Promise<number | undefined> {
  const r = await db.selectFrom('fund_thresholds').select('threshold_minor').where('currency', '=', currency).executeTakeFirst();
  return r ? num(r.threshold_minor) : undefined;
}

export async function upsertThreshold(db: Db, currency: string, minor: number, by: string | null, at: Timestamp): Promise<void> {
  await db
    .insertInto('fund_thresholds')
    .values({ currency, threshold_minor: minor, set_by: by, set_at: at })
    .onConflict((oc) => oc.column('currency').doUpdateSet({ threshold_minor: minor, set_by: by, set_at: at }))
    .execute();
}

export async function deleteThreshold(db: Db, currency: string): Promise<void> {
  await db.deleteFrom('fund_thresholds').where('currency', '=', currency).execute();
}

// ── Dues ─────────────────────────────────────────────────────────────────

export interface DuesBand {
  id: string;
  name: string;
  basis: DuesBandsTable['basis'];
  budgetMinMinor: number | null;
  budgetMaxMinor: number | null;
  pppGroup: number | null;
  currency: string;
  suggestedMinor: number;
  period: DuesBandsTable['period'];
  position: number;
  retiredAt: Date | null;
}

export const toBand = (r: DuesBandsTable): DuesBand => ({
  id: r.id,
  name: r.name,
  basis: r.basis,
  budgetMinMinor: numOrNull(r.budget_min_minor),
  budgetMaxMinor: numOrNull(r.budget_max_minor),
  pppGroup: numOrNull(r.ppp_group),
  currency: r.currency,
  suggestedMinor: num(r.suggested_minor),
  period: r.period,
  position: num(r.position),
  retiredAt: dateOrNull(r.retired_at),
});

export async function listBands(db: Db, opts: { includeRetired?: boolean } = {}): Promise<DuesBand[]> {
  let q = db.selectFrom('dues_bands').selectAll().orderBy('position').orderBy('name');
  if (!opts.includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.execute()).map(toBand);
}

export async function findBand(db: Db, id: string): Promise<DuesBand | undefined> {
  const r = await db.selectFrom('dues_bands').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toBand(r);
}

export async function insertBand(db: Db, row: DuesBandsTable): Promise<void> {
  await db.insertInto('dues_bands').values(row).execute();
}

export async function retireBand(db: Db, id: string, at: Timestamp): Promise<boolean> {
  const r = await db.updateTable('dues_bands').set({ retired_at: at, updated_at: at }).where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function nextBandPosition(db: Db): Promise<number> {
  const r = await db.selectFrom('dues_bands').select((eb) => eb.fn.max<number>('position').as('p')).executeTakeFirst();
  return (numOrNull(r?.p) ?? 0) + 1;
}

export interface DuesChoice {
  orgId: string;
  bandId: string;
  undisclosed: boolean;
  chosenBy: string | null;
  chosenAt: Date;
}

const toChoice = (r: DuesChoicesTable): DuesChoice => ({
  orgId: r.org_id,
  bandId: r.band_id,
  undisclosed: Number(r.undisclosed) === 1,
  chosenBy: r.chosen_by,
  chosenAt: fromTimestamp(r.chosen_at),
});

export async function findChoice(db: Db, orgId: string): Promise<DuesChoice | undefined> {
  const r = await db.selectFrom('dues_choices').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return r && toChoice(r);
}

export async function listChoices(db: Db): Promise<DuesChoice[]> {
  return (await db.selectFrom('dues_choices').selectAll().execute()).map(toChoice);
}

export async function upsertChoice(db: Db, row: DuesChoicesTable): Promise<void> {
  await db
    .insertInto('dues_choices')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ band_id: row.band_id, undisclosed: row.undisclosed, chosen_by: row.chosen_by, chosen_at: row.chosen_at }))
    .execute();
}

// ── Aid requests ─────────────────────────────────────────────────────────

export interface AidRequest {
  id: string;
  orgId: string;
  title: string;
  amountMinor: number;
  currency: string;
  urgency: AidRequestsTable['urgency'];
  timeline: string;
  reportPlan: string;
  undisclosed: boolean;
  status: RequestStatus;
  proposalId: string | null;
  grantAccountId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  reportedAt: Date | null;
}

export const toRequest = (r: AidRequestsTable): AidRequest => ({
  id: r.id,
  orgId: r.org_id,
  title: r.title,
  amountMinor: num(r.amount_minor),
  currency: r.currency,
  urgency: r.urgency,
  timeline: r.timeline,
  reportPlan: r.report_plan,
  undisclosed: Number(r.undisclosed) === 1,
  status: r.status,
  proposalId: r.proposal_id,
  grantAccountId: r.grant_account_id,
  createdBy: r.created_by,
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
  decidedAt: dateOrNull(r.decided_at),
  reportedAt: dateOrNull(r.reported_at),
});

export async function insertRequest(db: Db, row: AidRequestsTable): Promise<void> {
  await db.insertInto('aid_requests').values(row).execute();
}

export async function findRequest(db: Db, id: string): Promise<AidRequest | undefined> {
  const r = await db.selectFrom('aid_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toRequest(r);
}

/** The request's row, locked until the transaction ends (a state change re-checks on it). */
export async function lockRequest(db: Db, id: string): Promise<AidRequest | undefined> {
  const r = await forUpdate(db, db.selectFrom('aid_requests').selectAll().where('id', '=', id)).executeTakeFirst();
  return r && toRequest(r);
}

export async function updateRequest(db: Db, id: string, from: readonly RequestStatus[], set: Partial<AidRequestsTable>): Promise<boolean> {
  const r = await db.updateTable('aid_requests').set(set).where('id', '=', id).where('status', 'in', [...from]).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listRequests(db: Db, opts: { orgId?: string; statuses?: readonly RequestStatus[]; limit?: number } = {}): Promise<AidRequest[]> {
  let q = db.selectFrom('aid_requests').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(opts.limit ?? 200);
  if (opts.orgId) q = q.where('org_id', '=', opts.orgId);
  if (opts.statuses) q = q.where('status', 'in', [...opts.statuses]);
  return (await q.execute()).map(toRequest);
}

export async function orgBriefs(db: Db, ids: readonly string[]): Promise<Map<string, { id: string; slug: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'slug', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findOrgBySlug(db: Db, slug: string): Promise<{ id: string; slug: string; name: string; status: string } | undefined> {
  return db.selectFrom('organisations').select(['id', 'slug', 'name', 'status']).where('slug', '=', slug).executeTakeFirst();
}

// ── Disbursements ────────────────────────────────────────────────────────

export interface Disbursement {
  id: string;
  requestId: string;
  amountMinor: number;
  currency: string;
  occurredOn: string;
  reference: string | null;
  memo: string | null;
  status: DisbursementStatus;
  requestedBy: string | null;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  transactionId: string | null;
}

export const toDisbursement = (r: FundDisbursementsTable): Disbursement => ({
  id: r.id,
  requestId: r.request_id,
  amountMinor: num(r.amount_minor),
  currency: r.currency,
  occurredOn: r.occurred_on,
  reference: r.reference,
  memo: r.memo,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: fromTimestamp(r.requested_at),
  decidedBy: r.decided_by,
  decidedAt: dateOrNull(r.decided_at),
  transactionId: r.transaction_id,
});

export async function insertDisbursement(db: Db, row: FundDisbursementsTable): Promise<void> {
  await db.insertInto('fund_disbursements').values(row).execute();
}

export async function findDisbursement(db: Db, id: string): Promise<Disbursement | undefined> {
  const r = await db.selectFrom('fund_disbursements').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toDisbursement(r);
}

export async function findDisbursementByKey(db: Db, key: string): Promise<Disbursement | undefined> {
  const r = await db.selectFrom('fund_disbursements').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  return r && toDisbursement(r);
}

export async function listDisbursements(db: Db, requestIds: readonly string[]): Promise<Disbursement[]> {
  if (requestIds.length === 0) return [];
  const rows = await db.selectFrom('fund_disbursements').selectAll().where('request_id', 'in', [...requestIds]).orderBy('requested_at').orderBy('id').execute();
  return rows.map(toDisbursement);
}

export async function listPendingDisbursements(db: Db): Promise<Disbursement[]> {
  const rows = await db.selectFrom('fund_disbursements').selectAll().where('status', '=', 'pending').orderBy('requested_at').execute();
  return rows.map(toDisbursement);
}

export async function pendingTotal(db: Db, requestId: string): Promise<number> {
  const r = await db
    .selectFrom('fund_disbursements')
    .select((eb) => eb.fn.sum<number>('amount_minor').as('total'))
    .where('request_id', '=', requestId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return numOrNull(r?.total) ?? 0;
}

export async function settleDisbursement(
  db: Db,
  id: string,
  set: { status: DisbursementStatus; decided_by: string | null; decided_at: Timestamp; transaction_id: string | null },
): Promise<boolean> {
  const r = await db.updateTable('fund_disbursements').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
