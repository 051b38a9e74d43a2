// Dues on a sliding scale: the federation defines bands (by self-declared annual
// budget, or by the purchasing-power group of the country) with a suggested
// amount that may be zero; each organisation picks its band, and its dues
// schedule follows. Zero is a band like any other: solidarity membership.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { AppError, forbidden, validationFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { nowTs } from '../../kernel/time.js';
import { formatMinor, isCurrency } from './currencies.js';
import { amountOf, requirePerson, treasurerFlag } from './fund.service.js';
import * as repo from './solidarity.repository.js';
import * as errors from './solidarity.errors.js';
import { canManageFundSettings, canSeeOrgFund, canSpeakForOrg } from './solidarity.policy.js';
import type { BandInput, DuesChoiceInput } from './solidarity.schemas.js';
import type { DuesPeriod } from './solidarity.tables.js';

type D = Pick<Deps, 'db' | 'clock'>;

export const PPP_GROUPS = [1, 2, 3, 4] as const;
const PERIODS_PER_YEAR: Record<DuesPeriod, number> = { year: 1, quarter: 4, month: 12 };

export async function listBands(deps: Pick<D, 'db'>): Promise<repo.DuesBand[]> {
  return repo.listBands(deps.db);
}

export async function createBand(deps: D, actor: Actor, input: BandInput): Promise<repo.DuesBand> {
  requirePerson(actor);
  if (!canManageFundSettings(actor)) throw forbidden();
  if (!isCurrency(input.currency)) throw errors.currencyUnknown();
  const suggested = amountOf(input.suggested, input.currency, 'suggested', { allowZero: true });
  const fields: Record<string, string> = {};
  let min: number | null = null;
  let max: number | null = null;
  let group: number | null = null;
  if (input.basis === 'budget') {
    min = input.budgetMin === '' ? null : amountOf(input.budgetMin, input.currency, 'budgetMin', { allowZero: true });
    max = input.budgetMax === '' ? null : amountOf(input.budgetMax, input.currency, 'budgetMax', { allowZero: true });
    if (min !== null && max !== null && max <= min) fields.budgetMax = 'solidarity.band.maxBelowMin';
  } else {
    group = Number(input.pppGroup);
    if (!PPP_GROUPS.includes(group as 1)) fields.pppGroup = 'solidarity.band.pppInvalid';
  }
  if (Object.keys(fields).length) throw validationFailed(fields);
  const now = nowTs(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = {
      id: newId(),
      name: input.name,
      basis: input.basis,
      budget_min_minor: min,
      budget_max_minor: max,
      ppp_group: group,
      currency: input.currency,
      suggested_minor: suggested,
      period: input.period,
      position: await repo.nextBandPosition(trx),
      retired_at: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertBand(trx, row);
    await audit(trx, actor, 'solidarity.band.created', {
      targetType: 'dues_band',
      targetId: row.id,
      data: { name: row.name, basis: row.basis, suggested: formatMinor(suggested, input.currency), currency: input.currency, period: input.period },
    });
    return repo.toBand(row);
  });
}

/** A band is retired, never deleted: organisations that chose it keep it until they choose another. */
export async function retireBand(deps: D, actor: Actor, id: string): Promise<void> {
  requirePerson(actor);
  if (!canManageFundSettings(actor)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.retireBand(trx, id, nowTs(deps.clock)))) throw new AppError('SOLIDARITY_BAND_NOT_FOUND', 404);
    await audit(trx, actor, 'solidarity.band.retired', { targetType: 'dues_band', targetId: id });
  });
}

export interface ScheduleItem {
  dueOn: string;
  amountMinor: number;
}

/** The year's dues dates and amounts for a band: once a year, each quarter or each month. */
export function scheduleFor(band: Pick<repo.DuesBand, 'period' | 'suggestedMinor'>, year: number): ScheduleItem[] {
  const n = PERIODS_PER_YEAR[band.period];
  return Array.from({ length: n }, (_, i) => ({ dueOn: `${year}-${String(1 + (i * 12) / n).padStart(2, '0')}-01`, amountMinor: band.suggestedMinor }));
}

export interface OrgDues {
  org: { id: string; slug: string; name: string };
  choice: repo.DuesChoice | undefined;
  band: repo.DuesBand | undefined;
  bands: repo.DuesBand[];
  year: number;
  schedule: ScheduleItem[];
  /** What the organisation paid this year, per currency (from its dues accounts' postings). */
  paid: { currency: string; minor: number }[];
  canChoose: boolean;
}

export async function paidInYear(db: Db, orgId: string, year: number): Promise<{ currency: string; minor: number }[]> {
  const rows = await db
    .selectFrom('ledger_monthly as m')
    .innerJoin('ledger_accounts as a', 'a.id', 'm.account_id')
    .select(['a.currency', (eb) => eb.fn.sum<number>('m.total_minor').as('total')])
    .where('a.kind', '=', 'dues')
    .where('a.org_id', '=', orgId)
    .where('m.month', '>=', `${year}-01`)
    .where('m.month', '<=', `${year}-12`)
    .groupBy('a.currency')
    .orderBy('a.currency')
    .execute();
  // Dues accounts are credited when money arrives: paid is the credit's size.
  return rows.map((r) => ({ currency: r.currency, minor: -Number(r.total) })).filter((r) => r.minor !== 0);
}

export async function viewOrgDues(deps: D, actor: Actor, slug: string): Promise<OrgDues> {
  requirePerson(actor);
  const org = await repo.findOrgBySlug(deps.db, slug);
  if (!org) throw new AppError('ORG_NOT_FOUND', 404);
  if (!canSeeOrgFund(actor, org.id, await treasurerFlag(deps.db, actor))) throw forbidden();
  const choice = await repo.findChoice(deps.db, org.id);
  const band = choice ? await repo.findBand(deps.db, choice.bandId) : undefined;
  const year = deps.clock.now().getUTCFullYear();
  return {
    org: { id: org.id, slug: org.slug, name: org.name },
    choice,
    band,
    bands: await repo.listBands(deps.db),
    year,
    schedule: band ? scheduleFor(band, year) : [],
    paid: await paidInYear(deps.db, org.id, year),
    canChoose: canSpeakForOrg(actor, org.id),
  };
}

export async function chooseBand(deps: D, actor: Actor, slug: string, input: DuesChoiceInput): Promise<void> {
  const person = requirePerson(actor);
  const org = await repo.findOrgBySlug(deps.db, slug);
  if (!org) throw new AppError('ORG_NOT_FOUND', 404);
  if (!canSpeakForOrg(actor, org.id)) throw forbidden();
  const band = await repo.findBand(deps.db, input.band);
  if (!band || band.retiredAt) throw errors.bandNotFound();
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findChoice(trx, org.id);
    await repo.upsertChoice(trx, { org_id: org.id, band_id: band.id, undisclosed: input.undisclosed ? 1 : 0, chosen_by: person.id, chosen_at: nowTs(deps.clock) });
    await audit(trx, actor, 'solidarity.dues.chosen', {
      targetType: 'organisation',
      targetId: org.id,
      orgId: org.id,
      data: { from: before?.bandId ?? null, to: band.id, suggested: formatMinor(band.suggestedMinor, band.currency), currency: band.currency, undisclosed: input.undisclosed },
    });
  });
}

/** An organisation's dues choice and payments, for its export. */
export async function exportDues(db: Db, orgId: string) {
  const choice = await repo.findChoice(db, orgId);
  const band = choice ? await repo.findBand(db, choice.bandId) : undefined;
  const payments = await db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .innerJoin('ledger_transactions as t', 't.id', 'p.transaction_id')
    .select(['t.id', 't.seq', 't.kind', 't.occurred_on', 't.reference', 'a.currency', 'p.amount_minor'])
    .where('a.kind', '=', 'dues')
    .where('a.org_id', '=', orgId)
    .orderBy('t.seq')
    .execute();
  return {
    choice: choice && band
      ? {
          band: { id: band.id, name: band.name, basis: band.basis, suggested: formatMinor(band.suggestedMinor, band.currency), currency: band.currency, period: band.period },
          undisclosed: choice.undisclosed,
          chosenAt: choice.chosenAt.toISOString(),
        }
      : null,
    payments: payments.map((p) => ({
      transactionId: p.id,
      seq: Number(p.seq),
      kind: p.kind,
      occurredOn: p.occurred_on,
      reference: p.reference,
      currency: p.currency,
      amount: formatMinor(-Number(p.amount_minor), p.currency),
    })),
  };
}
