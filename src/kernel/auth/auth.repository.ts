// Every query on people, sessions and their secrets.
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { likeMatch, likePattern } from '../db/like.js';
import type { PeopleTable } from './auth.tables.js';
import type { Membership, Person } from './actor.js';
import { fromTimestamp, type Timestamp } from '../time.js';
import { notFound } from '../errors.js';

export type PersonRow = PeopleTable;

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    pronouns: row.pronouns,
    locale: row.locale,
    timeZone: row.time_zone,
    fedRole: row.fed_role,
    status: row.status,
    totpEnabled: row.totp_enabled_at !== null,
    createdAt: fromTimestamp(row.created_at),
  };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findPersonRowByEmail(db: Db, email: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findPersonRow(db: Db, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getPersonRow(db: Db, id: string): Promise<PersonRow> {
  const row = await findPersonRow(db, id);
  if (!row) throw notFound('PERSON_NOT_FOUND');
  return row;
}

export async function insertPerson(db: Db, row: PersonRow): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function updatePerson(db: Db, id: string, patch: Partial<PersonRow>): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('fed_role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listMemberships(db: Db, personId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.org_id')
    .select(['memberships.org_id', 'memberships.role'])
    .where('memberships.person_id', '=', personId)
    .where('organisations.status', '=', 'active')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, role: r.role }));
}

export interface PeopleFilter {
  q?: string;
  after?: string;
  limit?: number;
}

export async function listPeople(db: Db, f: PeopleFilter): Promise<{ people: Person[]; next: string | undefined }> {
  const limit = f.limit ?? 50;
  let q = db.selectFrom('people').selectAll().orderBy('email').limit(limit + 1);
  if (f.q) {
    const pattern = likePattern(f.q.toLowerCase(), 'contains');
    q = q.where((eb) => eb.or([likeMatch(sql.ref('email'), pattern), likeMatch(sql`lower(display_name)`, pattern)]));
  }
  if (f.after) q = q.where('email', '>', f.after);
  const rows = await q.execute();
  const people = rows.slice(0, limit).map(toPerson);
  return { people, next: rows.length > limit ? people[people.length - 1]?.email : undefined };
}

// Sessions — stored by the SHA-256 of their id.

export interface SessionRow {
  id_hash: string;
  person_id: string;
  mfa_pending: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Db, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: Timestamp): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a person, except one when given. Returns how many ended. */
export async function deleteSessionsOf(db: Db, personId: string, except?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (except) q = q.where('id_hash', '!=', except);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function countSessionsOf(db: Db, personId: string): Promise<number> {
  const r = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('mfa_pending', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
