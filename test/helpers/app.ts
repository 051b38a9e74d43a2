// A Hearth app on a test database, driven through app.inject().
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { createDeps } from '../../src/kernel/boot.js';
import type { Deps } from '../../src/kernel/deps.js';
import type { Engine } from '../../src/kernel/db/dialect.js';
import type { Mailer } from '../../src/kernel/mail/mailer.js';
import type { Clock } from '../../src/kernel/time.js';
import type { Logger } from 'pino';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  mail?: Mailer;
  clock?: Clock;
  log?: Logger;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ HEARTH_LOG_LEVEL: 'silent', DATABASE_URL: 'sqlite::memory:', ...env });
}

export async function createTestApp(engine: Engine, opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const { deps } = await createDeps(testConfig(opts.env), {
    handle: database.handle,
    migrate: false,
    ...(opts.mail ? { mail: opts.mail } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
