// Who may do what in governance. Pure functions; services call them before acting.
import { type Actor, isCoordinator, isFedAdmin, personOf, roleIn } from '../../kernel/auth/actor.js';

const coordinates = (actor: Actor) => isCoordinator(actor) || isFedAdmin(actor);

/** Org-admins speak for their organisation; coordinators and admins open federation-wide proposals. */
export function canCreateProposal(actor: Actor, authorOrgId: string | null): boolean {
  if (authorOrgId === null) return coordinates(actor);
  return roleIn(actor, authorOrgId) === 'org_admin';
}

/** Admissions come from an application, opened by a coordinator. */
export const canOpenAdmission = (actor: Actor) => coordinates(actor);

/** Anyone may read proposals, positions and the decision log: transparency by default. */
export const canReadProposals = (_actor: Actor) => true;

/**
 * An organisation's one position is set by its org-admins, or by members they
 * delegated. Delegation counts only while the person is still a member (the
 * membership is part of the actor, loaded per request).
 */
export function canSetPosition(actor: Actor, orgId: string, isDelegate: boolean): boolean {
  const role = roleIn(actor, orgId);
  return role === 'org_admin' || (role === 'member' && isDelegate);
}

export const canManageDelegates = (actor: Actor, orgId: string) => roleIn(actor, orgId) === 'org_admin' || isFedAdmin(actor);

export function canWithdraw(actor: Actor, p: { authorOrgId: string | null; authorId: string | null }): boolean {
  if (coordinates(actor)) return true;
  if (p.authorOrgId && roleIn(actor, p.authorOrgId) === 'org_admin') return true;
  return !!p.authorId && personOf(actor)?.id === p.authorId;
}

/** Translations of a proposal's title and body: whoever may edit it. */
export const canTranslate = canWithdraw;

export const canRecordOutcome = (actor: Actor) => coordinates(actor);

/** The discussion is among federation members: people's names stay inside the federation. */
export function canDiscuss(actor: Actor): boolean {
  if (coordinates(actor)) return true;
  return actor.kind === 'person' && actor.memberships.length > 0;
}

export function canEditComment(actor: Actor, authorId: string | null): boolean {
  return canDiscuss(actor) && !!authorId && personOf(actor)?.id === authorId;
}

export const canManageGovernanceSettings = (actor: Actor) => isFedAdmin(actor);
