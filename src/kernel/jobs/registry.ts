// Background jobs stored in the database. Any process may enqueue; workers
// claim due jobs atomically (FOR UPDATE SKIP LOCKED on PostgreSQL, the single
// writer on SQLite), retry failures with exponential backoff and keep the
// last error for admins. Recurring schedules enqueue once per period even
// with several processes: the period is claimed by a compare-and-set on
// schedules.next_run_at.
//
// Delivery is at least once: a worker that dies after its handler's side
// effect but before recording the outcome leaves the job to be taken over when
// its lock expires. Handlers that must not repeat an effect check for it first.
import { Cron } from 'croner';
import type { Db } from '../db/connect.js';
import { forUpdateSkipLocked } from '../db/dialect.js';
import { newId } from '../ids.js';
import { type Clock, fromTimestamp, toTimestamp } from '../time.js';

export const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface JobContext {
  db: Db;
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  /** When attempt reaches this, a failure is final. */
  maxAttempts: number;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export interface JobKind {
  handler: JobHandler;
  /** How long a claimed job may run before another worker may take it over. */
  timeoutMs: number;
}

export interface ScheduleDef {
  name: string;
  cron: string;
  kind: string;
  payload?: unknown;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** Stored with the job; the job ends `failed` after this many attempts. */
  maxAttempts?: number;
  /** An id makes enqueueing idempotent: a second job with the same id is ignored. */
  id?: string;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
  max_attempts: number;
  /** The worker holding the lock; outcomes are recorded only while it still does. */
  locked_by: string;
}

export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

export class JobRegistry {
  readonly kinds = new Map<string, JobKind>();
  readonly schedules = new Map<string, ScheduleDef>();

  // The number of attempts belongs to each job (EnqueueOptions.maxAttempts), so
  // that every process agrees on it whatever code it runs.
  register(kind: string, handler: JobHandler, opts: { timeoutMs?: number } = {}): void {
    this.kinds.set(kind, { handler, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  }

  schedule(def: ScheduleDef): void {
    new Cron(def.cron, { paused: true }); // throws now on a bad expression
    this.schedules.set(def.name, def);
  }
}

export async function enqueueJob(db: Db, clock: Clock, kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string> {
  const id = opts.id ?? newId();
  const now = toTimestamp(clock.now());
  await db
    .insertInto('jobs')
    .values({
      id,
      kind,
      payload: JSON.stringify(payload ?? null),
      status: 'queued',
      run_at: toTimestamp(opts.runAt ?? clock.now()),
      attempts: 0,
      max_attempts: Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return id;
}

/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 6 h. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempt - 1, 0), 6 * 3_600_000);
}

export const LOCK_EXPIRED_ERROR = 'the worker running this job stopped before it finished';

/** Take one due job, or a running one whose lock expired (its worker died). */
export async function claimJob(db: Db, clock: Clock, workerId: string, registry: JobRegistry): Promise<ClaimedJob | undefined> {
  const now = toTimestamp(clock.now());
  const kinds = [...registry.kinds.keys()];
  if (kinds.length === 0) return undefined;
  return db.transaction().execute(async (trx) => {
    for (;;) {
      const candidate = await forUpdateSkipLocked(
        trx,
        trx
          .selectFrom('jobs')
          .select(['id', 'kind', 'payload', 'status', 'attempts', 'max_attempts', 'last_error'])
          .where('kind', 'in', kinds)
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
              eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
            ]),
          )
          .orderBy('run_at')
          .limit(1),
      ).executeTakeFirst();
      if (!candidate) return undefined;
      if (candidate.status === 'running' && candidate.attempts >= candidate.max_attempts) {
        // Its last attempt never finished (a job that kills its worker would
        // otherwise be taken over for ever): give up, and say why.
        await trx
          .updateTable('jobs')
          .set({ status: 'failed', locked_by: null, locked_until: null, last_error: LOCK_EXPIRED_ERROR, finished_at: now, updated_at: now })
          .where('id', '=', candidate.id)
          .execute();
        continue;
      }
      const timeout = registry.kinds.get(candidate.kind)?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const attempts = candidate.attempts + 1;
      await trx
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_by: workerId,
          locked_until: toTimestamp(new Date(clock.now().getTime() + timeout)),
          attempts,
          // A taken-over attempt counts as failed; keep a trace of it until the job ends.
          ...(candidate.status === 'running' ? { last_error: LOCK_EXPIRED_ERROR } : {}),
          updated_at: now,
        })
        .where('id', '=', candidate.id)
        .execute();
      return { id: candidate.id, kind: candidate.kind, payload: candidate.payload, attempts, max_attempts: candidate.max_attempts, locked_by: workerId };
    }
  });
}

/** Run one claimed job and record the outcome. */
export async function runClaimedJob(db: Db, clock: Clock, registry: JobRegistry, job: ClaimedJob): Promise<JobOutcome> {
  const kind = registry.kinds.get(job.kind);
  let error: string | undefined;
  try {
    if (!kind) throw new Error(`no handler for job kind ${job.kind}`);
    await kind.handler(JSON.parse(job.payload), { db, jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts });
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)) || 'error without a message';
  }
  const now = clock.now();
  const giveUp = error !== undefined && job.attempts >= job.max_attempts;
  const status = error === undefined ? 'done' : giveUp ? 'failed' : 'queued';
  const res = await db
    .updateTable('jobs')
    .set({
      status,
      locked_by: null,
      locked_until: null,
      ...(error === undefined
        ? { last_error: null }
        : { last_error: error.slice(0, 2000), run_at: toTimestamp(new Date(now.getTime() + backoffMs(job.attempts))) }),
      finished_at: status === 'queued' ? null : toTimestamp(now),
      updated_at: toTimestamp(now),
    })
    // Only while this attempt still holds the job: after a takeover the other worker records the outcome.
    .where('id', '=', job.id)
    .where('locked_by', '=', job.locked_by)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return 'lost';
  return error === undefined ? 'done' : giveUp ? 'failed' : 'retry';
}

/**
 * Enqueue each schedule whose time has come. The compare-and-set on
 * next_run_at lets exactly one process win each period.
 */
export async function fireDueSchedules(db: Db, clock: Clock, registry: JobRegistry): Promise<number> {
  const now = clock.now();
  let fired = 0;
  for (const def of registry.schedules.values()) {
    const cron = new Cron(def.cron, { paused: true, timezone: 'UTC' });
    const next = (from: Date) => toTimestamp(cron.nextRun(from) ?? new Date(8.64e15));
    const row = await db.selectFrom('schedules').selectAll().where('name', '=', def.name).executeTakeFirst();
    if (!row) {
      await db
        .insertInto('schedules')
        .values({ name: def.name, cron: def.cron, next_run_at: next(now), last_run_at: null })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      continue;
    }
    if (row.cron !== def.cron) {
      await db
        .updateTable('schedules')
        .set({ cron: def.cron, next_run_at: next(now) })
        .where('name', '=', def.name)
        .where('cron', '=', row.cron)
        .execute();
      continue;
    }
    if (fromTimestamp(row.next_run_at) > now) continue;
    const won = await db.transaction().execute(async (trx) => {
      // After downtime the next period is counted from now: one run, no burst of missed ones.
      const res = await trx
        .updateTable('schedules')
        .set({ next_run_at: next(now), last_run_at: toTimestamp(now) })
        .where('name', '=', def.name)
        .where('next_run_at', '=', row.next_run_at)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      // The period in the id makes a double fire impossible even across restarts.
      await enqueueJob(trx, clock, def.kind, def.payload ?? null, { id: `sched:${def.name}:${row.next_run_at}` });
      return true;
    });
    if (won) fired++;
  }
  return fired;
}
