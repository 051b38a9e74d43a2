// The public transparency report: balances per currency, income and spending
// per quarter and category, grants with purpose and amount, dues by member.
// It protects people: an organisation that asked not to be named is counted in
// an "undisclosed" line, and any category figure made of fewer than three
// organisations' money is folded into "other". No currency is converted.
import type { Db } from '../../kernel/db/connect.js';
import { pickText, type PickedText } from '../../kernel/text/index.js';
import { quarterOf } from './ledger.core.js';
import * as repo from './solidarity.repository.js';
import { OWNER } from './aid.service.js';

/** Below this many organisations behind a figure, the figure is folded into "other". */
export const MIN_GROUP = 3;
export const OTHER = 'other';

export interface Balance {
  currency: string;
  /** The fund's free money (negative: grants decided beyond what it holds). */
  freeMinor: number;
  /** Granted but not yet paid out. */
  earmarkedMinor: number;
  heldMinor: number;
}

export type Direction = 'in' | 'out';

export interface Flow {
  quarter: string;
  currency: string;
  direction: Direction;
  category: string;
  minor: number;
}

export interface GrantLine {
  requestId: string;
  title: string;
  purpose: PickedText | undefined;
  /** null: the organisation asked not to be named. */
  org: string | null;
  amountMinor: number;
  disbursedMinor: number;
  currency: string;
  decidedOn: string | null;
  reported: boolean;
}

export interface DuesLine {
  /** null: the undisclosed line (every organisation that asked not to be named, together). */
  org: string | null;
  currency: string;
  minor: number;
  /** How many organisations the line stands for (more than one only for the undisclosed line). */
  orgs: number;
}

export interface FundReport {
  balances: Balance[];
  quarters: string[];
  flows: Flow[];
  grants: GrantLine[];
  year: number;
  dues: DuesLine[];
  /** Organisations whose chosen band asks for nothing: solidarity members. */
  solidarityMembers: number;
}

interface RawFlow {
  month: string;
  currency: string;
  kind: string;
  category: string | null;
  org_id: string | null;
  total: number;
}

/**
 * Income and spending from the postings on income, dues and expense accounts
 * (so reversals net out), per quarter, currency and category, with the rule of
 * three applied: a figure that comes from one or two organisations joins "other".
 */
export function foldFlows(rows: readonly RawFlow[]): Flow[] {
  interface Cell {
    quarter: string;
    currency: string;
    direction: Direction;
    category: string;
    minor: number;
    orgs: Set<string>;
  }
  const cells = new Map<string, Cell>();
  for (const r of rows) {
    const direction: Direction = r.kind === 'expense' ? 'out' : 'in';
    // Income is credited to its account: the money that came in is the credit's size.
    const minor = direction === 'in' ? -Number(r.total) : Number(r.total);
    const category = r.kind === 'dues' ? 'dues' : (r.category ?? OTHER);
    const quarter = quarterOf(`${r.month}-01`);
    const key = `${quarter}|${r.currency}|${direction}|${category}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { quarter, currency: r.currency, direction, category, minor: 0, orgs: new Set() }));
    c.minor += minor;
    if (r.org_id) c.orgs.add(r.org_id);
  }
  const out = new Map<string, Flow>();
  for (const c of cells.values()) {
    const fold = c.orgs.size > 0 && c.orgs.size < MIN_GROUP;
    const category = fold ? OTHER : c.category;
    const key = `${c.quarter}|${c.currency}|${c.direction}|${category}`;
    const f = out.get(key) ?? { quarter: c.quarter, currency: c.currency, direction: c.direction, category, minor: 0 };
    f.minor += c.minor;
    out.set(key, f);
  }
  return [...out.values()]
    .filter((f) => f.minor !== 0)
    .sort((a, b) => a.quarter.localeCompare(b.quarter) || a.currency.localeCompare(b.currency) || a.direction.localeCompare(b.direction) || a.category.localeCompare(b.category));
}

export async function fundReport(db: Db, opts: { lang: string; year: number }): Promise<FundReport> {
  const accounts = await db
    .selectFrom('ledger_accounts')
    .select(['kind', 'currency', (eb) => eb.fn.sum<number>('balance_minor').as('total')])
    .where('kind', 'in', ['fund', 'grant'])
    .groupBy(['kind', 'currency'])
    .execute();
  const byCurrency = new Map<string, Balance>();
  for (const a of accounts) {
    const b = byCurrency.get(a.currency) ?? { currency: a.currency, freeMinor: 0, earmarkedMinor: 0, heldMinor: 0 };
    if (a.kind === 'fund') b.freeMinor += Number(a.total);
    else b.earmarkedMinor += Number(a.total);
    b.heldMinor = b.freeMinor + b.earmarkedMinor;
    byCurrency.set(a.currency, b);
  }

  // From the monthly totals kept with each posting, not from every posting: the page stays fast on a long ledger.
  const raw = await db
    .selectFrom('ledger_monthly as m')
    .innerJoin('ledger_accounts as a', 'a.id', 'm.account_id')
    .select(['m.month', 'a.currency', 'a.kind', 'a.category', 'm.org_key as org_id', (eb) => eb.fn.sum<number>('m.total_minor').as('total')])
    .groupBy(['m.month', 'a.currency', 'a.kind', 'a.category', 'm.org_key'])
    .execute();
  const flows = foldFlows(raw);

  const requests = await repo.listRequests(db, { statuses: ['granted', 'reported'], limit: 10_000 });
  const purposes = await pickText(
    db,
    OWNER,
    requests.map((r) => r.id),
    'purpose',
    opts.lang,
  );
  const orgs = await repo.orgBriefs(
    db,
    requests.map((r) => r.orgId),
  );
  const grantBalances = new Map(
    requests.length
      ? (
          await db
            .selectFrom('ledger_accounts')
            .select(['id', 'balance_minor'])
            .where(
              'id',
              'in',
              requests.map((r) => r.grantAccountId ?? '-'),
            )
            .execute()
        ).map((r) => [r.id, Number(r.balance_minor)])
      : [],
  );
  const grants: GrantLine[] = requests.map((r) => ({
    requestId: r.id,
    title: r.title,
    purpose: purposes.get(r.id),
    org: r.undisclosed ? null : (orgs.get(r.orgId)?.name ?? null),
    amountMinor: r.amountMinor,
    disbursedMinor: r.amountMinor - (grantBalances.get(r.grantAccountId ?? '') ?? r.amountMinor),
    currency: r.currency,
    decidedOn: r.decidedAt ? r.decidedAt.toISOString().slice(0, 10) : null,
    reported: r.status === 'reported',
  }));

  const duesRows = await db
    .selectFrom('ledger_monthly as m')
    .innerJoin('ledger_accounts as a', 'a.id', 'm.account_id')
    .select(['a.org_id', 'a.currency', (eb) => eb.fn.sum<number>('m.total_minor').as('total')])
    .where('a.kind', '=', 'dues')
    .where('m.month', '>=', `${opts.year}-01`)
    .where('m.month', '<=', `${opts.year}-12`)
    .groupBy(['a.org_id', 'a.currency'])
    .execute();
  const choices = await repo.listChoices(db);
  const hidden = new Set(choices.filter((c) => c.undisclosed).map((c) => c.orgId));
  const duesOrgs = await repo.orgBriefs(
    db,
    duesRows.map((r) => r.org_id).filter((x): x is string => !!x),
  );
  const dues: DuesLine[] = [];
  const undisclosed = new Map<string, DuesLine>();
  for (const r of duesRows) {
    const minor = -Number(r.total);
    if (minor === 0 || !r.org_id) continue;
    if (hidden.has(r.org_id)) {
      const line = undisclosed.get(r.currency) ?? { org: null, currency: r.currency, minor: 0, orgs: 0 };
      line.minor += minor;
      line.orgs++;
      undisclosed.set(r.currency, line);
    } else dues.push({ org: duesOrgs.get(r.org_id)?.name ?? r.org_id, currency: r.currency, minor, orgs: 1 });
  }
  dues.sort((a, b) => a.currency.localeCompare(b.currency) || (a.org ?? '').localeCompare(b.org ?? ''));
  dues.push(...[...undisclosed.values()].sort((a, b) => a.currency.localeCompare(b.currency)));

  const bands = new Map((await repo.listBands(db, { includeRetired: true })).map((b) => [b.id, b]));
  const solidarityMembers = choices.filter((c) => bands.get(c.bandId)?.suggestedMinor === 0).length;

  return {
    balances: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    quarters: [...new Set(flows.map((f) => f.quarter))].sort(),
    flows,
    grants,
    year: opts.year,
    dues,
    solidarityMembers,
  };
}
