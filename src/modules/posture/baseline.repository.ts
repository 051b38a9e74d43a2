// Every query of the baseline side of posture: versions, changes, answers,
// visibility, help. Rows become domain objects here.
import type { Db } from '../../kernel/db/connect.js';
import { forUpdate } from '../../kernel/db/dialect.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { PracticeRule } from './baseline/index.js';
import type {
  Answer,
  BaselineChangeStatus,
  HelpRequestStatus,
  PostureAnswersTable,
  PostureBaselineChangesTable,
  PostureBaselineVersionsTable,
  PostureHelpRequestsTable,
  Visibility,
} from './baseline.tables.js';

// ── Baseline versions and changes ────────────────────────────────────────

/** One operation of a baseline change; applied in order to the version it is published over. */
export type BaselineChange =
  | { op: 'add'; practiceId: string; rule: PracticeRule }
  | { op: 'retire'; practiceId: string }
  | { op: 'weight'; practiceId: string; from: number; to: number }
  | { op: 'update'; practiceId: string; rule: PracticeRule };

export interface BaselineVersion {
  version: number;
  publishedAt: Date;
  proposalId: string | null;
  rules: PracticeRule[];
  changes: BaselineChange[];
}

const toVersion = (r: PostureBaselineVersionsTable): BaselineVersion => ({
  version: Number(r.version),
  publishedAt: fromTimestamp(r.published_at),
  proposalId: r.proposal_id,
  rules: JSON.parse(r.rules) as PracticeRule[],
  changes: JSON.parse(r.changes) as BaselineChange[],
});

export async function findLatestVersion(db: Db): Promise<BaselineVersion | undefined> {
  const r = await db.selectFrom('posture_baseline_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

export async function findVersion(db: Db, version: number): Promise<BaselineVersion | undefined> {
  const r = await db.selectFrom('posture_baseline_versions').selectAll().where('version', '=', version).executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

export async function listVersions(db: Db): Promise<BaselineVersion[]> {
  return (await db.selectFrom('posture_baseline_versions').selectAll().orderBy('version', 'desc').execute()).map(toVersion);
}

/** Inserts a version unless that number exists already (two processes publishing the first one at once). */
export async function insertVersion(db: Db, row: PostureBaselineVersionsTable): Promise<boolean> {
  const r = await db
    .insertInto('posture_baseline_versions')
    .values(row)
    .onConflict((oc) => oc.column('version').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export interface BaselineChangeRecord {
  id: string;
  proposalId: string;
  baseVersion: number;
  changes: BaselineChange[];
  status: BaselineChangeStatus;
  publishedVersion: number | null;
  createdBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

const toChange = (r: PostureBaselineChangesTable): BaselineChangeRecord => ({
  id: r.id,
  proposalId: r.proposal_id,
  baseVersion: Number(r.base_version),
  changes: JSON.parse(r.changes) as BaselineChange[],
  status: r.status,
  publishedVersion: r.published_version === null ? null : Number(r.published_version),
  createdBy: r.created_by,
  createdAt: fromTimestamp(r.created_at),
  decidedAt: r.decided_at ? fromTimestamp(r.decided_at) : null,
});

export async function insertChange(db: Db, row: PostureBaselineChangesTable): Promise<void> {
  await db.insertInto('posture_baseline_changes').values(row).execute();
}

/** The change a proposal carries, locked for the decision (PostgreSQL row lock; SQLite's one writer already holds it). */
export async function lockChangeOfProposal(db: Db, proposalId: string): Promise<BaselineChangeRecord | undefined> {
  const r = await forUpdate(db, db.selectFrom('posture_baseline_changes').selectAll().where('proposal_id', '=', proposalId)).executeTakeFirst();
  return r ? toChange(r) : undefined;
}

export async function findChange(db: Db, id: string): Promise<BaselineChangeRecord | undefined> {
  const r = await db.selectFrom('posture_baseline_changes').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toChange(r) : undefined;
}

export async function listChanges(db: Db, opts: { status?: BaselineChangeStatus; limit: number }): Promise<BaselineChangeRecord[]> {
  let q = db.selectFrom('posture_baseline_changes').selectAll().orderBy('created_at', 'desc').limit(opts.limit);
  if (opts.status) q = q.where('status', '=', opts.status);
  return (await q.execute()).map(toChange);
}

export async function updateChange(db: Db, id: string, set: { status: BaselineChangeStatus; published_version: number | null; decided_at: Timestamp }): Promise<void> {
  await db.updateTable('posture_baseline_changes').set(set).where('id', '=', id).where('status', '=', 'proposed').execute();
}

// ── Answers ──────────────────────────────────────────────────────────────

export interface AnswerRecord {
  id: string;
  orgId: string;
  practiceId: string;
  answer: Answer;
  note: string | null;
  evidenceUrl: string | null;
  baselineVersion: number;
  answeredBy: string | null;
  answeredAt: Date;
}

const toAnswer = (r: PostureAnswersTable): AnswerRecord => ({
  id: r.id,
  orgId: r.org_id,
  practiceId: r.practice_id,
  answer: r.answer,
  note: r.note,
  evidenceUrl: r.evidence_url,
  baselineVersion: Number(r.baseline_version),
  answeredBy: r.answered_by,
  answeredAt: fromTimestamp(r.answered_at),
});

export async function insertAnswer(db: Db, row: PostureAnswersTable): Promise<AnswerRecord> {
  await db.insertInto('posture_answers').values(row).execute();
  return toAnswer(row);
}

/** Every answer an organisation ever gave, oldest first (the newest per practice is the one that counts). */
export async function listAnswers(db: Db, orgId: string): Promise<AnswerRecord[]> {
  return (await db.selectFrom('posture_answers').selectAll().where('org_id', '=', orgId).orderBy('answered_at').orderBy('id').execute()).map(toAnswer);
}

/** The newest answer per practice, for several organisations at once (the federation overview). */
export async function listAnswersOf(db: Db, orgIds: readonly string[]): Promise<AnswerRecord[]> {
  if (orgIds.length === 0) return [];
  return (await db.selectFrom('posture_answers').selectAll().where('org_id', 'in', [...orgIds]).orderBy('answered_at').orderBy('id').execute()).map(toAnswer);
}

/** Answers by person: only names, for showing who answered (never e-mail addresses). */
export async function personNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// ── Visibility ───────────────────────────────────────────────────────────

export async function findVisibility(db: Db, orgId: string): Promise<Visibility | undefined> {
  const r = await db.selectFrom('posture_settings').select('visibility').where('org_id', '=', orgId).executeTakeFirst();
  return r?.visibility;
}

export async function listVisibilities(db: Db): Promise<Map<string, Visibility>> {
  const rows = await db.selectFrom('posture_settings').select(['org_id', 'visibility']).execute();
  return new Map(rows.map((r) => [r.org_id, r.visibility]));
}

export async function upsertVisibility(db: Db, orgId: string, visibility: Visibility, by: string | null, at: Timestamp): Promise<void> {
  await db
    .insertInto('posture_settings')
    .values({ org_id: orgId, visibility, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ visibility, updated_by: by, updated_at: at }))
    .execute();
}

// ── Organisations ────────────────────────────────────────────────────────

export interface OrgBrief {
  id: string;
  slug: string;
  name: string;
  status: string;
}

export async function findOrgBySlug(db: Db, slug: string): Promise<OrgBrief | undefined> {
  return db.selectFrom('organisations').select(['id', 'slug', 'name', 'status']).where('slug', '=', slug).executeTakeFirst();
}

export async function listActiveOrgs(db: Db): Promise<OrgBrief[]> {
  return db.selectFrom('organisations').select(['id', 'slug', 'name', 'status']).where('status', '=', 'active').orderBy('name').execute();
}

export async function findOrgsByIds(db: Db, ids: readonly string[]): Promise<Map<string, OrgBrief>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'slug', 'name', 'status']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// The people to tell live with the organisations.
import type { Recipient } from '../federation/index.js';
export { listOrgAdmins, type Recipient } from '../federation/index.js';

export async function findPersonContact(db: Db, personId: string): Promise<Recipient | undefined> {
  const r = await db.selectFrom('people').select(['id', 'email', 'display_name', 'locale', 'time_zone']).where('id', '=', personId).executeTakeFirst();
  return r ? { personId: r.id, email: r.email, displayName: r.display_name, locale: r.locale, timeZone: r.time_zone } : undefined;
}

// ── Help: what members can help with, requests, connections ─────────────

export async function listOffersOf(db: Db, orgId: string): Promise<string[]> {
  return (await db.selectFrom('posture_help_offers').select('practice_id').where('org_id', '=', orgId).orderBy('practice_id').execute()).map((r) => r.practice_id);
}

/** The active organisations that marked a practice as one they can help with. */
export async function listHelpersFor(db: Db, practiceId: string): Promise<OrgBrief[]> {
  return db
    .selectFrom('posture_help_offers')
    .innerJoin('organisations', 'organisations.id', 'posture_help_offers.org_id')
    .select(['organisations.id', 'organisations.slug', 'organisations.name', 'organisations.status'])
    .where('posture_help_offers.practice_id', '=', practiceId)
    .where('organisations.status', '=', 'active')
    .orderBy('organisations.name')
    .execute();
}

export async function helperCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('posture_help_offers')
    .innerJoin('organisations', 'organisations.id', 'posture_help_offers.org_id')
    .select((eb) => ['posture_help_offers.practice_id', eb.fn.countAll<number>().as('n')])
    .where('organisations.status', '=', 'active')
    .groupBy('posture_help_offers.practice_id')
    .execute();
  return new Map(rows.map((r) => [r.practice_id, Number(r.n)]));
}

export async function replaceOffers(db: Db, orgId: string, practiceIds: readonly string[], by: string | null, at: Timestamp): Promise<{ added: string[]; removed: string[] }> {
  const before = new Set(await listOffersOf(db, orgId));
  const after = new Set(practiceIds);
  const added = [...after].filter((p) => !before.has(p));
  const removed = [...before].filter((p) => !after.has(p));
  if (removed.length > 0) await db.deleteFrom('posture_help_offers').where('org_id', '=', orgId).where('practice_id', 'in', removed).execute();
  if (added.length > 0) await db.insertInto('posture_help_offers').values(added.map((p) => ({ org_id: orgId, practice_id: p, created_by: by, created_at: at }))).execute();
  return { added: added.sort(), removed: removed.sort() };
}

export interface HelpRequest {
  id: string;
  orgId: string;
  practiceId: string;
  gap: string;
  baselineVersion: number;
  note: string | null;
  lang: string;
  status: HelpRequestStatus;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

const toRequest = (r: PostureHelpRequestsTable): HelpRequest => ({
  id: r.id,
  orgId: r.org_id,
  practiceId: r.practice_id,
  gap: r.gap,
  baselineVersion: Number(r.baseline_version),
  note: r.note,
  lang: r.lang,
  status: r.status,
  createdBy: r.created_by,
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
  closedAt: r.closed_at ? fromTimestamp(r.closed_at) : null,
});

export async function insertRequest(db: Db, row: PostureHelpRequestsTable): Promise<HelpRequest> {
  await db.insertInto('posture_help_requests').values(row).execute();
  return toRequest(row);
}

export async function findRequest(db: Db, id: string): Promise<HelpRequest | undefined> {
  const r = await db.selectFrom('posture_help_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRequest(r) : undefined;
}

export async function lockRequest(db: Db, id: string): Promise<HelpRequest | undefined> {
  const r = await forUpdate(db, db.selectFrom('posture_help_requests').selectAll().where('id', '=', id)).executeTakeFirst();
  return r ? toRequest(r) : undefined;
}

/** An open or connected request of this organisation for this practice, if any. */
export async function findOpenRequest(db: Db, orgId: string, practiceId: string): Promise<HelpRequest | undefined> {
  const r = await db
    .selectFrom('posture_help_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .where('status', 'in', ['open', 'connected'])
    .executeTakeFirst();
  return r ? toRequest(r) : undefined;
}

export async function listRequests(db: Db, opts: { orgId?: string; statuses?: HelpRequestStatus[]; limit: number }): Promise<HelpRequest[]> {
  let q = db.selectFrom('posture_help_requests').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit);
  if (opts.orgId) q = q.where('org_id', '=', opts.orgId);
  if (opts.statuses) q = q.where('status', 'in', opts.statuses);
  return (await q.execute()).map(toRequest);
}

export async function setRequestStatus(db: Db, id: string, status: HelpRequestStatus, at: Timestamp): Promise<void> {
  const closed = status === 'resolved' || status === 'withdrawn';
  await db
    .updateTable('posture_help_requests')
    .set({ status, updated_at: at, ...(closed ? { closed_at: at } : {}) })
    .where('id', '=', id)
    .execute();
}

export interface HelpConnection {
  requestId: string;
  helperOrgId: string;
  offeredBy: string | null;
  message: string | null;
  createdAt: Date;
}

export async function insertConnection(db: Db, row: { request_id: string; helper_org_id: string; offered_by: string | null; message: string | null; created_at: Timestamp }): Promise<boolean> {
  const r = await db
    .insertInto('posture_help_connections')
    .values(row)
    .onConflict((oc) => oc.columns(['request_id', 'helper_org_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function listConnections(db: Db, requestIds: readonly string[]): Promise<HelpConnection[]> {
  if (requestIds.length === 0) return [];
  const rows = await db.selectFrom('posture_help_connections').selectAll().where('request_id', 'in', [...requestIds]).orderBy('created_at').execute();
  return rows.map((r) => ({ requestId: r.request_id, helperOrgId: r.helper_org_id, offeredBy: r.offered_by, message: r.message, createdAt: fromTimestamp(r.created_at) }));
}

/** Connections where this organisation is the helper (for its export and its overview). */
export async function listConnectionsAsHelper(db: Db, orgId: string): Promise<HelpConnection[]> {
  const rows = await db.selectFrom('posture_help_connections').selectAll().where('helper_org_id', '=', orgId).orderBy('created_at').execute();
  return rows.map((r) => ({ requestId: r.request_id, helperOrgId: r.helper_org_id, offeredBy: r.offered_by, message: r.message, createdAt: fromTimestamp(r.created_at) }));
}

// ── Practice texts (read only: writes go through the kernel's setText) ──

/** Every stored text of practices, to compare with the shipped catalogue in one query. */
export async function listPracticeTextRows(db: Db, ownerType: string): Promise<{ owner_id: string; field: string; lang: string; body: string; created_by: string | null }[]> {
  return db.selectFrom('texts').select(['owner_id', 'field', 'lang', 'body', 'created_by']).where('owner_type', '=', ownerType).execute();
}
