import type { FedRole, PersonStatus } from './auth.tables.js';
import type { OrgRole } from '../../modules/federation/federation.tables.js';

export interface Person {
  id: string;
  email: string;
  displayName: string;
  pronouns: string | null;
  locale: string | null;
  timeZone: string | null;
  fedRole: FedRole | null;
  status: PersonStatus;
  totpEnabled: boolean;
  createdAt: Date;
}

export interface Membership {
  orgId: string;
  role: OrgRole;
}

/** The personal API token a request was made with (absent for browser sessions). */
export interface TokenGrant {
  id: string;
  scopes: readonly string[];
}

/** Who is acting. Services receive one and decide through policy functions. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'person'; person: Person; memberships: Membership[]; token?: TokenGrant }
  | { kind: 'system'; label: string };

export const anonymous: Actor = Object.freeze({ kind: 'anonymous' });
export const systemActor = (label: string): Actor => ({ kind: 'system', label });

export function personOf(actor: Actor): Person | undefined {
  return actor.kind === 'person' ? actor.person : undefined;
}

export function isFedAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'person' && actor.person.fedRole === 'admin');
}

export function isCoordinator(actor: Actor): boolean {
  return actor.kind === 'person' && (actor.person.fedRole === 'coordinator' || actor.person.fedRole === 'admin');
}

export function roleIn(actor: Actor, orgId: string): OrgRole | undefined {
  return actor.kind === 'person' ? actor.memberships.find((m) => m.orgId === orgId)?.role : undefined;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.person.id : null;
}
