// Who may do what with voices. Pure functions; the service loads what they need.
//
// - Campaigns of an organisation are made and changed by its org-admins; those
//   of the federation by coordinators (and federation admins).
// - Answers are read and triaged by the scope's moderators: the organisation's
//   org-admins and the members they designated; coordinators for the federation.
//   Federation admins do NOT read an organisation's answers: respondents wrote to
//   that organisation, and one organisation never reads another's answers.
// - Needs are public to read, kept by the same moderators.
import { type Actor, isCoordinator, roleIn } from '../../kernel/auth/actor.js';

/** null: the federation's own campaigns and needs. */
export type ScopeId = string | null;

export const canManageCampaigns = (actor: Actor, orgId: ScopeId): boolean => {
  if (actor.kind === 'system') return true;
  return orgId === null ? isCoordinator(actor) : roleIn(actor, orgId) === 'org_admin';
};

/** `designated`: the person is on the organisation's list of moderators. */
export const canModerate = (actor: Actor, orgId: ScopeId, designated: boolean): boolean => {
  if (actor.kind === 'system') return true;
  if (orgId === null) return isCoordinator(actor);
  const role = roleIn(actor, orgId);
  return role === 'org_admin' || (designated && role === 'member');
};

export const canDesignateModerators = (actor: Actor, orgId: string): boolean => roleIn(actor, orgId) === 'org_admin';
