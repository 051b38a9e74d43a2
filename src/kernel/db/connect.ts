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
  /**
   * SQLite only: a consistent copy of the live database through SQLite's online
   * backup API (never copy the file itself while it is in use).
   */
  backup?(to: string, opts?: BackupOptions): Promise<void>;
  /** PostgreSQL schema in use when not the default one. */
  schema?: string | undefined;
  close(): Promise<void>;
}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  onProgress?(p: BackupProgress): void;
}

// Pages copied per step (4 MiB with the default page size).
const BACKUP_STEP_PAGES = 1024;
const BACKUP_ALL_PAGES = 0x7fffffff;

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

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Takes `?schema=NAME` off a PostgreSQL URL, so operators can keep Hearth in its own
 * schema with DATABASE_URL alone. The name is checked because it ends up in a
 * server option string.
 */
export function splitSchema(url: string): { url: string; schema: string | undefined } {
  const q = url.indexOf('?');
  if (q < 0) return { url, schema: undefined };
  const params = new URLSearchParams(url.slice(q + 1));
  const schema = params.get('schema') ?? undefined;
  if (schema === undefined) return { url, schema };
  if (!SCHEMA_NAME.test(schema)) throw new Error(`DATABASE_URL: schema "${schema}" is not a valid name (letters, digits, _)`);
  params.delete('schema');
  const rest = params.toString();
  return { url: url.slice(0, q) + (rest ? `?${rest}` : ''), schema };
}

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew; preparing was a tenth of a page's CPU on
 * SQLite. The same SQL text reuses its prepared statement (least recently used
 * ones dropped). Safe because Kysely runs one query at a time on this connection
 * and Hearth never streams a result while another query runs.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, receiver) as unknown;
        // Native methods must run on the database object itself, not on the proxy.
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (source: string) => {
        let stmt = cache.get(source);
        if (stmt) {
          cache.delete(source); // move to the most recent end
        } else {
          stmt = prepare(source);
          if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        }
        cache.set(source, stmt);
        return stmt;
      };
    },
  });
}

export function connectDatabase(url: string, opts: ConnectOptions = {}): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const split = splitSchema(url);
    const schema = opts.schema ?? split.schema;
    const pool = new pg.Pool({
      connectionString: split.url,
      max: opts.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', file: undefined, schema, close: () => db.destroy() };
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
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    engine: 'sqlite',
    file,
    async backup(to, backupOpts = {}) {
      let last = Infinity;
      let allAtOnce = false;
      await sqlite.backup(to, {
        progress: (p) => {
          backupOpts.onProgress?.(p);
          // A write from another connection restarts the copy (the remaining count
          // stops falling); then copy everything in one step so a busy database
          // cannot starve the backup. Other connections keep writing meanwhile (WAL).
          if (p.remainingPages >= last) allAtOnce = true;
          last = p.remainingPages;
          return allAtOnce ? BACKUP_ALL_PAGES : BACKUP_STEP_PAGES;
        },
      });
    },
    close: () => db.destroy(),
  };
}
