// Treasurers and what they record: income (dues, donations, outside grants),
// expenses, currency exchanges, reversals; disbursement thresholds; reading
// the ledger for members.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, personOf } from '../../kernel/auth/actor.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { nowTs } from '../../kernel/time.js';
import { formatMinor, isCurrency, parseAmount } from './currencies.js';
import { isDay, reversalOf } from './ledger.core.js';
import {
  type Account,
  type AccountSpec,
  type Posted,
  type Transaction,
  listLedger,
  loadTransaction,
  lockLedger,
  postTransaction,
  toAccount,
} from './ledger.service.js';
import * as ledgerRepo from './ledger.repository.js';
import * as repo from './solidarity.repository.js';
import * as errors from './solidarity.errors.js';
import { canManageFundSettings, canManageTreasurers, canMoveMoneyFor, canPost, canSeeLedger } from './solidarity.policy.js';
import type { ExchangeInput, ExpenseInput, IncomeInput, ReverseInput } from './solidarity.schemas.js';

export type D = Pick<Deps, 'db' | 'clock'>;

export function requirePerson(actor: Actor) {
  const p = personOf(actor);
  if (!p) throw new AppError('UNAUTHENTICATED', 401);
  return p;
}

/** Whether the actor holds the treasurer role (looked up per request, so a revocation takes effect at once). */
export async function treasurerFlag(db: Db, actor: Actor): Promise<boolean> {
  const p = personOf(actor);
  return p ? repo.isTreasurer(db, p.id) : false;
}

export async function assertTreasurer(deps: D, actor: Actor): Promise<void> {
  requirePerson(actor);
  if (!canPost(actor, await treasurerFlag(deps.db, actor))) throw errors.notTreasurer();
}

/** An amount typed in a form or sent by the API, in minor units of its currency; refused with a field message. */
export function amountOf(text: string, currency: string, field = 'amount', opts: { allowZero?: boolean } = {}): number {
  const parsed = parseAmount(text, currency, opts);
  if ('problem' in parsed) throw errors.amountRefused(parsed.problem, currency, field);
  return parsed.minor;
}

/** A day money moved: a real date, not before 2000, not more than a day ahead (time zones). */
export function dayOf(deps: D, text: string, field = 'occurredOn'): string {
  if (!isDay(text) || text < '2000-01-01') throw errors.dayInvalid(field);
  const tomorrow = new Date(deps.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
  if (text > tomorrow) throw errors.dayInvalid(field);
  return text;
}

const orNull = (s: string) => (s === '' ? null : s);

// ── Recording ────────────────────────────────────────────────────────────

export async function recordIncome(deps: D, actor: Actor, input: IncomeInput): Promise<Posted> {
  await assertTreasurer(deps, actor);
  if (!isCurrency(input.currency)) throw errors.currencyUnknown();
  const minor = amountOf(input.amount, input.currency);
  const occurredOn = dayOf(deps, input.occurredOn);
  let orgId: string | null = null;
  if (input.category === 'dues') {
    const org = input.org === '' ? undefined : await repo.findOrgBySlug(deps.db, input.org);
    if (!org) throw new AppError('SOLIDARITY_ORG_REQUIRED', 422, { fields: { org: { key: 'error.SOLIDARITY_ORG_REQUIRED' } } });
    orgId = org.id;
  }
  const source: AccountSpec =
    input.category === 'dues' ? { kind: 'dues', orgId: orgId!, currency: input.currency } : { kind: 'income', category: input.category, currency: input.currency };
  return deps.db.transaction().execute((trx) =>
    postTransaction(trx, actor, deps.clock, {
      key: input.key,
      kind: input.category === 'dues' ? 'dues' : 'income',
      occurredOn,
      orgId,
      category: input.category,
      reference: orNull(input.reference),
      memo: orNull(input.memo),
      postings: [
        { account: { kind: 'fund', currency: input.currency }, amountMinor: minor },
        { account: source, amountMinor: -minor },
      ],
    }),
  );
}

export async function recordExpense(deps: D, actor: Actor, input: ExpenseInput): Promise<Posted> {
  await assertTreasurer(deps, actor);
  if (!isCurrency(input.currency)) throw errors.currencyUnknown();
  const minor = amountOf(input.amount, input.currency);
  const occurredOn = dayOf(deps, input.occurredOn);
  return deps.db.transaction().execute((trx) =>
    postTransaction(trx, actor, deps.clock, {
      key: input.key,
      kind: 'expense',
      occurredOn,
      category: input.category,
      reference: orNull(input.reference),
      memo: orNull(input.memo),
      guardFund: true,
      postings: [
        { account: { kind: 'expense', category: input.category, currency: input.currency }, amountMinor: minor },
        { account: { kind: 'fund', currency: input.currency }, amountMinor: -minor },
      ],
    }),
  );
}

/** The rate of an exchange as people read it: how many units of `to` one unit of `from` bought, 6 significant digits. */
export function exchangeRate(fromMinor: number, fromCurrency: string, toMinor: number, toCurrency: string): string {
  const from = Number(formatMinor(fromMinor, fromCurrency));
  const to = Number(formatMinor(toMinor, toCurrency));
  return String(Number((to / from).toPrecision(6)));
}

/**
 * Money changed from one currency into another at the bank: each currency
 * balances on its own through an exchange account, and the transaction states
 * the rate and its date. The ledger never converts anything by itself.
 */
export async function recordExchange(deps: D, actor: Actor, input: ExchangeInput): Promise<Posted> {
  await assertTreasurer(deps, actor);
  if (!isCurrency(input.fromCurrency)) throw errors.currencyUnknown('fromCurrency');
  if (!isCurrency(input.toCurrency)) throw errors.currencyUnknown('toCurrency');
  if (input.fromCurrency === input.toCurrency) throw new AppError('LEDGER_EXCHANGE_SAME', 422, { fields: { toCurrency: { key: 'error.LEDGER_EXCHANGE_SAME' } } });
  const from = amountOf(input.fromAmount, input.fromCurrency, 'fromAmount');
  const to = amountOf(input.toAmount, input.toCurrency, 'toAmount');
  const occurredOn = dayOf(deps, input.occurredOn);
  return deps.db.transaction().execute((trx) =>
    postTransaction(trx, actor, deps.clock, {
      key: input.key,
      kind: 'exchange',
      occurredOn,
      reference: orNull(input.reference),
      memo: orNull(input.memo),
      details: { rate: exchangeRate(from, input.fromCurrency, to, input.toCurrency), rateDate: occurredOn, from: input.fromCurrency, to: input.toCurrency },
      guardFund: true,
      postings: [
        { account: { kind: 'exchange', currency: input.fromCurrency }, amountMinor: from },
        { account: { kind: 'fund', currency: input.fromCurrency }, amountMinor: -from },
        { account: { kind: 'fund', currency: input.toCurrency }, amountMinor: to },
        { account: { kind: 'exchange', currency: input.toCurrency }, amountMinor: -to },
      ],
    }),
  );
}

function specOf(p: Transaction['postings'][number]): AccountSpec {
  // Rebuilt from the account itself, so the reversal lands on exactly the same accounts.
  switch (p.accountKind) {
    case 'fund':
    case 'exchange':
      return { kind: p.accountKind, currency: p.currency };
    case 'income':
    case 'expense':
      return { kind: p.accountKind, category: p.category ?? 'other', currency: p.currency };
    case 'dues':
      return { kind: 'dues', orgId: p.orgId!, currency: p.currency };
    case 'grant':
      return { kind: 'grant', requestId: p.accountCode.slice('grant:'.length), orgId: p.orgId!, currency: p.currency };
  }
}

/**
 * A mistake is corrected by a transaction that undoes it, never by an edit. A
 * transaction is reversed at most once, a reversal is not reversed (post the
 * right transaction instead), and money of an organisation is reversed by a
 * treasurer who does not belong to it. A grant never goes below zero.
 */
export async function reverseTransaction(deps: D, actor: Actor, id: string, input: ReverseInput): Promise<Posted> {
  await assertTreasurer(deps, actor);
  return deps.db.transaction().execute(async (trx) => {
    await lockLedger(trx);
    const original = await loadTransaction(trx, id);
    if (!original) throw errors.transactionNotFound();
    const retry = await ledgerRepo.findTransactionByKey(trx, input.key);
    if (retry) {
      // The same request again (a double click, a retried call): what it posted the first time.
      if (retry.reverses_id !== id || retry.memo !== input.memo) throw errors.idempotencyConflict();
      return { transaction: (await loadTransaction(trx, retry.id))!, replayed: true };
    }
    if (original.kind === 'reversal') throw errors.reversalOfReversal();
    if (await ledgerRepo.findReversalOf(trx, id)) throw errors.alreadyReversed();
    if (original.orgId && !canMoveMoneyFor(actor, true, original.orgId)) throw errors.ownOrganisation();
    return postTransaction(trx, actor, deps.clock, {
      key: input.key,
      kind: 'reversal',
      occurredOn: deps.clock.now().toISOString().slice(0, 10),
      orgId: original.orgId,
      category: original.category,
      reference: original.reference,
      memo: input.memo,
      reversesId: original.id,
      details: { ...original.details, reversedKind: original.kind },
      guardFund: true,
      postings: reversalOf(original.postings).map((p) => ({ account: specOf(p), amountMinor: p.amountMinor })),
    });
  });
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface LedgerPage {
  transactions: Transaction[];
  next: number | undefined;
  orgs: Map<string, { id: string; slug: string; name: string }>;
  people: Map<string, string>;
  reversed: Set<string>;
  treasurer: boolean;
}

async function displayNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function viewLedger(deps: D, actor: Actor, opts: { before?: number; limit?: number } = {}): Promise<LedgerPage> {
  requirePerson(actor);
  const treasurer = await treasurerFlag(deps.db, actor);
  if (!canSeeLedger(actor, treasurer)) throw forbidden();
  const page = await listLedger(deps.db, opts);
  const ids = page.transactions.map((t) => t.id);
  const reversed = ids.length
    ? new Set(
        (await deps.db.selectFrom('ledger_transactions').select('reverses_id').where('reverses_id', 'in', ids).execute()).map((r) => r.reverses_id!),
      )
    : new Set<string>();
  const orgIds = page.transactions.flatMap((t) => [t.orgId, ...t.postings.map((p) => p.orgId)]).filter((x): x is string => !!x);
  return {
    ...page,
    orgs: await repo.orgBriefs(deps.db, orgIds),
    people: await displayNames(
      deps.db,
      [...new Set(page.transactions.map((t) => t.recordedBy).filter((x): x is string => !!x))],
    ),
    reversed,
    treasurer,
  };
}

export interface TransactionView {
  transaction: Transaction;
  reversedBy: string | undefined;
  orgs: Map<string, { id: string; slug: string; name: string }>;
  recordedBy: string | undefined;
  canReverse: boolean;
}

export async function viewTransaction(deps: D, actor: Actor, id: string): Promise<TransactionView> {
  requirePerson(actor);
  const treasurer = await treasurerFlag(deps.db, actor);
  if (!canSeeLedger(actor, treasurer)) throw forbidden();
  const transaction = await loadTransaction(deps.db, id);
  if (!transaction) throw errors.transactionNotFound();
  const reversal = await ledgerRepo.findReversalOf(deps.db, id);
  const orgIds = [transaction.orgId, ...transaction.postings.map((p) => p.orgId)].filter((x): x is string => !!x);
  const names = await displayNames(deps.db, transaction.recordedBy ? [transaction.recordedBy] : []);
  return {
    transaction,
    reversedBy: reversal?.id,
    orgs: await repo.orgBriefs(deps.db, orgIds),
    recordedBy: transaction.recordedBy ? names.get(transaction.recordedBy) : undefined,
    canReverse:
      !reversal &&
      transaction.kind !== 'reversal' &&
      canPost(actor, treasurer) &&
      (!transaction.orgId || canMoveMoneyFor(actor, treasurer, transaction.orgId)),
  };
}

export async function viewAccounts(deps: D, actor: Actor): Promise<{ accounts: Account[]; orgs: Map<string, { id: string; slug: string; name: string }> }> {
  requirePerson(actor);
  if (!canSeeLedger(actor, await treasurerFlag(deps.db, actor))) throw forbidden();
  const accounts = (await ledgerRepo.listAccounts(deps.db)).map(toAccount);
  return { accounts, orgs: await repo.orgBriefs(deps.db, accounts.map((a) => a.orgId).filter((x): x is string => !!x)) };
}

// ── Treasurers and thresholds (federation admins) ───────────────────────

export async function listTreasurersFor(deps: D, actor: Actor): Promise<repo.Treasurer[]> {
  requirePerson(actor);
  if (!canManageTreasurers(actor)) throw forbidden();
  return repo.listTreasurers(deps.db);
}

export async function grantTreasurer(deps: D, actor: Actor, email: string): Promise<{ personId: string; displayName: string }> {
  const me = requirePerson(actor);
  if (!canManageTreasurers(actor)) throw forbidden();
  const person = await repo.findPersonByEmail(deps.db, email);
  if (!person || person.status !== 'active') throw errors.personNotFound();
  // Four eyes: whoever hands out the purse does not hand it to themselves.
  if (person.id === me.id) throw errors.treasurerSelf();
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.isTreasurer(trx, person.id)) throw errors.alreadyTreasurer();
    await repo.insertTreasurer(trx, person.id, me.id, nowTs(deps.clock));
    await audit(trx, actor, 'solidarity.treasurer.granted', { targetType: 'person', targetId: person.id });
  });
  return { personId: person.id, displayName: person.display_name };
}

export async function revokeTreasurer(deps: D, actor: Actor, personId: string): Promise<void> {
  requirePerson(actor);
  if (!canManageTreasurers(actor)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteTreasurer(trx, personId))) throw errors.notATreasurer();
    await audit(trx, actor, 'solidarity.treasurer.revoked', { targetType: 'person', targetId: personId });
  });
}

export async function viewThresholds(deps: D, actor: Actor): Promise<Map<string, number>> {
  requirePerson(actor);
  if (!canManageFundSettings(actor)) throw forbidden();
  return repo.listThresholds(deps.db);
}

/** `amount` '' removes the threshold: then every disbursement in that currency needs a second treasurer. */
export async function setThreshold(deps: D, actor: Actor, currency: string, amount: string, fields = { currency: 'currency', amount: 'amount' }): Promise<void> {
  const me = requirePerson(actor);
  if (!canManageFundSettings(actor)) throw forbidden();
  if (!isCurrency(currency)) throw errors.currencyUnknown(fields.currency);
  const minor = amount === '' ? null : amountOf(amount, currency, fields.amount, { allowZero: true });
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findThreshold(trx, currency);
    if (minor === null) await repo.deleteThreshold(trx, currency);
    else await repo.upsertThreshold(trx, currency, minor, me.id, nowTs(deps.clock));
    await audit(trx, actor, 'solidarity.threshold.set', {
      data: { currency, from: before === undefined ? null : formatMinor(before, currency), to: minor === null ? null : formatMinor(minor, currency) },
    });
  });
}
