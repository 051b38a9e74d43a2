// Ledger arithmetic and the chain's hashes, as pure functions (no database):
// what the services check before posting and what `hearth ledger verify`
// checks afterwards are the same code.
import { createHash } from 'node:crypto';
import { MAX_MINOR } from './currencies.js';

export const GENESIS = '0'.repeat(64);

export interface PostingLine {
  accountId: string;
  /** The account's code, part of the hash: renaming an account's meaning breaks the chain. */
  accountCode: string;
  currency: string;
  /** Positive: debit (money arriving in the account); negative: credit. */
  amountMinor: number;
}

/** What a transaction says, without its place in the chain: the fingerprint covers this. */
export interface TransactionContent {
  kind: string;
  occurredOn: string;
  orgId: string | null;
  category: string | null;
  reference: string | null;
  memo: string | null;
  reversesId: string | null;
  details: Record<string, unknown>;
  postings: { accountId: string; amountMinor: number }[];
}

/** The stored row as the hash sees it. */
export interface ChainRow {
  seq: number;
  id: string;
  idempotency_key: string;
  fingerprint: string;
  kind: string;
  occurred_on: string;
  recorded_at: string;
  recorded_by: string | null;
  org_id: string | null;
  category: string | null;
  reference: string | null;
  memo: string | null;
  reverses_id: string | null;
  details: string;
  prev_hash: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** JSON with object keys in a fixed order, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Tells a retry (same fingerprint) from a reused idempotency key (different). */
export function fingerprint(content: TransactionContent): string {
  return sha256(canonicalJson(content));
}

export function transactionHash(row: ChainRow, postings: readonly PostingLine[]): string {
  return sha256(
    JSON.stringify([
      row.seq,
      row.id,
      row.idempotency_key,
      row.fingerprint,
      row.kind,
      row.occurred_on,
      row.recorded_at,
      row.recorded_by,
      row.org_id,
      row.category,
      row.reference,
      row.memo,
      row.reverses_id,
      row.details,
      postings.map((p) => [p.accountId, p.accountCode, p.currency, p.amountMinor]),
      row.prev_hash,
    ]),
  );
}

export type BalanceProblem = 'too_few_postings' | 'zero_amount' | 'not_integer' | 'too_large' | 'unbalanced';

/**
 * Double entry: at least two postings, each a non-zero integer within bounds,
 * summing to zero in every currency (a transaction may hold several currencies,
 * an exchange, but never converts one into another by itself).
 */
export function balanceProblem(postings: readonly { currency: string; amountMinor: number }[]): BalanceProblem | undefined {
  if (postings.length < 2) return 'too_few_postings';
  const sums = new Map<string, number>();
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amountMinor)) return 'not_integer';
    if (p.amountMinor === 0) return 'zero_amount';
    if (Math.abs(p.amountMinor) > MAX_MINOR) return 'too_large';
    sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.amountMinor);
  }
  for (const sum of sums.values()) if (sum !== 0) return 'unbalanced';
  return undefined;
}

/** The postings that undo a transaction: the same accounts, amounts negated. */
export function reversalOf<P extends { amountMinor: number }>(postings: readonly P[]): P[] {
  return postings.map((p) => ({ ...p, amountMinor: -p.amountMinor }));
}

/** Balances per account after applying postings to a starting map (a copy is returned). */
export function applyPostings(balances: ReadonlyMap<string, number>, postings: readonly { accountId: string; amountMinor: number }[]): Map<string, number> {
  const out = new Map(balances);
  for (const p of postings) out.set(p.accountId, (out.get(p.accountId) ?? 0) + p.amountMinor);
  return out;
}

/** A calendar day as the ledger stores it (yyyy-mm-dd), checked for being a real date. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** "2026-Q3" for a day. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}
