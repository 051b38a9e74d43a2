// Who may do what with shared projects. An org-admin starts a project for their
// organisation (which then coordinates it) or adds their own organisation to an
// existing one; the org-admins of coordinating organisations manage the project;
// federation admins may do everything. Everyone may read projects.
import { type Actor, isFedAdmin, roleIn } from '../../kernel/auth/actor.js';
import type { ProjectRole } from './projects.tables.js';

const isOrgAdminOf = (actor: Actor, orgId: string) => roleIn(actor, orgId) === 'org_admin';

export const canStartProjectFor = (actor: Actor, orgId: string) => isOrgAdminOf(actor, orgId) || isFedAdmin(actor);

export const canStartProjects = (actor: Actor) =>
  isFedAdmin(actor) || (actor.kind === 'person' && actor.memberships.some((m) => m.role === 'org_admin'));

export const canManageProject = (actor: Actor, participants: readonly { orgId: string; role: ProjectRole }[]) =>
  isFedAdmin(actor) || participants.some((p) => p.role === 'coordinator' && isOrgAdminOf(actor, p.orgId));

/** An organisation joins a project by the hand of its own org-admins. */
export const canJoinWith = (actor: Actor, orgId: string) => isOrgAdminOf(actor, orgId) || isFedAdmin(actor);

/** An organisation leaves by its own org-admins' hand, or is removed by the project's managers. */
export const canRemoveParticipant = (actor: Actor, participants: readonly { orgId: string; role: ProjectRole }[], orgId: string) =>
  isOrgAdminOf(actor, orgId) || canManageProject(actor, participants);

/** The organisations this actor is org-admin of (to offer them for joining or starting). */
export const adminOrgIds = (actor: Actor): string[] =>
  actor.kind === 'person' ? actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId) : [];
