// Every query on personal API tokens. Secrets are looked up by their SHA-256 only.
import type { Db } from '../db/connect.js';
import { fromTimestamp, type Timestamp } from '../time.js';
import type { ApiTokensTable } from './tokens.tables.js';

export type ApiTokenRow = ApiTokensTable;

export interface ApiToken {
  id: string;
  personId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const parseScopes = (s: string) => s.split(' ').filter(Boolean);

export function toApiToken(r: ApiTokenRow): ApiToken {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    prefix: r.prefix,
    scopes: parseScopes(r.scopes),
    createdAt: fromTimestamp(r.created_at),
    expiresAt: r.expires_at ? fromTimestamp(r.expires_at) : null,
    lastUsedAt: r.last_used_at ? fromTimestamp(r.last_used_at) : null,
    revokedAt: r.revoked_at ? fromTimestamp(r.revoked_at) : null,
  };
}

export async function insertApiToken(db: Db, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findApiTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function findApiTokenOf(db: Db, personId: string, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
}

/** A person's tokens that were not revoked (expired ones included), newest first. */
export async function listApiTokensOf(db: Db, personId: string, limit = 200): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toApiToken);
}

/** Tokens that still work: neither revoked nor expired. */
export async function countUsableApiTokensOf(db: Db, personId: string, now: Timestamp): Promise<number> {
  const r = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function touchApiToken(db: Db, id: string, at: Timestamp): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Returns whether a token of this person was revoked now. */
export async function revokeApiToken(db: Db, personId: string, id: string, at: Timestamp): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Revokes every token of a person (on suspension). Returns how many. */
export async function revokeApiTokensOf(db: Db, personId: string, at: Timestamp): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('person_id', '=', personId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
