import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { Field, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import type { AuditEntry } from '../../../kernel/audit/audit.js';
import type { AuditPage } from '../../../kernel/audit/audit.service.js';
import { personPath } from './people.views.js';

const FILTER_FIELDS = ['action', 'email', 'org', 'from', 'to'] as const;
const DATA_PREVIEW = 120;

/** The address of a page of the log with the same filters. */
export function auditHref(filters: Record<string, string | undefined>, before?: number): string {
  const params = new URLSearchParams();
  for (const k of FILTER_FIELDS) {
    const value = filters[k];
    if (value) params.set(k, value);
  }
  if (before) params.set('before', String(before));
  const qs = params.toString();
  return qs ? `/admin/audit?${qs}` : '/admin/audit';
}

function shortData(data: Record<string, unknown>): string {
  const { system: _system, ...rest } = data;
  if (Object.keys(rest).length === 0) return '';
  const text = JSON.stringify(rest);
  return text.length > DATA_PREVIEW ? `${text.slice(0, DATA_PREVIEW - 1)}…` : text;
}

function Who({ entry, people }: { entry: AuditEntry; people: AuditPage['people'] }) {
  const { t } = useCtx().i18n;
  if (entry.actorId) {
    const name = people.get(entry.actorId);
    return name ? (
      <a href={personPath(entry.actorId)} dir="auto">
        {name}
      </a>
    ) : (
      <>{t('admin.audit.unknownPerson', { id: entry.actorId })}</>
    );
  }
  if (typeof entry.data.system === 'string') return <>{t('admin.audit.system', { label: entry.data.system })}</>;
  return <>{t('admin.audit.anonymous')}</>;
}

function Target({ entry, page }: { entry: AuditEntry; page: AuditPage }) {
  const { t } = useCtx().i18n;
  const personName = entry.targetType === 'person' && entry.targetId ? page.people.get(entry.targetId) : undefined;
  const targetOrg = entry.targetType === 'organisation' && entry.targetId ? page.orgs.get(entry.targetId) : undefined;
  const org = entry.orgId && entry.orgId !== targetOrg?.id ? page.orgs.get(entry.orgId) : undefined;
  return (
    <>
      {personName && entry.targetId ? (
        <a href={personPath(entry.targetId)} dir="auto">
          {personName}
        </a>
      ) : targetOrg ? (
        <a href={`/orgs/${targetOrg.slug}`} dir="auto">
          {targetOrg.name}
        </a>
      ) : entry.targetType ? (
        <code>
          {entry.targetType} {entry.targetId}
        </code>
      ) : null}
      {org && (
        <span class="hint">
          {' '}
          {t('admin.audit.inOrg', { org: org.name })}
        </span>
      )}
    </>
  );
}

export function AuditLogPage({ page, filters, state, status }: { page: AuditPage; filters: Record<string, string | undefined>; state: FormState; status: 'ok' | 'invalid' }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const errors = Object.keys(state.errors).length;
  const filtered = FILTER_FIELDS.some((k) => filters[k]);
  const dateHint = t('admin.audit.dateHint', { zone: i18n.timeZone });
  return (
    <Layout title={t('admin.audit.title')}>
      <p>
        <a href="/admin">{t('admin.title')}</a>
      </p>
      <h1>{t('admin.audit.title')}</h1>
      <form method="get" action="/admin/audit" role="search" aria-labelledby="audit-filter" novalidate>
        <h2 id="audit-filter">{t('admin.audit.filter')}</h2>
        {errors > 0 && (
          <p class="form-error" role="alert">
            {t('form.fixErrors', { count: errors })}
          </p>
        )}
        <Field name="action" label={t('admin.audit.action')} hint={t('admin.audit.actionHint')} state={state} maxLength={100} />
        <Field name="email" type="email" label={t('admin.audit.email')} state={state} maxLength={254} />
        <Field name="org" label={t('admin.audit.org')} state={state} maxLength={40} />
        <Field name="from" type="date" label={t('admin.audit.from')} hint={dateHint} state={state} maxLength={10} />
        <Field name="to" type="date" label={t('admin.audit.to')} hint={dateHint} state={state} maxLength={10} />
        <p>
          <button type="submit">{t('admin.audit.submit')}</button> {filtered && <a href="/admin/audit">{t('admin.audit.clear')}</a>}
        </p>
      </form>
      {status === 'ok' &&
        (page.entries.length === 0 ? (
          <EmptyState>{t('admin.audit.empty')}</EmptyState>
        ) : (
          <Table
            caption={t('admin.audit.caption')}
            head={[t('admin.audit.when'), t('admin.audit.who'), t('admin.audit.actionCol'), t('admin.audit.target'), t('admin.audit.details')]}
          >
            {page.entries.map((e) => (
              <tr>
                <th scope="row">
                  <time datetime={e.at.toISOString()}>{i18n.dateTime(e.at)}</time>
                </th>
                <td>
                  <Who entry={e} people={page.people} />
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <Target entry={e} page={page} />
                </td>
                <td>{shortData(e.data) && <code class="data">{shortData(e.data)}</code>}</td>
              </tr>
            ))}
          </Table>
        ))}
      {status === 'ok' && (
        <Pagination
          nextHref={page.next ? auditHref(filters, page.next) : undefined}
          firstHref={state.values.before ? auditHref(filters) : undefined}
        />
      )}
      <p class="hint">{t('admin.audit.verifyHint')}</p>
    </Layout>
  );
}
