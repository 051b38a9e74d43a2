// Shared projects: what members work on together. Organisations take part
// (coordinating or participating), contact people speak for them, milestones
// track the work, and links tie the project to decisions (governance proposals)
// and, later, to needs, grants and results.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { translateDbError } from '../../kernel/db/errors.js';
import { forbidden, unauthenticated, validationFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { toTimestamp } from '../../kernel/time.js';
import { listTranslations, pickText, setText, type PickedText, type TextVersion } from '../../kernel/text/index.js';
import { findOrganisationBySlug, listOrganisations } from '../federation/federation.repository.js';
import * as repo from './projects.repository.js';
import * as err from './projects.errors.js';
import { adminOrgIds, canJoinWith, canManageProject, canRemoveParticipant, canStartProjectFor } from './projects.policy.js';
import { describeProposals, proposalExists, type LinkedProposal } from './projects.proposals.js';
import type { EditProjectInput, MilestoneInput, MilestonePatch, NewProjectInput } from './projects.schemas.js';
import type { ProjectRole, ProjectStatus } from './projects.tables.js';

export type { Project, Participant, Contact, Milestone, ProjectLink } from './projects.repository.js';
export type { LinkedProposal } from './projects.proposals.js';

export const PAGE_SIZE = 30;
export const PROPOSAL_LINK = 'proposal';
const OWNER = repo.PROJECT_TEXT;

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

const owner = (id: string) => ({ ownerType: OWNER, ownerId: id });
const by = (actor: Actor) => (actor.kind === 'person' ? actor.person.id : null);

interface Loaded {
  project: repo.Project;
  participants: repo.Participant[];
}

async function load(db: Db, slug: string): Promise<Loaded> {
  const project = await repo.findProjectBySlug(db, slug);
  if (!project) throw err.projectNotFound();
  return { project, participants: (await repo.listParticipants(db, [project.id])).get(project.id) ?? [] };
}

/** The project if this actor manages it: decided from the project alone, before any part of it is looked up. */
async function loadForManage(db: Db, actor: Actor, slug: string): Promise<Loaded> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const loaded = await load(db, slug);
  if (!canManageProject(actor, loaded.participants)) throw forbidden();
  return loaded;
}

async function orgBySlug(db: Db, slug: string, field = 'org') {
  const org = await findOrganisationBySlug(db, slug);
  if (!org || org.status !== 'active') throw validationFailed({ [field]: 'form.invalidChoice' });
  return org;
}

async function touch(trx: Db, deps: D, projectId: string): Promise<void> {
  await repo.updateProject(trx, projectId, { updated_at: toTimestamp(deps.clock.now()) });
}

// ── The project itself ───────────────────────────────────────────────────

export async function createProject(deps: D, actor: Actor, input: NewProjectInput): Promise<repo.Project> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const org = await orgBySlug(deps.db, input.org);
  if (!canStartProjectFor(actor, org.id)) throw forbidden();
  const now = deps.clock.now();
  const row = {
    id: newId(),
    slug: input.slug,
    name: input.name,
    status: input.status,
    created_by: by(actor),
    created_at: toTimestamp(now),
    updated_at: toTimestamp(now),
  };
  await deps.db.transaction().execute(async (trx) => {
    try {
      await repo.insertProject(trx, row);
    } catch (e) {
      translateDbError(e, { slug: { field: 'slug', code: 'PROJECT_SLUG_TAKEN' } });
    }
    await repo.insertParticipant(trx, { project_id: row.id, org_id: org.id, role: 'coordinator', joined_at: row.created_at });
    await setText(trx, { ...owner(row.id), field: 'description', lang: input.lang, body: input.description, source: true, by: by(actor), now });
    await audit(trx, actor, 'projects.project.created', { targetType: 'project', targetId: row.id, orgId: org.id, data: { slug: row.slug, status: row.status } });
  });
  return repo.toProject(row);
}

/** Name, status and the original description (edited in its own language). */
export async function updateProject(deps: D, actor: Actor, slug: string, input: EditProjectInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    const now = deps.clock.now();
    const patch: { name?: string; status?: ProjectStatus; updated_at: string } = { updated_at: toTimestamp(now) };
    if (input.name !== undefined) patch.name = input.name;
    if (input.status !== undefined) patch.status = input.status;
    if (input.description !== undefined) {
      const source = (await listTranslations(trx, owner(project.id), 'description')).find((v) => v.isSource);
      await setText(trx, { ...owner(project.id), field: 'description', lang: source?.lang ?? 'en', body: input.description, by: by(actor), now });
    }
    await repo.updateProject(trx, project.id, patch);
    const data: Record<string, unknown> = {};
    if (input.status !== undefined && input.status !== project.status) data.status = { from: project.status, to: input.status };
    if (input.name !== undefined && input.name !== project.name) data.name = input.name;
    if (input.description !== undefined) data.description = true;
    await audit(trx, actor, 'projects.project.updated', { targetType: 'project', targetId: project.id, data });
  });
}

export async function translateProject(deps: D, actor: Actor, slug: string, input: { lang: string; body: string; translator: string | null; machine: boolean }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    const now = deps.clock.now();
    await setText(trx, { ...owner(project.id), field: 'description', lang: input.lang, body: input.body, source: false, translator: input.translator, machine: input.machine, by: by(actor), now });
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.project.translated', { targetType: 'project', targetId: project.id, data: { lang: input.lang, machine: input.machine } });
  });
}

// ── Participating organisations ──────────────────────────────────────────

/** An org-admin adds their own organisation (as a participant). */
export async function joinProject(deps: D, actor: Actor, slug: string, orgSlug: string): Promise<void> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  await deps.db.transaction().execute(async (trx) => {
    const { project } = await load(trx, slug);
    const org = await orgBySlug(trx, orgSlug);
    if (!canJoinWith(actor, org.id)) throw forbidden();
    if (await repo.findParticipant(trx, project.id, org.id)) throw err.alreadyParticipating();
    await repo.insertParticipant(trx, { project_id: project.id, org_id: org.id, role: 'participant', joined_at: toTimestamp(deps.clock.now()) });
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.org.joined', { targetType: 'project', targetId: project.id, orgId: org.id });
  });
}

/** An organisation leaves (its org-admins), or the managers take it out. The last coordinator cannot go. */
export async function removeParticipant(deps: D, actor: Actor, slug: string, orgSlug: string): Promise<void> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  await deps.db.transaction().execute(async (trx) => {
    const { project, participants } = await load(trx, slug);
    const org = await findOrganisationBySlug(trx, orgSlug);
    if (!org) throw err.notParticipating();
    if (!canRemoveParticipant(actor, participants, org.id)) throw forbidden();
    const p = participants.find((x) => x.orgId === org.id);
    if (!p) throw err.notParticipating();
    if (p.role === 'coordinator' && participants.filter((x) => x.role === 'coordinator').length <= 1) throw err.lastCoordinator();
    await repo.deleteParticipant(trx, project.id, org.id);
    await repo.deleteContactsOfOrg(trx, project.id, org.id);
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.org.left', { targetType: 'project', targetId: project.id, orgId: org.id });
  });
}

export async function setParticipantRole(deps: D, actor: Actor, slug: string, orgSlug: string, role: ProjectRole): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { project, participants } = await loadForManage(trx, actor, slug);
    const org = await findOrganisationBySlug(trx, orgSlug);
    const p = org && participants.find((x) => x.orgId === org.id);
    if (!org || !p) throw err.notParticipating();
    if (p.role === role) return;
    if (p.role === 'coordinator' && (await repo.countCoordinators(trx, project.id)) <= 1) throw err.lastCoordinator();
    await repo.setParticipantRole(trx, project.id, org.id, role);
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.org.role_changed', { targetType: 'project', targetId: project.id, orgId: org.id, data: { from: p.role, to: role } });
  });
}

// ── Contact people ───────────────────────────────────────────────────────

/** A member of a participating organisation becomes a contact for the project (shown by name only). */
export async function addContact(deps: D, actor: Actor, slug: string, personId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    const candidate = (await repo.listCandidateContacts(trx, project.id)).find((c) => c.person_id === personId);
    if (!candidate) throw err.contactNotMember();
    if (await repo.findContact(trx, project.id, personId)) return;
    await repo.insertContact(trx, { project_id: project.id, person_id: personId, org_id: candidate.org_id, added_at: toTimestamp(deps.clock.now()) });
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.contact.added', { targetType: 'project', targetId: project.id, orgId: candidate.org_id, data: { personId } });
  });
}

export async function removeContact(deps: D, actor: Actor, slug: string, personId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    if ((await repo.deleteContact(trx, project.id, personId)) === 0) throw err.contactNotFound();
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.contact.removed', { targetType: 'project', targetId: project.id, data: { personId } });
  });
}

// ── Milestones ───────────────────────────────────────────────────────────

export async function addMilestone(deps: D, actor: Actor, slug: string, input: MilestoneInput): Promise<repo.Milestone> {
  return deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    const now = toTimestamp(deps.clock.now());
    const row = { id: newId(), project_id: project.id, title: input.title, due_on: input.dueOn, done_at: null, created_at: now, updated_at: now };
    await repo.insertMilestone(trx, row);
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.milestone.added', { targetType: 'project', targetId: project.id, data: { milestoneId: row.id, dueOn: row.due_on } });
    return repo.toMilestone(row);
  });
}

/** Title, due day, or completion (done: true records when; false reopens it). */
export async function updateMilestone(deps: D, actor: Actor, slug: string, id: string, patch: MilestonePatch): Promise<repo.Milestone> {
  return deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    const m = await repo.findMilestone(trx, project.id, id);
    if (!m) throw err.milestoneNotFound();
    const now = toTimestamp(deps.clock.now());
    const set: { title?: string; due_on?: string; done_at?: string | null; updated_at: string } = { updated_at: now };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.dueOn !== undefined) set.due_on = patch.dueOn;
    // Completing it again keeps the first completion time.
    if (patch.done === true && !m.doneAt) set.done_at = now;
    if (patch.done === false) set.done_at = null;
    await repo.updateMilestone(trx, id, set);
    await touch(trx, deps, project.id);
    const data: Record<string, unknown> = { milestoneId: id };
    if (patch.done !== undefined) data.done = patch.done;
    if (patch.dueOn !== undefined) data.dueOn = patch.dueOn;
    await audit(trx, actor, patch.done === true ? 'projects.milestone.completed' : patch.done === false ? 'projects.milestone.reopened' : 'projects.milestone.updated', {
      targetType: 'project',
      targetId: project.id,
      data,
    });
    return (await repo.findMilestone(trx, project.id, id))!;
  });
}

export async function deleteMilestone(deps: D, actor: Actor, slug: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    const m = await repo.findMilestone(trx, project.id, id);
    if (!m) throw err.milestoneNotFound();
    await repo.deleteMilestone(trx, id);
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.milestone.deleted', { targetType: 'project', targetId: project.id, data: { milestoneId: id, title: m.title } });
  });
}

// ── Links: governance proposals now, other modules' records later ─────────

export async function linkProposal(deps: D, actor: Actor, slug: string, proposalId: string): Promise<void> {
  const { project } = await loadForManage(deps.db, actor, slug);
  // Asked before the transaction: governance reads on its own connection.
  if (!(await proposalExists(deps, proposalId))) throw err.proposalUnknown();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await linkToProject(trx, project.id, PROPOSAL_LINK, proposalId, deps.clock.now()))) return;
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.link.added', { targetType: 'project', targetId: project.id, data: { kind: PROPOSAL_LINK, targetId: proposalId } });
  });
}

export async function unlinkProposal(deps: D, actor: Actor, slug: string, proposalId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { project } = await loadForManage(trx, actor, slug);
    if ((await repo.deleteLink(trx, project.id, PROPOSAL_LINK, proposalId)) === 0) throw err.linkNotFound();
    await touch(trx, deps, project.id);
    await audit(trx, actor, 'projects.link.removed', { targetType: 'project', targetId: project.id, data: { kind: PROPOSAL_LINK, targetId: proposalId } });
  });
}

/**
 * For other modules (needs, grants, results): tie one of their records to a
 * project inside their own transaction, after their own authorization and
 * with their own audit entry. Returns false when the link already existed.
 */
export async function linkToProject(trx: Db, projectId: string, kind: string, targetId: string, now: Date): Promise<boolean> {
  return repo.insertLink(trx, { project_id: projectId, kind, target_id: targetId, created_at: toTimestamp(now) });
}

export async function unlinkFromProject(trx: Db, projectId: string, kind: string, targetId: string): Promise<boolean> {
  return (await repo.deleteLink(trx, projectId, kind, targetId)) > 0;
}

/** The projects a record of another module is linked to (public data: name, slug, status). */
export async function projectsLinkedTo(db: Db, kind: string, targetId: string): Promise<repo.Project[]> {
  const ids = await repo.listProjectIdsLinkedTo(db, kind, targetId);
  return repo.listProjects(db, { ids, limit: 500 });
}

export async function findProject(db: Db, slug: string): Promise<repo.Project | undefined> {
  return repo.findProjectBySlug(db, slug);
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface ProjectSummary {
  project: repo.Project;
  description: PickedText | undefined;
  participants: repo.Participant[];
}

export async function listProjects(
  deps: D,
  opts: { status?: ProjectStatus | undefined; after?: string | undefined; readerLang: string },
): Promise<{ items: ProjectSummary[]; next: string | undefined }> {
  const rows = await repo.listProjects(deps.db, { status: opts.status, after: opts.after, limit: PAGE_SIZE + 1 });
  const page = rows.slice(0, PAGE_SIZE);
  const ids = page.map((p) => p.id);
  const participants = await repo.listParticipants(deps.db, ids);
  const descriptions = await pickText(deps.db, OWNER, ids, 'description', opts.readerLang);
  return {
    items: page.map((p) => ({ project: p, description: descriptions.get(p.id), participants: participants.get(p.id) ?? [] })),
    next: rows.length > PAGE_SIZE ? page[page.length - 1]!.slug : undefined,
  };
}

export interface ProjectView extends ProjectSummary {
  contacts: repo.Contact[];
  milestones: repo.Milestone[];
  proposals: LinkedProposal[];
  canManage: boolean;
  /** The actor's organisations that could join (they are org-admin of, not yet taking part). */
  joinable: { slug: string; name: string }[];
  /** Participating organisations this actor may take out of the project. */
  removable: string[];
  /** For managers: the original description, and the people who may become contacts. */
  source?: { lang: string; body: string } | undefined;
  candidates?: { personId: string; displayName: string; orgName: string }[] | undefined;
}

export async function viewProject(deps: D, actor: Actor, slug: string, readerLang: string): Promise<ProjectView> {
  const { project, participants } = await load(deps.db, slug);
  const versions = await listTranslations(deps.db, owner(project.id), 'description');
  const description = (await pickText(versions, OWNER, [project.id], 'description', readerLang)).get(project.id);
  const canManage = canManageProject(actor, participants);
  const taking = new Set(participants.map((p) => p.orgId));
  const mine = adminOrgIds(actor).filter((id) => !taking.has(id));
  const joinable = mine.length > 0 ? (await listOrganisations(deps.db, { ids: mine, limit: 200 })).orgs.filter((o) => o.status === 'active') : [];
  const links = await repo.listLinks(deps.db, project.id, PROPOSAL_LINK);
  const source = versions.find((v) => v.isSource);
  return {
    project,
    description,
    participants,
    contacts: await repo.listContacts(deps.db, project.id),
    milestones: await repo.listMilestones(deps.db, project.id),
    proposals: await describeProposals(deps, links.map((l) => l.targetId), readerLang),
    canManage,
    joinable: joinable.map((o) => ({ slug: o.slug, name: o.name })),
    removable: participants.filter((p) => canRemoveParticipant(actor, participants, p.orgId)).map((p) => p.orgId),
    source: canManage && source ? { lang: source.lang, body: source.body } : undefined,
    candidates: canManage
      ? (await repo.listCandidateContacts(deps.db, project.id)).map((c) => ({ personId: c.person_id, displayName: c.display_name, orgName: c.org_name }))
      : undefined,
  };
}

/** The project, if this actor manages it (403 otherwise): pages check this before reading a form. */
export async function managedProject(deps: D, actor: Actor, slug: string): Promise<repo.Project> {
  return (await loadForManage(deps.db, actor, slug)).project;
}

/** Whether this actor may take this organisation out of the project (its own org-admins, or the managers). */
export async function assertMayRemoveParticipant(deps: D, actor: Actor, slug: string, orgSlug: string): Promise<{ project: repo.Project; org: { slug: string; name: string } }> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const { project, participants } = await load(deps.db, slug);
  const org = await findOrganisationBySlug(deps.db, orgSlug);
  if (!org) throw err.notParticipating();
  if (!canRemoveParticipant(actor, participants, org.id)) throw forbidden();
  if (!participants.some((p) => p.orgId === org.id)) throw err.notParticipating();
  return { project, org: { slug: org.slug, name: org.name } };
}

// ── Export ───────────────────────────────────────────────────────────────

const versionJson = (v: TextVersion) => ({
  lang: v.lang,
  isSource: v.isSource,
  translator: v.translator,
  machine: v.machine,
  body: v.body,
  updatedAt: toTimestamp(v.updatedAt),
});

/** The projects an organisation takes part in, with what it shares there (its `hearth export-org` part). */
export async function exportProjectParticipations(db: Db, orgId: string) {
  const out = [];
  for (const r of await repo.listParticipationsOf(db, orgId)) {
    const contacts = (await repo.listContacts(db, r.id)).filter((c) => c.orgId === orgId);
    out.push({
      project: { id: r.id, slug: r.slug, name: r.name, status: r.status, createdAt: r.created_at },
      role: r.role,
      joinedAt: r.joined_at,
      description: (await listTranslations(db, owner(r.id), 'description')).map(versionJson),
      participants: ((await repo.listParticipants(db, [r.id])).get(r.id) ?? []).map((p) => ({ orgId: p.orgId, slug: p.slug, name: p.name, role: p.role })),
      contacts: contacts.map((c) => ({ personId: c.personId, displayName: c.displayName })),
      milestones: (await repo.listMilestones(db, r.id)).map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneAt: m.doneAt ? toTimestamp(m.doneAt) : null })),
      links: (await repo.listLinks(db, r.id)).map((l) => ({ kind: l.kind, targetId: l.targetId, createdAt: toTimestamp(l.createdAt) })),
    });
  }
  return out;
}
