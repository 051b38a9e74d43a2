// Every query of organisations, memberships and invitations.
import type { Db } from '../../kernel/db/connect.js';
import { notFound } from '../../kernel/errors.js';
import { fromTimestamp } from '../../kernel/time.js';
import type { InvitationsTable, OrganisationsTable, OrgRole } from './federation.tables.js';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  createdAt: Date;
}

export interface Member {
  personId: string;
  displayName: string;
  pronouns: string | null;
  email: string;
  role: OrgRole;
  since: Date;
}

export interface Invitation {
  id: string;
  orgId: string;
  email: string;
  role: OrgRole;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export const toOrganisation = (r: OrganisationsTable): Organisation => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  status: r.status,
  createdAt: fromTimestamp(r.created_at),
});

export const toInvitation = (r: InvitationsTable): Invitation => ({
  id: r.id,
  orgId: r.org_id,
  email: r.email,
  role: r.role,
  invitedBy: r.invited_by,
  createdAt: fromTimestamp(r.created_at),
  expiresAt: fromTimestamp(r.expires_at),
  acceptedAt: r.accepted_at ? fromTimestamp(r.accepted_at) : null,
  revokedAt: r.revoked_at ? fromTimestamp(r.revoked_at) : null,
});

export async function insertOrganisation(db: Db, row: OrganisationsTable): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function findOrganisationBySlug(db: Db, slug: string): Promise<Organisation | undefined> {
  const r = await db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
  return r && toOrganisation(r);
}

export async function getOrganisationBySlug(db: Db, slug: string): Promise<Organisation> {
  const org = await findOrganisationBySlug(db, slug);
  if (!org) throw notFound('ORG_NOT_FOUND');
  return org;
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation> {
  const r = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('ORG_NOT_FOUND');
  return toOrganisation(r);
}

export async function listOrganisations(db: Db, opts: { after?: string; limit?: number; ids?: string[] } = {}): Promise<{ orgs: Organisation[]; next: string | undefined }> {
  const limit = opts.limit ?? 50;
  let q = db.selectFrom('organisations').selectAll().orderBy('slug').limit(limit + 1);
  if (opts.after) q = q.where('slug', '>', opts.after);
  if (opts.ids) {
    if (opts.ids.length === 0) return { orgs: [], next: undefined };
    q = q.where('id', 'in', opts.ids);
  }
  const rows = await q.execute();
  const orgs = rows.slice(0, limit).map(toOrganisation);
  return { orgs, next: rows.length > limit ? orgs[orgs.length - 1]?.slug : undefined };
}

export async function listMembers(db: Db, orgId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id', 'people.display_name', 'people.pronouns', 'people.email', 'memberships.role', 'memberships.created_at'])
    .where('memberships.org_id', '=', orgId)
    .orderBy('people.display_name')
    .execute();
  return rows.map((r) => ({
    personId: r.id,
    displayName: r.display_name,
    pronouns: r.pronouns,
    email: r.email,
    role: r.role,
    since: fromTimestamp(r.created_at),
  }));
}

export async function findMembership(db: Db, orgId: string, personId: string) {
  return db.selectFrom('memberships').selectAll().where('org_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();
}

export async function countOrgAdmins(db: Db, orgId: string): Promise<number> {
  const r = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'org_admin')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listPendingInvitations(db: Db, orgId: string, now: string): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toInvitation);
}

export async function findInvitationByTokenHash(db: Db, hash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Every invitation of an organisation, for its data export. The token hash is never selected. */
export async function listAllInvitations(db: Db, orgId: string): Promise<(Invitation & { acceptedBy: string | null })[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(['id', 'org_id', 'email', 'role', 'invited_by', 'created_at', 'expires_at', 'accepted_at', 'accepted_by', 'revoked_at'])
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    email: r.email,
    role: r.role,
    invitedBy: r.invited_by,
    createdAt: fromTimestamp(r.created_at),
    expiresAt: fromTimestamp(r.expires_at),
    acceptedAt: r.accepted_at ? fromTimestamp(r.accepted_at) : null,
    acceptedBy: r.accepted_by,
    revokedAt: r.revoked_at ? fromTimestamp(r.revoked_at) : null,
  }));
}

/** Someone to tell something by e-mail, in their language and time zone. */
export interface Recipient {
  personId: string;
  email: string;
  displayName: string;
  locale: string | null;
  timeZone: string | null;
}

/** The active org-admins of an organisation, for telling them something by e-mail. */
export async function listOrgAdmins(db: Db, orgId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id', 'people.email', 'people.display_name', 'people.locale', 'people.time_zone'])
    .where('memberships.org_id', '=', orgId)
    .where('memberships.role', '=', 'org_admin')
    .where('people.status', '=', 'active')
    .orderBy('people.id')
    .execute();
  return rows.map((r) => ({ personId: r.id, email: r.email, displayName: r.display_name, locale: r.locale, timeZone: r.time_zone }));
}
