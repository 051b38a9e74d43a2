import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import type { Db } from '../db/connect.js';
import { type Actor, systemActor } from '../auth/actor.js';
import { GENESIS, audit, listAuditEntries, verifyAuditLog } from './audit.js';

const test = systemActor('test');

async function write(db: Db, n: number, action = 'test.thing.done', actor: Actor = test): Promise<void> {
  for (let i = 0; i < n; i++) await db.transaction().execute((trx) => audit(trx, actor, action, { data: { i } }));
}

async function rows(db: Db) {
  return db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

describe.each(engines)('audit log (%s)', (engine) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    db = tdb.handle.db;
  });
  afterAll(async () => tdb.drop());

  it('writes in the caller’s transaction: a rollback takes the entry with it', async () => {
    const before = (await rows(db)).length;
    await expect(
      db.transaction().execute(async (trx) => {
        await audit(trx, test, 'test.rolled.back');
        expect((await trx.selectFrom('audit_log').select('seq').execute()).length).toBe(before + 1);
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const after = await rows(db);
    expect(after).toHaveLength(before);
    expect(after.some((r) => r.action === 'test.rolled.back')).toBe(false);
    // The next entry takes the seq the rolled-back one had, so the chain has no gap.
    await write(db, 1);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: before + 1 });
  });

  it('refuses to write outside a transaction', async () => {
    await expect(audit(db, test, 'test.no.transaction')).rejects.toThrow(/inside the transaction/);
  });

  it('reports an intact log with its length and the hash of the newest entry', async () => {
    await write(db, 5);
    const all = await rows(db);
    const result = await verifyAuditLog(db, 2); // small batches cross page boundaries
    expect(result).toEqual({ ok: true, count: all.length, head: all[all.length - 1]!.hash });
    expect(all[0]!.prev_hash).toBe(GENESIS);
    expect(all.map((r) => Number(r.seq))).toEqual(all.map((_, i) => i + 1));
  });

  it('keeps the chain gap-free and valid under 20 concurrent audited transactions', async () => {
    const before = (await rows(db)).length;
    // Two entries per transaction with a pause between them, so writers overlap.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await audit(trx, test, 'test.concurrent', { data: { i, part: 1 } });
          await sql`select 1`.execute(trx);
          await audit(trx, test, 'test.concurrent', { data: { i, part: 2 } });
        }),
      ),
    );
    const all = await rows(db);
    expect(all).toHaveLength(before + 40);
    expect(all.map((r) => Number(r.seq))).toEqual(all.map((_, i) => i + 1));
    // A transaction's two entries are adjacent: the lock is held until commit.
    const concurrent = all.filter((r) => r.action === 'test.concurrent').map((r) => JSON.parse(r.data) as { i: number; part: number });
    for (let k = 0; k < concurrent.length; k += 2) {
      expect(concurrent[k]).toMatchObject({ i: concurrent[k]!.i, part: 1 });
      expect(concurrent[k + 1]).toMatchObject({ i: concurrent[k]!.i, part: 2 });
    }
    expect(await verifyAuditLog(db)).toEqual({ ok: true, count: before + 40, head: all[all.length - 1]!.hash });
  });

  it('filters by action prefix literally: underscores and percent signs are not wildcards', async () => {
    await db.transaction().execute(async (trx) => {
      await audit(trx, test, 'test.password.reset_by_admin');
      await audit(trx, test, 'test.password.resetXby_admin');
      await audit(trx, test, 'test.percent.100%');
      await audit(trx, test, 'test.percent.1000');
    });
    const underscore = await listAuditEntries(db, { action: 'test.password.reset_by' });
    expect(underscore.entries.map((e) => e.action)).toEqual(['test.password.reset_by_admin']);
    const percent = await listAuditEntries(db, { action: 'test.percent.100%' });
    expect(percent.entries.map((e) => e.action)).toEqual(['test.percent.100%']);
    expect((await listAuditEntries(db, { action: 'test.percent.' })).entries).toHaveLength(2);
  });

  it('pages newest first with a keyset cursor', async () => {
    await write(db, 5, 'test.paged');
    const first = await listAuditEntries(db, { action: 'test.paged', limit: 2 });
    expect(first.entries.map((e) => e.data.i)).toEqual([4, 3]);
    expect(first.next).toBe(first.entries[1]!.seq);
    const second = await listAuditEntries(db, { action: 'test.paged', limit: 2, before: first.next! });
    expect(second.entries.map((e) => e.data.i)).toEqual([2, 1]);
    const third = await listAuditEntries(db, { action: 'test.paged', limit: 2, before: second.next! });
    expect(third.entries.map((e) => e.data.i)).toEqual([0]);
    expect(third.next).toBeUndefined();
  });
});

describe.each(engines)('audit log tampering (%s)', (engine) => {
  // Each case breaks the chain, so each gets its own database with entries 1..6.
  let tdb: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    tdb = await createTestDatabase(engine);
    db = tdb.handle.db;
    await write(db, 6);
  });
  afterEach(async () => tdb.drop());

  it('reports an entry whose data was changed as modified, at its seq', async () => {
    await db.updateTable('audit_log').set({ data: JSON.stringify({ i: 99 }) }).where('seq', '=', 3).execute();
    expect(await verifyAuditLog(db)).toEqual({ ok: false, count: 2, seq: 3, problem: 'modified' });
  });

  it('reports a changed actor or stored hash as modified', async () => {
    await db.updateTable('audit_log').set({ actor_id: 'someone-else' }).where('seq', '=', 5).execute();
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, seq: 5, problem: 'modified' });
    await db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).where('seq', '=', 2).execute();
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, seq: 2, problem: 'modified' });
  });

  it('reports an entry deleted from the middle as deleted, at the missing seq', async () => {
    await db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    expect(await verifyAuditLog(db)).toEqual({ ok: false, count: 3, seq: 4, problem: 'deleted' });
    // Also across a batch boundary.
    expect(await verifyAuditLog(db, 3)).toEqual({ ok: false, count: 3, seq: 4, problem: 'deleted' });
  });

  it('reports a deleted first entry', async () => {
    await db.deleteFrom('audit_log').where('seq', '=', 1).execute();
    expect(await verifyAuditLog(db)).toEqual({ ok: false, count: 0, seq: 1, problem: 'deleted' });
  });

  it('reports two entries that exchanged their seq values as reordered, at the first affected seq', async () => {
    await swap(db, 3, 5);
    expect(await verifyAuditLog(db)).toEqual({ ok: false, count: 2, seq: 3, problem: 'reordered' });
  });

  it('reports neighbours that exchanged places as reordered', async () => {
    await swap(db, 1, 2);
    expect(await verifyAuditLog(db)).toEqual({ ok: false, count: 0, seq: 1, problem: 'reordered' });
  });

  it('cannot see the newest entry deleted: the chain stays valid, only the head hash tells', async () => {
    // This is why `hearth audit verify` prints the head hash: admins record it and compare.
    const recorded = await verifyAuditLog(db);
    expect(recorded).toMatchObject({ ok: true, count: 6 });
    await db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    const after = await verifyAuditLog(db);
    expect(after.ok).toBe(true);
    expect(after.count).toBe(5);
    expect(after.ok && recorded.ok && after.head !== recorded.head).toBe(true);
  });

  it('still lists entries whose data is no longer valid JSON', async () => {
    await db.updateTable('audit_log').set({ data: '{broken' }).where('seq', '=', 2).execute();
    const { entries } = await listAuditEntries(db, {});
    expect(entries.find((e) => e.seq === 2)?.data).toEqual({ unreadable: '{broken' });
  });
});

/** Exchange the seq values of two entries (in three steps: seq is the primary key). */
async function swap(db: Db, a: number, b: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('audit_log').set({ seq: 1_000_000 }).where('seq', '=', a).execute();
    await trx.updateTable('audit_log').set({ seq: a }).where('seq', '=', b).execute();
    await trx.updateTable('audit_log').set({ seq: b }).where('seq', '=', 1_000_000).execute();
  });
}
