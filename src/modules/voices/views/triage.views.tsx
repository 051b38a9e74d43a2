// The moderators' queue and one answer's page: read, mark spam, tag, translate,
// link to a need, approve an excerpt for quoting.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination } from '../../../kernel/views/components/table.js';
import { LocalText, TranslationFields, languageName, TEXT_MAX_LENGTH } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import { QUOTE_MAX, TITLE_MAX } from '../voices.schemas.js';
import type { AnswerItem, AnswerView } from '../voices.moderation.js';
import type { CampaignSummary, Scope } from '../voices.service.js';
import type { AnswerStatus } from '../voices.tables.js';
import { scopeBase, scopeName } from './manage.views.js';

export const answerStatusKey: Record<AnswerStatus, MessageKey> = {
  pending: 'voices.answer.status.pending',
  accepted: 'voices.answer.status.accepted',
  spam: 'voices.answer.status.spam',
};

function Hour({ d }: { d: Date }) {
  const { i18n } = useCtx();
  return <time datetime={d.toISOString()}>{i18n.dateTime(d)}</time>;
}

function Parts({ item }: { item: AnswerItem }) {
  const { t } = useCtx().i18n;
  return (
    <dl>
      {item.parts.map((p) => (
        <>
          <dt>{p.prompt ? <LocalText value={p.prompt} inline /> : t('voices.inbox.prompt')}</dt>
          <dd>{p.text ? <LocalText value={p.text} /> : p.values.join(', ')}</dd>
        </>
      ))}
    </dl>
  );
}

function StatusButtons({ id, status, back }: { id: string; status: AnswerStatus; back?: string }) {
  const { t } = useCtx().i18n;
  const to = (s: AnswerStatus, label: MessageKey, cls?: string) =>
    status !== s && (
      <form method="post" action={`/voices/answers/${id}/status`} class="inline">
        <CsrfField />
        <input type="hidden" name="status" value={s} />
        {back && <input type="hidden" name="back" value={back} />}
        <button type="submit" class={cls}>
          {t(label)}
        </button>
      </form>
    );
  return (
    <p class="inline-list">
      {to('accepted', 'voices.answer.accept')} {to('spam', 'voices.answer.markSpam', 'danger')} {to('pending', 'voices.answer.reopen')}
    </p>
  );
}

export function QueuePage({ scope, items, next, counts, status, campaigns, campaignId, tag }: {
  scope: Scope;
  items: AnswerItem[];
  next: string | undefined;
  counts: Record<AnswerStatus, number>;
  status: AnswerStatus;
  campaigns: CampaignSummary[];
  campaignId: string | undefined;
  tag: string | undefined;
}) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const base = scopeBase(scope);
  const filter = `status=${status}${campaignId ? `&campaign=${campaignId}` : ''}${tag ? `&tag=${encodeURIComponent(tag)}` : ''}`;
  const back = `${base}/queue?${filter}`;
  return (
    <Layout title={t('voices.queue.title', { name: scopeName(scope, t('voices.federation')) })}>
      <h1>{t('voices.queue.title', { name: scopeName(scope, t('voices.federation')) })}</h1>
      <p>
        <a href={base}>{t('voices.home.back', { name: scopeName(scope, t('voices.federation')) })}</a>
      </p>
      <p>{t('voices.queue.counts', { pending: counts.pending, accepted: counts.accepted, spam: counts.spam })}</p>
      <form method="get" action={`${base}/queue`} class="filters">
        <Select
          name="status"
          label={t('voices.queue.status')}
          value={status}
          options={(['pending', 'accepted', 'spam'] as const).map((s) => ({ value: s, label: t(answerStatusKey[s]) }))}
        />
        <Select
          name="campaign"
          label={t('voices.queue.campaign')}
          value={campaignId ?? ''}
          options={[{ value: '', label: t('voices.queue.allCampaigns') }, ...campaigns.map((c) => ({ value: c.campaign.id, label: c.title?.body ?? c.campaign.id }))]}
        />
        <Field name="tag" label={t('voices.queue.tag')} value={tag ?? ''} maxLength={40} />
        <p>
          <button type="submit">{t('voices.queue.filter')}</button>
        </p>
      </form>
      {items.length === 0 ? (
        <EmptyState>{t('voices.queue.empty')}</EmptyState>
      ) : (
        <ol class="comments">
          {items.map((it) => (
            <li>
              <h2>
                <a href={`/voices/answers/${it.answer.id}`}>{it.inbox ? t('voices.home.inbox') : it.campaignTitle?.body}</a>
              </h2>
              <p class="hint">
                <Hour d={it.answer.receivedAt} /> · {languageName(it.answer.lang, i18n.locale)} · {t(answerStatusKey[it.answer.status])}
                {it.answer.verified && ` · ${t('voices.answer.verified')}`}
                {it.tags.length > 0 && ` · ${it.tags.join(', ')}`}
              </p>
              <Parts item={it} />
              <StatusButtons id={it.answer.id} status={it.answer.status} back={back} />
            </li>
          ))}
        </ol>
      )}
      <Pagination nextHref={next ? `${back}&after=${encodeURIComponent(next)}` : undefined} firstHref={undefined} />
    </Layout>
  );
}

export function AnswerPage({ view, state, section }: { view: AnswerView; state?: FormState | undefined; section?: string | undefined }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const a = view.answer;
  const base = scopeBase(view.scope);
  const st = (name: string) => (section === name ? state : undefined);
  const textParts = view.parts.filter((p) => p.original);
  const needState = st('need');
  const needValues = { need: view.needOptions.length > 0 ? (view.needOptions[0]?.id ?? 'new') : 'new', lang: a.lang, ...(needState?.values ?? {}) };
  return (
    <Layout title={t('voices.answer.title')}>
      <h1>{t('voices.answer.title')}</h1>
      <p>
        <a href={`${base}/queue`}>{t('voices.queue.back')}</a>
      </p>
      <p class="hint">
        {view.inbox ? t('voices.home.inbox') : <LocalText value={view.campaignTitle} inline />} · <Hour d={a.receivedAt} /> · {languageName(a.lang, i18n.locale)} · {t(answerStatusKey[a.status])}
        {a.verified && ` · ${t('voices.answer.verified')}`}
      </p>
      <p class="hint">{t('voices.answer.hourOnly')}</p>
      <Parts item={view} />
      <StatusButtons id={a.id} status={a.status} />

      <h2>{t('voices.answer.tags')}</h2>
      <Form action={`/voices/answers/${a.id}/tags`} state={st('tags') ?? { values: { tags: view.tags.join(', ') }, errors: {} }} submit={t('voices.answer.saveTags')}>
        <Field name="tags" label={t('voices.answer.tags')} hint={t('voices.tags.hint')} state={st('tags') ?? { values: { tags: view.tags.join(', ') }, errors: {} }} maxLength={500} />
      </Form>

      <h2>{t('voices.answer.needs')}</h2>
      {view.needIds.length > 0 && (
        <ul>
          {view.needIds.map((id) => (
            <li>
              <a href={`/needs/${id}`}>{view.needOptions.find((n) => n.id === id)?.title ?? id}</a>
            </li>
          ))}
        </ul>
      )}
      <Form action={`/voices/answers/${a.id}/need`} state={{ ...(needState ?? { errors: {} }), values: needValues }} submit={t('voices.answer.linkNeed')}>
        <Select
          name="need"
          label={t('voices.answer.needChoice')}
          state={{ ...(needState ?? { errors: {} }), values: needValues }}
          options={[...view.needOptions.map((n) => ({ value: n.id, label: n.title })), { value: 'new', label: t('voices.answer.newNeed') }]}
        />
        <fieldset>
          <legend>{t('voices.answer.newNeedLegend')}</legend>
          <Field name="title" label={t('voices.need.title')} state={{ ...(needState ?? { errors: {} }), values: needValues }} maxLength={TITLE_MAX} dir="auto" />
          <TextArea name="description" label={t('voices.need.description')} state={{ ...(needState ?? { errors: {} }), values: needValues }} maxLength={TEXT_MAX_LENGTH} />
          <Field name="tags" label={t('voices.answer.tags')} hint={t('voices.tags.hint')} state={{ ...(needState ?? { errors: {} }), values: needValues }} maxLength={500} />
          <input type="hidden" name="lang" value={needValues.lang} />
        </fieldset>
      </Form>

      {textParts.length > 0 && (
        <>
          <h2>{t('voices.answer.translate')}</h2>
          <Form action={`/voices/answers/${a.id}/translate`} state={st('translate')} submit={t('voices.answer.saveTranslation')}>
            <Select name="questionId" label={t('voices.answer.part')} state={st('translate')} options={textParts.map((p) => ({ value: p.questionId, label: p.prompt?.body ?? t('voices.inbox.prompt') }))} />
            <TranslationFields state={st('translate')} bodyLabel={t('voices.answer.translation')} />
          </Form>
          {view.versions.filter((v) => !v.isSource).length > 0 && (
            <ul>
              {view.versions
                .filter((v) => !v.isSource)
                .map((v) => (
                  <li>
                    {languageName(v.lang, i18n.locale)}: <span lang={v.lang} dir="auto">{v.body}</span> {v.translator && <span class="hint">({v.translator})</span>}
                  </li>
                ))}
            </ul>
          )}

          <h2>{t('voices.answer.quote')}</h2>
          <p class="hint">{t('voices.answer.quoteHint')}</p>
          {view.quotes.length > 0 && (
            <ul>
              {view.quotes.map((q) => (
                <li>
                  <q lang={q.lang} dir="auto">
                    {q.excerpt}
                  </q>{' '}
                  <form method="post" action={`/voices/answers/${a.id}/quotes/${q.id}/remove`} class="inline">
                    <CsrfField />
                    <button type="submit" class="link">
                      {t('voices.answer.withdrawQuote')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          {a.status === 'accepted' ? (
            <Form action={`/voices/answers/${a.id}/quote`} state={st('quote') ?? { values: { excerpt: textParts[0]?.original?.body ?? '' }, errors: {} }} submit={t('voices.answer.approveQuote')}>
              <Select name="questionId" label={t('voices.answer.part')} state={st('quote')} options={textParts.map((p) => ({ value: p.questionId, label: p.prompt?.body ?? t('voices.inbox.prompt') }))} />
              <TextArea name="excerpt" label={t('voices.answer.excerpt')} state={st('quote') ?? { values: { excerpt: textParts[0]?.original?.body ?? '' }, errors: {} }} maxLength={QUOTE_MAX} />
            </Form>
          ) : (
            <p class="hint">{t('voices.answer.quoteOnlyAccepted')}</p>
          )}
        </>
      )}
    </Layout>
  );
}
