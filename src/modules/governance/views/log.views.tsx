import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import { LocalText } from '../../../kernel/text/index.js';
import type { Decision, DelegatesView, QuorumSetting } from '../governance.service.js';
import { StatusTag, TallyLine, When, kindKey, positionKey } from './parts.js';

export function DecisionLogPage({ items, next, first }: { items: Decision[]; next: string | undefined; first: boolean }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('gov.log.title')}>
      <h1>{t('gov.log.title')}</h1>
      <p>{t('gov.log.intro')}</p>
      <p>
        <a href="/decisions.atom" type="application/atom+xml">
          {t('gov.log.feed')}
        </a>{' '}
        · <a href="/proposals">{t('gov.list.title')}</a>
      </p>
      {items.length === 0 ? (
        <EmptyState>{t('gov.log.empty')}</EmptyState>
      ) : (
        items.map((d) => (
          <article class="decision" aria-labelledby={`d-${d.proposal.id}`}>
            <h2 id={`d-${d.proposal.id}`}>
              <a href={`/proposals/${d.proposal.id}`} lang={d.title?.lang} dir="auto">
                {d.title?.body ?? d.proposal.id}
              </a>
            </h2>
            <dl>
              <dt>{t('gov.field.status')}</dt>
              <dd>
                <StatusTag status={d.proposal.status} />
              </dd>
              <dt>{t('gov.field.kind')}</dt>
              <dd>{t(kindKey(d.proposal.kind))}</dd>
              <dt>{t('gov.field.author')}</dt>
              <dd>{d.authorOrg ? <bdi>{d.authorOrg.name}</bdi> : t('gov.federation')}</dd>
              <dt>{t('gov.field.opens')}</dt>
              <dd>
                <When d={d.proposal.opensAt} />
              </dd>
              <dt>{t('gov.field.closed')}</dt>
              <dd>
                <When d={d.proposal.closedAt ?? d.proposal.closesAt} />
              </dd>
            </dl>
            {d.proposal.tally && <TallyLine tally={d.proposal.tally} />}
            {d.positions.length > 0 && (
              <Table caption={t('gov.positions.captionOf', { title: d.title?.body ?? '' })} head={[t('gov.positions.org'), t('gov.positions.position'), t('gov.positions.reason')]}>
                {d.positions.map((x) => (
                  <tr>
                    <td>
                      <bdi>{x.orgName}</bdi>
                    </td>
                    <td>{t(positionKey(x.position))}</td>
                    <td dir="auto">{x.reason ?? ''}</td>
                  </tr>
                ))}
              </Table>
            )}
            <h3>{t('gov.outcome.statement')}</h3>
            {d.outcome ? <LocalText value={d.outcome} markdown /> : <p class="hint">{t('gov.outcome.none')}</p>}
          </article>
        ))
      )}
      <Pagination nextHref={next ? `/decisions?before=${encodeURIComponent(next)}` : undefined} firstHref={first ? undefined : '/decisions'} />
    </Layout>
  );
}

export function DelegatesPage({ view, state }: { view: DelegatesView; state: FormState }) {
  const { t } = useCtx().i18n;
  const { org } = view;
  return (
    <Layout title={t('gov.delegates.title')}>
      <h1>{t('gov.delegates.heading', { org: org.name })}</h1>
      <p>{t('gov.delegates.intro')}</p>
      {view.delegates.length === 0 ? (
        <EmptyState>{t('gov.delegates.empty')}</EmptyState>
      ) : (
        <Table caption={t('gov.delegates.caption', { org: org.name })} head={[t('org.member'), t('gov.delegates.since'), t('org.actions')]}>
          {view.delegates.map((d) => (
            <tr>
              <td>
                <bdi>{d.displayName}</bdi>
              </td>
              <td>
                <When d={d.since} />
              </td>
              <td>
                <form method="post" action={`/orgs/${org.slug}/delegates/${d.personId}/remove`} class="inline">
                  <CsrfField />
                  <button type="submit" class="link" aria-label={t('gov.delegates.removeLabel', { name: d.displayName })}>
                    {t('gov.delegates.remove')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>{t('gov.delegates.add')}</h2>
      {view.candidates.length === 0 ? (
        <p class="hint">{t('gov.delegates.noCandidates')}</p>
      ) : (
        <Form action={`/orgs/${org.slug}/delegates`} state={state} submit={t('gov.delegates.addSubmit')} class="narrow">
          <Select name="person" label={t('gov.delegates.person')} state={state} options={view.candidates.map((c) => ({ value: c.personId, label: c.displayName }))} />
        </Form>
      )}
      <p>
        <a href={`/orgs/${org.slug}`}>{t('org.back')}</a>
      </p>
    </Layout>
  );
}

export function GovernanceSettingsPage({ setting, state }: { setting: QuorumSetting; state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('gov.settings.title')}>
      <h1>{t('gov.settings.title')}</h1>
      <p>{t('gov.settings.intro', { active: setting.activeOrganisations, default: setting.defaultQuorum })}</p>
      <p>
        <strong>{t('gov.settings.effective', { quorum: setting.effective })}</strong>
      </p>
      <Form action="/governance/settings" state={state} submit={t('form.save')} class="narrow">
        <Field
          name="quorum"
          label={t('gov.settings.quorum')}
          hint={t('gov.settings.quorumHint', { default: setting.defaultQuorum })}
          state={state}
          value={setting.configured === null ? '' : String(setting.configured)}
          inputMode="numeric"
          maxLength={6}
        />
      </Form>
    </Layout>
  );
}
