import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import { LocalText } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import { formatMoney } from '../currencies.js';
import type { Account, Transaction } from '../ledger.service.js';
import type { LedgerPage, TransactionView } from '../fund.service.js';
import type { Direction, FundReport } from '../report.service.js';
import { EXPENSE_CATEGORIES, INCOME_CATEGORIES } from '../solidarity.schemas.js';
import type { TransactionKind } from '../solidarity.tables.js';
import { BarChart } from './chart.js';
import { Day, Instant, KeyField, Money, Reference } from './parts.js';

export const kindKey: Record<TransactionKind, MessageKey> = {
  income: 'solidarity.kind.income',
  dues: 'solidarity.kind.dues',
  expense: 'solidarity.kind.expense',
  allocation: 'solidarity.kind.allocation',
  disbursement: 'solidarity.kind.disbursement',
  exchange: 'solidarity.kind.exchange',
  reversal: 'solidarity.kind.reversal',
};

const categoryKeys: Record<string, MessageKey> = {
  dues: 'solidarity.category.dues',
  donations: 'solidarity.category.donations',
  outside_grants: 'solidarity.category.outside_grants',
  hosting: 'solidarity.category.hosting',
  fees: 'solidarity.category.fees',
  travel: 'solidarity.category.travel',
  events: 'solidarity.category.events',
  services: 'solidarity.category.services',
  grants: 'solidarity.category.grants',
  other: 'solidarity.category.other',
};

export function useCategory(): (c: string | null) => string {
  const { t } = useCtx().i18n;
  return (c) => (c && categoryKeys[c] ? t(categoryKeys[c]) : (c ?? ''));
}

/** Links every fund page shows to those who may use them. */
export function FundNav({ member, treasurer, admin }: { member: boolean; treasurer: boolean; admin: boolean }) {
  const { t } = useCtx().i18n;
  return (
    <nav aria-label={t('solidarity.nav')}>
      <ul class="inline-list">
        <li>
          <a href="/fund">{t('solidarity.report.title')}</a>
        </li>
        <li>
          <a href="/fund/dues">{t('solidarity.dues.title')}</a>
        </li>
        {member && (
          <>
            <li>
              <a href="/fund/requests">{t('solidarity.requests.title')}</a>
            </li>
            <li>
              <a href="/fund/ledger">{t('solidarity.ledger.title')}</a>
            </li>
            <li>
              <a href="/fund/accounts">{t('solidarity.accounts.title')}</a>
            </li>
          </>
        )}
        {treasurer && (
          <li>
            <a href="/fund/record">{t('solidarity.record.title')}</a>
          </li>
        )}
        {admin && (
          <li>
            <a href="/fund/admin">{t('solidarity.admin.title')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export interface Viewer {
  member: boolean;
  treasurer: boolean;
  admin: boolean;
}

// ── The public report ────────────────────────────────────────────────────

export function ReportPage({ report, viewer }: { report: FundReport; viewer: Viewer }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const category = useCategory();
  const currencies = [...new Set([...report.balances.map((b) => b.currency), ...report.flows.map((f) => f.currency)])].sort();
  // Totals per quarter, currency and direction, and the labels, computed once: the page repeats them in loops.
  const totals = new Map<string, number>();
  for (const f of report.flows) totals.set(`${f.quarter}|${f.currency}|${f.direction}`, (totals.get(`${f.quarter}|${f.currency}|${f.direction}`) ?? 0) + f.minor);
  const total = (q: string, c: string, d: Direction) => totals.get(`${q}|${c}|${d}`) ?? 0;
  const incomeLabel = t('solidarity.report.income');
  const spendingLabel = t('solidarity.report.spending');
  const categoryLabels = new Map<string, string>();
  const categoryOf = (c: string) => {
    let l = categoryLabels.get(c);
    if (l === undefined) categoryLabels.set(c, (l = category(c)));
    return l;
  };
  return (
    <Layout title={t('solidarity.report.title')}>
      <h1>{t('solidarity.report.title')}</h1>
      <FundNav {...viewer} />
      <p>{t('solidarity.report.intro')}</p>
      <p class="hint">{t('solidarity.report.protection', { min: 3 })}</p>

      <h2>{t('solidarity.report.balances')}</h2>
      {report.balances.length === 0 ? (
        <EmptyState>{t('solidarity.report.empty')}</EmptyState>
      ) : (
        <Table caption={t('solidarity.report.balancesCaption')} head={[t('solidarity.currency'), t('solidarity.report.free'), t('solidarity.report.earmarked'), t('solidarity.report.held')]}>
          {report.balances.map((b) => (
            <tr>
              <th scope="row">{b.currency}</th>
              <td>
                <Money minor={b.freeMinor} currency={b.currency} />
              </td>
              <td>
                <Money minor={b.earmarkedMinor} currency={b.currency} />
              </td>
              <td>
                <Money minor={b.heldMinor} currency={b.currency} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p class="hint">{t('solidarity.report.noConversion')}</p>

      <h2>{t('solidarity.report.flows')}</h2>
      {currencies.filter((c) => report.flows.some((f) => f.currency === c)).map((c) => {
        const quarters = report.quarters.filter((q) => report.flows.some((f) => f.quarter === q && f.currency === c));
        return (
          <section aria-labelledby={`flows-${c}`}>
            <h3 id={`flows-${c}`}>{t('solidarity.report.flowsIn', { currency: c })}</h3>
            <BarChart
              id={`chart-${c}`}
              title={t('solidarity.report.chartTitle', { currency: c })}
              desc={t('solidarity.report.chartDesc', { currency: c, quarters: quarters.length })}
              legend={[
                { cls: 'bar-in', label: t('solidarity.report.income') },
                { cls: 'bar-out', label: t('solidarity.report.spending') },
              ]}
              groups={quarters.map((q) => ({
                label: q,
                bars: [
                  { value: total(q, c, 'in'), cls: 'bar-in', text: `${incomeLabel} ${formatMoney(total(q, c, 'in'), c, i18n.locale)}` },
                  { value: total(q, c, 'out'), cls: 'bar-out', text: `${spendingLabel} ${formatMoney(total(q, c, 'out'), c, i18n.locale)}` },
                ],
              }))}
            />
            <Table caption={t('solidarity.report.flowsCaption', { currency: c })} head={[t('solidarity.quarter'), t('solidarity.report.direction'), t('solidarity.category'), t('solidarity.amount')]}>
              {report.flows
                .filter((f) => f.currency === c)
                .map((f) => (
                  <tr>
                    <td>{f.quarter}</td>
                    <td>{f.direction === 'in' ? incomeLabel : spendingLabel}</td>
                    <td>{categoryOf(f.category)}</td>
                    <td>
                      <Money minor={f.minor} currency={f.currency} />
                    </td>
                  </tr>
                ))}
            </Table>
          </section>
        );
      })}
      {report.flows.length === 0 && <EmptyState>{t('solidarity.report.noFlows')}</EmptyState>}
      <p>
        <a href="/fund/report.csv" download>
          {t('solidarity.report.csvFlows')}
        </a>
      </p>

      <h2>{t('solidarity.report.grants')}</h2>
      {report.grants.length === 0 ? (
        <EmptyState>{t('solidarity.report.noGrants')}</EmptyState>
      ) : (
        <ul class="cards">
          {report.grants.map((g) => (
            <li>
              <h3 dir="auto">{g.title}</h3>
              <p>
                <strong>{t('solidarity.report.grantee')}:</strong> {g.org ?? t('solidarity.undisclosed')}
              </p>
              <p>
                <strong>{t('solidarity.report.granted')}:</strong> <Money minor={g.amountMinor} currency={g.currency} /> · <strong>{t('solidarity.report.disbursed')}:</strong>{' '}
                <Money minor={g.disbursedMinor} currency={g.currency} />
                {g.decidedOn && (
                  <>
                    {' · '}
                    <Day day={g.decidedOn} />
                  </>
                )}
                {g.reported && <> · {t('solidarity.report.reported')}</>}
              </p>
              <LocalText value={g.purpose} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/fund/grants.csv" download>
          {t('solidarity.report.csvGrants')}
        </a>
      </p>

      <h2>{t('solidarity.report.dues', { year: report.year })}</h2>
      {report.dues.length === 0 ? (
        <EmptyState>{t('solidarity.report.noDues')}</EmptyState>
      ) : (
        <Table caption={t('solidarity.report.duesCaption', { year: report.year })} head={[t('solidarity.organisation'), t('solidarity.amount')]}>
          {report.dues.map((d) => (
            <tr>
              <td>{d.org ?? t('solidarity.undisclosedCount', { count: d.orgs })}</td>
              <td>
                <Money minor={d.minor} currency={d.currency} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p>{t('solidarity.report.solidarityMembers', { count: report.solidarityMembers })}</p>
    </Layout>
  );
}

// ── The ledger (members) ─────────────────────────────────────────────────

function PostingsTable({ tx, orgs }: { tx: Transaction; orgs: Map<string, { slug: string; name: string }> }) {
  const { t } = useCtx().i18n;
  return (
    <Table caption={t('solidarity.ledger.postingsCaption', { seq: tx.seq })} head={[t('solidarity.account'), t('solidarity.ledger.debit'), t('solidarity.ledger.credit')]}>
      {tx.postings.map((p) => (
        <tr>
          <td>
            <code>{p.accountCode}</code>
            {p.orgId && orgs.get(p.orgId) && <> ({orgs.get(p.orgId)!.name})</>}
          </td>
          <td>{p.amountMinor > 0 && <Money minor={p.amountMinor} currency={p.currency} />}</td>
          <td>{p.amountMinor < 0 && <Money minor={-p.amountMinor} currency={p.currency} />}</td>
        </tr>
      ))}
    </Table>
  );
}

export function LedgerListPage({ page, viewer }: { page: LedgerPage; viewer: Viewer }) {
  const { t } = useCtx().i18n;
  const category = useCategory();
  return (
    <Layout title={t('solidarity.ledger.title')}>
      <h1>{t('solidarity.ledger.title')}</h1>
      <FundNav {...viewer} />
      <p>{t('solidarity.ledger.intro')}</p>
      {page.transactions.length === 0 ? (
        <EmptyState>{t('solidarity.ledger.empty')}</EmptyState>
      ) : (
        <Table
          caption={t('solidarity.ledger.caption')}
          head={[t('solidarity.ledger.seq'), t('solidarity.ledger.day'), t('solidarity.ledger.kind'), t('solidarity.category'), t('solidarity.organisation'), t('solidarity.ledger.movement'), t('solidarity.ledger.reference')]}
        >
          {page.transactions.map((tx) => (
            <tr>
              <td>
                <a href={`/fund/ledger/${tx.id}`}>#{tx.seq}</a>
              </td>
              <td>
                <Day day={tx.occurredOn} />
              </td>
              <td>
                {t(kindKey[tx.kind])}
                {page.reversed.has(tx.id) && <> ({t('solidarity.ledger.reversed')})</>}
              </td>
              <td>{category(tx.category)}</td>
              <td>{tx.orgId ? (page.orgs.get(tx.orgId)?.name ?? '') : ''}</td>
              <td>
                {tx.postings
                  .filter((p) => p.amountMinor > 0)
                  .map((p, i) => (
                    <>
                      {i > 0 && ', '}
                      <Money minor={p.amountMinor} currency={p.currency} /> → <code>{p.accountCode.split(':')[0]}</code>
                    </>
                  ))}
              </td>
              <td>
                <Reference value={tx.reference} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination nextHref={page.next ? `/fund/ledger?before=${page.next}` : undefined} firstHref={undefined} />
    </Layout>
  );
}

export function TransactionPage({ view, viewer }: { view: TransactionView; viewer: Viewer }) {
  const { t } = useCtx().i18n;
  const category = useCategory();
  const tx = view.transaction;
  const rate = typeof tx.details.rate === 'string' ? tx.details.rate : undefined;
  return (
    <Layout title={t('solidarity.ledger.transaction', { seq: tx.seq })}>
      <h1>{t('solidarity.ledger.transaction', { seq: tx.seq })}</h1>
      <FundNav {...viewer} />
      <dl>
        <dt>{t('solidarity.ledger.kind')}</dt>
        <dd>{t(kindKey[tx.kind])}</dd>
        <dt>{t('solidarity.ledger.day')}</dt>
        <dd>
          <Day day={tx.occurredOn} />
        </dd>
        <dt>{t('solidarity.ledger.recorded')}</dt>
        <dd>
          <Instant at={tx.recordedAt} />
          {view.recordedBy && <> · {view.recordedBy}</>}
        </dd>
        {tx.category && (
          <>
            <dt>{t('solidarity.category')}</dt>
            <dd>{category(tx.category)}</dd>
          </>
        )}
        {tx.orgId && (
          <>
            <dt>{t('solidarity.organisation')}</dt>
            <dd>{view.orgs.get(tx.orgId)?.name ?? tx.orgId}</dd>
          </>
        )}
        {tx.reference && (
          <>
            <dt>{t('solidarity.ledger.reference')}</dt>
            <dd>
              <Reference value={tx.reference} />
            </dd>
          </>
        )}
        {tx.memo && (
          <>
            <dt>{t('solidarity.ledger.memo')}</dt>
            <dd dir="auto">{tx.memo}</dd>
          </>
        )}
        {rate && (
          <>
            <dt>{t('solidarity.ledger.rate')}</dt>
            <dd>{t('solidarity.ledger.rateText', { rate, from: String(tx.details.from ?? ''), to: String(tx.details.to ?? ''), date: String(tx.details.rateDate ?? tx.occurredOn) })}</dd>
          </>
        )}
        {tx.reversesId && (
          <>
            <dt>{t('solidarity.ledger.reverses')}</dt>
            <dd>
              <a href={`/fund/ledger/${tx.reversesId}`}>{t('solidarity.ledger.original')}</a>
            </dd>
          </>
        )}
        {view.reversedBy && (
          <>
            <dt>{t('solidarity.ledger.reversedBy')}</dt>
            <dd>
              <a href={`/fund/ledger/${view.reversedBy}`}>{t('solidarity.ledger.reversal')}</a>
            </dd>
          </>
        )}
        <dt>{t('solidarity.ledger.hash')}</dt>
        <dd>
          <code class="data">{tx.hash}</code>
        </dd>
      </dl>
      <PostingsTable tx={tx} orgs={view.orgs} />
      {view.canReverse && (
        <p>
          <a class="button" href={`/fund/ledger/${tx.id}/reverse`}>
            {t('solidarity.ledger.reverse')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function ReversePage({ view, state, idemKey }: { view: TransactionView; state: FormState; idemKey: string }) {
  const { t } = useCtx().i18n;
  const tx = view.transaction;
  return (
    <Layout title={t('solidarity.ledger.reverseTitle', { seq: tx.seq })}>
      <h1>{t('solidarity.ledger.reverseTitle', { seq: tx.seq })}</h1>
      <p>{t('solidarity.ledger.reverseIntro')}</p>
      <PostingsTable tx={tx} orgs={view.orgs} />
      <Form action={`/fund/ledger/${tx.id}/reverse`} state={state} submit={t('solidarity.ledger.reverse')}>
        <KeyField value={state.values.key ?? idemKey} />
        <Field name="memo" label={t('solidarity.ledger.reverseReason')} state={state} required maxLength={1000} dir="auto" />
      </Form>
      <p>
        <a href={`/fund/ledger/${tx.id}`}>{t('form.cancel')}</a>
      </p>
    </Layout>
  );
}

export function AccountsPage({ accounts, orgs, viewer }: { accounts: Account[]; orgs: Map<string, { slug: string; name: string }>; viewer: Viewer }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('solidarity.accounts.title')}>
      <h1>{t('solidarity.accounts.title')}</h1>
      <FundNav {...viewer} />
      <p>{t('solidarity.accounts.intro')}</p>
      {accounts.length === 0 ? (
        <EmptyState>{t('solidarity.ledger.empty')}</EmptyState>
      ) : (
        <Table caption={t('solidarity.accounts.caption')} head={[t('solidarity.account'), t('solidarity.organisation'), t('solidarity.currency'), t('solidarity.accounts.balance')]}>
          {accounts.map((a) => (
            <tr>
              <td>
                <code>{a.code}</code>
              </td>
              <td>{a.orgId ? (orgs.get(a.orgId)?.name ?? '') : ''}</td>
              <td>{a.currency}</td>
              <td>
                <Money minor={a.balanceMinor} currency={a.currency} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

// ── Recording (treasurers) ───────────────────────────────────────────────

export type RecordForm = 'income' | 'expense' | 'exchange';
export const recordForms: readonly RecordForm[] = ['income', 'expense', 'exchange'];

/** One form per page (the same field names in each), with links to the others. */
export function RecordPage({ kind, state, idemKey, orgs, today, viewer }: { kind: RecordForm; state: FormState; idemKey: string; orgs: { slug: string; name: string }[]; today: string; viewer: Viewer }) {
  const { t } = useCtx().i18n;
  const category = useCategory();
  const s: FormState = { ...state, values: { occurredOn: today, ...state.values } };
  const title: Record<RecordForm, MessageKey> = { income: 'solidarity.record.income', expense: 'solidarity.record.expense', exchange: 'solidarity.record.exchange' };
  const key = <KeyField value={s.values.key ?? idemKey} />;
  const day = <Field name="occurredOn" type="date" label={t('solidarity.record.day')} state={s} required />;
  const reference = <Field name="reference" label={t('solidarity.ledger.reference')} hint={t('solidarity.record.referenceHint')} state={s} maxLength={300} />;
  const memo = <Field name="memo" label={t('solidarity.ledger.memo')} state={s} maxLength={1000} dir="auto" />;
  return (
    <Layout title={`${t('solidarity.record.title')}: ${t(title[kind])}`}>
      <h1>{`${t('solidarity.record.title')}: ${t(title[kind])}`}</h1>
      <FundNav {...viewer} />
      <p>{t('solidarity.record.intro')}</p>
      <nav aria-label={t('solidarity.record.kinds')}>
        <ul class="inline-list">
          {recordForms.map((f) => (
            <li>
              <a href={`/fund/record?kind=${f}`} aria-current={f === kind ? 'page' : undefined}>
                {t(title[f])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {kind === 'income' && (
        <Form action="/fund/income" state={s} submit={t('solidarity.record.incomeSubmit')}>
          {key}
          <Select name="category" label={t('solidarity.category')} state={s} options={INCOME_CATEGORIES.map((c) => ({ value: c, label: category(c) }))} />
          <Select
            name="org"
            label={t('solidarity.record.payingOrg')}
            hint={t('solidarity.record.payingOrgHint')}
            state={s}
            options={[{ value: '', label: t('solidarity.record.noOrg') }, ...orgs.map((o) => ({ value: o.slug, label: o.name }))]}
          />
          <AmountFields state={s} />
          {day}
          {reference}
          {memo}
        </Form>
      )}
      {kind === 'expense' && (
        <Form action="/fund/expenses" state={s} submit={t('solidarity.record.expenseSubmit')}>
          {key}
          <Select name="category" label={t('solidarity.category')} state={s} options={EXPENSE_CATEGORIES.map((c) => ({ value: c, label: category(c) }))} />
          <AmountFields state={s} />
          {day}
          {reference}
          {memo}
        </Form>
      )}
      {kind === 'exchange' && (
        <>
          <p class="hint">{t('solidarity.record.exchangeHint')}</p>
          <Form action="/fund/exchanges" state={s} submit={t('solidarity.record.exchangeSubmit')}>
            {key}
            <Field name="fromCurrency" label={t('solidarity.record.fromCurrency')} state={s} required maxLength={3} />
            <Field name="fromAmount" label={t('solidarity.record.fromAmount')} state={s} required inputMode="decimal" maxLength={40} />
            <Field name="toCurrency" label={t('solidarity.record.toCurrency')} state={s} required maxLength={3} />
            <Field name="toAmount" label={t('solidarity.record.toAmount')} state={s} required inputMode="decimal" maxLength={40} />
            {day}
            {reference}
            {memo}
          </Form>
        </>
      )}
    </Layout>
  );
}

export function AmountFields({ state, currency }: { state: FormState; currency?: string }) {
  const { t } = useCtx().i18n;
  return (
    <>
      {currency === undefined && <Field name="currency" label={t('solidarity.currency')} hint={t('solidarity.currencyHint')} state={state} required maxLength={3} />}
      <Field name="amount" label={currency ? t('solidarity.amountIn', { currency }) : t('solidarity.amount')} hint={t('solidarity.amountHint')} state={state} required inputMode="decimal" maxLength={40} />
    </>
  );
}

// ── Federation admins ────────────────────────────────────────────────────

export interface AdminData {
  treasurers: { personId: string; displayName: string; grantedAt: Date }[];
  thresholds: Map<string, number>;
  bands: { id: string; name: string; basis: string; currency: string; suggestedMinor: number; period: string; pppGroup: number | null; budgetMinMinor: number | null; budgetMaxMinor: number | null }[];
}

export type AdminForm = 'treasurer' | 'threshold' | 'band';

export function AdminPage({ data, state, failed, viewer }: { data: AdminData; state: FormState; failed: AdminForm | undefined; viewer: Viewer }) {
  const { t } = useCtx().i18n;
  const stateOf = (f: AdminForm): FormState => (failed === f ? state : { values: f === 'band' ? { basis: 'budget', period: 'year' } : {}, errors: {} });
  return (
    <Layout title={t('solidarity.admin.title')}>
      <h1>{t('solidarity.admin.title')}</h1>
      <FundNav {...viewer} />

      <section aria-labelledby="treasurers-h">
        <h2 id="treasurers-h">{t('solidarity.admin.treasurers')}</h2>
        <p>{t('solidarity.admin.treasurersIntro')}</p>
        {data.treasurers.length === 0 ? (
          <EmptyState>{t('solidarity.admin.noTreasurers')}</EmptyState>
        ) : (
          <Table caption={t('solidarity.admin.treasurers')} head={[t('solidarity.admin.person'), t('solidarity.admin.since'), t('solidarity.admin.actions')]}>
            {data.treasurers.map((p) => (
              <tr>
                <td dir="auto">{p.displayName}</td>
                <td>
                  <Instant at={p.grantedAt} />
                </td>
                <td>
                  <form method="post" action={`/fund/admin/treasurers/${p.personId}/revoke`} class="inline">
                    <CsrfField />
                    <button type="submit" class="danger">
                      {t('solidarity.admin.revoke', { name: p.displayName })}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </Table>
        )}
        <Form action="/fund/admin/treasurers" state={stateOf('treasurer')} submit={t('solidarity.admin.grant')}>
          <Field name="email" type="email" label={t('solidarity.admin.email')} state={stateOf('treasurer')} required maxLength={254} />
        </Form>
      </section>

      <section aria-labelledby="thresholds-h">
        <h2 id="thresholds-h">{t('solidarity.admin.thresholds')}</h2>
        <p>{t('solidarity.admin.thresholdsIntro')}</p>
        {data.thresholds.size > 0 && (
          <Table caption={t('solidarity.admin.thresholds')} head={[t('solidarity.currency'), t('solidarity.admin.threshold')]}>
            {[...data.thresholds].map(([c, minor]) => (
              <tr>
                <td>{c}</td>
                <td>
                  <Money minor={minor} currency={c} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        <Form action="/fund/admin/thresholds" state={stateOf('threshold')} submit={t('solidarity.admin.setThreshold')}>
          <Field name="thresholdCurrency" label={t('solidarity.admin.thresholdCurrency')} state={stateOf('threshold')} required maxLength={3} />
          <Field name="threshold" label={t('solidarity.admin.threshold')} hint={t('solidarity.admin.thresholdHint')} state={stateOf('threshold')} inputMode="decimal" maxLength={40} />
        </Form>
      </section>

      <section aria-labelledby="bands-h">
        <h2 id="bands-h">{t('solidarity.admin.bands')}</h2>
        <BandsTable bands={data.bands} manage />
        <BandForm state={stateOf('band')} />
      </section>
    </Layout>
  );
}

export function BandsTable({ bands, manage = false }: { bands: AdminData['bands']; manage?: boolean }) {
  const { t } = useCtx().i18n;
  if (bands.length === 0) return <EmptyState>{t('solidarity.dues.noBands')}</EmptyState>;
  return (
    <Table
      caption={t('solidarity.dues.bandsCaption')}
      head={[t('solidarity.band.name'), t('solidarity.band.criterion'), t('solidarity.band.suggested'), ...(manage ? [t('solidarity.admin.actions')] : [])]}
    >
      {bands.map((b) => (
        <tr>
          <td dir="auto">{b.name}</td>
          <td>
            <BandCriterion band={b} />
          </td>
          <td>
            {b.suggestedMinor === 0 ? (
              t('solidarity.band.zero')
            ) : (
              <>
                <Money minor={b.suggestedMinor} currency={b.currency} /> {t(`solidarity.period.${b.period as 'year'}`)}
              </>
            )}
          </td>
          {manage && (
            <td>
              <form method="post" action={`/fund/admin/bands/${b.id}/retire`} class="inline">
                <CsrfField />
                <button type="submit" class="link">
                  {t('solidarity.band.retire', { name: b.name })}
                </button>
              </form>
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}

export function BandCriterion({ band }: { band: AdminData['bands'][number] }) {
  const { t } = useCtx().i18n;
  if (band.basis === 'ppp') return <>{t('solidarity.band.pppGroupN', { group: band.pppGroup ?? 0 })}</>;
  const min = band.budgetMinMinor;
  const max = band.budgetMaxMinor;
  return (
    <>
      {t('solidarity.band.budget')}{' '}
      {min !== null && (
        <>
          {t('solidarity.band.from')} <Money minor={min} currency={band.currency} />{' '}
        </>
      )}
      {max !== null && (
        <>
          {t('solidarity.band.upTo')} <Money minor={max} currency={band.currency} />
        </>
      )}
    </>
  );
}

function BandForm({ state }: { state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Form action="/fund/admin/bands" state={state} submit={t('solidarity.band.add')}>
      <Field name="name" label={t('solidarity.band.name')} state={state} required maxLength={120} dir="auto" />
      <Select
        name="basis"
        label={t('solidarity.band.criterion')}
        state={state}
        options={[
          { value: 'budget', label: t('solidarity.band.byBudget') },
          { value: 'ppp', label: t('solidarity.band.byPpp') },
        ]}
      />
      <Field name="currency" label={t('solidarity.currency')} state={state} required maxLength={3} />
      <Field name="budgetMin" label={t('solidarity.band.budgetMin')} hint={t('solidarity.band.budgetHint')} state={state} inputMode="decimal" maxLength={40} />
      <Field name="budgetMax" label={t('solidarity.band.budgetMax')} state={state} inputMode="decimal" maxLength={40} />
      <Select
        name="pppGroup"
        label={t('solidarity.band.pppGroup')}
        hint={t('solidarity.band.pppHint')}
        state={state}
        options={[{ value: '', label: '—' }, ...[1, 2, 3, 4].map((g) => ({ value: String(g), label: t('solidarity.band.pppGroupN', { group: g }) }))]}
      />
      <Field name="suggested" label={t('solidarity.band.suggested')} hint={t('solidarity.band.suggestedHint')} state={state} required inputMode="decimal" maxLength={40} />
      <Select
        name="period"
        label={t('solidarity.band.period')}
        state={state}
        options={(['year', 'quarter', 'month'] as const).map((p) => ({ value: p, label: t(`solidarity.period.${p}`) }))}
      />
    </Form>
  );
}

