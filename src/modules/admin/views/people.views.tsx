import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, CsrfField, Field, Form, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import type { Person } from '../../../kernel/auth/actor.js';
import type { FedRole } from '../../../kernel/auth/auth.tables.js';
import type { PersonAdminView } from '../../../kernel/auth/auth.service.js';
import type { Translator } from '../../../kernel/i18n/i18n.js';

export const personPath = (id: string) => `/admin/people/${encodeURIComponent(id)}`;

export function fedRoleLabel(t: Translator['t'], role: FedRole | null): string {
  return role === 'admin' ? t('admin.people.role.admin') : role === 'coordinator' ? t('admin.people.role.coordinator') : t('admin.people.role.none');
}

function statusLabel(t: Translator['t'], status: Person['status']): string {
  return status === 'suspended' ? t('admin.people.status.suspended') : t('admin.people.status.active');
}

function ErrorSummary({ state }: { state: FormState }) {
  const { t } = useCtx().i18n;
  const count = Object.keys(state.errors).length;
  if (count === 0) return null;
  return (
    <p class="form-error" role="alert">
      {t('form.fixErrors', { count })}
    </p>
  );
}

export function PeopleListPage({ people, next, q, state }: { people: Person[]; next: string | undefined; q: string | undefined; state: FormState }) {
  const { t } = useCtx().i18n;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString();
    return params ? `/admin/people?${params}` : '/admin/people';
  };
  return (
    <Layout title={t('admin.people.title')}>
      <p>
        <a href="/admin">{t('admin.title')}</a>
      </p>
      <h1>{t('admin.people.title')}</h1>
      <form method="get" action="/admin/people" role="search" class="narrow" novalidate>
        <ErrorSummary state={state} />
        <Field name="q" type="search" label={t('admin.people.search')} state={state} value={q ?? ''} maxLength={100} />
        <p>
          <button type="submit">{t('admin.people.searchSubmit')}</button>
        </p>
      </form>
      {people.length === 0 ? (
        <EmptyState>{t('admin.people.empty')}</EmptyState>
      ) : (
        <Table
          caption={q ? t('admin.people.captionSearch', { q }) : t('admin.people.caption')}
          head={[t('admin.people.name'), t('auth.email'), t('admin.people.fedRole'), t('admin.people.status'), t('admin.people.twofa')]}
        >
          {people.map((p) => (
            <tr>
              <th scope="row" dir="auto">
                <a href={personPath(p.id)}>{p.displayName}</a>
              </th>
              <td>{p.email}</td>
              <td>{fedRoleLabel(t, p.fedRole)}</td>
              <td>{statusLabel(t, p.status)}</td>
              <td>{p.totpEnabled ? t('admin.people.twofa.on') : t('admin.people.twofa.off')}</td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination nextHref={next ? query({ after: next }) : undefined} firstHref={state.values.after ? query({}) : undefined} />
    </Layout>
  );
}

export function PersonPage({ view, state }: { view: PersonAdminView; state: FormState }) {
  const { i18n, actor } = useCtx();
  const { t } = i18n;
  const { person, organisations, sessions } = view;
  const isSelf = actor.kind === 'person' && actor.person.id === person.id;
  const path = personPath(person.id);
  return (
    <Layout title={person.displayName}>
      <p>
        <a href="/admin/people">{t('admin.people.back')}</a>
      </p>
      <h1 dir="auto">{person.displayName}</h1>

      <h2>{t('admin.people.details')}</h2>
      <dl>
        <dt>{t('auth.email')}</dt>
        <dd>{person.email}</dd>
        {person.pronouns && (
          <>
            <dt>{t('admin.people.pronouns')}</dt>
            <dd dir="auto">{person.pronouns}</dd>
          </>
        )}
        <dt>{t('admin.people.fedRole')}</dt>
        <dd>{fedRoleLabel(t, person.fedRole)}</dd>
        <dt>{t('admin.people.status')}</dt>
        <dd>{statusLabel(t, person.status)}</dd>
        <dt>{t('admin.people.twofa')}</dt>
        <dd>{person.totpEnabled ? t('admin.people.twofa.on') : t('admin.people.twofa.off')}</dd>
        <dt>{t('admin.people.sessions')}</dt>
        <dd>{i18n.number(sessions)}</dd>
        <dt>{t('admin.people.since')}</dt>
        <dd>
          <time datetime={person.createdAt.toISOString()}>{i18n.dateTime(person.createdAt)}</time>
        </dd>
      </dl>
      <p>
        <a href={`/admin/audit?${new URLSearchParams({ email: person.email }).toString()}`}>{t('admin.people.theirActions')}</a>
      </p>

      <h2>{t('admin.people.orgs')}</h2>
      {organisations.length === 0 ? (
        <EmptyState>{t('admin.people.noOrgs', { name: person.displayName })}</EmptyState>
      ) : (
        <Table caption={t('admin.people.orgsCaption', { name: person.displayName })} head={[t('admin.people.org'), t('admin.people.orgRole')]}>
          {organisations.map((o) => (
            <tr>
              <th scope="row" dir="auto">
                <a href={`/orgs/${o.slug}`}>{o.name}</a>
              </th>
              <td>{o.role === 'org_admin' ? t('org.role.org_admin') : t('org.role.member')}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2>{t('admin.people.fedRole')}</h2>
      <Form action={`${path}/role`} state={state} submit={t('admin.people.roleSave')} class="narrow">
        <Select
          name="role"
          label={t('admin.people.fedRole')}
          hint={t('admin.people.roleHint')}
          state={state}
          value={person.fedRole ?? 'none'}
          options={[
            { value: 'none', label: t('admin.people.role.none') },
            { value: 'coordinator', label: t('admin.people.role.coordinator') },
            { value: 'admin', label: t('admin.people.role.admin') },
          ]}
        />
      </Form>

      <h2>{t('admin.people.suspension')}</h2>
      {person.status === 'suspended' ? (
        <form method="post" action={`${path}/reinstate`}>
          <CsrfField />
          <p>{t('admin.people.reinstateExplain', { name: person.displayName })}</p>
          <p>
            <button type="submit">{t('admin.people.reinstate')}</button>
          </p>
        </form>
      ) : isSelf ? (
        <p class="hint">{t('admin.people.isYou')}</p>
      ) : (
        <>
          <p>{t('admin.people.suspendExplain')}</p>
          <p>
            <a href={`${path}/suspend`} class="button">
              {t('admin.people.suspend')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

export function SuspendPage({ person }: { person: Person }) {
  const { t } = useCtx().i18n;
  const path = personPath(person.id);
  return (
    <Layout title={t('admin.people.suspendTitle')}>
      <h1>{t('admin.people.suspendTitle')}</h1>
      {person.status === 'suspended' ? (
        <p>
          {t('admin.people.alreadySuspended', { name: person.displayName })} <a href={path}>{t('admin.people.back')}</a>
        </p>
      ) : (
        <ConfirmForm
          action={`${path}/suspend`}
          question={t('admin.people.suspendConfirm', { name: person.displayName, email: person.email })}
          confirm={t('admin.people.suspend')}
          cancelHref={path}
        />
      )}
    </Layout>
  );
}
