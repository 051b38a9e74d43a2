// Test databases on both engines. SQLite runs in memory; PostgreSQL gets a
// fresh schema per call, dropped afterwards. PostgreSQL is required when
// HEARTH_REQUIRE_POSTGRES=1 and otherwise skipped with a printed notice.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { connectDatabase, type DatabaseHandle } from '../../src/kernel/db/connect.js';
import { migrateToLatest } from '../../src/kernel/db/migrate.js';
import type { Engine } from '../../src/kernel/db/dialect.js';

export const postgresUrl = process.env.HEARTH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const requirePostgres = process.env.HEARTH_REQUIRE_POSTGRES === '1';
const pgOk = await postgresReachable();
if (!pgOk) {
  if (requirePostgres) throw new Error(`HEARTH_REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${postgresUrl}`);
  console.warn(`[hearth tests] PostgreSQL not reachable at ${postgresUrl}: PostgreSQL tests are skipped.`);
}

/** The engines every database test runs on. */
export const engines: Engine[] = pgOk ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The schema holding this database on PostgreSQL (for child processes). */
  url: string;
  schema: string | undefined;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine, opts: { file?: string; migrate?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const url = `sqlite:${opts.file ?? ':memory:'}`;
    const handle = connectDatabase(url);
    if (opts.migrate !== false) await migrateToLatest(handle.db);
    return { handle, url, schema: undefined, drop: () => handle.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = connectDatabase(postgresUrl, { schema, poolSize: 4 });
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  return {
    handle,
    url: postgresUrl,
    schema,
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
