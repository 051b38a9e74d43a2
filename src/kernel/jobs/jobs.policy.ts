import { type Actor, isFedAdmin } from '../auth/actor.js';

/** Seeing failed jobs and undelivered mail (recipients included) and retrying them. */
export function canManageJobs(actor: Actor): boolean {
  return isFedAdmin(actor);
}
