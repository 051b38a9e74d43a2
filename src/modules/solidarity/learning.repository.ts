// Queries for editing and cancelling trainings and for mentorship requests.
// (The first learning queries still sit in learning.service.ts.)
import type { Db } from '../../kernel/db/connect.js';
import { forUpdate } from '../../kernel/db/dialect.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { MenteeType, MentorshipRequestStatus, MentorshipRequestsTable, TrainingsTable } from './solidarity.tables.js';

// ── Trainings ────────────────────────────────────────────────────────────

export async function findTrainingRow(db: Db, id: string): Promise<TrainingsTable | undefined> {
  return db.selectFrom('trainings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The training's row, locked until the transaction ends (registrations count against it). */
export async function lockTrainingRow(trx: Db, id: string): Promise<TrainingsTable | undefined> {
  return forUpdate(trx, trx.selectFrom('trainings').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function updateTraining(trx: Db, id: string, set: Partial<Omit<TrainingsTable, 'id' | 'org_id' | 'created_by' | 'created_at'>>): Promise<void> {
  await trx.updateTable('trainings').set(set).where('id', '=', id).execute();
}

export async function countRegistrations(db: Db, trainingId: string): Promise<number> {
  const r = await db.selectFrom('training_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('training_id', '=', trainingId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Someone to write to: an address, a name, and the language and zone they chose. */
export interface Contact {
  personId: string;
  email: string;
  displayName: string;
  locale: string | null;
  timeZone: string | null;
}

/** Active people registered for a training (suspended accounts are not written to). */
export async function listRegistrants(db: Db, trainingId: string): Promise<Contact[]> {
  const rows = await db
    .selectFrom('training_registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.id', 'p.email', 'p.display_name', 'p.locale', 'p.time_zone'])
    .where('r.training_id', '=', trainingId)
    .where('p.status', '=', 'active')
    .orderBy('r.created_at')
    .execute();
  return rows.map((r) => ({ personId: r.id, email: r.email, displayName: r.display_name, locale: r.locale, timeZone: r.time_zone }));
}

// ── People and organisations ─────────────────────────────────────────────

export async function findActiveContact(db: Db, personId: string): Promise<Contact | undefined> {
  const r = await db.selectFrom('people').select(['id', 'email', 'display_name', 'locale', 'time_zone']).where('id', '=', personId).where('status', '=', 'active').executeTakeFirst();
  return r && { personId: r.id, email: r.email, displayName: r.display_name, locale: r.locale, timeZone: r.time_zone };
}

/** An organisation's active org-admins, oldest membership first. */
export async function listOrgAdminContacts(db: Db, orgId: string): Promise<Contact[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.email', 'p.display_name', 'p.locale', 'p.time_zone'])
    .where('m.org_id', '=', orgId)
    .where('m.role', '=', 'org_admin')
    .where('p.status', '=', 'active')
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({ personId: r.id, email: r.email, displayName: r.display_name, locale: r.locale, timeZone: r.time_zone }));
}

/** Each person's organisations. */
export async function orgsOfPeople(db: Db, personIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (personIds.length === 0) return out;
  const rows = await db.selectFrom('memberships').select(['person_id', 'org_id']).where('person_id', 'in', [...new Set(personIds)]).orderBy('created_at').execute();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.org_id]);
  return out;
}

export async function personNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function isMember(db: Db, personId: string, orgId: string): Promise<boolean> {
  return !!(await db.selectFrom('memberships').select('person_id').where('person_id', '=', personId).where('org_id', '=', orgId).executeTakeFirst());
}

// ── Skills ───────────────────────────────────────────────────────────────

export async function hasSkill(db: Db, owner: { type: MenteeType; id: string }, direction: 'offer' | 'need', skill: string): Promise<boolean> {
  return !!(await db
    .selectFrom('skills')
    .select('skill')
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .where('direction', '=', direction)
    .where('skill', '=', skill)
    .executeTakeFirst());
}

// ── Mentorship requests ──────────────────────────────────────────────────

export interface MentorshipRequest {
  id: string;
  requesterType: MenteeType;
  requesterId: string;
  askedBy: string | null;
  skill: string;
  languages: string[];
  goals: string;
  status: MentorshipRequestStatus;
  mentorshipId: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export const toMentorshipRequest = (r: MentorshipRequestsTable): MentorshipRequest => ({
  id: r.id,
  requesterType: r.requester_type,
  requesterId: r.requester_id,
  askedBy: r.asked_by,
  skill: r.skill,
  languages: JSON.parse(r.languages) as string[],
  goals: r.goals,
  status: r.status,
  mentorshipId: r.mentorship_id,
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
  closedAt: r.closed_at ? fromTimestamp(r.closed_at) : null,
});

export async function insertMentorshipRequest(trx: Db, row: MentorshipRequestsTable): Promise<void> {
  await trx.insertInto('mentorship_requests').values(row).execute();
}

export async function findMentorshipRequest(db: Db, id: string): Promise<MentorshipRequest | undefined> {
  const r = await db.selectFrom('mentorship_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toMentorshipRequest(r);
}

export async function lockMentorshipRequest(trx: Db, id: string): Promise<MentorshipRequest | undefined> {
  const r = await forUpdate(trx, trx.selectFrom('mentorship_requests').selectAll().where('id', '=', id)).executeTakeFirst();
  return r && toMentorshipRequest(r);
}

export async function findOpenMentorshipRequest(db: Db, requester: { type: MenteeType; id: string }, skill: string): Promise<MentorshipRequest | undefined> {
  const r = await db
    .selectFrom('mentorship_requests')
    .selectAll()
    .where('requester_type', '=', requester.type)
    .where('requester_id', '=', requester.id)
    .where('skill', '=', skill)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return r && toMentorshipRequest(r);
}

/** Moves a request on from one of `from`; false when it was no longer there (someone else was first). */
export async function closeMentorshipRequest(trx: Db, id: string, from: MentorshipRequestStatus, set: { status: MentorshipRequestStatus; mentorship_id?: string; at: Timestamp }): Promise<boolean> {
  const r = await trx
    .updateTable('mentorship_requests')
    .set({ status: set.status, ...(set.mentorship_id ? { mentorship_id: set.mentorship_id } : {}), updated_at: set.at, closed_at: set.at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listMentorshipRequests(db: Db, opts: { statuses?: readonly MentorshipRequestStatus[]; requester?: { type: MenteeType; id: string }; limit?: number } = {}): Promise<MentorshipRequest[]> {
  let q = db.selectFrom('mentorship_requests').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(opts.limit ?? 500);
  if (opts.statuses) q = q.where('status', 'in', [...opts.statuses]);
  if (opts.requester) q = q.where('requester_type', '=', opts.requester.type).where('requester_id', '=', opts.requester.id);
  return (await q.execute()).map(toMentorshipRequest);
}
