import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Clock } from '../time.js';
import type { Metrics } from '../metrics/metrics.js';
import { claimJob, fireDueSchedules, runClaimedJob, type JobRegistry } from './registry.js';

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  registry: JobRegistry;
  metrics?: Metrics;
  /** Pause between polls when there is nothing to do. */
  idleMs?: number;
  id?: string;
}

export interface Worker {
  id: string;
  /** Runs until nothing is due; returns how many jobs ran. For tests and `hearth worker --once`. */
  drain(max?: number): Promise<number>;
  stop(): Promise<void>;
}

export function startWorker(opts: WorkerOptions, autostart = true): Worker {
  const id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const idle = opts.idleMs ?? 1000;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function step(): Promise<boolean> {
    await fireDueSchedules(opts.db, opts.clock, opts.registry);
    const job = await claimJob(opts.db, opts.clock, id, opts.registry);
    if (!job) return false;
    const started = performance.now();
    const outcome = await runClaimedJob(opts.db, opts.clock, opts.registry, job);
    opts.metrics?.jobs.inc({ kind: job.kind, outcome });
    opts.metrics?.jobDuration.observe({ kind: job.kind }, (performance.now() - started) / 1000);
    if (outcome !== 'done') opts.log.warn({ job: job.id, kind: job.kind, outcome }, 'job did not succeed');
    return true;
  }

  async function drain(max = 1000): Promise<number> {
    let n = 0;
    while (n < max && (await step())) n++;
    return n;
  }

  function loop() {
    if (stopping) return;
    running = drain(50)
      .catch((err: unknown) => opts.log.error({ err }, 'job loop failed'))
      .then(() => {
        if (!stopping) timer = setTimeout(loop, idle);
      });
  }
  if (autostart) loop();

  return {
    id,
    drain,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
