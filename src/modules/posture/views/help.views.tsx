// From gap to help: open requests, and one request with the members who can
// help, the connections made, and the forms to offer help or close it.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { LocalText, languageName } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import type { OrgBrief } from '../baseline.repository.js';
import type { PracticeStatus } from '../baseline.score.js';
import { NOTE_MAX } from '../baseline.schemas.js';
import type { HelpRequestSummary, HelpRequestView } from '../help.service.js';
import { areaKey, StatusTag } from './parts.js';

const requestStatusKey = (s: string) => `baseline.help.status.${s}` as MessageKey;

function When({ at }: { at: Date }) {
  const { i18n } = useCtx();
  return <time datetime={at.toISOString()}>{i18n.date(at)}</time>;
}

export function HelpListPage({ items, adminOrgs }: { items: HelpRequestSummary[]; adminOrgs: OrgBrief[] }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('baseline.help.title')}>
      <h1>{t('baseline.help.title')}</h1>
      <p>{t('baseline.help.intro')}</p>
      {adminOrgs.length > 0 && (
        <ul class="inline-list">
          {adminOrgs.map((o) => (
            <li>
              <a href={`/orgs/${o.slug}/posture/can-help`}>{t('baseline.help.markFor', { org: o.name })}</a>
            </li>
          ))}
        </ul>
      )}
      {items.length === 0 ? (
        <EmptyState>{t('baseline.help.empty')}</EmptyState>
      ) : (
        <Table caption={t('baseline.help.caption')} head={[t('baseline.col.practice'), t('baseline.help.col.org'), t('baseline.col.area'), t('baseline.help.col.since'), t('baseline.help.col.status'), t('baseline.help.col.helpers')]}>
          {items.map((i) => (
            <tr>
              <td>
                <a href={`/posture/help/${i.request.id}`}>
                  <LocalText value={i.practice} inline />
                </a>
              </td>
              <td dir="auto">{i.org?.name ?? '—'}</td>
              <td>{i.area ? t(areaKey(i.area)) : '—'}</td>
              <td>
                <When at={i.request.createdAt} />
              </td>
              <td>{t(requestStatusKey(i.request.status))}</td>
              <td>{i.helpers}</td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

export function HelpRequestPage({ view, offerState, closeState }: { view: HelpRequestView; offerState?: FormState | undefined; closeState?: FormState | undefined }) {
  const { t, locale } = useCtx().i18n;
  const r = view.request;
  const title = view.practice?.body ?? r.practiceId;
  return (
    <Layout title={t('baseline.help.requestTitle', { practice: title })}>
      <p>
        <a href="/posture/help">{t('baseline.help.back')}</a>
      </p>
      <h1>{t('baseline.help.requestTitle', { practice: title })}</h1>
      <dl>
        <dt>{t('baseline.help.col.org')}</dt>
        <dd dir="auto">{view.org.name}</dd>
        <dt>{t('baseline.col.practice')}</dt>
        <dd>
          <a href={`/baseline/practices/${r.practiceId}`}>{title}</a>
          {view.area && <> · {t(areaKey(view.area))}</>}
        </dd>
        <dt>{t('baseline.help.gap')}</dt>
        <dd>
          <StatusTag status={r.gap as PracticeStatus} />
        </dd>
        <dt>{t('baseline.help.col.since')}</dt>
        <dd>
          <When at={r.createdAt} />
        </dd>
        <dt>{t('baseline.help.col.status')}</dt>
        <dd>{t(requestStatusKey(r.status))}</dd>
      </dl>
      {r.note && (
        <>
          <h2>{t('baseline.help.noteHeading')}</h2>
          <p class="text-body" lang={r.lang} dir="auto">
            {r.note}
          </p>
          <p class="text-note">{t('baseline.help.noteLanguage', { language: languageName(r.lang, locale) })}</p>
        </>
      )}
      <h2>{t('baseline.help.canHelpHeading')}</h2>
      {view.helpers.length === 0 ? (
        <EmptyState>{t('baseline.helpersNone')}</EmptyState>
      ) : (
        <ul class="inline-list">
          {view.helpers.map((o) => (
            <li>
              <a href={`/orgs/${o.slug}`} dir="auto">
                {o.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('baseline.help.connections')}</h2>
      {view.connections.length === 0 ? (
        <EmptyState>{t('baseline.help.noConnections')}</EmptyState>
      ) : (
        <ul>
          {view.connections.map((c) => (
            <li>
              <span dir="auto">{c.helper?.name ?? '—'}</span> · <When at={c.connection.createdAt} />
              {c.offeredByName && <> · {t('baseline.help.offeredBy', { name: c.offeredByName })}</>}
              {c.message && (
                <p class="text-body" dir="auto">
                  {c.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {view.offerAs.length > 0 && (
        <>
          <h2>{t('baseline.help.offerHeading')}</h2>
          <p>{t('baseline.help.offerConsent')}</p>
          <Form action={`/posture/help/${r.id}/offer`} state={offerState} submit={t('baseline.help.offer')}>
            <Select name="org" label={t('baseline.help.offerAs')} state={offerState} options={view.offerAs.map((o) => ({ value: o.slug, label: o.name }))} />
            <TextArea name="message" label={t('baseline.help.message')} hint={t('baseline.help.messageHint')} state={offerState} maxLength={NOTE_MAX} />
          </Form>
        </>
      )}
      {view.canClose && (
        <>
          <h2>{t('baseline.help.closeHeading')}</h2>
          <Form action={`/posture/help/${r.id}/close`} state={closeState} submit={t('baseline.help.close')}>
            <Select
              name="outcome"
              label={t('baseline.help.outcome')}
              state={closeState}
              options={[
                { value: 'resolved', label: t('baseline.help.status.resolved') },
                { value: 'withdrawn', label: t('baseline.help.status.withdrawn') },
              ]}
            />
          </Form>
        </>
      )}
    </Layout>
  );
}
