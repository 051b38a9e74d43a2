import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliTestbed, runHearth, type CliTestbed } from '../../test/helpers/cli.js';
import { engines } from '../../test/helpers/db.js';
import { unique } from '../../test/factories/index.js';
import { systemActor } from '../kernel/auth/actor.js';
import { dropAppendOnly } from '../kernel/db/dialect.js';
import { postTransaction } from '../modules/solidarity/index.js';

describe.each(engines)('hearth ledger (%s)', (engine) => {
  let bed: CliTestbed;
  const ids: string[] = [];

  beforeAll(async () => {
    bed = await createCliTestbed(engine);
    const { db, clock } = bed.deps;
    for (const [currency, minor, memo] of [
      ['EUR', 12_345, 'Donation, thank you'],
      ['JPY', 5000, '=HYPERLINK("x")'],
      ['KWD', 1234, null],
    ] as const) {
      const { transaction } = await db.transaction().execute((trx) =>
        postTransaction(trx, systemActor('test'), clock, {
          key: unique('cli'),
          kind: 'income',
          occurredOn: '2026-02-01',
          category: 'donations',
          memo,
          postings: [
            { account: { kind: 'fund', currency }, amountMinor: minor },
            { account: { kind: 'income', category: 'donations', currency }, amountMinor: -minor },
          ],
        }),
      );
      ids.push(transaction.id);
    }
  });
  afterAll(async () => bed.close());

  it('refuses unknown subcommands and misplaced options with exit 2', async () => {
    expect((await runHearth(['ledger'], { env: bed.env })).code).toBe(2);
    expect((await runHearth(['ledger', 'fix'], { env: bed.env })).code).toBe(2);
    expect((await runHearth(['ledger', 'export', '--format', 'xml'], { env: bed.env })).code).toBe(2);
    expect((await runHearth(['ledger', 'verify', '--out', 'x'], { env: bed.env })).code).toBe(2);
  });

  it('verifies an intact ledger: exit 0, counts and head', async () => {
    const r = await runHearth(['ledger', 'verify'], { env: bed.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ledger intact: 3 transactions, 6 accounts, head [0-9a-f]{64}\n$/);
    const j = await runHearth(['ledger', 'verify', '--json'], { env: bed.env });
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, transactions: 3, accounts: 6 });
  });

  it('exports CSV with exact amounts in the currency precision and formula-safe text', async () => {
    const r = await runHearth(['ledger', 'export', '--format', 'csv'], { env: bed.env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,transaction,occurred_on,recorded_at,kind,line,account,currency,amount,amount_minor,org,category,reference,memo,reverses,hash');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(',fund:EUR,EUR,123.45,12345,,donations,,"Donation, thank you",');
    expect(lines[2]).toContain(',income:donations:EUR,EUR,-123.45,-12345,');
    expect(lines[3]).toContain(`,fund:JPY,JPY,5000,5000,,donations,,"'=HYPERLINK(""x"")",`);
    expect(lines[5]).toContain(',fund:KWD,KWD,1.234,1234,');
  });

  it('exports JSON to a new file, never over an existing one', async () => {
    const out = join(bed.dir, 'ledger.json');
    const r = await runHearth(['ledger', 'export', '--out', out], { env: bed.env });
    expect(r).toMatchObject({ code: 0, stdout: `exported 3 transactions to ${out} (json)\n` });
    const data = JSON.parse(readFileSync(out, 'utf8')) as { format: string; transactions: { id: string; seq: number; postings: { amount: string }[] }[] };
    expect(data.format).toBe('hearth-ledger');
    expect(data.transactions.map((t) => t.id)).toEqual(ids);
    expect(data.transactions[2]!.postings[0]!.amount).toBe('1.234');
    writeFileSync(join(bed.dir, 'taken.json'), 'mine');
    const again = await runHearth(['ledger', 'export', '--out', join(bed.dir, 'taken.json')], { env: bed.env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(join(bed.dir, 'taken.json'), 'utf8')).toBe('mine');
  });

  it('reports the first inconsistency and exits 1 once the ledger is tampered with', async () => {
    const { db } = bed.deps;
    await dropAppendOnly(db, 'ledger_transactions');
    await db.updateTable('ledger_transactions').set({ memo: 'changed' }).where('id', '=', ids[1]!).execute();
    const r = await runHearth(['ledger', 'verify'], { env: bed.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('ledger broken at transaction #2: a transaction or its postings no longer match its hash (1 intact before it)\n');
    const j = await runHearth(['ledger', 'verify', '--json'], { env: bed.env });
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toEqual({ ok: false, problem: 'modified', count: 1, seq: 2 });
  });
});
