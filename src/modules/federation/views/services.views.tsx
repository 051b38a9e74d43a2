// Org-admins keep the list of services their organisation offers.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, Field, Form, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import type { Organisation } from '../federation.repository.js';
import { countryName } from '../profile.countries.js';
import type { Service } from '../services.repository.js';
import { REGISTRATION_POLICIES, SERVICE_KINDS, SERVICE_STATUSES } from '../services.schemas.js';
import { OutLink } from './member.views.js';
import { kindKey, registrationKey, statusKey } from './profile.labels.js';

export const serviceFormValues = (s: Service): Record<string, string> => ({
  kind: s.kind,
  name: s.name,
  url: s.url,
  software: s.software ?? '',
  softwareVersion: s.softwareVersion ?? '',
  registration: s.registration,
  status: s.status,
  countries: s.countries.join(', '),
});

export function ServicesPage({ org, services }: { org: Organisation; services: Service[] }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const base = `/orgs/${org.slug}/services`;
  return (
    <Layout title={t('services.titleOf', { org: org.name })}>
      <h1>{t('services.titleOf', { org: org.name })}</h1>
      <p>
        <a href={`${base}/new`} class="button">
          {t('services.add')}
        </a>{' '}
        <a href={`/members/${org.slug}`}>{t('profile.publicPage')}</a> · <a href={`/orgs/${org.slug}/profile`}>{t('profile.title')}</a>
      </p>
      {services.length === 0 ? (
        <EmptyState>{t('services.empty')}</EmptyState>
      ) : (
        <Table
          caption={t('member.servicesCaption', { org: org.name })}
          head={[t('services.name'), t('services.kindLabel'), t('services.software'), t('services.registrationLabel'), t('services.countries'), t('services.statusLabel'), t('org.actions')]}
        >
          {services.map((s) => (
            <tr>
              <td>
                <OutLink href={s.url}>{s.name}</OutLink>
              </td>
              <td>{t(kindKey[s.kind])}</td>
              <td dir="auto">{[s.software, s.softwareVersion].filter(Boolean).join(' ') || '—'}</td>
              <td>{t(registrationKey[s.registration])}</td>
              <td>{s.countries.map((c) => countryName(c, i18n.locale)).join(', ') || '—'}</td>
              <td>{t(statusKey[s.status])}</td>
              <td>
                <a href={`${base}/${s.id}/edit`} aria-label={t('services.editNamed', { name: s.name })}>
                  {t('services.edit')}
                </a>{' '}
                <a href={`${base}/${s.id}/delete`} aria-label={t('services.deleteNamed', { name: s.name })}>
                  {t('services.delete')}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

export function ServiceFormPage({ org, action, state, title }: { org: Organisation; action: string; state: FormState; title: string }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <Form action={action} state={state} submit={t('form.save')} class="narrow">
        <Select name="kind" label={t('services.kindLabel')} state={state} options={SERVICE_KINDS.map((k) => ({ value: k, label: t(kindKey[k]) }))} />
        <Field name="name" label={t('services.name')} state={state} required maxLength={120} dir="auto" />
        <Field name="url" type="url" label={t('services.url')} state={state} required maxLength={500} />
        <Field name="software" label={t('services.software')} hint={t('services.softwareHint')} state={state} maxLength={80} />
        <Field name="softwareVersion" label={t('services.version')} state={state} maxLength={40} />
        <Select name="registration" label={t('services.registrationLabel')} state={state} options={REGISTRATION_POLICIES.map((r) => ({ value: r, label: t(registrationKey[r]) }))} />
        <Field name="countries" label={t('services.countries')} hint={t('profile.countriesHint')} state={state} maxLength={1000} />
        <Select name="status" label={t('services.statusLabel')} state={state} options={SERVICE_STATUSES.map((s) => ({ value: s, label: t(statusKey[s]) }))} />
      </Form>
      <p>
        <a href={`/orgs/${org.slug}/services`}>{t('services.back')}</a>
      </p>
    </Layout>
  );
}

export function DeleteServicePage({ org, service }: { org: Organisation; service: Service }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('services.deleteTitle')}>
      <h1>{t('services.deleteTitle')}</h1>
      <ConfirmForm
        action={`/orgs/${org.slug}/services/${service.id}/delete`}
        question={t('services.deleteConfirm', { name: service.name, org: org.name })}
        confirm={t('services.delete')}
        cancelHref={`/orgs/${org.slug}/services`}
      />
    </Layout>
  );
}
