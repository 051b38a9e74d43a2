// Builds the Deps of a running Hearth from its configuration.
import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';
import { connectDatabase, type DatabaseHandle } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './deps.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { createMetrics } from './metrics/metrics.js';
import { JobRegistry } from './jobs/registry.js';
import { ensureSecret } from './settings.js';
import { systemClock, type Clock } from './time.js';

// Tokens appear in some paths (/invite/…, /setup/…); logs get them masked.
const TOKENISH = /[A-Za-z0-9_-]{32,}/g;
export function maskUrl(url: string): string {
  return url.replace(TOKENISH, '[redacted]');
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.current'],
        censor: '[redacted]',
      },
      serializers: {
        // No addresses and no headers: only what is needed to follow a request.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination as never,
  );
}

export interface BootOptions {
  log?: Logger;
  clock?: Clock;
  mail?: Mailer;
  handle?: DatabaseHandle;
  migrate?: boolean;
}

export async function createDeps(config: Config, opts: BootOptions = {}): Promise<{ deps: Deps; handle: DatabaseHandle }> {
  const handle = opts.handle ?? connectDatabase(config.databaseUrl);
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  const secret = await ensureSecret(handle.db);
  const deps: Deps = {
    db: handle.db,
    engine: handle.engine,
    config,
    log: opts.log ?? createLogger(config.logLevel),
    clock: opts.clock ?? systemClock,
    mail: opts.mail ?? createMailer(config.smtpUrl, config.mailFrom),
    metrics: createMetrics(),
    jobs: new JobRegistry(),
    secret,
  };
  return { deps, handle };
}
