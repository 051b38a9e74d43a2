// Every query of the ledger: accounts, transactions, postings.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/connect.js';
import { forUpdate } from '../../kernel/db/dialect.js';
import type { AccountKind, LedgerAccountsTable, LedgerPostingsTable, LedgerTransactionsTable } from './solidarity.tables.js';

export type AccountRow = LedgerAccountsTable;
export type TransactionRow = LedgerTransactionsTable;

// pg returns bigint columns as numbers (connect.ts), SQLite as numbers: one conversion for both.
const num = (v: unknown) => Number(v);

export const toAccountRow = (r: LedgerAccountsTable): AccountRow => ({ ...r, balance_minor: num(r.balance_minor) });
export const toTransactionRow = (r: LedgerTransactionsTable): TransactionRow => ({ ...r, seq: num(r.seq) });

export async function findAccountByCode(db: Db, code: string): Promise<AccountRow | undefined> {
  const r = await db.selectFrom('ledger_accounts').selectAll().where('code', '=', code).executeTakeFirst();
  return r && toAccountRow(r);
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  const r = await db.selectFrom('ledger_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAccountRow(r);
}

export async function insertAccount(db: Db, row: LedgerAccountsTable): Promise<void> {
  await db.insertInto('ledger_accounts').values(row).execute();
}

/** The accounts a transaction touches, their rows locked until it ends (in id order, one order for every writer). */
export async function lockAccounts(db: Db, ids: readonly string[]): Promise<Map<string, AccountRow>> {
  if (ids.length === 0) return new Map();
  const rows = await forUpdate(db, db.selectFrom('ledger_accounts').selectAll().where('id', 'in', [...new Set(ids)]).orderBy('id')).execute();
  return new Map(rows.map((r) => [r.id, toAccountRow(r)]));
}

export async function addToBalance(db: Db, accountId: string, delta: number): Promise<void> {
  // Relative, in SQL: never a read-modify-write in the application.
  await db
    .updateTable('ledger_accounts')
    .set((eb) => ({ balance_minor: eb('balance_minor', '+', delta) }))
    .where('id', '=', accountId)
    .execute();
}

export async function lastTransaction(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const r = await db.selectFrom('ledger_transactions').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r && { seq: num(r.seq), hash: r.hash };
}

export async function findTransactionByKey(db: Db, key: string): Promise<TransactionRow | undefined> {
  const r = await db.selectFrom('ledger_transactions').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  return r && toTransactionRow(r);
}

export async function findTransaction(db: Db, id: string): Promise<TransactionRow | undefined> {
  const r = await db.selectFrom('ledger_transactions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toTransactionRow(r);
}

export async function findReversalOf(db: Db, id: string): Promise<TransactionRow | undefined> {
  const r = await db.selectFrom('ledger_transactions').selectAll().where('reverses_id', '=', id).executeTakeFirst();
  return r && toTransactionRow(r);
}

export async function insertTransaction(db: Db, row: LedgerTransactionsTable, postings: LedgerPostingsTable[]): Promise<void> {
  await db.insertInto('ledger_transactions').values(row).execute();
  await db.insertInto('ledger_postings').values(postings).execute();
}

export interface PostingRow {
  transaction_id: string;
  line: number;
  account_id: string;
  code: string;
  kind: AccountKind;
  category: string | null;
  org_id: string | null;
  currency: string;
  amount_minor: number;
}

/** Postings of some transactions with their accounts, in line order. */
export async function postingsOf(db: Db, transactionIds: readonly string[]): Promise<Map<string, PostingRow[]>> {
  const out = new Map<string, PostingRow[]>();
  if (transactionIds.length === 0) return out;
  // Chunks keep the parameter count far below SQLite's limit.
  for (let i = 0; i < transactionIds.length; i += 500) {
    const rows = await db
      .selectFrom('ledger_postings as p')
      .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
      .select(['p.transaction_id', 'p.line', 'p.account_id', 'a.code', 'a.kind', 'a.category', 'a.org_id', 'p.currency', 'p.amount_minor'])
      .where('p.transaction_id', 'in', transactionIds.slice(i, i + 500))
      .orderBy('p.transaction_id')
      .orderBy('p.line')
      .execute();
    for (const r of rows) {
      const row = { ...r, line: num(r.line), amount_minor: num(r.amount_minor) };
      const list = out.get(r.transaction_id);
      if (list) list.push(row);
      else out.set(r.transaction_id, [row]);
    }
  }
  return out;
}

/** Transactions in chain order from `fromSeq`, for verify and export. */
export async function transactionsFrom(db: Db, fromSeq: number, limit: number): Promise<TransactionRow[]> {
  const rows = await db.selectFrom('ledger_transactions').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
  return rows.map(toTransactionRow);
}

/** Newest first, keyset pagination on seq. */
export async function listTransactions(db: Db, opts: { before?: number; limit: number; accountId?: string }): Promise<TransactionRow[]> {
  let q = db.selectFrom('ledger_transactions').selectAll().orderBy('seq', 'desc').limit(opts.limit);
  if (opts.before) q = q.where('seq', '<', opts.before);
  if (opts.accountId) {
    const accountId = opts.accountId;
    q = q.where('id', 'in', (eb) => eb.selectFrom('ledger_postings').select('transaction_id').where('account_id', '=', accountId));
  }
  return (await q.execute()).map(toTransactionRow);
}

export async function listAccounts(db: Db, opts: { kind?: AccountKind; orgId?: string } = {}): Promise<AccountRow[]> {
  let q = db.selectFrom('ledger_accounts').selectAll().orderBy('currency').orderBy('code');
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.orgId) q = q.where('org_id', '=', opts.orgId);
  return (await q.execute()).map(toAccountRow);
}

/** Every posting's sum per account, recomputed from the postings (verify compares it with the kept balances). */
export async function sumsPerAccount(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger_postings')
    .select((eb) => ['account_id', eb.fn.sum<number>('amount_minor').as('total')])
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, num(r.total)]));
}

export async function countTransactions(db: Db): Promise<number> {
  const r = await db.selectFrom('ledger_transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return num(r.n);
}

/** Account kinds whose money the public report counts (in: income, dues; out: expenses). */
export const REPORTED_KINDS: readonly AccountKind[] = ['income', 'dues', 'expense'];

export async function addToMonthly(db: Db, month: string, accountId: string, orgKey: string, delta: number): Promise<void> {
  await db
    .insertInto('ledger_monthly')
    .values({ month, account_id: accountId, org_key: orgKey, total_minor: delta })
    .onConflict((oc) => oc.columns(['month', 'account_id', 'org_key']).doUpdateSet((eb) => ({ total_minor: eb('ledger_monthly.total_minor', '+', delta) })))
    .execute();
}

export interface MonthlyRow {
  month: string;
  account_id: string;
  org_key: string;
  total: number;
}

/** The monthly totals as kept. */
export async function keptMonthly(db: Db): Promise<MonthlyRow[]> {
  const rows = await db.selectFrom('ledger_monthly').select(['month', 'account_id', 'org_key', 'total_minor as total']).execute();
  return rows.map((r) => ({ ...r, total: num(r.total) }));
}

/** The monthly totals recomputed from every posting (verify). */
export async function recomputedMonthly(db: Db): Promise<MonthlyRow[]> {
  const month = sql<string>`substr(t.occurred_on, 1, 7)`;
  const orgKey = sql<string>`coalesce(t.org_id, '')`;
  const rows = await db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .innerJoin('ledger_transactions as t', 't.id', 'p.transaction_id')
    .select([month.as('month'), 'p.account_id', orgKey.as('org_key'), (eb) => eb.fn.sum<number>('p.amount_minor').as('total')])
    .where('a.kind', 'in', [...REPORTED_KINDS])
    .groupBy([month, 'p.account_id', orgKey])
    .execute();
  return rows.map((r) => ({ ...r, total: num(r.total) }));
}
