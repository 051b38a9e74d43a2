// Who may see and do what with the baseline, scorecards and help requests.
//
// An organisation's scorecard is shown as its org-admins choose: private (its
// own people only), to federation members, or public. What visibility shares is
// the summary — scores, each practice's status, the trend, the baseline version.
// Evidence of scans, self-assessment notes and evidence links never leave the
// organisation, whatever the setting; neither coordinators nor federation
// admins see them (only the hub's own processes, `system`, do, e.g. export-org).
import { type Actor, isCoordinator, isFedAdmin, roleIn } from '../../kernel/auth/actor.js';
import type { Visibility } from './baseline.tables.js';

const isOrgAdmin = (actor: Actor, orgId: string) => actor.kind === 'system' || roleIn(actor, orgId) === 'org_admin';

/** Someone inside the federation: a person of a member organisation, or a coordinator or federation admin. */
export const isFederationMember = (actor: Actor) =>
  actor.kind === 'system' || (actor.kind === 'person' && (actor.memberships.length > 0 || isCoordinator(actor) || isFedAdmin(actor)));

/** The organisation's own people (and the hub itself) see everything of it: evidence, notes, answers. */
export const isInsider = (actor: Actor, orgId: string) => actor.kind === 'system' || roleIn(actor, orgId) !== undefined;

export function canViewScorecard(actor: Actor, orgId: string, visibility: Visibility): boolean {
  if (isInsider(actor, orgId)) return true;
  if (visibility === 'public') return true;
  return visibility === 'members' && isFederationMember(actor);
}

/** Answering self-assessment questions, setting visibility, asking for help: the organisation's admins. */
export const canAssess = isOrgAdmin;
export const canSetVisibility = isOrgAdmin;
export const canAskForHelp = isOrgAdmin;
export const canMarkHelp = isOrgAdmin;

/** Help requests show a member's gaps: inside the federation only, never public. */
export const canViewHelp = isFederationMember;

/** An organisation offers help to another by the hand of its own admins. */
export const canOfferHelp = (actor: Actor, helperOrgId: string) => isOrgAdmin(actor, helperOrgId);

export const canCloseHelpRequest = (actor: Actor, request: { orgId: string }) => isOrgAdmin(actor, request.orgId);

/** Translations of practice texts: anyone inside the federation may add a language (credited to them). */
export const canTranslatePractice = isFederationMember;

/** A baseline change is a governance proposal: org-admins for their organisation, coordinators and admins for the federation. */
export function canProposeBaselineChange(actor: Actor, authorOrgId: string | null): boolean {
  if (authorOrgId === null) return actor.kind === 'person' && (isCoordinator(actor) || isFedAdmin(actor));
  return actor.kind === 'person' && roleIn(actor, authorOrgId) === 'org_admin';
}

export const canProposeAnyBaselineChange = (actor: Actor) =>
  actor.kind === 'person' && (isCoordinator(actor) || isFedAdmin(actor) || actor.memberships.some((m) => m.role === 'org_admin'));

/** The organisations this actor is org-admin of. */
export const adminOrgIds = (actor: Actor): string[] => (actor.kind === 'person' ? actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId) : []);
