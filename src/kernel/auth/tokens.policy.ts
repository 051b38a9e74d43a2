// Personal API tokens: what each scope allows, and who may manage tokens.
//
// Two scopes, deliberately few:
//   read  — every GET (and HEAD) under /api/ that the person may see with their account;
//   write — also every change the person may make (POST, PUT, PATCH, DELETE). Includes read.
// A token never grants more than its owner has: the owner's roles and memberships are
// loaded on every request, so a removed membership or a suspension counts at once.
import type { Actor, Person } from './actor.js';

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The scopes stored for the choice a person makes (write includes read). */
export function scopesFor(choice: TokenScope): TokenScope[] {
  return choice === 'write' ? ['read', 'write'] : ['read'];
}

export const isReadMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/** Whether a token with these scopes may make a request with this method. */
export function tokenAllows(scopes: readonly string[], method: string): boolean {
  return isReadMethod(method) ? scopes.includes('read') : scopes.includes('write');
}

/**
 * Tokens are managed from a signed-in browser session only: a token (even one
 * with write scope) cannot mint or revoke tokens, so a leaked token cannot
 * entrench itself.
 */
export function tokenManager(actor: Actor): Person | 'anonymous' | 'token' {
  if (actor.kind !== 'person') return 'anonymous';
  if (actor.token) return 'token';
  return actor.person;
}
