import { type Actor, isCoordinator, isFedAdmin, roleIn } from '../../kernel/auth/actor.js';

export const canCreateOrganisation = (actor: Actor) => isCoordinator(actor) || isFedAdmin(actor);

/** Federation members see who belongs to which organisation; the public directory comes later. */
export const canViewOrganisation = (actor: Actor, orgId: string) =>
  roleIn(actor, orgId) !== undefined || isCoordinator(actor) || isFedAdmin(actor);

export const canManageOrganisation = (actor: Actor, orgId: string) => roleIn(actor, orgId) === 'org_admin' || isFedAdmin(actor);

export const canListOrganisations = (actor: Actor) => actor.kind === 'person' || actor.kind === 'system';
