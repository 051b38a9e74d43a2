// The whole ledger as CSV (one line per posting) or JSON (one object per
// transaction), in chain order, written piece by piece so a large ledger never
// sits in memory at once. Used by `hearth ledger export`.
import type { Db } from '../../kernel/db/connect.js';
import { formatMinor } from './currencies.js';
import { walkLedger, type Transaction } from './ledger.service.js';
import { csvLine } from './solidarity.csv.js';

export const LEDGER_EXPORT_FORMAT = 'hearth-ledger';
export const LEDGER_EXPORT_VERSION = 1;

export const CSV_HEADER = [
  'seq',
  'transaction',
  'occurred_on',
  'recorded_at',
  'kind',
  'line',
  'account',
  'currency',
  'amount',
  'amount_minor',
  'org',
  'category',
  'reference',
  'memo',
  'reverses',
  'hash',
] as const;
const TEXT = new Set([10, 11, 12, 13]);

export function transactionCsv(t: Transaction): string {
  return t.postings
    .map((p) =>
      csvLine(
        [
          t.seq,
          t.id,
          t.occurredOn,
          t.recordedAt.toISOString(),
          t.kind,
          p.line,
          p.accountCode,
          p.currency,
          formatMinor(p.amountMinor, p.currency),
          p.amountMinor,
          t.orgId,
          t.category,
          t.reference,
          t.memo,
          t.reversesId,
          t.hash,
        ],
        TEXT,
      ),
    )
    .join('');
}

export function transactionJson(t: Transaction) {
  return {
    seq: t.seq,
    id: t.id,
    idempotencyKey: t.idempotencyKey,
    kind: t.kind,
    occurredOn: t.occurredOn,
    recordedAt: t.recordedAt.toISOString(),
    recordedBy: t.recordedBy,
    orgId: t.orgId,
    category: t.category,
    reference: t.reference,
    memo: t.memo,
    reversesId: t.reversesId,
    details: t.details,
    hash: t.hash,
    postings: t.postings.map((p) => ({
      line: p.line,
      account: p.accountCode,
      currency: p.currency,
      amount: formatMinor(p.amountMinor, p.currency),
      amountMinor: p.amountMinor,
    })),
  };
}

/** Writes the export through `write`; returns how many transactions it held. */
export async function exportLedger(db: Db, format: 'csv' | 'json', write: (chunk: string) => Promise<void>, exportedAt: Date): Promise<number> {
  let n = 0;
  if (format === 'csv') {
    await write(csvLine([...CSV_HEADER]));
    for await (const t of walkLedger(db)) {
      await write(transactionCsv(t));
      n++;
    }
    return n;
  }
  await write(`{"format":"${LEDGER_EXPORT_FORMAT}","version":${LEDGER_EXPORT_VERSION},"exportedAt":"${exportedAt.toISOString()}","transactions":[`);
  for await (const t of walkLedger(db)) {
    await write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(transactionJson(t))}`);
    n++;
  }
  await write('\n]}\n');
  return n;
}
