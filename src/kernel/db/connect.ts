import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import type { Database } from '../../database.js';
import type { Engine } from './dialect.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Path of the SQLite file, for backups; undefined on PostgreSQL or in memory. */
  file: string | undefined;
  close(): Promise<void>;
}

// A write transaction must take SQLite's lock when it begins; a deferred one
// that upgrades later can fail with SQLITE_BUSY despite the busy timeout when
// another process (a CLI command, a worker) writes at the same time.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly cfg: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(cfg);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.cfg);
  }
}

// COUNT(*) and BIGINT arrive as strings from pg; our numbers fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export interface ConnectOptions {
  /** PostgreSQL schema to use (tests give each run its own). */
  schema?: string;
  poolSize?: number;
}

export function connectDatabase(url: string, opts: ConnectOptions = {}): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', file: undefined, close: () => db.destroy() };
  }
  const path = url.replace(/^sqlite:/, '');
  const memory = path === ':memory:';
  const file = memory ? undefined : resolve(path);
  if (file) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file ?? ':memory:');
  sqlite.pragma('journal_mode = WAL');
  // FULL keeps committed transactions across power loss, not only process crashes.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', file, close: () => db.destroy() };
}
