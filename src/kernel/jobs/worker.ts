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
  /** Runs until nothing is due (or stop() is called); returns how many jobs ran. For tests and `hearth worker --once`. */
  drain(max?: number): Promise<number>;
  /** Finishes the job in hand, then stops polling. */
  stop(): Promise<void>;
}

const BATCH = 50;
// Schedules are checked when a drain starts and, during a long drain, this often.
const SCHEDULE_CHECK_MS = 15_000;

export function startWorker(opts: WorkerOptions, autostart = true): Worker {
  const id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const idle = opts.idleMs ?? 1000;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function runOne(): Promise<boolean> {
    const job = await claimJob(opts.db, opts.clock, id, opts.registry);
    if (!job) return false;
    const started = performance.now();
    const outcome = await runClaimedJob(opts.db, opts.clock, opts.registry, job);
    opts.metrics?.jobs.inc({ kind: job.kind, outcome });
    opts.metrics?.jobDuration.observe({ kind: job.kind }, (performance.now() - started) / 1000);
    if (outcome !== 'done') opts.log.warn({ job: job.id, kind: job.kind, attempt: job.attempts, outcome }, 'job did not succeed');
    return true;
  }

  async function drain(max = 1000): Promise<number> {
    let n = 0;
    let checked = -Infinity;
    while (n < max && !stopping) {
      if (performance.now() - checked >= SCHEDULE_CHECK_MS) {
        await fireDueSchedules(opts.db, opts.clock, opts.registry);
        checked = performance.now();
      }
      if (!(await runOne())) break;
      n++;
    }
    return n;
  }

  function loop() {
    if (stopping) return;
    running = drain(BATCH)
      .catch((err: unknown) => {
        opts.log.error({ err }, 'job loop failed');
        return 0;
      })
      .then((n) => {
        // A full batch means more may be waiting: go on at once.
        if (!stopping) timer = setTimeout(loop, n >= BATCH ? 0 : idle);
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
