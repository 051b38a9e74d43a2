// Who may do what with trainings, skills and mentorships. Pure functions over the actor.
import { type Actor, isCoordinator, isFedAdmin, personOf, roleIn } from '../../kernel/auth/actor.js';
import type { MenteeType } from './solidarity.tables.js';

/** Org-admins organise for their organisation; coordinators and admins for the federation. */
export const canOrganise = (actor: Actor, orgId: string | null) => (orgId === null ? isCoordinator(actor) || isFedAdmin(actor) : roleIn(actor, orgId) === 'org_admin');

/**
 * Editing, cancelling and translating a published training: its organiser's
 * org-admins, and coordinators and admins, who look after the whole programme
 * (a federation training has no organisation of its own).
 */
export const canManageTraining = (actor: Actor, orgId: string | null) =>
  actor.kind === 'person' && (isCoordinator(actor) || isFedAdmin(actor) || (orgId !== null && roleIn(actor, orgId) === 'org_admin'));

/** People of member organisations, coordinators and admins: they see who needs help and suggestions. */
export const isFederationMember = (actor: Actor) => actor.kind === 'person' && (actor.memberships.length > 0 || isCoordinator(actor) || isFedAdmin(actor));

/** A person asks for themselves; an organisation asks through its org-admins. */
export function canSpeakFor(actor: Actor, requester: { type: MenteeType; id: string }): boolean {
  if (requester.type === 'person') return personOf(actor)?.id === requester.id;
  return roleIn(actor, requester.id) === 'org_admin';
}

export interface MentorshipParties {
  mentorId: string;
  menteeId: string;
  menteeType: MenteeType;
  menteeOrgId: string | null;
}

/**
 * The mentor, and the mentee: a person, or for an organisation its org-admins
 * of today (the role is looked up on every request, so someone who left the
 * organisation no longer takes part).
 */
export function takesPart(actor: Actor, m: MentorshipParties): boolean {
  const me = personOf(actor)?.id;
  if (!me) return false;
  if (me === m.mentorId) return true;
  if (m.menteeType === 'org') return m.menteeOrgId !== null && roleIn(actor, m.menteeOrgId) === 'org_admin';
  return me === m.menteeId;
}

/** The two sides, and coordinators and admins, who look after the programme. */
export const canReadMentorship = (actor: Actor, m: MentorshipParties) => takesPart(actor, m) || isCoordinator(actor) || isFedAdmin(actor);

/**
 * Taking up a request for a mentor: a member of the federation who offers the
 * skill, never for themselves nor for an organisation they belong to (that
 * help is asked of the federation).
 */
export function canTakeUp(actor: Actor, requester: { type: MenteeType; id: string }, offersSkill: boolean): boolean {
  if (!isFederationMember(actor) || !offersSkill) return false;
  if (requester.type === 'person') return personOf(actor)?.id !== requester.id;
  return roleIn(actor, requester.id) === undefined;
}
