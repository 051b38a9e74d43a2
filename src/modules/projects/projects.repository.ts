// Every query of shared projects, their organisations, contacts, milestones and links.
import type { Db } from '../../kernel/db/connect.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { ProjectMilestonesTable, ProjectRole, ProjectsTable, ProjectStatus } from './projects.tables.js';

export const PROJECT_TEXT = 'project';

export interface Project {
  id: string;
  slug: string;
  name: string;
  status: ProjectStatus;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Participant {
  orgId: string;
  slug: string;
  name: string;
  role: ProjectRole;
  joinedAt: Date;
}

export interface Contact {
  personId: string;
  displayName: string;
  pronouns: string | null;
  orgId: string;
  orgName: string;
}

export interface Milestone {
  id: string;
  projectId: string;
  title: string;
  dueOn: string;
  doneAt: Date | null;
  createdAt: Date;
}

export interface ProjectLink {
  kind: string;
  targetId: string;
  createdAt: Date;
}

export const toProject = (r: ProjectsTable): Project => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  status: r.status,
  createdBy: r.created_by,
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
});

export const toMilestone = (r: ProjectMilestonesTable): Milestone => ({
  id: r.id,
  projectId: r.project_id,
  title: r.title,
  dueOn: r.due_on,
  doneAt: r.done_at ? fromTimestamp(r.done_at) : null,
  createdAt: fromTimestamp(r.created_at),
});

// ── Projects ──

export async function insertProject(db: Db, row: ProjectsTable): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}

export async function findProjectBySlug(db: Db, slug: string): Promise<Project | undefined> {
  const r = await db.selectFrom('projects').selectAll().where('slug', '=', slug).executeTakeFirst();
  return r && toProject(r);
}

export async function updateProject(db: Db, id: string, patch: Partial<Omit<ProjectsTable, 'id'>>): Promise<void> {
  await db.updateTable('projects').set(patch).where('id', '=', id).execute();
}

export async function listProjects(db: Db, opts: { status?: ProjectStatus | undefined; after?: string | undefined; limit: number; ids?: string[] }): Promise<Project[]> {
  let q = db.selectFrom('projects').selectAll().orderBy('slug').limit(opts.limit);
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.after) q = q.where('slug', '>', opts.after);
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    q = q.where('id', 'in', opts.ids);
  }
  return (await q.execute()).map(toProject);
}

// ── Participating organisations ──

export async function listParticipants(db: Db, projectIds: string[]): Promise<Map<string, Participant[]>> {
  const out = new Map<string, Participant[]>();
  if (projectIds.length === 0) return out;
  const rows = await db
    .selectFrom('project_orgs')
    .innerJoin('organisations', 'organisations.id', 'project_orgs.org_id')
    .select(['project_orgs.project_id', 'project_orgs.org_id', 'project_orgs.role', 'project_orgs.joined_at', 'organisations.slug', 'organisations.name'])
    .where('project_orgs.project_id', 'in', projectIds)
    // Coordinators first, then by name.
    .orderBy('project_orgs.role')
    .orderBy('organisations.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.project_id) ?? [];
    list.push({ orgId: r.org_id, slug: r.slug, name: r.name, role: r.role, joinedAt: fromTimestamp(r.joined_at) });
    out.set(r.project_id, list);
  }
  return out;
}

export async function findParticipant(db: Db, projectId: string, orgId: string) {
  return db.selectFrom('project_orgs').selectAll().where('project_id', '=', projectId).where('org_id', '=', orgId).executeTakeFirst();
}

export async function insertParticipant(db: Db, row: { project_id: string; org_id: string; role: ProjectRole; joined_at: Timestamp }): Promise<void> {
  await db.insertInto('project_orgs').values(row).execute();
}

export async function setParticipantRole(db: Db, projectId: string, orgId: string, role: ProjectRole): Promise<void> {
  await db.updateTable('project_orgs').set({ role }).where('project_id', '=', projectId).where('org_id', '=', orgId).execute();
}

export async function deleteParticipant(db: Db, projectId: string, orgId: string): Promise<void> {
  await db.deleteFrom('project_orgs').where('project_id', '=', projectId).where('org_id', '=', orgId).execute();
}

export async function countCoordinators(db: Db, projectId: string): Promise<number> {
  const r = await db
    .selectFrom('project_orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('role', '=', 'coordinator')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Projects an organisation takes part in, with its role. */
export async function listParticipationsOf(db: Db, orgId: string) {
  return db
    .selectFrom('project_orgs')
    .innerJoin('projects', 'projects.id', 'project_orgs.project_id')
    .select(['projects.id', 'projects.slug', 'projects.name', 'projects.status', 'projects.created_at', 'project_orgs.role', 'project_orgs.joined_at'])
    .where('project_orgs.org_id', '=', orgId)
    .orderBy('projects.slug')
    .execute();
}

// ── Contact people ──

/**
 * Contacts who still belong to the organisation they speak for, and whose
 * organisation still takes part: someone who left stops being shown at once.
 */
export async function listContacts(db: Db, projectId: string): Promise<Contact[]> {
  const rows = await db
    .selectFrom('project_contacts')
    .innerJoin('people', 'people.id', 'project_contacts.person_id')
    .innerJoin('organisations', 'organisations.id', 'project_contacts.org_id')
    .innerJoin('memberships', (j) => j.onRef('memberships.person_id', '=', 'project_contacts.person_id').onRef('memberships.org_id', '=', 'project_contacts.org_id'))
    .innerJoin('project_orgs', (j) => j.onRef('project_orgs.project_id', '=', 'project_contacts.project_id').onRef('project_orgs.org_id', '=', 'project_contacts.org_id'))
    .select(['people.id', 'people.display_name', 'people.pronouns', 'organisations.id as org_id', 'organisations.name as org_name'])
    .where('project_contacts.project_id', '=', projectId)
    .where('people.status', '=', 'active')
    .orderBy('people.display_name')
    .execute();
  return rows.map((r) => ({ personId: r.id, displayName: r.display_name, pronouns: r.pronouns, orgId: r.org_id, orgName: r.org_name }));
}

export async function insertContact(db: Db, row: { project_id: string; person_id: string; org_id: string; added_at: Timestamp }): Promise<void> {
  await db.insertInto('project_contacts').values(row).execute();
}

export async function findContact(db: Db, projectId: string, personId: string) {
  return db.selectFrom('project_contacts').selectAll().where('project_id', '=', projectId).where('person_id', '=', personId).executeTakeFirst();
}

export async function deleteContact(db: Db, projectId: string, personId: string): Promise<number> {
  const r = await db.deleteFrom('project_contacts').where('project_id', '=', projectId).where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteContactsOfOrg(db: Db, projectId: string, orgId: string): Promise<void> {
  await db.deleteFrom('project_contacts').where('project_id', '=', projectId).where('org_id', '=', orgId).execute();
}

/** People who may become contacts: members of the participating organisations. */
export async function listCandidateContacts(db: Db, projectId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('project_orgs', 'project_orgs.org_id', 'memberships.org_id')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .innerJoin('organisations', 'organisations.id', 'memberships.org_id')
    .select(['people.id as person_id', 'people.display_name', 'organisations.id as org_id', 'organisations.name as org_name'])
    .where('project_orgs.project_id', '=', projectId)
    .where('people.status', '=', 'active')
    .orderBy('organisations.name')
    .orderBy('people.display_name')
    .execute();
}

// ── Milestones ──

export async function listMilestones(db: Db, projectId: string): Promise<Milestone[]> {
  const rows = await db.selectFrom('project_milestones').selectAll().where('project_id', '=', projectId).orderBy('due_on').orderBy('created_at').execute();
  return rows.map(toMilestone);
}

export async function insertMilestone(db: Db, row: ProjectMilestonesTable): Promise<void> {
  await db.insertInto('project_milestones').values(row).execute();
}

export async function findMilestone(db: Db, projectId: string, id: string): Promise<Milestone | undefined> {
  const r = await db.selectFrom('project_milestones').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
  return r && toMilestone(r);
}

export async function updateMilestone(db: Db, id: string, patch: Partial<Pick<ProjectMilestonesTable, 'title' | 'due_on' | 'done_at' | 'updated_at'>>): Promise<void> {
  await db.updateTable('project_milestones').set(patch).where('id', '=', id).execute();
}

export async function deleteMilestone(db: Db, id: string): Promise<void> {
  await db.deleteFrom('project_milestones').where('id', '=', id).execute();
}

// ── Links to other modules' records ──

export async function insertLink(db: Db, row: { project_id: string; kind: string; target_id: string; created_at: Timestamp }): Promise<boolean> {
  const existing = await db
    .selectFrom('project_links')
    .select('target_id')
    .where('project_id', '=', row.project_id)
    .where('kind', '=', row.kind)
    .where('target_id', '=', row.target_id)
    .executeTakeFirst();
  if (existing) return false;
  await db.insertInto('project_links').values(row).execute();
  return true;
}

export async function deleteLink(db: Db, projectId: string, kind: string, targetId: string): Promise<number> {
  const r = await db.deleteFrom('project_links').where('project_id', '=', projectId).where('kind', '=', kind).where('target_id', '=', targetId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listLinks(db: Db, projectId: string, kind?: string): Promise<ProjectLink[]> {
  let q = db.selectFrom('project_links').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('target_id');
  if (kind) q = q.where('kind', '=', kind);
  return (await q.execute()).map((r) => ({ kind: r.kind, targetId: r.target_id, createdAt: fromTimestamp(r.created_at) }));
}

/** The projects linked to one record of another module (a proposal, later a need or grant). */
export async function listProjectIdsLinkedTo(db: Db, kind: string, targetId: string): Promise<string[]> {
  const rows = await db.selectFrom('project_links').select('project_id').where('kind', '=', kind).where('target_id', '=', targetId).execute();
  return rows.map((r) => r.project_id);
}
