// Nothing acknowledged is lost, nothing half-written remains: a writer process
// posting transactions is killed with SIGKILL at random moments, 20 times per
// engine; every key it printed after COMMIT must be in the ledger, and verify
// must pass (whole chain, every balance) after each kill.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/helpers/db.js';
import { exitCode, lines, spawnTs } from '../../../test/helpers/child.js';
import { verifyLedger } from './ledger.service.js';

const writer = fileURLToPath(new URL('../../../test/helpers/ledger-writer-child.ts', import.meta.url));
const KILLS = 20;

describe.each(engines)('the ledger across SIGKILL (%s)', (engine) => {
  let dir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-ledger-crash-'));
    // SQLite in a file (a crash of the process, not of memory); PostgreSQL in its own schema.
    database = await createTestDatabase(engine, { file: join(dir, 'ledger.sqlite') });
  });
  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it(`keeps every committed transaction and no partial one, ${KILLS} times`, { timeout: 60_000 }, async () => {
    const db = database.handle.db;
    const acknowledged: string[] = [];
    const url = engine === 'sqlite' ? `sqlite:${join(dir, 'ledger.sqlite')}` : database.url;
    for (let round = 0; round < KILLS; round++) {
      const child = spawnTs(writer, [url, database.schema ?? '-', `r${round}`]);
      const out = lines(child);
      expect(await out.next()).toBe('ready');
      // A random moment: sometimes before the first commit, mostly in the middle of the stream.
      const wait = Math.floor(Math.random() * 250);
      const collect = (async () => {
        for (;;) {
          const line = await out.next(5_000).catch(() => undefined);
          if (line === undefined) return;
          acknowledged.push(line);
        }
      })();
      await new Promise((r) => setTimeout(r, wait));
      child.kill('SIGKILL');
      expect(await exitCode(child)).toBeNull();
      await collect;

      const result = await verifyLedger(db);
      expect(result, `verify after kill ${round + 1}`).toMatchObject({ ok: true });
      const stored = new Set(
        (await db.selectFrom('ledger_transactions').select('idempotency_key').execute()).map((r) => r.idempotency_key),
      );
      const lost = acknowledged.filter((k) => !stored.has(k));
      expect(lost, `acknowledged but missing after kill ${round + 1}`).toEqual([]);
    }
    // The writer did get work done between kills (otherwise nothing was tested).
    expect(acknowledged.length).toBeGreaterThan(KILLS);
    // Every transaction is whole: four postings each.
    const partial = await db
      .selectFrom('ledger_transactions as t')
      .leftJoin('ledger_postings as p', 'p.transaction_id', 't.id')
      .select(['t.id', (eb) => eb.fn.count<number>('p.line').as('n')])
      .groupBy('t.id')
      .having((eb) => eb.fn.count('p.line'), '!=', 4)
      .execute();
    expect(partial).toEqual([]);
  });
});
