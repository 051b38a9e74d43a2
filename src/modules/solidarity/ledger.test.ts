// The ledger engine on both engines: random sequences of transactions keep it
// balanced and replayable, reversals undo, retries never post twice, refusals
// change nothing, and verify finds tampering, deletion and reordering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engines, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { systemActor } from '../../kernel/auth/actor.js';
import { dropAppendOnly } from '../../kernel/db/dialect.js';
import { AppError } from '../../kernel/errors.js';
import { ManualClock } from '../../kernel/time.js';
import type { Db } from '../../kernel/db/connect.js';
import { parseAmount, formatMinor } from './currencies.js';
import { balanceProblem, canonicalJson, isDay, quarterOf } from './ledger.core.js';
import { accountCode, postTransaction, verifyLedger, type AccountSpec, type PostInput } from './ledger.service.js';
import { unique } from '../../../test/factories/index.js';

const actor = systemActor('test');
const clock = new ManualClock(new Date('2026-03-10T10:00:00.000Z'));

async function post(db: Db, input: PostInput) {
  return db.transaction().execute((trx) => postTransaction(trx, actor, clock, input));
}

async function balances(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('ledger_accounts').select(['code', 'balance_minor']).execute();
  return new Map(rows.map((r) => [r.code, Number(r.balance_minor)]));
}

async function transactionCount(db: Db): Promise<number> {
  const r = await db.selectFrom('ledger_transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

const income = (key: string, currency: string, minor: number): PostInput => ({
  key,
  kind: 'income',
  occurredOn: '2026-03-01',
  category: 'donations',
  postings: [
    { account: { kind: 'fund', currency }, amountMinor: minor },
    { account: { kind: 'income', category: 'donations', currency }, amountMinor: -minor },
  ],
});

describe('ledger arithmetic', () => {
  it('reads amounts exactly in the precision of their currency and refuses any other', () => {
    expect(parseAmount('12.50', 'EUR')).toEqual({ minor: 1250 });
    expect(parseAmount('12.5', 'EUR')).toEqual({ minor: 1250 });
    expect(parseAmount('12.345', 'EUR')).toEqual({ problem: 'precision' });
    expect(parseAmount('100', 'JPY')).toEqual({ minor: 100 });
    expect(parseAmount('100.5', 'JPY')).toEqual({ problem: 'precision' });
    expect(parseAmount('100.0', 'JPY')).toEqual({ minor: 100 });
    expect(parseAmount('1.234', 'KWD')).toEqual({ minor: 1234 });
    expect(parseAmount('1.2345', 'KWD')).toEqual({ problem: 'precision' });
    expect(parseAmount('1.0001', 'CLF')).toEqual({ minor: 10001 });
    expect(parseAmount('0', 'EUR')).toEqual({ problem: 'zero' });
    expect(parseAmount('0', 'EUR', { allowZero: true })).toEqual({ minor: 0 });
    expect(parseAmount('-3', 'EUR')).toEqual({ problem: 'negative' });
    expect(parseAmount('1,000.00', 'EUR')).toEqual({ problem: 'format' });
    expect(parseAmount('1e3', 'EUR')).toEqual({ problem: 'format' });
    expect(parseAmount('10', 'XXX')).toEqual({ problem: 'currency' });
    expect(parseAmount('10', 'ABC')).toEqual({ problem: 'currency' });
    expect(parseAmount('99999999999999.99', 'EUR')).toEqual({ problem: 'tooLarge' });
    expect(formatMinor(-1250, 'EUR')).toBe('-12.50');
    expect(formatMinor(7, 'KWD')).toBe('0.007');
    expect(formatMinor(100, 'JPY')).toBe('100');
  });

  it('round-trips every amount through its decimal form', () => {
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF', 'BRL'), fc.integer({ min: 1, max: 10 ** 15 }), (currency, minor) => {
        expect(parseAmount(formatMinor(minor, currency), currency)).toEqual({ minor });
      }),
      { numRuns: 200 },
    );
  });

  it('checks double entry per currency, days and quarters', () => {
    expect(balanceProblem([{ currency: 'EUR', amountMinor: 5 }])).toBe('too_few_postings');
    expect(balanceProblem([{ currency: 'EUR', amountMinor: 5 }, { currency: 'EUR', amountMinor: -4 }])).toBe('unbalanced');
    // Balanced in total but not per currency: no silent conversion.
    expect(balanceProblem([{ currency: 'EUR', amountMinor: 5 }, { currency: 'USD', amountMinor: -5 }])).toBe('unbalanced');
    expect(balanceProblem([{ currency: 'EUR', amountMinor: 0 }, { currency: 'EUR', amountMinor: 0 }])).toBe('zero_amount');
    expect(balanceProblem([{ currency: 'EUR', amountMinor: 1.5 }, { currency: 'EUR', amountMinor: -1.5 }])).toBe('not_integer');
    expect(balanceProblem([{ currency: 'EUR', amountMinor: 5 }, { currency: 'EUR', amountMinor: -5 }])).toBeUndefined();
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(quarterOf('2026-11-26')).toBe('2026-Q4');
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});

describe.each(engines)('ledger (%s)', (engine) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.handle.db;
  });
  afterAll(async () => database.drop());

  it('posts balanced transactions, keeps balances, and verify agrees', async () => {
    const key = unique('k-income');
    const { transaction, replayed } = await post(db, income(key, 'EUR', 10_000));
    expect(replayed).toBe(false);
    expect(transaction.postings.map((p) => [p.accountCode, p.amountMinor])).toEqual([
      ['fund:EUR', 10_000],
      ['income:donations:EUR', -10_000],
    ]);
    expect((await balances(db)).get('fund:EUR')).toBe(10_000);
    expect(await verifyLedger(db)).toMatchObject({ ok: true });
    // The audit log records the posting.
    const entry = await db.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', '=', transaction.id).executeTakeFirst();
    expect(entry?.action).toBe('solidarity.ledger.income');
  });

  it('never posts twice for one key, and refuses the key with other content', async () => {
    const key = unique('k-retry');
    const first = await post(db, income(key, 'EUR', 700));
    const before = await transactionCount(db);
    const again = await post(db, income(key, 'EUR', 700));
    expect(again.replayed).toBe(true);
    expect(again.transaction.id).toBe(first.transaction.id);
    expect(await transactionCount(db)).toBe(before);
    const err = await post(db, income(key, 'EUR', 701)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('LEDGER_IDEMPOTENCY_CONFLICT');
    expect(await transactionCount(db)).toBe(before);
  });

  it('refuses unbalanced postings and a grant overdraft, leaving everything as it was', async () => {
    const before = await balances(db);
    const count = await transactionCount(db);
    const unbalanced = await post(db, {
      ...income(unique('k'), 'EUR', 100),
      postings: [
        { account: { kind: 'fund', currency: 'EUR' }, amountMinor: 100 },
        { account: { kind: 'income', category: 'donations', currency: 'USD' }, amountMinor: -100 },
      ],
    }).catch((e: unknown) => e);
    expect((unbalanced as AppError).code).toBe('LEDGER_UNBALANCED');
    const grant: AccountSpec = { kind: 'grant', requestId: unique('req'), orgId: 'org', currency: 'EUR' };
    const overdraft = await post(db, {
      key: unique('k'),
      kind: 'disbursement',
      occurredOn: '2026-03-02',
      postings: [
        { account: { kind: 'expense', category: 'grants', currency: 'EUR' }, amountMinor: 1 },
        { account: grant, amountMinor: -1 },
      ],
    }).catch((e: unknown) => e);
    expect((overdraft as AppError).code).toBe('LEDGER_INSUFFICIENT');
    expect(await transactionCount(db)).toBe(count);
    const after = await balances(db);
    for (const [code, b] of before) expect(after.get(code)).toBe(b);
    // The refused grant's account may exist now, but holds nothing.
    expect(after.get(accountCode(grant)) ?? 0).toBe(0);
  });

  it('refuses to change or delete a stored transaction', async () => {
    const { transaction } = await post(db, income(unique('k'), 'EUR', 5));
    await expect(db.updateTable('ledger_transactions').set({ memo: 'edited' }).where('id', '=', transaction.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_postings').where('transaction_id', '=', transaction.id).execute()).rejects.toThrow(/append-only/);
  });

  // ── Random sequences ──

  type Op =
    | { t: 'income'; currency: string; minor: number }
    | { t: 'expense'; currency: string; minor: number }
    | { t: 'allocate'; grant: number; minor: number }
    | { t: 'disburse'; grant: number; minor: number }
    | { t: 'exchange'; from: string; to: string; fromMinor: number; toMinor: number }
    | { t: 'reverse'; pick: number }
    | { t: 'retry'; pick: number };
  const currencies = ['EUR', 'JPY', 'KWD'];
  const cur = fc.constantFrom(...currencies);
  const minor = fc.integer({ min: 1, max: 50_000 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ t: fc.constant('income' as const), currency: cur, minor }),
    fc.record({ t: fc.constant('expense' as const), currency: cur, minor }),
    fc.record({ t: fc.constant('allocate' as const), grant: fc.integer({ min: 0, max: 2 }), minor }),
    fc.record({ t: fc.constant('disburse' as const), grant: fc.integer({ min: 0, max: 2 }), minor }),
    fc.record({ t: fc.constant('exchange' as const), from: cur, to: cur, fromMinor: minor, toMinor: minor }),
    fc.record({ t: fc.constant('reverse' as const), pick: fc.nat() }),
    fc.record({ t: fc.constant('retry' as const), pick: fc.nat() }),
  );

  it('keeps every invariant over random sequences of transactions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const run = unique('run');
        const grants: AccountSpec[] = [0, 1, 2].map((g) => ({ kind: 'grant', requestId: `${run}-g${g}`, orgId: 'org', currency: currencies[g]! }));
        const posted: { input: PostInput; id: string; reversed: boolean; isReversal: boolean }[] = [];
        // The model: every account's balance as the successful postings say it must be.
        const model = await balances(db);
        const apply = (postings: PostInput['postings'], sign = 1) => {
          for (const p of postings) model.set(accountCode(p.account), (model.get(accountCode(p.account)) ?? 0) + sign * p.amountMinor);
        };
        let n = 0;
        for (const o of ops) {
          const key = `${run}-${n++}`;
          let input: PostInput | undefined;
          if (o.t === 'income') input = income(key, o.currency, o.minor);
          else if (o.t === 'expense')
            input = {
              key,
              kind: 'expense',
              occurredOn: '2026-03-03',
              category: 'hosting',
              guardFund: true,
              postings: [
                { account: { kind: 'expense', category: 'hosting', currency: o.currency }, amountMinor: o.minor },
                { account: { kind: 'fund', currency: o.currency }, amountMinor: -o.minor },
              ],
            };
          else if (o.t === 'allocate')
            input = {
              key,
              kind: 'allocation',
              occurredOn: '2026-03-04',
              postings: [
                { account: grants[o.grant]!, amountMinor: o.minor },
                { account: { kind: 'fund', currency: grants[o.grant]!.currency }, amountMinor: -o.minor },
              ],
            };
          else if (o.t === 'disburse')
            input = {
              key,
              kind: 'disbursement',
              occurredOn: '2026-03-05',
              postings: [
                { account: { kind: 'expense', category: 'grants', currency: grants[o.grant]!.currency }, amountMinor: o.minor },
                { account: grants[o.grant]!, amountMinor: -o.minor },
              ],
            };
          else if (o.t === 'exchange') {
            if (o.from === o.to) continue;
            input = {
              key,
              kind: 'exchange',
              occurredOn: '2026-03-06',
              details: { rate: String(o.toMinor / o.fromMinor), rateDate: '2026-03-06' },
              postings: [
                { account: { kind: 'exchange', currency: o.from }, amountMinor: o.fromMinor },
                { account: { kind: 'fund', currency: o.from }, amountMinor: -o.fromMinor },
                { account: { kind: 'fund', currency: o.to }, amountMinor: o.toMinor },
                { account: { kind: 'exchange', currency: o.to }, amountMinor: -o.toMinor },
              ],
            };
          } else if (o.t === 'reverse') {
            const target = posted.filter((p) => !p.reversed && !p.isReversal)[o.pick % Math.max(1, posted.length)];
            if (!target) continue;
            input = {
              ...target.input,
              key,
              kind: 'reversal',
              reversesId: target.id,
              postings: target.input.postings.map((p) => ({ account: p.account, amountMinor: -p.amountMinor })),
            };
          } else {
            const target = posted[o.pick % Math.max(1, posted.length)];
            if (!target) continue;
            const count = await transactionCount(db);
            const again = await post(db, target.input);
            // Idempotency: the same key and content post nothing new.
            expect(again.replayed).toBe(true);
            expect(again.transaction.id).toBe(target.id);
            expect(await transactionCount(db)).toBe(count);
            continue;
          }
          const before = await balances(db);
          try {
            const res = await post(db, input);
            expect(res.replayed).toBe(false);
            apply(input.postings);
            if (input.reversesId) {
              const target = posted.find((p) => p.id === input.reversesId)!;
              target.reversed = true;
              // A reversal moves every account it touches back by exactly what the original moved.
              const after = await balances(db);
              for (const p of target.input.postings) {
                const code = accountCode(p.account);
                expect(after.get(code)! - before.get(code)!).toBe(-target.input.postings.filter((q) => accountCode(q.account) === code).reduce((s, q) => s + q.amountMinor, 0));
              }
            }
            posted.push({ input, id: res.transaction.id, reversed: false, isReversal: !!input.reversesId });
          } catch (err) {
            // A refusal is an AppError and changes nothing.
            expect(err).toBeInstanceOf(AppError);
            expect((err as AppError).code).toBe('LEDGER_INSUFFICIENT');
            expect(await balances(db)).toEqual(before);
          }
        }
        // Balances equal the replayed postings: the kept ones, the model's, and verify's recomputation.
        const kept = await balances(db);
        for (const [code, b] of model) expect(kept.get(code) ?? 0, code).toBe(b);
        for (const g of grants) expect(kept.get(accountCode(g)) ?? 0).toBeGreaterThanOrEqual(0);
        // Postings sum to zero per currency, transaction by transaction.
        const sums = await db
          .selectFrom('ledger_postings')
          .select(['transaction_id', 'currency', (eb) => eb.fn.sum<number>('amount_minor').as('s')])
          .groupBy(['transaction_id', 'currency'])
          .having((eb) => eb.fn.sum('amount_minor'), '!=', 0)
          .execute();
        expect(sums).toEqual([]);
        expect(await verifyLedger(db)).toMatchObject({ ok: true });
      }),
      { numRuns: engine === 'postgres' ? 12 : 25 },
    );
  });
});

// ── Tampering ──

describe.each(engines)('ledger verify finds tampering (%s)', (engine) => {
  async function ledgerOf(n: number): Promise<{ database: TestDatabase; db: Db; ids: string[] }> {
    const database = await createTestDatabase(engine);
    const db = database.handle.db;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await post(db, income(unique('t'), i % 2 ? 'EUR' : 'JPY', 100 + i))).transaction.id);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, transactions: n });
    // From here on we are an intruder with the database owner's rights.
    await dropAppendOnly(db, 'ledger_transactions');
    await dropAppendOnly(db, 'ledger_postings');
    return { database, db, ids };
  }

  const cases: [string, (db: Db, ids: string[]) => Promise<void>, Record<string, unknown>][] = [
    ['a changed memo', (db, ids) => db.updateTable('ledger_transactions').set({ memo: 'nothing to see' }).where('id', '=', ids[2]!).execute().then(() => {}), { problem: 'modified', seq: 3, count: 2 }],
    [
      'a changed amount on both sides (still balanced)',
      async (db, ids) => {
        await db.updateTable('ledger_postings').set({ amount_minor: 1 }).where('transaction_id', '=', ids[1]!).where('line', '=', 1).execute();
        await db.updateTable('ledger_postings').set({ amount_minor: -1 }).where('transaction_id', '=', ids[1]!).where('line', '=', 2).execute();
      },
      { problem: 'modified', seq: 2 },
    ],
    [
      'a deleted transaction',
      async (db, ids) => {
        await db.deleteFrom('ledger_postings').where('transaction_id', '=', ids[3]!).execute();
        await db.deleteFrom('ledger_transactions').where('id', '=', ids[3]!).execute();
      },
      { problem: 'deleted', seq: 4, count: 3 },
    ],
    [
      'two transactions swapped',
      async (db, ids) => {
        await db.updateTable('ledger_transactions').set({ seq: 1000 }).where('id', '=', ids[1]!).execute();
        await db.updateTable('ledger_transactions').set({ seq: 2 }).where('id', '=', ids[2]!).execute();
        await db.updateTable('ledger_transactions').set({ seq: 3 }).where('id', '=', ids[1]!).execute();
      },
      { problem: 'reordered', seq: 2, count: 1 },
    ],
    [
      'the newest transaction removed',
      async (db, ids) => {
        const last = ids[ids.length - 1]!;
        const postings = await db.selectFrom('ledger_postings').selectAll().where('transaction_id', '=', last).execute();
        await db.deleteFrom('ledger_postings').where('transaction_id', '=', last).execute();
        await db.deleteFrom('ledger_transactions').where('id', '=', last).execute();
        // Even with the balances put back as they were before it:
        for (const p of postings) {
          await db
            .updateTable('ledger_accounts')
            .set((eb) => ({ balance_minor: eb('balance_minor', '-', Number(p.amount_minor)) }))
            .where('id', '=', p.account_id)
            .execute();
        }
      },
      { problem: 'truncated', seq: 6, count: 5 },
    ],
    [
      "the report's monthly totals changed",
      (db) => db.updateTable('ledger_monthly').set((eb) => ({ total_minor: eb('total_minor', '+', 1) })).execute().then(() => {}),
      { problem: 'summary' },
    ],
    ['a kept balance changed', (db) => db.updateTable('ledger_accounts').set({ balance_minor: 1 }).where('code', '=', 'fund:EUR').execute().then(() => {}), { problem: 'balance', account: 'fund:EUR' }],
  ];

  it.each(cases)('reports %s', async (_name, tamper, expected) => {
    const { database, db, ids } = await ledgerOf(6);
    try {
      await tamper(db, ids);
      const result = await verifyLedger(db);
      expect(result).toMatchObject({ ok: false, ...expected });
    } finally {
      await database.drop();
    }
  });

  it('notices a whole transaction rewritten with a recomputed hash, at the one after it', async () => {
    const { database, db, ids } = await ledgerOf(4);
    try {
      // The intruder recomputes the hash of #2 after changing it; #3 still points at the old hash.
      const { transactionHash } = await import('./ledger.core.js');
      const row = await db.selectFrom('ledger_transactions').selectAll().where('id', '=', ids[1]!).executeTakeFirstOrThrow();
      const postings = await db
        .selectFrom('ledger_postings as p')
        .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
        .select(['p.account_id', 'a.code', 'p.currency', 'p.amount_minor'])
        .where('p.transaction_id', '=', ids[1]!)
        .orderBy('p.line')
        .execute();
      const changed = { ...row, seq: Number(row.seq), memo: 'rewritten' };
      const { hash: _old, ...rest } = changed;
      const hash = transactionHash(rest, postings.map((p) => ({ accountId: p.account_id, accountCode: p.code, currency: p.currency, amountMinor: Number(p.amount_minor) })));
      await db.updateTable('ledger_transactions').set({ memo: 'rewritten', hash }).where('id', '=', ids[1]!).execute();
      expect(await verifyLedger(db)).toMatchObject({ ok: false, problem: 'reordered', seq: 3 });
    } finally {
      await database.drop();
    }
  });
});
