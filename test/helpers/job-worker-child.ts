// One job worker in its own process, for the test that several workers on one
// database run each job exactly once. Usage: job-worker-child.ts DATABASE_URL SCHEMA|- NAME
// Prints "ready" once connected, waits for "go" on stdin, drains, prints {"ran":N}.
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import pino from 'pino';
import { connectDatabase } from '../../src/kernel/db/connect.js';
import { JobRegistry } from '../../src/kernel/jobs/registry.js';
import { startWorker } from '../../src/kernel/jobs/worker.js';
import { systemClock } from '../../src/kernel/time.js';

const RECORD_JOB = 'test.record';

const [url, schema, name] = process.argv.slice(2);
if (!url || !schema || !name) throw new Error('usage: job-worker-child.ts DATABASE_URL SCHEMA|- NAME');

const handle = connectDatabase(url, schema === '-' ? {} : { schema, poolSize: 4 });
const registry = new JobRegistry();
registry.register(RECORD_JOB, async (_payload, ctx) => {
  await sql`insert into job_runs (job_id, worker) values (${ctx.jobId}, ${name})`.execute(ctx.db);
  // A little work, so that the two workers' claims interleave.
  await new Promise((resolve) => setTimeout(resolve, 2));
});
const worker = startWorker({ db: handle.db, clock: systemClock, log: pino({ level: 'silent' }), registry, id: name }, false);

await sql`select 1`.execute(handle.db);
process.stdout.write('ready\n');
const input = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => input.on('line', (line) => line === 'go' && resolve()));
input.close();
const ran = await worker.drain(Number.MAX_SAFE_INTEGER);
process.stdout.write(`${JSON.stringify({ ran })}\n`);
await handle.close();
