// Who may see and act on applications to join. Pure functions.
import { type Actor, isCoordinator, isFedAdmin } from '../../kernel/auth/actor.js';

const coordinates = (actor: Actor) => isCoordinator(actor) || isFedAdmin(actor);

/** Federation members (anyone belonging to an organisation) see who asks to join. */
export const canViewApplications = (actor: Actor) => coordinates(actor) || (actor.kind === 'person' && actor.memberships.length > 0);

/** The applicant's e-mail address is for coordinators only. */
export const canSeeApplicantContact = (actor: Actor) => coordinates(actor);

export const canProposeAdmission = (actor: Actor) => coordinates(actor);
export const canDismissApplication = (actor: Actor) => coordinates(actor);
export const canInviteApplicant = (actor: Actor) => coordinates(actor);
