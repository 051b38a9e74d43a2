// Several workers on one database: every job runs exactly once. The workers are
// separate processes with their own connections, as `hearth worker` processes are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/helpers/db.js';
import { exitCode, lines, spawnTs } from '../../../test/helpers/child.js';
import { enqueueJob } from './registry.js';
import { systemClock } from '../time.js';

const childScript = fileURLToPath(new URL('../../../test/helpers/job-worker-child.ts', import.meta.url));
const JOBS = 200;

describe.each(engines)('two worker processes (%s)', (engine) => {
  let database: TestDatabase;
  let dir: string | undefined;
  beforeAll(async () => {
    // SQLite: a file, so that two processes can open it.
    dir = engine === 'sqlite' ? mkdtempSync(join(tmpdir(), 'hearth-workers-')) : undefined;
    database = await createTestDatabase(engine, dir ? { file: join(dir, 'hearth.sqlite') } : {});
  });
  afterAll(async () => {
    await database.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`run each of ${JOBS} jobs exactly once between them`, async () => {
    const db = database.handle.db;
    await sql`create table job_runs (job_id text not null, worker text not null)`.execute(db);
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push(await enqueueJob(db, systemClock, 'test.record', { i }));

    const children = ['worker-a', 'worker-b'].map((name) => {
      const child = spawnTs(childScript, [database.url, database.schema ?? '-', name]);
      return { name, child, out: lines(child) };
    });
    try {
      for (const c of children) expect(await c.out.next()).toBe('ready');
      // Both start draining at the same moment.
      for (const c of children) c.child.stdin.write('go\n');
      const results = await Promise.all(children.map(async (c) => JSON.parse(await c.out.next(60_000)) as { ran: number }));
      for (const c of children) expect(await exitCode(c.child), c.out.stderr()).toBe(0);

      const runs = await sql<{ job_id: string; worker: string }>`select job_id, worker from job_runs`.execute(db);
      const perJob = new Map<string, number>();
      for (const r of runs.rows) perJob.set(r.job_id, (perJob.get(r.job_id) ?? 0) + 1);
      expect(runs.rows).toHaveLength(JOBS);
      expect([...perJob.keys()].sort()).toEqual([...ids].sort());
      expect([...perJob.values()].every((n) => n === 1)).toBe(true);
      expect(results[0]!.ran + results[1]!.ran).toBe(JOBS);
      // Both took part: the claim was contended, not run one after the other.
      const byWorker = new Set(runs.rows.map((r) => r.worker));
      expect(byWorker).toEqual(new Set(['worker-a', 'worker-b']));

      const statuses = await db.selectFrom('jobs').select(['status', 'attempts']).where('kind', '=', 'test.record').execute();
      expect(statuses.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    } finally {
      for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    }
  });
});
