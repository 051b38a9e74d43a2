// Who may do what with a member's public face: profile, texts, logo, services,
// self-description.
import type { Actor } from '../../kernel/auth/actor.js';
import { canManageOrganisation } from './federation.policy.js';
import type { Organisation } from './federation.repository.js';

/** The organisation's own admins and federation admins; an org-admin of another organisation never. */
export const canEditProfile = (actor: Actor, orgId: string) => canManageOrganisation(actor, orgId);

/** Translating needs the same rights as editing: translations are published under the member's name. */
export const canTranslateProfile = canEditProfile;

/** Everyone sees active members; a suspended member's page stays visible to those who manage it. */
export const canSeePublicProfile = (actor: Actor, org: Organisation) => org.status === 'active' || canManageOrganisation(actor, org.id);
