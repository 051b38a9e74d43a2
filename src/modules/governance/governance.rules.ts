// The decision rules, as pure functions.
import type { PositionKind } from './governance.tables.js';

export interface Tally {
  /** Organisations needed. */
  quorum: number;
  /** Organisations that took a position. */
  counted: number;
  agree: number;
  abstain: number;
  concern: number;
  block: number;
}

export function tally(quorum: number, positions: PositionKind[]): Tally {
  const t: Tally = { quorum, counted: positions.length, agree: 0, abstain: 0, concern: 0, block: 0 };
  for (const p of positions) t[p]++;
  return t;
}

/** Consent: enough organisations took a position, and no block stands. Concerns and abstentions do not stop it. */
export function passes(t: Tally): boolean {
  return t.counted >= t.quorum && t.block === 0;
}

/** Half of the active member organisations, rounded up; never less than one. */
export function defaultQuorum(activeOrganisations: number): number {
  return Math.max(1, Math.ceil(activeOrganisations / 2));
}

/** A reason is required where a position asks the others to listen. */
export function needsReason(position: PositionKind): boolean {
  return position === 'concern' || position === 'block';
}
