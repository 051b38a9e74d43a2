// The ONLY place that knows which database engine runs. Business code and
// migrations call these helpers instead of branching themselves.
import { PostgresAdapter, sql, type Kysely, type SelectQueryBuilder } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Row locking for job claims. PostgreSQL skips rows other workers hold; SQLite
 * has a single writer (transactions begin IMMEDIATE), so nothing to add.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function forUpdateSkipLocked<DB, TB extends keyof DB, O>(
  db: Kysely<any>,
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return engineOf(db) === 'postgres' ? qb.forUpdate().skipLocked() : qb;
}

/**
 * Serialises writers of a chain (the audit log) until the transaction ends.
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: the IMMEDIATE
 * transaction already holds the only write lock.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function lockForChain(trx: Kysely<any>, name: string): Promise<void> {
  if (engineOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
  }
}

/** Case-insensitive "contains" for search boxes. */
export function ilike(db: Kysely<any>): 'ilike' | 'like' {
  // SQLite's LIKE is already case-insensitive for ASCII.
  return engineOf(db) === 'postgres' ? 'ilike' : 'like';
}

/** Column type for raw bytes (uploaded images): bytea on PostgreSQL, blob on SQLite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function bytesColumnType(db: Kysely<any>): 'bytea' | 'blob' {
  return engineOf(db) === 'postgres' ? 'bytea' : 'blob';
}

/** Size of the database, for the admin overview; undefined when unknown. */
export async function databaseSize(db: Kysely<any>): Promise<number | undefined> {
  if (engineOf(db) === 'postgres') {
    const r = await sql<{ size: string }>`select pg_database_size(current_database())::text as size`.execute(db);
    return Number(r.rows[0]?.size);
  }
  const r = await sql<{ size: number }>`select page_count * page_size as size from pragma_page_count(), pragma_page_size()`.execute(db);
  return r.rows[0]?.size;
}

/**
 * Row locks for a read-check-write (a grant's balance before a disbursement).
 * PostgreSQL: SELECT … FOR UPDATE holds the rows until the transaction ends.
 * SQLite: the IMMEDIATE transaction already holds the only write lock.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function forUpdate<DB, TB extends keyof DB, O>(db: Kysely<any>, qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return engineOf(db) === 'postgres' ? qb.forUpdate() : qb;
}

/**
 * Makes a table append-only in the database itself: UPDATE and DELETE fail with
 * `message`. A second wall behind the services (which never change such rows);
 * someone with the database owner's rights can still drop it, which is why the
 * ledger's hash chain exists. For migrations.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function makeAppendOnly(db: Kysely<any>, table: string, message: string): Promise<void> {
  if (!/^[a-z_]+$/.test(table) || /'/.test(message)) throw new Error('makeAppendOnly: plain table names and messages only');
  if (engineOf(db) === 'postgres') {
    await sql.raw(`create or replace function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`).execute(db);
    await sql.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function ${table}_append_only()`).execute(db);
    return;
  }
  for (const op of ['update', 'delete']) {
    await sql.raw(`create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${message}'); end`).execute(db);
  }
}

/** Undoes makeAppendOnly (a migration's down, and tests that play the part of an intruder with database rights). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function dropAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (!/^[a-z_]+$/.test(table)) throw new Error('dropAppendOnly: plain table names only');
  if (engineOf(db) === 'postgres') {
    await sql.raw(`drop trigger if exists ${table}_append_only on ${table}`).execute(db);
    await sql.raw(`drop function if exists ${table}_append_only()`).execute(db);
    return;
  }
  for (const op of ['update', 'delete']) await sql.raw(`drop trigger if exists ${table}_no_${op}`).execute(db);
}
