import { type Actor, type Person, isFedAdmin } from './actor.js';

/** Federation admins must sign in with a second factor. */
export function mustUseTwoFactor(person: Person): boolean {
  return person.fedRole === 'admin';
}

export function canManagePeople(actor: Actor): boolean {
  return isFedAdmin(actor);
}

export function canReadAuditLog(actor: Actor): boolean {
  return isFedAdmin(actor);
}
