// Needs: the public list, a need's page with its whole chain (where it was
// heard → what backs it → decisions and projects → status), and the forms its
// moderators use.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState } from '../../../kernel/views/components/table.js';
import { LocalText, languageOptions, TEXT_MAX_LENGTH } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import { TITLE_MAX } from '../voices.schemas.js';
import type { NeedSummary, NeedView } from '../voices.needs.js';
import type { Scope } from '../voices.service.js';
import { NEED_STATUSES, type NeedStatus } from '../voices.tables.js';
import { scopeBase, scopeName } from './manage.views.js';

export const needStatusKey: Record<NeedStatus, MessageKey> = {
  open: 'voices.need.status.open',
  planned: 'voices.need.status.planned',
  in_progress: 'voices.need.status.in_progress',
  done: 'voices.need.status.done',
  declined: 'voices.need.status.declined',
};

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useCtx().i18n;
  return <span class={`status-tag need-${status}`}>{t(needStatusKey[status])}</span>;
}

/** One line per need: title, status, backing, linked work. Used by the list, the report and the feed. */
export function NeedLine({ s }: { s: NeedSummary }) {
  const { t } = useCtx().i18n;
  return (
    <>
      <a href={`/needs/${s.need.id}`}>
        <LocalText value={s.title} inline />
      </a>{' '}
      <NeedStatusTag status={s.need.status} /> <span class="hint">{t('voices.need.backing', { count: s.backing })}</span>
      {s.reason && (
        <p class="hint">
          {t('voices.need.reason')}: <LocalText value={s.reason} inline />
        </p>
      )}
      {(s.projects.length > 0 || s.proposals.length > 0) && (
        <ul class="inline-list">
          {s.projects.map((p) => (
            <li>
              {t('voices.need.project')}: <a href={`/projects/${p.slug}`}>{p.name}</a>
            </li>
          ))}
          {s.proposals.map((p) => (
            <li>
              {t('voices.need.proposal')}: <a href={`/proposals/${p.id}`}>{p.title ? <LocalText value={p.title} inline /> : p.id}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function NeedsListPage({ needs, scopeLabel, org, status }: { needs: NeedSummary[]; scopeLabel: string | undefined; org: string | undefined; status: NeedStatus | undefined }) {
  const { t } = useCtx().i18n;
  const title = scopeLabel ? t('voices.needs.titleOf', { name: scopeLabel }) : t('voices.needs.title');
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{t('voices.needs.intro')}</p>
      <p>
        <a href={`/needs.atom${org ? `?org=${encodeURIComponent(org)}` : ''}`} type="application/atom+xml">
          {t('voices.needs.feed')}
        </a>
      </p>
      <form method="get" action="/needs" class="filters">
        {org && <input type="hidden" name="org" value={org} />}
        <Select name="status" label={t('voices.need.statusLabel')} value={status ?? ''} options={[{ value: '', label: t('voices.needs.anyStatus') }, ...NEED_STATUSES.map((s) => ({ value: s, label: t(needStatusKey[s]) }))]} />
        <p>
          <button type="submit">{t('voices.queue.filter')}</button>
        </p>
      </form>
      {needs.length === 0 ? (
        <EmptyState>{t('voices.needs.empty')}</EmptyState>
      ) : (
        <ul class="comments">
          {needs.map((s) => (
            <li>
              <NeedLine s={s} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function NewNeedPage({ scope, state }: { scope: Scope; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s = { ...state, values: { lang: i18n.locale, ...state.values } };
  return (
    <Layout title={t('voices.need.new')}>
      <h1>{t('voices.need.new')}</h1>
      <p>
        <a href={scopeBase(scope)}>{t('voices.home.back', { name: scopeName(scope, t('voices.federation')) })}</a>
      </p>
      <Form action={`${scopeBase(scope)}/needs/new`} state={s} submit={t('voices.need.create')}>
        <Select name="lang" label={t('voices.campaign.lang')} state={s} options={languageOptions(i18n.locale)} />
        <Field name="title" label={t('voices.need.title')} state={s} required maxLength={TITLE_MAX} dir="auto" />
        <TextArea name="description" label={t('voices.need.description')} hint={t('announcements.markdownHint')} state={s} maxLength={TEXT_MAX_LENGTH} />
        <Field name="tags" label={t('voices.answer.tags')} hint={t('voices.tags.hint')} state={s} maxLength={500} />
      </Form>
    </Layout>
  );
}

export function NeedPage({ view, state, section }: { view: NeedView; state?: FormState | undefined; section?: string | undefined }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const n = view.need;
  const st = (name: string) => (section === name ? state : undefined);
  const editState = st('edit') ?? {
    values: { title: view.source?.title ?? '', description: view.source?.description ?? '', tags: view.tags.join(', '), status: n.status, reason: view.source?.reason ?? '' },
    errors: {},
  };
  const title = view.title?.body ?? t('voices.need.untitled');
  return (
    <Layout title={title}>
      <h1 lang={view.title?.lang} dir="auto">
        {title}
      </h1>
      {n.mergedInto && (
        <p class="notice">
          {t('voices.need.mergedInto')} <a href={`/needs/${n.mergedInto}`}>{t('voices.need.mergedLink')}</a>
        </p>
      )}
      <p>
        <NeedStatusTag status={n.status} /> · {t('voices.need.backing', { count: view.backing })} · {scopeName(view.scope, t('voices.federation'))}
      </p>
      {view.reason && (
        <p>
          <strong>{t('voices.need.reason')}:</strong> <LocalText value={view.reason} inline />
        </p>
      )}
      <LocalText value={view.description} markdown />
      {view.tags.length > 0 && <p class="hint">{t('voices.need.tags', { tags: view.tags.join(', ') })}</p>}

      <h2>{t('voices.need.chain')}</h2>
      <ol>
        <li>
          {t('voices.need.heardIn')}
          {view.campaigns.length === 0 ? (
            <span class="hint"> {t('voices.need.noCampaigns')}</span>
          ) : (
            <ul>
              {view.campaigns.map((c) => (
                <li>{c.inbox ? t('voices.inbox.title', { org: view.scope.org?.name ?? '' }) : <a href={`/voices/${c.id}/report`}>{c.title?.body ?? c.id}</a>}</li>
              ))}
            </ul>
          )}
          {view.quotes.length > 0 && (
            <ul>
              {view.quotes.map((q) => (
                <li>
                  <blockquote lang={q.lang} dir="auto">
                    {q.excerpt}
                  </blockquote>
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          {t('voices.need.decisions')}
          {view.proposals.length === 0 ? (
            <span class="hint"> {t('voices.need.noProposals')}</span>
          ) : (
            <ul>
              {view.proposals.map((p) => (
                <li>
                  <a href={`/proposals/${p.id}`}>{p.title ? <LocalText value={p.title} inline /> : p.id}</a> {p.status && <span class="hint">({p.status})</span>}
                  {view.canModerate && (
                    <form method="post" action={`/needs/${n.id}/proposals/${p.id}/remove`} class="inline">
                      <CsrfField />
                      <button type="submit" class="link">
                        {t('voices.need.unlink')}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          {t('voices.need.work')}
          {view.projects.length === 0 ? (
            <span class="hint"> {t('voices.need.noProjects')}</span>
          ) : (
            <ul>
              {view.projects.map((p) => (
                <li>
                  <a href={`/projects/${p.slug}`}>{p.name}</a>
                  {view.canModerate && (
                    <form method="post" action={`/needs/${n.id}/projects/${p.slug}/remove`} class="inline">
                      <CsrfField />
                      <button type="submit" class="link">
                        {t('voices.need.unlink')}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          {t('voices.need.history')}
          <ul>
            {view.history.map((h) => (
              <li>
                <time datetime={h.at.toISOString()}>{i18n.date(h.at)}</time>: {t(needStatusKey[h.status])}
              </li>
            ))}
          </ul>
        </li>
      </ol>

      {view.canModerate && !n.mergedInto && (
        <>
          <h2>{t('voices.need.edit')}</h2>
          <Form action={`/needs/${n.id}/edit`} state={editState} submit={t('voices.need.save')}>
            <Field name="title" label={t('voices.need.title')} state={editState} required maxLength={TITLE_MAX} dir="auto" />
            <TextArea name="description" label={t('voices.need.description')} state={editState} maxLength={TEXT_MAX_LENGTH} />
            <Field name="tags" label={t('voices.answer.tags')} hint={t('voices.tags.hint')} state={editState} maxLength={500} />
            <Select name="status" label={t('voices.need.statusLabel')} state={editState} options={NEED_STATUSES.map((s) => ({ value: s, label: t(needStatusKey[s]) }))} />
            <TextArea name="reason" label={t('voices.need.reason')} hint={t('voices.need.reasonHint')} state={editState} maxLength={TEXT_MAX_LENGTH} />
          </Form>
          <h2>{t('voices.need.linkProject')}</h2>
          <Form action={`/needs/${n.id}/projects`} state={st('project')} submit={t('voices.need.link')}>
            <Field name="project" label={t('voices.need.projectSlug')} hint={t('voices.need.projectHint')} state={st('project')} maxLength={40} />
          </Form>
          <h2>{t('voices.need.linkProposal')}</h2>
          <Form action={`/needs/${n.id}/proposals`} state={st('proposal')} submit={t('voices.need.link')}>
            <Field name="proposalId" label={t('voices.need.proposalId')} state={st('proposal')} maxLength={40} />
          </Form>
          {(view.mergeOptions?.length ?? 0) > 0 && (
            <>
              <h2>{t('voices.need.merge')}</h2>
              <Form action={`/needs/${n.id}/merge`} state={st('merge')} submit={t('voices.need.mergeSubmit')}>
                <Select name="into" label={t('voices.need.mergeInto')} state={st('merge')} options={view.mergeOptions!.map((o) => ({ value: o.id, label: o.title }))} />
              </Form>
            </>
          )}
          {(view.answerIds?.length ?? 0) > 0 && (
            <>
              <h2>{t('voices.need.answers')}</h2>
              <ul>
                {view.answerIds!.map((id) => (
                  <li>
                    <a href={`/voices/answers/${id}`}>{t('voices.answer.title')}</a>{' '}
                    <form method="post" action={`/needs/${n.id}/answers/${id}/remove`} class="inline">
                      <CsrfField />
                      <button type="submit" class="link">
                        {t('voices.need.unlink')}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Layout>
  );
}
