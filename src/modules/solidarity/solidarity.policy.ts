// Who may do what with the fund. Pure functions; whether someone is a treasurer
// is looked up by the service and passed in (like governance's delegates).
import { type Actor, isCoordinator, isFedAdmin, roleIn } from '../../kernel/auth/actor.js';

const isPerson = (actor: Actor) => actor.kind === 'person';

/** Members see the full ledger: people of member organisations, treasurers, coordinators, admins. The public sees the report. */
export function canSeeLedger(actor: Actor, treasurer: boolean): boolean {
  if (actor.kind === 'system') return true;
  if (!isPerson(actor)) return false;
  return treasurer || isCoordinator(actor) || isFedAdmin(actor) || (actor.kind === 'person' && actor.memberships.length > 0);
}

/** Only treasurers post to the ledger: federation admins grant the role but do not hold the purse by it. */
export const canPost = (actor: Actor, treasurer: boolean) => isPerson(actor) && treasurer;

/**
 * Money for an organisation (disbursing its grant, approving a disbursement to it,
 * reversing one) is moved by a treasurer who does not belong to it.
 */
export const canMoveMoneyFor = (actor: Actor, treasurer: boolean, orgId: string) => canPost(actor, treasurer) && roleIn(actor, orgId) === undefined;

export const canManageTreasurers = (actor: Actor) => isFedAdmin(actor);
export const canManageFundSettings = (actor: Actor) => isFedAdmin(actor);

/** An organisation asks for aid, reports on it and picks its dues band through its org-admins. */
export const canSpeakForOrg = (actor: Actor, orgId: string) => roleIn(actor, orgId) === 'org_admin';

/** Who may read an organisation's dues and requests beyond what the ledger shows everyone: its own people too. */
export const canSeeOrgFund = (actor: Actor, orgId: string, treasurer: boolean) => roleIn(actor, orgId) !== undefined || canSeeLedger(actor, treasurer);
