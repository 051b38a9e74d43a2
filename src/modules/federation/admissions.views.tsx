import { Layout } from '../../kernel/views/layout.js';
import { useCtx } from '../../kernel/views/context.js';
import { ConfirmForm, Field, Form, TextArea, type FormState } from '../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../kernel/views/components/table.js';
import { LocalText, languageName } from '../../kernel/text/index.js';
import type { MessageKey } from '../../kernel/i18n/i18n.js';
import { ProposalFields, When } from '../governance/index.js';
import type { Application } from './admissions.repository.js';
import type { ApplicationsOverview, ApplicationView } from './admissions.service.js';
import type { ApplicationStatus } from './admissions.tables.js';
import { countryName } from './profile.countries.js';

const statusKeys: Record<ApplicationStatus, MessageKey> = {
  pending: 'admission.status.pending',
  proposed: 'admission.status.proposed',
  admitted: 'admission.status.admitted',
  declined: 'admission.status.declined',
  dismissed: 'admission.status.dismissed',
};

export function ApplyPage({ state }: { state: FormState }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  const agreed = state.values.charter === 'yes';
  const charterError = state.errors.charter;
  return (
    <Layout title={t('admission.apply.title')}>
      <h1>{t('admission.apply.title')}</h1>
      <p>{t('admission.apply.intro')}</p>
      <p class="hint">{t('admission.apply.privacy')}</p>
      <Form action="/apply" state={state} submit={t('admission.apply.submit')}>
        <Field name="orgName" label={t('admission.field.orgName')} state={state} required maxLength={120} dir="auto" />
        <TextArea name="serves" label={t('admission.field.serves')} hint={t('admission.field.servesHint')} state={state} maxLength={2000} />
        <Field name="countries" label={t('admission.field.countries')} hint={t('admission.field.countriesHint')} state={state} required maxLength={1000} />
        <Field name="languages" label={t('admission.field.languages')} hint={t('admission.field.languagesHint')} state={state} required maxLength={1000} />
        <Field name="contactName" label={t('admission.field.contactName')} state={state} required maxLength={100} autocomplete="name" dir="auto" />
        <Field
          name="contactEmail"
          type="email"
          label={t('admission.field.contactEmail')}
          hint={t('admission.field.contactEmailHint')}
          state={state}
          required
          maxLength={254}
          autocomplete="email"
        />
        {/* The spam trap: off screen and out of the tab order; people leave it empty. */}
        <div class="hp" aria-hidden="true">
          <label for="f-website">{t('admission.field.trap')}</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <div class={charterError ? 'field field-error' : 'field'}>
          {charterError && (
            <p class="error" id="f-charter-error">
              {i18n.tDynamic(charterError.key, charterError.values)}
            </p>
          )}
          <input
            type="checkbox"
            id="f-charter"
            name="charter"
            value="yes"
            checked={agreed}
            required
            aria-invalid={charterError ? 'true' : undefined}
            aria-describedby={charterError ? 'f-charter-error' : undefined}
          />{' '}
          <label for="f-charter">{t('admission.field.charter')}</label>
        </div>
      </Form>
    </Layout>
  );
}

export function ThanksPage() {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('admission.thanks.title')}>
      <h1>{t('admission.thanks.title')}</h1>
      <p>{t('admission.thanks.body')}</p>
      <p>
        <a href="/decisions">{t('gov.log.title')}</a>
      </p>
    </Layout>
  );
}

function ApplicationTable({ caption, items }: { caption: string; items: Application[] }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  return (
    <Table caption={caption} head={[t('admission.field.orgName'), t('admission.field.countries'), t('admission.field.languages'), t('admission.received'), t('admission.statusLabel')]}>
      {items.map((a) => (
        <tr>
          <td>
            <a href={`/applications/${a.id}`} dir="auto">
              {a.orgName}
            </a>
          </td>
          <td>{a.countries.map((c) => countryName(c, i18n.locale)).join(', ')}</td>
          <td>{a.languages.map((l) => languageName(l, i18n.locale)).join(', ')}</td>
          <td>
            <When d={a.createdAt} />
          </td>
          <td>{t(statusKeys[a.status])}</td>
        </tr>
      ))}
    </Table>
  );
}

export function ApplicationsPage({ overview }: { overview: ApplicationsOverview }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('admission.list.title')}>
      <h1>{t('admission.list.title')}</h1>
      <p>{t('admission.list.intro')}</p>
      <h2>{t('admission.list.waiting')}</h2>
      {overview.waiting.length === 0 ? <EmptyState>{t('admission.list.none')}</EmptyState> : <ApplicationTable caption={t('admission.list.waiting')} items={overview.waiting} />}
      <h2>{t('admission.list.decided')}</h2>
      {overview.decided.length === 0 ? <EmptyState>{t('admission.list.none')}</EmptyState> : <ApplicationTable caption={t('admission.list.decided')} items={overview.decided} />}
    </Layout>
  );
}

export function ApplicationPage({ view }: { view: ApplicationView }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  const a = view.application;
  return (
    <Layout title={a.orgName}>
      <p class="hint">
        <a href="/applications">{t('admission.list.title')}</a>
      </p>
      <h1 dir="auto">{a.orgName}</h1>
      <dl>
        <dt>{t('admission.statusLabel')}</dt>
        <dd>{t(statusKeys[a.status])}</dd>
        <dt>{t('admission.received')}</dt>
        <dd>
          <When d={a.createdAt} />
        </dd>
        <dt>{t('admission.field.serves')}</dt>
        <dd dir="auto" class="text-body">
          {a.serves}
        </dd>
        <dt>{t('admission.field.countries')}</dt>
        <dd>{a.countries.map((c) => countryName(c, i18n.locale)).join(', ')}</dd>
        <dt>{t('admission.field.languages')}</dt>
        <dd>{a.languages.map((l) => languageName(l, i18n.locale)).join(', ')}</dd>
        <dt>{t('admission.field.contactName')}</dt>
        <dd dir="auto">{a.contactName}</dd>
        {view.contactEmail && (
          <>
            <dt>{t('admission.field.contactEmail')}</dt>
            <dd>{view.contactEmail}</dd>
          </>
        )}
        {a.proposalId && (
          <>
            <dt>{t('admission.proposal')}</dt>
            <dd>
              <a href={`/proposals/${a.proposalId}`}>{view.proposalTitle ? <LocalText value={view.proposalTitle} inline /> : a.proposalId}</a>
            </dd>
          </>
        )}
        {a.decidedAt && (
          <>
            <dt>{t('admission.decided')}</dt>
            <dd>
              <When d={a.decidedAt} />
            </dd>
          </>
        )}
        {view.org && (
          <>
            <dt>{t('admission.org')}</dt>
            <dd>
              <a href={`/orgs/${view.org.slug}`}>
                <bdi>{view.org.name}</bdi>
              </a>
            </dd>
          </>
        )}
      </dl>
      {(a.status === 'declined' || a.status === 'admitted') && (
        <section aria-labelledby="outcome">
          <h2 id="outcome">{t('gov.outcome.statement')}</h2>
          {view.outcome ? <LocalText value={view.outcome} markdown /> : <p class="hint">{t('gov.outcome.none')}</p>}
          {a.status === 'declined' && a.applicantNotifiedAt && <p class="hint">{t('admission.notified')}</p>}
        </section>
      )}
      {view.canPropose && (
        <p>
          <a href={`/applications/${a.id}/propose`} class="button">
            {t('admission.propose.title')}
          </a>{' '}
          {view.canDismiss && <a href={`/applications/${a.id}/dismiss`}>{t('admission.dismiss.title')}</a>}
        </p>
      )}
      {view.canInvite && (
        <section aria-labelledby="invitation">
          <h2 id="invitation">{t('admission.invite.title')}</h2>
          <p>{t('admission.invite.intro', { org: view.org?.name ?? '' })}</p>
          <Form action={`/applications/${a.id}/invitation`} submit={t('admission.invite.submit')}>
            {null}
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function ProposeAdmissionPage({
  application,
  state,
  defaults,
}: {
  application: Application;
  state: FormState;
  defaults: { lang: string; closesAt: string; timeZone: string; title: string; body: string };
}) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('admission.propose.title')}>
      <h1>{t('admission.propose.heading', { org: application.orgName })}</h1>
      <p>{t('admission.propose.intro')}</p>
      <Form action={`/applications/${application.id}/propose`} state={state} submit={t('admission.propose.submit')}>
        <ProposalFields state={state} defaults={defaults} />
      </Form>
      <p>
        <a href={`/applications/${application.id}`}>{t('gov.back')}</a>
      </p>
    </Layout>
  );
}

export function DismissPage({ application }: { application: Application }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('admission.dismiss.title')}>
      <h1>{t('admission.dismiss.title')}</h1>
      <ConfirmForm
        action={`/applications/${application.id}/dismiss`}
        question={t('admission.dismiss.confirm', { org: application.orgName })}
        confirm={t('admission.dismiss.submit')}
        cancelHref={`/applications/${application.id}`}
      />
    </Layout>
  );
}

export function ApplicantLinkPage({ applicationId, link, email, org }: { applicationId: string; link: string; email: string; org: string }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('org.invite.linkTitle')}>
      <h1>{t('org.invite.linkTitle')}</h1>
      <p>{t('admission.invite.linkIntro', { email, org })}</p>
      <p>
        <label for="invite-link">{t('org.invite.link')}</label>
        <input id="invite-link" type="text" readonly value={link} class="wide" />
      </p>
      <p>
        <a href={`/applications/${applicationId}`}>{t('gov.back')}</a>
      </p>
    </Layout>
  );
}
