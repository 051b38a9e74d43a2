// The ledger engine: accounts, posting a balanced transaction onto the hash
// chain (idempotently, with the rows it reads locked), reading it back, and
// verifying the whole chain and every balance.
//
// Writers serialise on one chain lock (an advisory lock on PostgreSQL, the
// IMMEDIATE transaction on SQLite), then lock the account rows they touch,
// re-check balances and post. Every writer takes the ledger lock before the
// audit log's lock, so the two never wait on each other in opposite orders.
import type { Db } from '../../kernel/db/connect.js';
import { lockForChain } from '../../kernel/db/dialect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, actorId } from '../../kernel/auth/actor.js';
import { newId } from '../../kernel/ids.js';
import { getSetting, setSetting } from '../../kernel/settings.js';
import { type Clock, fromTimestamp, toTimestamp } from '../../kernel/time.js';
import { formatMinor } from './currencies.js';
import { GENESIS, balanceProblem, fingerprint, transactionHash, type ChainRow, type PostingLine, type TransactionContent } from './ledger.core.js';
import * as repo from './ledger.repository.js';
import * as errors from './solidarity.errors.js';
import type { AccountKind, TransactionKind } from './solidarity.tables.js';

export const LEDGER_LOCK = 'ledger';
export const HEAD_SETTING = 'solidarity.ledger.head';

// ── Accounts ─────────────────────────────────────────────────────────────

export type AccountSpec =
  | { kind: 'fund'; currency: string }
  | { kind: 'income'; category: string; currency: string }
  | { kind: 'dues'; orgId: string; currency: string }
  | { kind: 'expense'; category: string; currency: string }
  | { kind: 'grant'; requestId: string; orgId: string; currency: string }
  | { kind: 'exchange'; currency: string };

/** The stable, readable name of an account; the chain hashes it with every posting. */
export function accountCode(spec: AccountSpec): string {
  switch (spec.kind) {
    case 'fund':
    case 'exchange':
      return `${spec.kind}:${spec.currency}`;
    case 'income':
    case 'expense':
      return `${spec.kind}:${spec.category}:${spec.currency}`;
    case 'dues':
      return `dues:${spec.orgId}:${spec.currency}`;
    case 'grant':
      return `grant:${spec.requestId}`;
  }
}

export interface Account {
  id: string;
  code: string;
  kind: AccountKind;
  category: string | null;
  currency: string;
  orgId: string | null;
  balanceMinor: number;
}

export const toAccount = (r: repo.AccountRow): Account => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  category: r.category,
  currency: r.currency,
  orgId: r.org_id,
  balanceMinor: r.balance_minor,
});

const specCategory = (spec: AccountSpec): string | null =>
  spec.kind === 'income' || spec.kind === 'expense' ? spec.category : spec.kind === 'dues' ? 'dues' : spec.kind === 'grant' ? 'grant' : null;
const specOrg = (spec: AccountSpec): string | null => (spec.kind === 'dues' || spec.kind === 'grant' ? spec.orgId : null);

/** Finds or opens an account. Call with the ledger lock held (postTransaction does), so two writers cannot open the same one. */
export async function ensureAccount(trx: Db, clock: Clock, spec: AccountSpec): Promise<Account> {
  const code = accountCode(spec);
  const found = await repo.findAccountByCode(trx, code);
  if (found) return toAccount(found);
  const row = {
    id: newId(),
    code,
    kind: spec.kind,
    category: specCategory(spec),
    currency: spec.currency,
    org_id: specOrg(spec),
    balance_minor: 0,
    created_at: toTimestamp(clock.now()),
  };
  await repo.insertAccount(trx, row);
  return toAccount(row);
}

/** Serialises ledger writers until the transaction ends. Take it before anything else that locks (the audit log). */
export async function lockLedger(trx: Db): Promise<void> {
  if (!trx.isTransaction) throw new Error('the ledger is written only inside a transaction');
  await lockForChain(trx, LEDGER_LOCK);
}

// ── Transactions ─────────────────────────────────────────────────────────

export interface Posting {
  line: number;
  accountId: string;
  accountCode: string;
  accountKind: AccountKind;
  category: string | null;
  orgId: string | null;
  currency: string;
  amountMinor: number;
}

export interface Transaction {
  id: string;
  seq: number;
  idempotencyKey: string;
  kind: TransactionKind;
  occurredOn: string;
  recordedAt: Date;
  recordedBy: string | null;
  orgId: string | null;
  category: string | null;
  reference: string | null;
  memo: string | null;
  reversesId: string | null;
  details: Record<string, unknown>;
  hash: string;
  postings: Posting[];
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // A damaged row: verify reports it; pages still show the rest.
  }
  return {};
}

export function toTransaction(r: repo.TransactionRow, postings: readonly repo.PostingRow[]): Transaction {
  return {
    id: r.id,
    seq: r.seq,
    idempotencyKey: r.idempotency_key,
    kind: r.kind,
    occurredOn: r.occurred_on,
    recordedAt: fromTimestamp(r.recorded_at),
    recordedBy: r.recorded_by,
    orgId: r.org_id,
    category: r.category,
    reference: r.reference,
    memo: r.memo,
    reversesId: r.reverses_id,
    details: parseDetails(r.details),
    hash: r.hash,
    postings: postings.map((p) => ({
      line: p.line,
      accountId: p.account_id,
      accountCode: p.code,
      accountKind: p.kind,
      category: p.category,
      orgId: p.org_id,
      currency: p.currency,
      amountMinor: p.amount_minor,
    })),
  };
}

export interface PostInput {
  /** Chosen by whoever asks (a form's hidden field, an API client, `allocation:<request>`): a retry with it never posts twice. */
  key: string;
  kind: TransactionKind;
  occurredOn: string;
  orgId?: string | null;
  category?: string | null;
  reference?: string | null;
  memo?: string | null;
  reversesId?: string | null;
  details?: Record<string, unknown>;
  postings: { account: AccountSpec; amountMinor: number }[];
  /** The fund may not go below zero through this transaction (money leaving it). Grants never may. */
  guardFund?: boolean;
}

export interface Posted {
  transaction: Transaction;
  /** True when the key was already used for the same content: nothing new was posted. */
  replayed: boolean;
}

export async function loadTransaction(db: Db, id: string): Promise<Transaction | undefined> {
  const row = await repo.findTransaction(db, id);
  if (!row) return undefined;
  return toTransaction(row, (await repo.postingsOf(db, [id])).get(id) ?? []);
}

/**
 * Posts one balanced transaction at the end of the chain, inside the caller's
 * transaction (with its audit entry). The same key with the same content returns
 * the transaction already posted; with different content it is refused.
 */
export async function postTransaction(trx: Db, actor: Actor, clock: Clock, input: PostInput): Promise<Posted> {
  await lockLedger(trx);
  const codes = input.postings.map((p) => accountCode(p.account));
  const content: TransactionContent = {
    kind: input.kind,
    occurredOn: input.occurredOn,
    orgId: input.orgId ?? null,
    category: input.category ?? null,
    reference: input.reference ?? null,
    memo: input.memo ?? null,
    reversesId: input.reversesId ?? null,
    details: input.details ?? {},
    // Codes, not ids: the content is known before its accounts exist.
    postings: input.postings.map((p, i) => ({ accountId: codes[i]!, amountMinor: p.amountMinor })),
  };
  const print = fingerprint(content);
  const existing = await repo.findTransactionByKey(trx, input.key);
  if (existing) {
    if (existing.fingerprint !== print) throw errors.idempotencyConflict();
    return { transaction: (await loadTransaction(trx, existing.id))!, replayed: true };
  }

  const problem = balanceProblem(input.postings.map((p) => ({ currency: p.account.currency, amountMinor: p.amountMinor })));
  if (problem) throw errors.unbalanced(problem);

  const accounts: Account[] = [];
  for (const p of input.postings) accounts.push(await ensureAccount(trx, clock, p.account));
  // Lock what this transaction reads and changes, then judge balances on the locked rows.
  const locked = await repo.lockAccounts(
    trx,
    accounts.map((a) => a.id),
  );
  const delta = new Map<string, number>();
  input.postings.forEach((p, i) => delta.set(accounts[i]!.id, (delta.get(accounts[i]!.id) ?? 0) + p.amountMinor));
  for (const [id, change] of delta) {
    const row = locked.get(id)!;
    const guarded = row.kind === 'grant' || (row.kind === 'fund' && input.guardFund === true);
    if (guarded && change < 0 && row.balance_minor + change < 0) throw errors.insufficient(formatMinor(Math.max(row.balance_minor, 0), row.currency), row.currency);
  }

  const last = await repo.lastTransaction(trx);
  const seq = (last?.seq ?? 0) + 1;
  const chain: ChainRow = {
    seq,
    id: newId(),
    idempotency_key: input.key,
    fingerprint: print,
    kind: input.kind,
    occurred_on: input.occurredOn,
    recorded_at: toTimestamp(clock.now()),
    recorded_by: actorId(actor),
    org_id: content.orgId,
    category: content.category,
    reference: content.reference,
    memo: content.memo,
    reverses_id: content.reversesId,
    details: JSON.stringify(content.details),
    prev_hash: last?.hash ?? GENESIS,
  };
  const lines: PostingLine[] = input.postings.map((p, i) => ({
    accountId: accounts[i]!.id,
    accountCode: accounts[i]!.code,
    currency: accounts[i]!.currency,
    amountMinor: p.amountMinor,
  }));
  const hash = transactionHash(chain, lines);
  await repo.insertTransaction(
    trx,
    { ...chain, kind: input.kind, hash },
    lines.map((l, i) => ({ transaction_id: chain.id, line: i + 1, account_id: l.accountId, currency: l.currency, amount_minor: l.amountMinor })),
  );
  for (const [id, change] of delta) if (change !== 0) await repo.addToBalance(trx, id, change);
  for (const [id, change] of delta) {
    if (change !== 0 && repo.REPORTED_KINDS.includes(locked.get(id)!.kind)) await repo.addToMonthly(trx, input.occurredOn.slice(0, 7), id, content.orgId ?? '', change);
  }
  // The head, kept apart from the chain: cutting the newest transactions off shows as a mismatch.
  await setSetting(trx, HEAD_SETTING, `${seq} ${hash}`);
  await audit(trx, actor, `solidarity.ledger.${input.kind}`, {
    targetType: 'ledger_transaction',
    targetId: chain.id,
    ...(content.orgId ? { orgId: content.orgId } : {}),
    data: { seq, key: input.key, ...(content.reversesId ? { reverses: content.reversesId } : {}) },
  });
  return { transaction: (await loadTransaction(trx, chain.id))!, replayed: false };
}

// ── Verification ─────────────────────────────────────────────────────────

export type LedgerProblem = 'modified' | 'deleted' | 'reordered' | 'unbalanced' | 'currency' | 'balance' | 'summary' | 'truncated';

export type LedgerVerifyResult =
  | { ok: true; transactions: number; accounts: number; head: string }
  /** `count`: intact transactions before the problem. `seq` or `account` says where. */
  | { ok: false; problem: LedgerProblem; count: number; seq?: number; account?: string; detail?: string };

function linesOf(postings: readonly repo.PostingRow[]): PostingLine[] {
  return postings.map((p) => ({ accountId: p.account_id, accountCode: p.code, currency: p.currency, amountMinor: p.amount_minor }));
}

function selfConsistent(row: repo.TransactionRow, postings: readonly repo.PostingRow[]): boolean {
  const { hash, ...rest } = row;
  return transactionHash(rest as ChainRow, linesOf(postings)) === hash;
}

/**
 * Recomputes the chain from its first transaction and every account's balance
 * from the postings, and reports the first inconsistency:
 * - modified: a transaction or its postings no longer match its hash;
 * - deleted: a sequence number is missing;
 * - reordered: an intact transaction sits at another place, or does not point back to the one before;
 * - unbalanced / currency: postings that do not sum to zero per currency, or in another currency than their account;
 * - balance: an account's kept balance differs from its postings;
 * - summary: the report's monthly totals differ from the postings;
 * - truncated: the newest transactions are gone (the kept head is not the chain's end).
 */
export async function verifyLedger(db: Db, batch = 1000): Promise<LedgerVerifyResult> {
  // One snapshot: writers that post meanwhile are neither half-seen nor mistaken for damage.
  if (!db.isTransaction) return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute((trx) => verifyLedger(trx, batch));
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  const replayed = new Map<string, number>();
  for (;;) {
    const rows = await repo.transactionsFrom(db, expectedSeq, batch);
    if (rows.length === 0) break;
    const postings = await repo.postingsOf(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const lines = postings.get(row.id) ?? [];
      if (row.seq !== expectedSeq) return { ok: false, problem: 'deleted', count, seq: expectedSeq };
      if (!selfConsistent(row, lines)) {
        const problem = (await movedHere(db, expectedSeq, prevHash)) ? 'reordered' : 'modified';
        return { ok: false, problem, count, seq: expectedSeq };
      }
      if (row.prev_hash !== prevHash) return { ok: false, problem: 'reordered', count, seq: expectedSeq };
      const bad = balanceProblem(lines.map((p) => ({ currency: p.currency, amountMinor: p.amount_minor })));
      if (bad) return { ok: false, problem: 'unbalanced', count, seq: expectedSeq, detail: bad };
      for (const p of lines) replayed.set(p.account_id, (replayed.get(p.account_id) ?? 0) + p.amount_minor);
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
  }
  // Every posting's currency must be its account's; every kept balance must be what the postings add up to.
  const accounts = await repo.listAccounts(db);
  const mismatchedCurrency = await db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .innerJoin('ledger_transactions as t', 't.id', 'p.transaction_id')
    .select(['a.code', 't.seq'])
    .whereRef('p.currency', '!=', 'a.currency')
    .orderBy('t.seq')
    .limit(1)
    .executeTakeFirst();
  if (mismatchedCurrency) return { ok: false, problem: 'currency', count, seq: Number(mismatchedCurrency.seq), account: mismatchedCurrency.code };
  for (const a of accounts) {
    const expected = replayed.get(a.id) ?? 0;
    if (a.balance_minor !== expected) {
      return { ok: false, problem: 'balance', count, account: a.code, detail: `kept ${formatMinor(a.balance_minor, a.currency)}, postings ${formatMinor(expected, a.currency)} ${a.currency}` };
    }
  }
  const head = await getSetting(db, HEAD_SETTING);
  const expectedHead = count === 0 ? undefined : `${count} ${prevHash}`;
  if (head !== expectedHead) {
    const keptSeq = head ? Number(head.split(' ')[0]) : 0;
    return { ok: false, problem: keptSeq > count ? 'truncated' : 'modified', count, seq: keptSeq > count ? count + 1 : count, detail: 'head' };
  }
  // The report's monthly totals are derived data: they must be exactly what the postings say.
  const kept = new Map((await repo.keptMonthly(db)).map((r) => [`${r.month}|${r.account_id}|${r.org_key}`, r.total]));
  for (const r of await repo.recomputedMonthly(db)) {
    const k = `${r.month}|${r.account_id}|${r.org_key}`;
    if ((kept.get(k) ?? 0) !== r.total) return { ok: false, problem: 'summary', count, account: accounts.find((a) => a.id === r.account_id)?.code ?? r.account_id, detail: r.month };
    kept.delete(k);
  }
  const stray = [...kept].find(([, total]) => total !== 0);
  if (stray) return { ok: false, problem: 'summary', count, detail: stray[0].split('|')[0] };
  return { ok: true, transactions: count, accounts: accounts.length, head: prevHash };
}

/** Is the transaction that belongs at `seq` (the one pointing back to `prevHash`) intact elsewhere? Runs only once the chain is broken. */
async function movedHere(db: Db, seq: number, prevHash: string): Promise<boolean> {
  const candidates = (await db.selectFrom('ledger_transactions').selectAll().where('prev_hash', '=', prevHash).where('seq', '!=', seq).execute()).map(
    repo.toTransactionRow,
  );
  if (candidates.length === 0) return false;
  const postings = await repo.postingsOf(
    db,
    candidates.map((c) => c.id),
  );
  return candidates.some((c) => selfConsistent({ ...c, seq }, postings.get(c.id) ?? []));
}

// ── Reading ──────────────────────────────────────────────────────────────

export async function listLedger(db: Db, opts: { before?: number; limit?: number; accountId?: string } = {}): Promise<{ transactions: Transaction[]; next: number | undefined }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const rows = await repo.listTransactions(db, { limit: limit + 1, ...(opts.before ? { before: opts.before } : {}), ...(opts.accountId ? { accountId: opts.accountId } : {}) });
  const page = rows.slice(0, limit);
  const postings = await repo.postingsOf(
    db,
    page.map((r) => r.id),
  );
  const transactions = page.map((r) => toTransaction(r, postings.get(r.id) ?? []));
  return { transactions, next: rows.length > limit ? page[page.length - 1]?.seq : undefined };
}

/** Every transaction in chain order, in batches (the CLI export; memory stays flat on a large ledger). */
export async function* walkLedger(db: Db, batch = 1000): AsyncGenerator<Transaction> {
  let from = 1;
  for (;;) {
    const rows = await repo.transactionsFrom(db, from, batch);
    if (rows.length === 0) return;
    const postings = await repo.postingsOf(
      db,
      rows.map((r) => r.id),
    );
    for (const r of rows) yield toTransaction(r, postings.get(r.id) ?? []);
    from = rows[rows.length - 1]!.seq + 1;
  }
}
