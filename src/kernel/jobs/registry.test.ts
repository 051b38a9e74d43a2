import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/helpers/db.js';
import { connectDatabase, type DatabaseHandle, type Db } from '../db/connect.js';
import { ManualClock, fromTimestamp } from '../time.js';
import { JobRegistry, LOCK_EXPIRED_ERROR, claimJob, enqueueJob, fireDueSchedules, runClaimedJob } from './registry.js';
import { startWorker } from './worker.js';

const silent = pino({ level: 'silent' });
const jobRow = (db: Db, id: string) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe.each(engines)('background jobs (%s)', (engine) => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let dir: string | undefined;
  let db: Db;
  beforeAll(async () => {
    // SQLite in a file, so that a second connection (another "process") sees the same data.
    dir = engine === 'sqlite' ? mkdtempSync(join(tmpdir(), 'hearth-jobs-')) : undefined;
    database = await createTestDatabase(engine, dir ? { file: join(dir, 'hearth.sqlite') } : {});
    db = database.handle.db;
    second = dir ? connectDatabase(`sqlite:${join(dir, 'hearth.sqlite')}`) : connectDatabase(database.url, { schema: database.schema!, poolSize: 4 });
  });
  afterAll(async () => {
    await second.close();
    await database.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Each test has its own registry and job kind, so jobs left by one test are not run by another.
  function setup(handler: (payload: unknown) => Promise<void>, opts: { timeoutMs?: number } = {}) {
    const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
    const registry = new JobRegistry();
    const kind = `test.${Math.random().toString(36).slice(2, 10)}`;
    registry.register(kind, handler, opts);
    const worker = startWorker({ db, clock, log: silent, registry, id: 'test-worker' }, false);
    return { clock, registry, kind, worker };
  }

  it('runs a due job once, with its payload', async () => {
    const seen: unknown[] = [];
    const { clock, kind, worker } = setup(async (p) => void seen.push(p));
    const later = await enqueueJob(db, clock, kind, { n: 2 }, { runAt: new Date(clock.now().getTime() + 60_000) });
    const id = await enqueueJob(db, clock, kind, { n: 1 });
    expect(await worker.drain()).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    const row = await jobRow(db, id);
    expect(row).toMatchObject({ status: 'done', attempts: 1, last_error: null, locked_by: null });
    expect(row.finished_at).toBe(clock.now().toISOString());
    expect((await jobRow(db, later)).status).toBe('queued');
    expect(await worker.drain()).toBe(0);
    clock.advance(60_000);
    expect(await worker.drain()).toBe(1);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('retries a failing job after a growing backoff and ends failed with its error after the last attempt', async () => {
    let calls = 0;
    const { clock, kind, worker } = setup(async () => {
      calls++;
      throw new Error(`mailbox full (${calls})`);
    });
    const id = await enqueueJob(db, clock, kind, {}, { maxAttempts: 3 });
    const start = clock.now().getTime();

    expect(await worker.drain()).toBe(1);
    let row = await jobRow(db, id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'mailbox full (1)', finished_at: null });
    expect(fromTimestamp(row.run_at).getTime()).toBe(start + 30_000);
    clock.advance(29_000);
    expect(await worker.drain()).toBe(0);
    clock.advance(1_000);
    expect(await worker.drain()).toBe(1);
    row = await jobRow(db, id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2, last_error: 'mailbox full (2)' });
    // The second wait is twice as long.
    expect(fromTimestamp(row.run_at).getTime()).toBe(clock.now().getTime() + 60_000);
    clock.advance(60_000);
    expect(await worker.drain()).toBe(1);
    row = await jobRow(db, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, max_attempts: 3, last_error: 'mailbox full (3)' });
    expect(row.finished_at).toBe(clock.now().toISOString());
    clock.advance(7 * 24 * 3_600_000);
    expect(await worker.drain()).toBe(0);
    expect(calls).toBe(3);
  });

  it('takes over a job whose worker died once its lock has expired, and ignores the dead worker if it comes back', async () => {
    let calls = 0;
    const { clock, registry, kind, worker } = setup(async () => void calls++, { timeoutMs: 60_000 });
    const id = await enqueueJob(db, clock, kind, {});
    // Another worker claims it and then dies without finishing.
    const dead = (await claimJob(second.db, clock, 'dead-worker', registry))!;
    expect(dead.id).toBe(id);
    expect(await jobRow(db, id)).toMatchObject({ status: 'running', locked_by: 'dead-worker', attempts: 1 });
    clock.advance(59_000);
    expect(await worker.drain()).toBe(0);
    clock.advance(2_000);
    expect(await worker.drain()).toBe(1);
    expect(calls).toBe(1);
    expect(await jobRow(db, id)).toMatchObject({ status: 'done', attempts: 2, locked_by: null });
    // The first worker was only slow: what it reports now changes nothing.
    const late = await runClaimedJob(second.db, clock, registry, dead);
    expect(late).toBe('lost');
    expect(await jobRow(db, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('gives up on a job whose last attempt never finished, with a reason', async () => {
    let calls = 0;
    const { clock, registry, kind, worker } = setup(async () => void calls++, { timeoutMs: 60_000 });
    const id = await enqueueJob(db, clock, kind, {}, { maxAttempts: 1 });
    await claimJob(second.db, clock, 'dead-worker', registry);
    clock.advance(61_000);
    expect(await worker.drain()).toBe(0);
    expect(calls).toBe(0);
    expect(await jobRow(db, id)).toMatchObject({ status: 'failed', attempts: 1, last_error: LOCK_EXPIRED_ERROR, locked_by: null });
  });

  it('enqueues a job with a given id only once', async () => {
    const seen: unknown[] = [];
    const { clock, kind, worker } = setup(async (p) => void seen.push(p));
    const jobId = `dedup-${kind}`;
    expect(await enqueueJob(db, clock, kind, { first: true }, { id: jobId })).toBe(jobId);
    expect(await enqueueJob(second.db, clock, kind, { first: false }, { id: jobId })).toBe(jobId);
    expect(await db.selectFrom('jobs').select('id').where('kind', '=', kind).execute()).toHaveLength(1);
    expect(await worker.drain()).toBe(1);
    expect(seen).toEqual([{ first: true }]);
    // Even after it ran.
    await enqueueJob(db, clock, kind, { first: false }, { id: jobId });
    expect(await worker.drain()).toBe(0);
  });

  it('fires a schedule once per period when two processes check it at the same time', async () => {
    const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
    const name = `test-schedule-${Math.random().toString(36).slice(2, 10)}`;
    const kind = `test.${name}`;
    // Each "process" has its own registry declaring the same schedule, and on
    // PostgreSQL its own pool. Two SQLite connections in one thread would wait on
    // each other's lock synchronously, so there both share one connection: their
    // reads still interleave, and the compare-and-set must pick one.
    const registries = [new JobRegistry(), new JobRegistry()];
    for (const r of registries) r.schedule({ name, cron: '*/5 * * * *', kind, payload: { from: 'schedule' } });
    const otherDb = engine === 'postgres' ? second.db : db;
    const both = async () =>
      (await Promise.all([fireDueSchedules(db, clock, registries[0]!), fireDueSchedules(otherDb, clock, registries[1]!)])).reduce((a, b) => a + b);

    // The first look only records when the next period starts (10:05).
    expect(await both()).toBe(0);
    clock.advance(4 * 60_000);
    expect(await both()).toBe(0);
    const periods = 12;
    for (let i = 0; i < periods; i++) {
      clock.advance(5 * 60_000);
      expect(await both()).toBe(1);
      expect(await both()).toBe(0);
    }
    const jobs = await db.selectFrom('jobs').select(['id', 'payload', 'run_at']).where('kind', '=', kind).orderBy('run_at').execute();
    expect(jobs).toHaveLength(periods);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(periods);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ from: 'schedule' });

    // Down for an hour: one run when it comes back, not one per missed period.
    clock.advance(60 * 60_000);
    expect(await both()).toBe(1);
    expect(await both()).toBe(0);
  });

  it('stop() lets the job in hand finish and runs no other', async () => {
    let release!: () => void;
    const started: number[] = [];
    const { clock, registry, kind } = setup(async (p) => {
      started.push((p as { n: number }).n);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await enqueueJob(db, clock, kind, { n: 1 });
    const second2 = await enqueueJob(db, clock, kind, { n: 2 });
    const w = startWorker({ db, clock, log: silent, registry, id: 'stopping-worker', idleMs: 10 }, true);
    await expect.poll(() => started.length).toBe(1);
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(started).toEqual([1]);
    expect((await jobRow(db, second2)).status).toBe('queued');
  });
});
