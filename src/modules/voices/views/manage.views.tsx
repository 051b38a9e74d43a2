// Pages for the people who run campaigns (org-admins; coordinators for the
// federation) and moderate answers.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { LocalText, languageName, languageOptions, TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import { CHOICE_MAX, PROMPT_MAX, SCALE_LABEL_MAX, TITLE_MAX } from '../voices.schemas.js';
import type { CampaignSummary, ManageView, Scope } from '../voices.service.js';
import type { QuestionKind } from '../voices.tables.js';

export const scopeBase = (scope: Scope) => (scope.org ? `/orgs/${scope.org.slug}/voices` : '/federation/voices');
export const scopeName = (scope: Scope, federation: string) => scope.org?.name ?? federation;

export const kindKey: Record<QuestionKind, MessageKey> = {
  text: 'voices.question.kind.text',
  single: 'voices.question.kind.single',
  multiple: 'voices.question.kind.multiple',
  scale: 'voices.question.kind.scale',
};

function dayOf(d: Date | null, end = false): string {
  if (!d) return '';
  // A closing moment at midnight UTC is the end of the day before.
  return new Date(d.getTime() - (end ? 1 : 0)).toISOString().slice(0, 10);
}

export function VoicesHomePage({ scope, campaigns, inboxUrl, canManage, canDesignate, counts }: {
  scope: Scope;
  campaigns: CampaignSummary[];
  inboxUrl: string | undefined;
  canManage: boolean;
  canDesignate: boolean;
  counts: { pending: number; accepted: number; spam: number };
}) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const base = scopeBase(scope);
  const name = scopeName(scope, t('voices.federation'));
  return (
    <Layout title={t('voices.home.title', { name })}>
      <h1>{t('voices.home.title', { name })}</h1>
      <p>{t('voices.home.intro')}</p>
      <ul>
        <li>
          <a href={`${base}/queue`}>{t('voices.home.queue', { count: counts.pending })}</a>
        </li>
        <li>
          <a href={`/needs?${scope.org ? `org=${scope.org.slug}` : 'org=federation'}`}>{t('voices.home.needs')}</a> · <a href={`${base}/needs/new`}>{t('voices.need.new')}</a>
        </li>
        <li>
          <a href={`${base}/export.csv`}>{t('voices.home.exportCsv')}</a> · <a href={`${base}/export.json`}>{t('voices.home.exportJson')}</a>
        </li>
        {canDesignate && (
          <li>
            <a href={`${base}/moderators`}>{t('voices.moderators.title')}</a>
          </li>
        )}
      </ul>
      {inboxUrl && (
        <>
          <h2>{t('voices.home.inbox')}</h2>
          <p>{t('voices.home.inboxIntro')}</p>
          <p>
            <code class="data">{inboxUrl}</code>
          </p>
        </>
      )}
      <h2>{t('voices.home.campaigns')}</h2>
      {canManage && (
        <p>
          <a class="button" href={`${base}/new`}>
            {t('voices.campaign.new')}
          </a>
        </p>
      )}
      {campaigns.length === 0 ? (
        <EmptyState>{t('voices.home.noCampaigns')}</EmptyState>
      ) : (
        <Table caption={t('voices.home.campaigns')} head={[t('voices.campaign.title'), t('voices.campaign.state'), t('voices.campaign.actions')]}>
          {campaigns.map((c) => (
            <tr>
              <td>
                <LocalText value={c.title} inline />
              </td>
              <td>{c.campaign.status === 'draft' ? t('voices.campaign.draft') : c.open ? t('voices.campaign.open') : t('voices.campaign.notOpen')}</td>
              <td>
                <a href={`/voices/${c.campaign.id}/manage`}>{t('voices.campaign.manage')}</a> · <a href={`/voices/${c.campaign.id}/report`}>{t('voices.report.link')}</a> ·{' '}
                <a href={`${base}/queue?campaign=${c.campaign.id}`}>{t('voices.campaign.answers')}</a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

function CampaignFields({ state, withLang }: { state: FormState; withLang: boolean }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  return (
    <>
      {withLang && <Select name="lang" label={t('voices.campaign.lang')} hint={t('voices.campaign.langHint')} state={state} options={languageOptions(i18n.locale)} />}
      <Field name="title" label={t('voices.campaign.title')} state={state} required maxLength={TITLE_MAX} dir="auto" />
      <TextArea name="intro" label={t('voices.campaign.intro')} hint={t('announcements.markdownHint')} state={state} maxLength={TEXT_MAX_LENGTH} />
      <Select
        name="access"
        label={t('voices.campaign.access')}
        state={state}
        options={[
          { value: 'public', label: t('voices.campaign.access.public') },
          { value: 'private', label: t('voices.campaign.access.private') },
        ]}
      />
      <div class="field">
        <input type="checkbox" id="f-moderated" name="moderated" value="yes" checked={state.values.moderated === 'yes'} /> <label for="f-moderated">{t('voices.campaign.moderated')}</label>
        <p class="hint">{t('voices.campaign.moderatedHint')}</p>
      </div>
      <Field name="opensOn" type="date" label={t('voices.campaign.opensOn')} hint={t('voices.campaign.datesHint')} state={state} />
      <Field name="closesOn" type="date" label={t('voices.campaign.closesOn')} state={state} />
      <Field name="hourlyBudget" type="number" label={t('voices.campaign.budget')} hint={t('voices.campaign.budgetHint')} state={state} inputMode="numeric" />
    </>
  );
}

export function NewCampaignPage({ scope, state }: { scope: Scope; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s = { ...state, values: state.values.title === undefined && !state.error && Object.keys(state.errors).length === 0 ? { lang: i18n.locale, moderated: 'yes', hourlyBudget: '1000', access: 'public', ...state.values } : state.values };
  return (
    <Layout title={t('voices.campaign.new')}>
      <h1>{t('voices.campaign.new')}</h1>
      <p>{t('voices.campaign.newIntro', { name: scopeName(scope, t('voices.federation')) })}</p>
      <Form action={`${scopeBase(scope)}/new`} state={s} submit={t('voices.campaign.create')}>
        <CampaignFields state={s} withLang />
      </Form>
    </Layout>
  );
}

export function ManageCampaignPage({ view, state, questionState }: { view: ManageView; state: FormState; questionState: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const c = view.campaign;
  const base = scopeBase(view.scope);
  const values = Object.keys(state.values).length > 0
    ? state.values
    : {
        title: view.source.title,
        intro: view.source.intro,
        access: c.access,
        moderated: c.moderated ? 'yes' : '',
        opensOn: dayOf(c.opensAt),
        closesOn: dayOf(c.closesAt, true),
        hourlyBudget: String(c.hourlyBudget),
      };
  const s = { ...state, values };
  const qs = { ...questionState, values: { kind: 'text', required: 'yes', ...questionState.values } };
  const publicUrl = view.privateLink ?? `/voices/${c.id}`;
  return (
    <Layout title={view.source.title || t('voices.campaign.manage')}>
      <h1 dir="auto">{view.source.title}</h1>
      <p>
        <a href={base}>{t('voices.home.back', { name: scopeName(view.scope, t('voices.federation')) })}</a>
      </p>
      <dl>
        <dt>{t('voices.campaign.state')}</dt>
        <dd>{c.status === 'draft' ? t('voices.campaign.draft') : view.open ? t('voices.campaign.open') : t('voices.campaign.notOpen')}</dd>
        <dt>{t('voices.campaign.languages')}</dt>
        <dd>{c.languages.map((l) => languageName(l, i18n.locale)).join(', ')}</dd>
        <dt>{t('voices.campaign.link')}</dt>
        <dd>
          <code class="data">{view.privateLink ?? `${publicUrl}`}</code>
        </dd>
      </dl>
      <ul class="inline-list">
        <li>
          <a href={`/voices/${c.id}?lang=${c.sourceLang}${view.privateLink ? `&k=${view.privateLink.split('k=')[1]}` : ''}`}>{t('voices.campaign.preview')}</a>
        </li>
        <li>
          <a href={`/voices/${c.id}/translate`}>{t('voices.campaign.translate')}</a>
        </li>
        <li>
          <a href={`/voices/${c.id}/report`}>{t('voices.report.link')}</a>
        </li>
        <li>
          <a href={`${base}/queue?campaign=${c.id}`}>{t('voices.campaign.answers')}</a>
        </li>
      </ul>
      <div class="inline-list">
        {c.status === 'draft' ? (
          <form method="post" action={`/voices/${c.id}/publish`} class="inline">
            <CsrfField />
            <button type="submit">{t('voices.campaign.publish')}</button>
          </form>
        ) : (
          <>
            <form method="post" action={`/voices/${c.id}/unpublish`} class="inline">
              <CsrfField />
              <button type="submit">{t('voices.campaign.unpublish')}</button>
            </form>{' '}
            {view.open && (
              <form method="post" action={`/voices/${c.id}/close`} class="inline">
                <CsrfField />
                <button type="submit" class="danger">
                  {t('voices.campaign.closeNow')}
                </button>
              </form>
            )}
          </>
        )}
        {c.access === 'private' && (
          <form method="post" action={`/voices/${c.id}/link`} class="inline">
            <CsrfField />
            <button type="submit">{t('voices.campaign.renewLink')}</button>
          </form>
        )}
      </div>

      <h2>{t('voices.question.list')}</h2>
      {view.questions.length === 0 ? (
        <EmptyState>{t('voices.question.none')}</EmptyState>
      ) : (
        <ol>
          {view.questions.map((fq) => (
            <li>
              <LocalText value={fq.prompt} inline /> <span class="hint">({t(kindKey[fq.question.kind])}{fq.question.required ? `, ${t('voices.form.required')}` : ''})</span>
              {fq.choices.length > 0 && (
                <ul>
                  {fq.choices.map((ch) => (
                    <li>
                      <LocalText value={ch.label} inline />
                    </li>
                  ))}
                </ul>
              )}
              {c.status === 'draft' && (
                <form method="post" action={`/voices/${c.id}/questions/${fq.question.id}/remove`} class="inline">
                  <CsrfField />
                  <button type="submit" class="link">
                    {t('voices.question.remove')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
      {c.status === 'draft' ? (
        <>
          <h2>{t('voices.question.add')}</h2>
          <p class="hint">{t('voices.question.addHint', { language: languageName(c.sourceLang, i18n.locale) })}</p>
          <Form action={`/voices/${c.id}/questions`} state={qs} submit={t('voices.question.add')}>
            <Select name="kind" label={t('voices.question.kind')} state={qs} options={(['text', 'single', 'multiple', 'scale'] as const).map((k) => ({ value: k, label: t(kindKey[k]) }))} />
            <TextArea name="prompt" label={t('voices.question.prompt')} state={qs} maxLength={PROMPT_MAX} />
            <TextArea name="choices" label={t('voices.question.choices')} hint={t('voices.question.choicesHint')} state={qs} maxLength={30 * (CHOICE_MAX + 2)} />
            <Field name="low" label={t('voices.question.low')} hint={t('voices.question.scaleHint')} state={qs} maxLength={SCALE_LABEL_MAX} dir="auto" />
            <Field name="high" label={t('voices.question.high')} state={qs} maxLength={SCALE_LABEL_MAX} dir="auto" />
            <div class="field">
              <input type="checkbox" id="f-required" name="required" value="yes" checked={qs.values.required === 'yes'} /> <label for="f-required">{t('voices.question.required')}</label>
            </div>
          </Form>
        </>
      ) : (
        <p class="hint">{t('voices.question.locked')}</p>
      )}

      <h2>{t('voices.campaign.settings')}</h2>
      <Form action={`/voices/${c.id}/edit`} state={s} submit={t('voices.campaign.save')}>
        <CampaignFields state={s} withLang={false} />
      </Form>
    </Layout>
  );
}

export function TranslateCampaignPage({ view, lang, values, state }: { view: ManageView; lang: string; values: Record<string, string>; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const c = view.campaign;
  const s: FormState = { ...state, values: { lang, ...values, ...state.values } };
  const f = (name: string, label: string, original: string | undefined, max: number, area = false) => (
    <div class="field">
      {area ? (
        <TextArea name={name} label={label} hint={original ? t('voices.translate.original', { text: original }) : undefined} state={s} maxLength={max} />
      ) : (
        <Field name={name} label={label} hint={original ? t('voices.translate.original', { text: original }) : undefined} state={s} maxLength={max} dir="auto" />
      )}
    </div>
  );
  return (
    <Layout title={t('voices.campaign.translate')}>
      <h1>{t('voices.campaign.translate')}</h1>
      <p>
        <a href={`/voices/${c.id}/manage`}>{t('voices.campaign.manage')}</a>
      </p>
      <form method="get" action={`/voices/${c.id}/translate`} class="narrow">
        <Select name="lang" label={t('voices.translate.language')} options={languageOptions(i18n.locale)} value={lang} />
        <p>
          <button type="submit">{t('voices.translate.choose')}</button>
        </p>
      </form>
      <p class="hint">{t('voices.translate.hint', { language: languageName(lang, i18n.locale) })}</p>
      <Form action={`/voices/${c.id}/translate`} state={s} submit={t('voices.translate.save')}>
        <input type="hidden" name="lang" value={lang} />
        {f('title', t('voices.campaign.title'), view.title?.isSource ? view.title.body : undefined, TITLE_MAX)}
        {f('intro', t('voices.campaign.intro'), undefined, TEXT_MAX_LENGTH, true)}
        {view.questions.map((fq, i) => (
          <fieldset>
            <legend>{t('voices.translate.question', { n: i + 1 })}</legend>
            {f(`prompt.${fq.question.id}`, t('voices.question.prompt'), fq.prompt?.body, PROMPT_MAX, true)}
            {fq.question.kind === 'scale' && f(`low.${fq.question.id}`, t('voices.question.low'), fq.low?.body, SCALE_LABEL_MAX)}
            {fq.question.kind === 'scale' && f(`high.${fq.question.id}`, t('voices.question.high'), fq.high?.body, SCALE_LABEL_MAX)}
            {fq.choices.map((ch, j) => f(`choice.${ch.id}`, t('voices.translate.choice', { n: j + 1 }), ch.label?.body, CHOICE_MAX))}
          </fieldset>
        ))}
        <Field name="translator" label={t('text.form.translator')} hint={t('text.form.translatorHint')} state={s} maxLength={TRANSLATOR_MAX_LENGTH} />
        <div class="field">
          <input type="checkbox" id="f-machine" name="machine" value="yes" checked={s.values.machine === 'yes'} /> <label for="f-machine">{t('text.form.machine')}</label>
        </div>
      </Form>
    </Layout>
  );
}

export function ModeratorsPage({ scope, moderators, candidates, state }: {
  scope: Scope;
  moderators: { personId: string; displayName: string }[];
  candidates: { personId: string; displayName: string }[];
  state: FormState;
}) {
  const { t } = useCtx().i18n;
  const base = scopeBase(scope);
  return (
    <Layout title={t('voices.moderators.title')}>
      <h1>{t('voices.moderators.title')}</h1>
      <p>{t('voices.moderators.intro', { org: scope.org?.name ?? '' })}</p>
      {moderators.length === 0 ? (
        <EmptyState>{t('voices.moderators.none')}</EmptyState>
      ) : (
        <ul>
          {moderators.map((m) => (
            <li>
              <bdi>{m.displayName}</bdi>{' '}
              <form method="post" action={`${base}/moderators/${m.personId}/remove`} class="inline">
                <CsrfField />
                <button type="submit" class="link">
                  {t('voices.moderators.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <Form action={`${base}/moderators`} state={state} submit={t('voices.moderators.add')}>
          <Select name="person" label={t('voices.moderators.person')} state={state} options={candidates.map((c) => ({ value: c.personId, label: c.displayName }))} />
        </Form>
      )}
    </Layout>
  );
}

export { ConfirmForm };
