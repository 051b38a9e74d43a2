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
