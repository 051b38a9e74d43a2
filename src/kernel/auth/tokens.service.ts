// Personal API tokens: created and revoked from the account pages (with the
// current password), presented by scripts as `Authorization: Bearer <token>`.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.js';
import { audit } from '../audit/audit.js';
import { AppError, forbidden } from '../errors.js';
import { hashToken, newId } from '../ids.js';
import { fromTimestamp, nowTs, toTimestamp } from '../time.js';
import type { Actor, Person } from './actor.js';
import { reauthenticate } from './auth.service.js';
import { findPersonRow, listMemberships, toPerson } from './auth.repository.js';
import * as repo from './tokens.repository.js';
import { scopesFor, tokenManager } from './tokens.policy.js';
import type { CreateTokenInput } from './tokens.schemas.js';

export const TOKEN_PREFIX = 'hearth_';
/** Usable tokens per person: enough for every script, few enough to review. */
export const MAX_TOKENS = 50;
const TOKEN_SHAPE = /^hearth_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 3_600_000;

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'secret'>;

export type ApiToken = repo.ApiToken;
export interface ApiTokenView extends ApiToken {
  expired: boolean;
}

function requireManager(actor: Actor): Person {
  const who = tokenManager(actor);
  if (who === 'anonymous') throw new AppError('UNAUTHENTICATED', 401);
  if (who === 'token') throw forbidden('TOKEN_SESSION_REQUIRED');
  return who;
}

/** 32 random bytes behind a recognisable prefix (secret scanners look for it). */
function newSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

const withStatus = (deps: D, t: ApiToken): ApiTokenView => ({ ...t, expired: t.expiresAt !== null && t.expiresAt <= deps.clock.now() });

/** Creates a token and returns its secret: the only time anyone sees it. */
export async function createApiToken(deps: D, actor: Actor, input: CreateTokenInput): Promise<{ token: ApiTokenView; secret: string }> {
  const person = requireManager(actor);
  await reauthenticate(deps, person.id, input.current);
  const secret = newSecret();
  const now = deps.clock.now();
  const row: repo.ApiTokenRow = {
    id: newId(),
    person_id: person.id,
    name: input.name,
    token_hash: hashToken(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 4),
    scopes: scopesFor(input.scope).join(' '),
    created_at: toTimestamp(now),
    expires_at: input.expiresInDays === null ? null : toTimestamp(new Date(now.getTime() + input.expiresInDays * DAY_MS)),
    last_used_at: null,
    revoked_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    if ((await repo.countUsableApiTokensOf(trx, person.id, row.created_at)) >= MAX_TOKENS) {
      throw new AppError('TOKEN_LIMIT', 409, {}, { max: MAX_TOKENS });
    }
    await repo.insertApiToken(trx, row);
    await audit(trx, actor, 'auth.token.created', {
      targetType: 'api_token',
      targetId: row.id,
      data: { name: row.name, scopes: row.scopes, expiresAt: row.expires_at },
    });
  });
  return { token: withStatus(deps, repo.toApiToken(row)), secret };
}

export async function listApiTokens(deps: D, actor: Actor): Promise<ApiTokenView[]> {
  if (actor.kind !== 'person') throw new AppError('UNAUTHENTICATED', 401);
  // Listing is a read: a token may list its owner's tokens (never their secrets).
  return (await repo.listApiTokensOf(deps.db, actor.person.id)).map((t) => withStatus(deps, t));
}

export async function getApiToken(deps: D, actor: Actor, id: string): Promise<ApiTokenView> {
  const person = requireManager(actor);
  const row = await repo.findApiTokenOf(deps.db, person.id, id);
  if (!row || row.revoked_at) throw new AppError('TOKEN_NOT_FOUND', 404);
  return withStatus(deps, repo.toApiToken(row));
}

export async function revokeApiToken(deps: D, actor: Actor, id: string, input: { current: string }): Promise<void> {
  const person = requireManager(actor);
  await reauthenticate(deps, person.id, input.current);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeApiToken(trx, person.id, id, nowTs(deps.clock)))) throw new AppError('TOKEN_NOT_FOUND', 404);
    await audit(trx, actor, 'auth.token.revoked', { targetType: 'api_token', targetId: id });
  });
}

/** The token in an Authorization header value, or undefined when it is not a Bearer credential. */
export function bearerOf(header: string): string | undefined {
  const m = /^Bearer +(\S+) *$/i.exec(header);
  return m?.[1];
}

/**
 * The actor behind an `Authorization` header on an API request. Anything but a
 * working token is refused (401), never treated as anonymous. The caller checks
 * the token's scopes against the request (tokenAllows).
 */
export async function actorForBearer(deps: D, header: string): Promise<Actor> {
  const secret = bearerOf(header);
  if (!secret || !TOKEN_SHAPE.test(secret)) throw new AppError('TOKEN_INVALID', 401);
  const row = await repo.findApiTokenByHash(deps.db, hashToken(secret));
  if (!row || row.revoked_at) throw new AppError('TOKEN_INVALID', 401);
  const now = deps.clock.now();
  if (row.expires_at && fromTimestamp(row.expires_at) <= now) throw new AppError('TOKEN_EXPIRED', 401);
  // The owner is read on every request: a suspension stops the token at once.
  const personRow = await findPersonRow(deps.db, row.person_id);
  if (!personRow || personRow.status !== 'active') throw new AppError('TOKEN_INVALID', 401);
  // Writing on every request would serialise readers on SQLite; once a minute is enough.
  if (!row.last_used_at || now.getTime() - fromTimestamp(row.last_used_at).getTime() >= 60_000) {
    await repo.touchApiToken(deps.db, row.id, toTimestamp(now));
  }
  const person = toPerson(personRow);
  return { kind: 'person', person, memberships: await listMemberships(deps.db, person.id), token: { id: row.id, scopes: repo.parseScopes(row.scopes) } };
}
