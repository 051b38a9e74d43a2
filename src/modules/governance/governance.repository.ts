// Every query of governance: proposals, positions, delegates, comments.
import type { Db } from '../../kernel/db/connect.js';
import { notFound } from '../../kernel/errors.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { Tally } from './governance.rules.js';
import type { PositionKind, ProposalKind, ProposalsTable, ProposalStatus } from './governance.tables.js';

export interface Proposal {
  id: string;
  kind: ProposalKind;
  authorOrgId: string | null;
  authorId: string | null;
  subject: { type: string; id: string } | null;
  /** The zone the author entered the times in. */
  timeZone: string;
  opensAt: Date;
  closesAt: Date;
  quorum: number;
  status: ProposalStatus;
  closedAt: Date | null;
  tally: Tally | null;
  remindedAt: Date | null;
  outcomeAt: Date | null;
  outcomeBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Position {
  proposalId: string;
  orgId: string;
  orgName: string;
  orgSlug: string;
  position: PositionKind;
  reason: string | null;
  setBy: string | null;
  setAt: Date;
}

export interface Comment {
  id: string;
  proposalId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  version: number;
  createdAt: Date;
  editedAt: Date | null;
}

export interface CommentVersion {
  version: number;
  body: string;
  createdAt: Date;
}

export interface Delegate {
  personId: string;
  displayName: string;
  since: Date;
}

export interface Recipient {
  personId: string;
  orgId: string;
  email: string;
  displayName: string;
  locale: string | null;
  timeZone: string | null;
}

const ts = (s: Timestamp | null) => (s ? fromTimestamp(s) : null);

export function toProposal(r: ProposalsTable): Proposal {
  return {
    id: r.id,
    kind: r.kind,
    authorOrgId: r.author_org_id,
    authorId: r.author_id,
    subject: r.subject_type && r.subject_id ? { type: r.subject_type, id: r.subject_id } : null,
    timeZone: r.time_zone,
    opensAt: fromTimestamp(r.opens_at),
    closesAt: fromTimestamp(r.closes_at),
    quorum: Number(r.quorum),
    status: r.status,
    closedAt: ts(r.closed_at),
    tally: r.tally ? (JSON.parse(r.tally) as Tally) : null,
    remindedAt: ts(r.reminded_at),
    outcomeAt: ts(r.outcome_at),
    outcomeBy: r.outcome_by,
    createdAt: fromTimestamp(r.created_at),
    updatedAt: fromTimestamp(r.updated_at),
  };
}

// ── Proposals ────────────────────────────────────────────────────────────

export async function insertProposal(db: Db, row: ProposalsTable): Promise<void> {
  await db.insertInto('proposals').values(row).execute();
}

export async function findProposal(db: Db, id: string): Promise<Proposal | undefined> {
  const r = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toProposal(r);
}

export async function getProposal(db: Db, id: string): Promise<Proposal> {
  const p = await findProposal(db, id);
  if (!p) throw notFound('GOV_PROPOSAL_NOT_FOUND');
  return p;
}

/**
 * Takes the proposal's row lock while it is still open and its close not
 * reached, or returns false. Position changes and the close both start here,
 * so a position committed after the close has read the positions cannot exist.
 */
export async function lockOpenProposal(db: Db, id: string, now: Timestamp): Promise<boolean> {
  const res = await db
    .updateTable('proposals')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('closes_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The same lock for the close: open, and its time has come. */
export async function lockDueProposal(db: Db, id: string, now: Timestamp): Promise<boolean> {
  const res = await db
    .updateTable('proposals')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('closes_at', '<=', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setClosed(db: Db, id: string, status: ProposalStatus, tally: Tally | null, now: Timestamp): Promise<boolean> {
  const res = await db
    .updateTable('proposals')
    .set({ status, tally: tally ? JSON.stringify(tally) : null, closed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markReminded(db: Db, id: string, now: Timestamp): Promise<boolean> {
  const res = await db
    .updateTable('proposals')
    .set({ reminded_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('reminded_at', 'is', null)
    .where('closes_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setOutcomeRecorded(db: Db, id: string, by: string | null, now: Timestamp): Promise<void> {
  await db.updateTable('proposals').set({ outcome_at: now, outcome_by: by, updated_at: now }).where('id', '=', id).execute();
}

export async function touchProposal(db: Db, id: string, now: Timestamp): Promise<void> {
  await db.updateTable('proposals').set({ updated_at: now }).where('id', '=', id).execute();
}

export async function listOpenProposals(db: Db, opts: { after?: { at: Timestamp; id: string } | undefined; limit: number }): Promise<Proposal[]> {
  let q = db.selectFrom('proposals').selectAll().where('status', '=', 'open').orderBy('closes_at').orderBy('id').limit(opts.limit);
  if (opts.after) {
    const a = opts.after;
    q = q.where((eb) => eb.or([eb('closes_at', '>', a.at), eb.and([eb('closes_at', '=', a.at), eb('id', '>', a.id)])]));
  }
  return (await q.execute()).map(toProposal);
}

/** Closed proposals (decided or withdrawn), most recently closed first. */
export async function listClosedProposals(
  db: Db,
  opts: { statuses: ProposalStatus[]; before?: { at: Timestamp; id: string } | undefined; limit: number },
): Promise<Proposal[]> {
  let q = db
    .selectFrom('proposals')
    .selectAll()
    .where('status', 'in', opts.statuses)
    .where('closed_at', 'is not', null)
    .orderBy('closed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit);
  if (opts.before) {
    const b = opts.before;
    q = q.where((eb) => eb.or([eb('closed_at', '<', b.at), eb.and([eb('closed_at', '=', b.at), eb('id', '<', b.id)])]));
  }
  return (await q.execute()).map(toProposal);
}

export async function listDueProposalIds(db: Db, now: Timestamp): Promise<string[]> {
  const rows = await db.selectFrom('proposals').select('id').where('status', '=', 'open').where('closes_at', '<=', now).orderBy('closes_at').limit(500).execute();
  return rows.map((r) => r.id);
}

export async function findProposalBySubject(db: Db, type: string, id: string): Promise<Proposal[]> {
  const rows = await db.selectFrom('proposals').selectAll().where('subject_type', '=', type).where('subject_id', '=', id).orderBy('created_at').execute();
  return rows.map(toProposal);
}

export async function listProposalsOfOrg(db: Db, orgId: string): Promise<Proposal[]> {
  return (await db.selectFrom('proposals').selectAll().where('author_org_id', '=', orgId).orderBy('created_at').orderBy('id').execute()).map(toProposal);
}

// ── Organisations as governance sees them ────────────────────────────────

export async function countActiveOrganisations(db: Db): Promise<number> {
  const r = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findOrganisationBrief(db: Db, id: string): Promise<{ id: string; slug: string; name: string; status: string } | undefined> {
  return db.selectFrom('organisations').select(['id', 'slug', 'name', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function listOrganisationBriefs(db: Db, ids: string[]): Promise<Map<string, { id: string; slug: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'slug', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// ── Positions ────────────────────────────────────────────────────────────

export async function upsertPosition(
  db: Db,
  row: { proposal_id: string; org_id: string; position: PositionKind; reason: string | null; set_by: string | null; set_at: Timestamp },
): Promise<void> {
  await db
    .insertInto('proposal_positions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['proposal_id', 'org_id']).doUpdateSet({ position: row.position, reason: row.reason, set_by: row.set_by, set_at: row.set_at }),
    )
    .execute();
}

export async function findPosition(db: Db, proposalId: string, orgId: string) {
  return db.selectFrom('proposal_positions').selectAll().where('proposal_id', '=', proposalId).where('org_id', '=', orgId).executeTakeFirst();
}

export async function listPositions(db: Db, proposalIds: string[], opts: { activeOnly?: boolean } = {}): Promise<Position[]> {
  if (proposalIds.length === 0) return [];
  let q = db
    .selectFrom('proposal_positions')
    .innerJoin('organisations', 'organisations.id', 'proposal_positions.org_id')
    .select([
      'proposal_positions.proposal_id',
      'proposal_positions.org_id',
      'organisations.name',
      'organisations.slug',
      'proposal_positions.position',
      'proposal_positions.reason',
      'proposal_positions.set_by',
      'proposal_positions.set_at',
    ])
    .where('proposal_positions.proposal_id', 'in', proposalIds)
    .orderBy('organisations.name')
    .orderBy('organisations.id');
  if (opts.activeOnly) q = q.where('organisations.status', '=', 'active');
  const rows = await q.execute();
  return rows.map((r) => ({
    proposalId: r.proposal_id,
    orgId: r.org_id,
    orgName: r.name,
    orgSlug: r.slug,
    position: r.position,
    reason: r.reason,
    setBy: r.set_by,
    setAt: fromTimestamp(r.set_at),
  }));
}

/** Positions an organisation took, for its export. */
export async function listPositionsOfOrg(db: Db, orgId: string) {
  return db.selectFrom('proposal_positions').selectAll().where('org_id', '=', orgId).orderBy('set_at').orderBy('proposal_id').execute();
}

/** The org-admins (active accounts) of active organisations that hold no position on a proposal yet. */
export async function listRemindable(db: Db, proposalId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('organisations')
    .innerJoin('memberships', 'memberships.org_id', 'organisations.id')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id', 'organisations.id as org_id', 'people.email', 'people.display_name', 'people.locale', 'people.time_zone'])
    .where('organisations.status', '=', 'active')
    .where('memberships.role', '=', 'org_admin')
    .where('people.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('proposal_positions')
            .select('proposal_positions.org_id')
            .whereRef('proposal_positions.org_id', '=', 'organisations.id')
            .where('proposal_positions.proposal_id', '=', proposalId),
        ),
      ),
    )
    .orderBy('organisations.id')
    .orderBy('people.id')
    .execute();
  return rows.map((r) => ({ personId: r.id, orgId: r.org_id, email: r.email, displayName: r.display_name, locale: r.locale, timeZone: r.time_zone }));
}

// ── Delegates ────────────────────────────────────────────────────────────

/** A delegate counts only while still a member of the organisation. */
export async function isDelegate(db: Db, orgId: string, personId: string): Promise<boolean> {
  const r = await db
    .selectFrom('governance_delegates')
    .innerJoin('memberships', (j) =>
      j.onRef('memberships.org_id', '=', 'governance_delegates.org_id').onRef('memberships.person_id', '=', 'governance_delegates.person_id'),
    )
    .select('governance_delegates.person_id')
    .where('governance_delegates.org_id', '=', orgId)
    .where('governance_delegates.person_id', '=', personId)
    .executeTakeFirst();
  return r !== undefined;
}

/** Of these organisations, those where the person is a delegate (and still a member). */
export async function delegatedOrgIds(db: Db, personId: string, orgIds: string[]): Promise<Set<string>> {
  if (orgIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('governance_delegates')
    .innerJoin('memberships', (j) =>
      j.onRef('memberships.org_id', '=', 'governance_delegates.org_id').onRef('memberships.person_id', '=', 'governance_delegates.person_id'),
    )
    .select('governance_delegates.org_id')
    .where('governance_delegates.person_id', '=', personId)
    .where('governance_delegates.org_id', 'in', orgIds)
    .execute();
  return new Set(rows.map((r) => r.org_id));
}

export async function listDelegates(db: Db, orgId: string): Promise<Delegate[]> {
  const rows = await db
    .selectFrom('governance_delegates')
    .innerJoin('memberships', (j) =>
      j.onRef('memberships.org_id', '=', 'governance_delegates.org_id').onRef('memberships.person_id', '=', 'governance_delegates.person_id'),
    )
    .innerJoin('people', 'people.id', 'governance_delegates.person_id')
    .select(['people.id', 'people.display_name', 'governance_delegates.created_at'])
    .where('governance_delegates.org_id', '=', orgId)
    .orderBy('people.display_name')
    .execute();
  return rows.map((r) => ({ personId: r.id, displayName: r.display_name, since: fromTimestamp(r.created_at) }));
}

export async function insertDelegate(db: Db, row: { org_id: string; person_id: string; added_by: string | null; created_at: Timestamp }): Promise<boolean> {
  const res = await db.insertInto('governance_delegates').values(row).onConflict((oc) => oc.columns(['org_id', 'person_id']).doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteDelegate(db: Db, orgId: string, personId: string): Promise<boolean> {
  const res = await db.deleteFrom('governance_delegates').where('org_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function listDelegateRows(db: Db, orgId: string) {
  return db.selectFrom('governance_delegates').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('person_id').execute();
}

// ── Comments ─────────────────────────────────────────────────────────────

export async function insertComment(db: Db, row: { id: string; proposal_id: string; author_id: string | null; body: string; created_at: Timestamp }): Promise<void> {
  await db.insertInto('proposal_comments').values({ ...row, version: 1, edited_at: null }).execute();
  await db.insertInto('proposal_comment_versions').values({ comment_id: row.id, version: 1, body: row.body, created_at: row.created_at }).execute();
}

export async function findComment(db: Db, proposalId: string, commentId: string): Promise<Comment | undefined> {
  const r = await db
    .selectFrom('proposal_comments')
    .leftJoin('people', 'people.id', 'proposal_comments.author_id')
    .selectAll('proposal_comments')
    .select('people.display_name')
    .where('proposal_comments.id', '=', commentId)
    .where('proposal_comments.proposal_id', '=', proposalId)
    .executeTakeFirst();
  return r && toComment(r);
}

const toComment = (r: {
  id: string;
  proposal_id: string;
  author_id: string | null;
  display_name: string | null;
  body: string;
  version: number;
  created_at: Timestamp;
  edited_at: Timestamp | null;
}): Comment => ({
  id: r.id,
  proposalId: r.proposal_id,
  authorId: r.author_id,
  authorName: r.display_name,
  body: r.body,
  version: Number(r.version),
  createdAt: fromTimestamp(r.created_at),
  editedAt: ts(r.edited_at),
});

export async function listComments(db: Db, proposalId: string): Promise<Comment[]> {
  const rows = await db
    .selectFrom('proposal_comments')
    .leftJoin('people', 'people.id', 'proposal_comments.author_id')
    .selectAll('proposal_comments')
    .select('people.display_name')
    .where('proposal_comments.proposal_id', '=', proposalId)
    .orderBy('proposal_comments.created_at')
    .orderBy('proposal_comments.id')
    .limit(1000)
    .execute();
  return rows.map(toComment);
}

/** A new version; false when someone else saved one since `fromVersion` was read. */
export async function updateComment(db: Db, commentId: string, fromVersion: number, body: string, now: Timestamp): Promise<boolean> {
  const res = await db
    .updateTable('proposal_comments')
    .set({ body, version: fromVersion + 1, edited_at: now })
    .where('id', '=', commentId)
    .where('version', '=', fromVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await db.insertInto('proposal_comment_versions').values({ comment_id: commentId, version: fromVersion + 1, body, created_at: now }).execute();
  return true;
}

export async function listCommentVersions(db: Db, commentId: string): Promise<CommentVersion[]> {
  const rows = await db.selectFrom('proposal_comment_versions').selectAll().where('comment_id', '=', commentId).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ version: Number(r.version), body: r.body, createdAt: fromTimestamp(r.created_at) }));
}
