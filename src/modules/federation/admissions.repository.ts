// Every query of membership applications.
import type { Db } from '../../kernel/db/connect.js';
import { likeMatch, likePattern } from '../../kernel/db/like.js';
import { notFound } from '../../kernel/errors.js';
import { fromTimestamp } from '../../kernel/time.js';
import { sql } from 'kysely';
import type { ApplicationStatus, MembershipApplicationsTable } from './admissions.tables.js';

export interface Application {
  id: string;
  orgName: string;
  serves: string;
  countries: string[];
  languages: string[];
  contactName: string;
  contactEmail: string;
  locale: string;
  status: ApplicationStatus;
  proposalId: string | null;
  orgId: string | null;
  decidedAt: Date | null;
  applicantNotifiedAt: Date | null;
  createdAt: Date;
}

export const toApplication = (r: MembershipApplicationsTable): Application => ({
  id: r.id,
  orgName: r.org_name,
  serves: r.serves,
  countries: JSON.parse(r.countries) as string[],
  languages: JSON.parse(r.languages) as string[],
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  locale: r.locale,
  status: r.status,
  proposalId: r.proposal_id,
  orgId: r.org_id,
  decidedAt: r.decided_at ? fromTimestamp(r.decided_at) : null,
  applicantNotifiedAt: r.applicant_notified_at ? fromTimestamp(r.applicant_notified_at) : null,
  createdAt: fromTimestamp(r.created_at),
});

export async function insertApplication(db: Db, row: MembershipApplicationsTable): Promise<void> {
  await db.insertInto('membership_applications').values(row).execute();
}

export async function findApplication(db: Db, id: string): Promise<Application | undefined> {
  const r = await db.selectFrom('membership_applications').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toApplication(r);
}

export async function getApplication(db: Db, id: string): Promise<Application> {
  const a = await findApplication(db, id);
  if (!a) throw notFound('ADMISSION_NOT_FOUND');
  return a;
}

export async function findApplicationByProposal(db: Db, proposalId: string): Promise<Application | undefined> {
  const r = await db.selectFrom('membership_applications').selectAll().where('proposal_id', '=', proposalId).executeTakeFirst();
  return r && toApplication(r);
}

export async function findApplicationByOrg(db: Db, orgId: string) {
  return db.selectFrom('membership_applications').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function listApplications(db: Db, statuses: ApplicationStatus[], limit: number): Promise<Application[]> {
  const rows = await db
    .selectFrom('membership_applications')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toApplication);
}

/** Compare-and-set on the status, so two coordinators cannot act on the same application at once. */
export async function updateApplication(
  db: Db,
  id: string,
  from: ApplicationStatus[],
  patch: Partial<Omit<MembershipApplicationsTable, 'id'>>,
): Promise<boolean> {
  const res = await db.updateTable('membership_applications').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A free short name: `base`, else `base-2`, `base-3`, … */
export async function uniqueSlug(db: Db, base: string): Promise<string> {
  const rows = await db
    .selectFrom('organisations')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), likeMatch(sql.ref('slug'), likePattern(`${base}-`, 'prefix'))]))
    .execute();
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function revokeOpenInvitations(db: Db, orgId: string, email: string, now: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('org_id', '=', orgId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function findOrganisationBrief(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}
