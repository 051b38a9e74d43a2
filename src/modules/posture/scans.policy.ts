// Who may do what with an organisation's assets, scans and results.
// Scan results and their evidence describe a member's weaknesses: they stay
// inside the organisation. Neither coordinators nor federation admins of other
// organisations see them (the scorecard's visibility setting decides what the
// federation sees, and only in summary).
import { type Actor, roleIn } from '../../kernel/auth/actor.js';

/** Any person of the organisation sees its assets, scans, results and notices. */
export const canViewScans = (actor: Actor, orgId: string) => actor.kind === 'system' || roleIn(actor, orgId) !== undefined;

/** Its org-admins declare and prove assets, ask for scans, set the interval and dismiss notices. */
export const canManageAssets = (actor: Actor, orgId: string) => actor.kind === 'system' || roleIn(actor, orgId) === 'org_admin';
