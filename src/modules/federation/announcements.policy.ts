// Who may write announcements. Federation-wide ones: coordinators and federation
// admins. An organisation's: its org-admins (and federation admins). Drafts are
// seen only by those who may edit them; published ones by everyone.
import { type Actor, isCoordinator, isFedAdmin, roleIn } from '../../kernel/auth/actor.js';

export const canAnnounceFederationWide = (actor: Actor) => isCoordinator(actor) || isFedAdmin(actor);

export const canAnnounceForOrg = (actor: Actor, orgId: string) => roleIn(actor, orgId) === 'org_admin' || isFedAdmin(actor);

export const canEditAnnouncement = (actor: Actor, a: { orgId: string | null }) =>
  a.orgId === null ? canAnnounceFederationWide(actor) : canAnnounceForOrg(actor, a.orgId);

export const canSeeAnnouncement = (actor: Actor, a: { orgId: string | null; status: string }) =>
  a.status === 'published' || canEditAnnouncement(actor, a);

/** The organisations an actor may announce for (federation admins: every one, not listed here). */
export const announcingOrgIds = (actor: Actor): string[] =>
  actor.kind === 'person' ? actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId) : [];

export const canAnnounceAnywhere = (actor: Actor) => canAnnounceFederationWide(actor) || isFedAdmin(actor) || announcingOrgIds(actor).length > 0;
