import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { LocalText, TranslationFields, languageName, languageOptions, type TextVersion } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import type { RequestSummary, RequestView } from '../aid.service.js';
import type { RequestStatus, Urgency } from '../solidarity.tables.js';
import { urgencies } from '../solidarity.tables.js';
import { AmountFields, FundNav, kindKey, type Viewer } from './fund.views.js';
import { Day, Instant, KeyField, Money, Reference } from './parts.js';

export const statusKey: Record<RequestStatus, MessageKey> = {
  proposed: 'solidarity.status.proposed',
  granted: 'solidarity.status.granted',
  declined: 'solidarity.status.declined',
  withdrawn: 'solidarity.status.withdrawn',
  reported: 'solidarity.status.reported',
};
const urgencyKey: Record<Urgency, MessageKey> = {
  routine: 'solidarity.urgency.routine',
  soon: 'solidarity.urgency.soon',
  urgent: 'solidarity.urgency.urgent',
};

export function RequestsPage({ items, canAsk, viewer }: { items: RequestSummary[]; canAsk: boolean; viewer: Viewer }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('solidarity.requests.title')}>
      <h1>{t('solidarity.requests.title')}</h1>
      <FundNav {...viewer} />
      <p>{t('solidarity.requests.intro')}</p>
      {canAsk && (
        <p>
          <a class="button" href="/fund/requests/new">
            {t('solidarity.requests.new')}
          </a>
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState>{t('solidarity.requests.empty')}</EmptyState>
      ) : (
        <Table caption={t('solidarity.requests.caption')} head={[t('solidarity.request.title'), t('solidarity.organisation'), t('solidarity.amount'), t('solidarity.request.urgency'), t('solidarity.request.status')]}>
          {items.map((it) => (
            <tr>
              <td>
                <a href={`/fund/requests/${it.request.id}`} dir="auto">
                  {it.request.title}
                </a>
              </td>
              <td>{it.org?.name}</td>
              <td>
                <Money minor={it.request.amountMinor} currency={it.request.currency} />
              </td>
              <td>{t(urgencyKey[it.request.urgency])}</td>
              <td>
                <span class={`status-tag status-${it.request.status}`}>{t(statusKey[it.request.status])}</span>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

export function NewRequestPage({ state, orgs }: { state: FormState; orgs: { slug: string; name: string }[] }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s: FormState = { ...state, values: { lang: i18n.locale, urgency: 'soon', ...state.values } };
  return (
    <Layout title={t('solidarity.requests.new')}>
      <h1>{t('solidarity.requests.new')}</h1>
      <p>{t('solidarity.requests.newIntro')}</p>
      <p class="notice">{t('solidarity.requests.openDecision')}</p>
      <Form action="/fund/requests/new" state={s} submit={t('solidarity.requests.submit')}>
        <Select name="org" label={t('solidarity.organisation')} state={s} options={orgs.map((o) => ({ value: o.slug, label: o.name }))} />
        <Field name="title" label={t('solidarity.request.title')} state={s} required maxLength={200} dir="auto" />
        <Select name="lang" label={t('solidarity.request.language')} hint={t('solidarity.request.languageHint')} state={s} options={languageOptions(i18n.locale)} />
        <TextArea name="purpose" label={t('solidarity.request.purpose')} hint={t('solidarity.request.purposeHint')} state={s} maxLength={10_000} />
        <AmountFields state={s} />
        <Select name="urgency" label={t('solidarity.request.urgency')} hint={t('solidarity.request.urgencyHint')} state={s} options={urgencies.map((u) => ({ value: u, label: t(urgencyKey[u]) }))} />
        <TextArea name="timeline" label={t('solidarity.request.timeline')} state={s} maxLength={2000} />
        <TextArea name="reportPlan" label={t('solidarity.request.reportPlan')} hint={t('solidarity.request.reportPlanHint')} state={s} maxLength={2000} />
        <div class="field">
          <input type="checkbox" id="f-undisclosed" name="undisclosed" value="yes" checked={s.values.undisclosed === 'yes'} />{' '}
          <label for="f-undisclosed">{t('solidarity.request.undisclosed')}</label>
        </div>
      </Form>
    </Layout>
  );
}

export function RequestPage({ view, state, disburseKey, today, viewer }: { view: RequestView; state: FormState | undefined; disburseKey: string; today: string; viewer: Viewer }) {
  const { t } = useCtx().i18n;
  const r = view.request;
  const d = state ?? { values: { occurredOn: today }, errors: {} };
  const available = view.grant ? view.grant.balanceMinor - view.pendingMinor : 0;
  return (
    <Layout title={r.title}>
      <h1 dir="auto">{r.title}</h1>
      <FundNav {...viewer} />
      <dl>
        <dt>{t('solidarity.organisation')}</dt>
        <dd>
          {view.org?.name}
          {r.undisclosed && <> ({t('solidarity.request.undisclosedShort')})</>}
        </dd>
        <dt>{t('solidarity.request.amount')}</dt>
        <dd>
          <Money minor={r.amountMinor} currency={r.currency} />
        </dd>
        <dt>{t('solidarity.request.urgency')}</dt>
        <dd>{t(urgencyKey[r.urgency])}</dd>
        <dt>{t('solidarity.request.status')}</dt>
        <dd>
          <span class={`status-tag status-${r.status}`}>{t(statusKey[r.status])}</span>
        </dd>
        <dt>{t('solidarity.request.timeline')}</dt>
        <dd dir="auto" class="text-body">
          {r.timeline}
        </dd>
        <dt>{t('solidarity.request.reportPlan')}</dt>
        <dd dir="auto" class="text-body">
          {r.reportPlan}
        </dd>
      </dl>
      <h2>{t('solidarity.request.purpose')}</h2>
      <LocalText value={view.purpose} />
      {view.canTranslate && (
        <p>
          <a href={`/fund/requests/${r.id}/translate`}>{t('solidarity.translate.aidLink')}</a>
        </p>
      )}

      <h2>{t('solidarity.request.story')}</h2>
      <ol class="story">
        <li>
          {t('solidarity.story.asked')} <Instant at={r.createdAt} />
        </li>
        {view.proposal && (
          <li>
            {t('solidarity.story.proposal')}{' '}
            <a href={`/proposals/${view.proposal.id}`} dir="auto">
              {view.proposal.title ?? view.proposal.id}
            </a>{' '}
            ({t(`solidarity.proposalStatus.${view.proposal.status as 'open'}`)})
          </li>
        )}
        {r.decidedAt && (
          <li>
            {t(statusKey[r.status === 'reported' ? 'granted' : r.status])} <Instant at={r.decidedAt} />
          </li>
        )}
        {view.transactions.map((tx) => (
          <li>
            <a href={`/fund/ledger/${tx.id}`}>
              {t(kindKey[tx.kind])} #{tx.seq}
            </a>{' '}
            <Day day={tx.occurredOn} />:{' '}
            {tx.postings
              .filter((p) => p.accountKind === 'grant')
              .map((p) => (
                <Money minor={-p.amountMinor} currency={p.currency} />
              ))}
          </li>
        ))}
        {r.reportedAt && (
          <li>
            {t('solidarity.story.reported')} <Instant at={r.reportedAt} />
          </li>
        )}
      </ol>

      {view.grant && (
        <>
          <h2>{t('solidarity.request.grant')}</h2>
          <p>
            {t('solidarity.request.remaining')}: <Money minor={view.grant.balanceMinor} currency={view.grant.currency} />
            {view.pendingMinor > 0 && (
              <>
                {' · '}
                {t('solidarity.request.pending')}: <Money minor={view.pendingMinor} currency={view.grant.currency} />
              </>
            )}
          </p>
          {view.disbursements.length > 0 && (
            <Table
              caption={t('solidarity.disbursements.caption')}
              head={[t('solidarity.ledger.day'), t('solidarity.amount'), t('solidarity.ledger.reference'), t('solidarity.disbursements.status'), t('solidarity.disbursements.by'), t('solidarity.admin.actions')]}
            >
              {view.disbursements.map((x) => (
                <tr>
                  <td>
                    <Day day={x.occurredOn} />
                  </td>
                  <td>
                    <Money minor={x.amountMinor} currency={x.currency} />
                  </td>
                  <td>
                    <Reference value={x.reference} />
                  </td>
                  <td>{t(`solidarity.disbursementStatus.${x.status}`)}</td>
                  <td>
                    {x.requestedByName}
                    {x.decidedByName && x.decidedBy !== x.requestedBy && <> · {x.decidedByName}</>}
                  </td>
                  <td>
                    {x.canApprove && (
                      <form method="post" action={`/fund/disbursements/${x.id}/approve`} class="inline">
                        <CsrfField />
                        <button type="submit">{t('solidarity.disbursements.approve')}</button>
                      </form>
                    )}{' '}
                    {x.canCancel && (
                      <form method="post" action={`/fund/disbursements/${x.id}/cancel`} class="inline">
                        <CsrfField />
                        <button type="submit" class="link">
                          {t('solidarity.disbursements.cancel')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
          {view.canDisburse && (
            <section aria-labelledby="disburse-h">
              <h3 id="disburse-h">{t('solidarity.disbursements.record')}</h3>
              <p class="hint">
                {t('solidarity.disbursements.available')}: <Money minor={Math.max(0, available)} currency={r.currency} /> ·{' '}
                {view.threshold > 0 ? (
                  <>
                    {t('solidarity.disbursements.threshold')} <Money minor={view.threshold} currency={r.currency} />
                  </>
                ) : (
                  t('solidarity.disbursements.alwaysTwo')
                )}
              </p>
              <Form action={`/fund/requests/${r.id}/disbursements`} state={d} submit={t('solidarity.disbursements.submit')}>
                <KeyField value={d.values.key ?? disburseKey} />
                <AmountFields state={d} currency={r.currency} />
                <Field name="occurredOn" type="date" label={t('solidarity.record.day')} state={d} required />
                <Field name="reference" label={t('solidarity.ledger.reference')} hint={t('solidarity.record.referenceHint')} state={d} maxLength={300} />
                <Field name="memo" label={t('solidarity.ledger.memo')} state={d} maxLength={1000} dir="auto" />
              </Form>
            </section>
          )}
        </>
      )}

      <h2>{t('solidarity.request.report')}</h2>
      {view.report ? <LocalText value={view.report} /> : <EmptyState>{t('solidarity.request.noReport')}</EmptyState>}
      {view.canReport && (
        <p>
          <a class="button" href={`/fund/requests/${r.id}/report`}>
            {view.report ? t('solidarity.request.updateReport') : t('solidarity.request.writeReport')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function ReportFormPage({ view, state }: { view: RequestView; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s = { ...state, values: { lang: i18n.locale, ...state.values } };
  return (
    <Layout title={t('solidarity.request.writeReport')}>
      <h1>{t('solidarity.request.writeReport')}</h1>
      <p dir="auto">{view.request.title}</p>
      <p>{t('solidarity.request.reportIntro')}</p>
      <Form action={`/fund/requests/${view.request.id}/report`} state={s} submit={t('solidarity.request.sendReport')}>
        <Select name="lang" label={t('solidarity.request.language')} state={s} options={languageOptions(i18n.locale)} />
        <TextArea name="report" label={t('solidarity.request.report')} state={s} maxLength={10_000} />
      </Form>
      <p>
        <a href={`/fund/requests/${view.request.id}`}>{t('form.cancel')}</a>
      </p>
    </Layout>
  );
}

export function TranslateRequestPage({ request, purpose, report, state }: { request: RequestView['request']; purpose: TextVersion[]; report: TextVersion[]; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const list = (versions: TextVersion[]) =>
    versions.map((v) => languageName(v.lang, i18n.locale) + (v.isSource ? ` (${t('solidarity.translate.original')})` : '')).join(', ');
  const fields = [{ value: 'purpose', label: t('solidarity.request.purpose') }, ...(report.length > 0 ? [{ value: 'report', label: t('solidarity.request.report') }] : [])];
  return (
    <Layout title={t('solidarity.translate.aidTitle')}>
      <h1>{t('solidarity.translate.aidTitle')}</h1>
      <p dir="auto">{request.title}</p>
      <p>{t('solidarity.translate.aidIntro')}</p>
      <dl>
        <dt>{t('solidarity.request.purpose')}</dt>
        <dd>{list(purpose)}</dd>
        <dt>{t('solidarity.request.report')}</dt>
        <dd>{report.length > 0 ? list(report) : t('solidarity.request.noReport')}</dd>
      </dl>
      <Form action={`/fund/requests/${request.id}/translate`} state={state} submit={t('solidarity.translate.submit')}>
        <Select name="field" label={t('solidarity.translate.which')} state={state} options={fields} />
        <TranslationFields state={state} bodyLabel={t('solidarity.translate.text')} />
      </Form>
      <p>
        <a href={`/fund/requests/${request.id}`}>{t('form.cancel')}</a>
      </p>
    </Layout>
  );
}
