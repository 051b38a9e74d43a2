import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from './db/connect.js';
import type { Engine } from './db/dialect.js';
import type { Clock } from './time.js';
import type { Mailer } from './mail/mailer.js';
import type { Metrics } from './metrics/metrics.js';
import type { JobRegistry } from './jobs/registry.js';
import type { SafeFetchOptions } from './net/safe-fetch.js';
import type { AuditOptions } from '../checks/types.js';

/** Built once in app.ts (or by the test helper) and replaced piece by piece in tests. */
export interface Deps {
  db: Db;
  engine: Engine;
  config: Config;
  log: Logger;
  clock: Clock;
  mail: Mailer;
  metrics: Metrics;
  jobs: JobRegistry;
  /** Server secret for cookie signatures and HMACs; kept in the settings table. */
  secret: string;
  /**
   * Tests only: how outbound requests resolve names and which ports they may use
   * (loopback servers listen on random ports). Unset in production.
   */
  net?: Pick<SafeFetchOptions, 'lookup' | 'allowedPorts' | 'onConnect'>;
  /**
   * Test beds only: where posture scans and DNS proofs resolve names, the ports the
   * bed's services listen on, its CA, and shorter timeouts. Unset in production
   * (the system resolver, standard ports, the system's roots).
   */
  scans?: Partial<Pick<AuditOptions, 'resolver' | 'ports' | 'ca' | 'timeoutMs' | 'budgetMs' | 'concurrency'>>;
}
