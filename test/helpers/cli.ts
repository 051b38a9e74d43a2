// Runs `hearth` commands in-process through runCli, with collected output and a
// test database the command reaches through DATABASE_URL (like an operator would).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/cli.js';
import { createDeps } from '../../src/kernel/boot.js';
import type { Deps } from '../../src/kernel/deps.js';
import type { Engine } from '../../src/kernel/db/dialect.js';
import { testConfig } from './app.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface CliResult {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += String(chunk);
    done();
  }
}

export async function runHearth(argv: string[], opts: { env?: Record<string, string>; stdin?: string } = {}): Promise<CliResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: { HEARTH_LOG_LEVEL: 'silent', ...opts.env },
    stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export interface CliTestbed {
  /** Deps on the same database, for factories and checks. */
  deps: Deps;
  database: TestDatabase;
  /** DATABASE_URL (and log level) that reaches this database. */
  env: Record<string, string>;
  /** A scratch directory, removed by close(). */
  dir: string;
  close(): Promise<void>;
}

/** A migrated database: SQLite in a file of a scratch directory; PostgreSQL in its own schema, named with ?schema=. */
export async function createCliTestbed(engine: Engine): Promise<CliTestbed> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-cli-'));
  const database = await createTestDatabase(engine, { file: join(dir, 'hearth.sqlite') });
  const url = engine === 'sqlite' ? database.url : `${database.url}?schema=${database.schema}`;
  const { deps } = await createDeps(testConfig(), { handle: database.handle, migrate: false });
  return {
    deps,
    database,
    env: { DATABASE_URL: url, HEARTH_LOG_LEVEL: 'silent' },
    dir,
    async close() {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
