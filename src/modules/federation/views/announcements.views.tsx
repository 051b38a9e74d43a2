import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination } from '../../../kernel/views/components/table.js';
import { LocalText, languageName, languageOptions, TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH, type PickedText } from '../../../kernel/text/index.js';
import type { AnnouncementItem, AnnouncementList, AnnouncementView } from '../announcements.service.js';
import type { Announcement } from '../announcements.repository.js';
import { TITLE_MAX } from '../announcements.schemas.js';

function When({ d }: { d: Date }) {
  const { i18n } = useCtx();
  return <time datetime={d.toISOString()}>{i18n.dateTime(d)}</time>;
}

function Title({ value }: { value: PickedText | undefined }) {
  if (!value) return null;
  return (
    <span lang={value.lang} dir="auto">
      {value.body}
    </span>
  );
}

/** Who speaks and when: the organisation (or the whole federation), and the publication date or "draft". */
function Byline({ a }: { a: Announcement }) {
  const { t } = useCtx().i18n;
  return (
    <p class="hint">
      {a.org ? <bdi>{a.org.name}</bdi> : t('announcements.federationWide')}
      {' · '}
      {a.publishedAt ? <When d={a.publishedAt} /> : <strong>{t('announcements.draft')}</strong>}
    </p>
  );
}

function Items({ items }: { items: AnnouncementItem[] }) {
  return (
    <ul class="cards">
      {items.map((it) => (
        <li>
          <h2>
            <a href={`/announcements/${it.announcement.id}`}>
              <Title value={it.title} />
            </a>
          </h2>
          <Byline a={it.announcement} />
        </li>
      ))}
    </ul>
  );
}

export function AnnouncementListPage({ list, canPost, feedHref }: { list: AnnouncementList; canPost: boolean; feedHref: string }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const heading = list.org ? t('announcements.titleOf', { org: list.org.name }) : t('announcements.title');
  const base = list.org ? `/announcements?org=${encodeURIComponent(list.org.slug)}&` : '/announcements?';
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      <p>
        <a href={feedHref} type="application/atom+xml">
          {t('announcements.feed')}
        </a>
        {list.org && (
          <>
            {' · '}
            <a href="/announcements">{t('announcements.all')}</a>
          </>
        )}
      </p>
      {canPost && (
        <p>
          <a class="button" href={list.org ? `/announcements/new?org=${encodeURIComponent(list.org.slug)}` : '/announcements/new'}>
            {t('announcements.new')}
          </a>
        </p>
      )}
      {list.drafts.length > 0 && (
        <section aria-labelledby="drafts">
          <h2 id="drafts">{t('announcements.drafts')}</h2>
          <Items items={list.drafts} />
        </section>
      )}
      <section aria-labelledby="published">
        <h2 id="published">{t('announcements.published')}</h2>
        {list.items.length === 0 ? <EmptyState>{t('announcements.empty')}</EmptyState> : <Items items={list.items} />}
      </section>
      <Pagination nextHref={list.next ? `${base}before=${encodeURIComponent(list.next)}` : undefined} firstHref={undefined} />
    </Layout>
  );
}

export function AnnouncementPage({ view }: { view: AnnouncementView }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const { announcement: a, title, body, canEdit } = view;
  const others = body.available.filter((l) => l !== body.lang);
  return (
    <Layout title={title.body}>
      <article>
        <h1 lang={title.lang} dir="auto">
          {title.body}
        </h1>
        <Byline a={a} />
        <LocalText value={body} markdown />
        {others.length > 0 && (
          <nav aria-label={t('announcements.otherLanguages')}>
            <p>
              {t('announcements.alsoIn')}{' '}
              {others.map((l, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/announcements/${a.id}?lang=${l}`} hreflang={l}>
                    {languageName(l, i18n.locale)}
                  </a>
                </>
              ))}
            </p>
          </nav>
        )}
      </article>
      {canEdit && (
        <section aria-labelledby="manage">
          <h2 id="manage">{t('announcements.manage')}</h2>
          <p>{a.status === 'draft' ? t('announcements.isDraft') : t('announcements.isPublished')}</p>
          <ul>
            <li>
              <a href={`/announcements/${a.id}/edit`}>{t('announcements.edit')}</a>
            </li>
            <li>
              <a href={`/announcements/${a.id}/translate`}>{t('announcements.translate')}</a>
            </li>
            <li>
              <a href={`/announcements/${a.id}/delete`}>{t('announcements.delete')}</a>
            </li>
          </ul>
          <form method="post" action={`/announcements/${a.id}/${a.status === 'draft' ? 'publish' : 'unpublish'}`}>
            <CsrfField />
            <button type="submit">{a.status === 'draft' ? t('announcements.publish') : t('announcements.unpublish')}</button>
          </form>
        </section>
      )}
      <p>
        <a href={a.org ? `/announcements?org=${encodeURIComponent(a.org.slug)}` : '/announcements'}>{t('announcements.back')}</a>
      </p>
    </Layout>
  );
}

export interface TargetOption {
  value: string;
  label: string;
}

export function NewAnnouncementPage({ state, targets }: { state: FormState; targets: TargetOption[] }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s = { ...state, values: { lang: i18n.locale, ...state.values } };
  return (
    <Layout title={t('announcements.new')}>
      <h1>{t('announcements.new')}</h1>
      <p>{t('announcements.newIntro')}</p>
      <Form action="/announcements/new" state={s} submit={t('announcements.saveDraft')}>
        <Select name="org" label={t('announcements.target')} state={s} options={targets} />
        <Select name="lang" label={t('announcements.language')} hint={t('announcements.languageHint')} state={s} options={languageOptions(i18n.locale)} />
        <Field name="title" label={t('announcements.titleField')} state={s} required maxLength={TITLE_MAX} dir="auto" />
        <TextArea name="body" label={t('announcements.body')} hint={t('announcements.markdownHint')} state={s} maxLength={TEXT_MAX_LENGTH} />
      </Form>
    </Layout>
  );
}

export function EditAnnouncementPage({ view, state }: { view: AnnouncementView; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const source = view.source!;
  const s = { ...state, values: { title: source.title, body: source.body, ...state.values } };
  const id = view.announcement.id;
  return (
    <Layout title={t('announcements.edit')}>
      <h1>{t('announcements.edit')}</h1>
      <p>{t('announcements.editIntro', { language: languageName(source.lang, i18n.locale) })}</p>
      <Form action={`/announcements/${id}/edit`} state={s} submit={t('form.save')}>
        <Field name="title" label={t('announcements.titleField')} state={s} required maxLength={TITLE_MAX} dir="auto" />
        <TextArea name="body" label={t('announcements.body')} hint={t('announcements.markdownHint')} state={s} maxLength={TEXT_MAX_LENGTH} />
      </Form>
      <p>
        <a href={`/announcements/${id}`}>{t('announcements.backToIt')}</a>
      </p>
    </Layout>
  );
}

export function TranslateAnnouncementPage({ view, state }: { view: AnnouncementView; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const id = view.announcement.id;
  const options = [{ value: '', label: t('text.form.chooseLanguage') }, ...languageOptions(i18n.locale)];
  const machine = state.values.machine === 'yes';
  return (
    <Layout title={t('announcements.translate')}>
      <h1>{t('announcements.translate')}</h1>
      <p>{t('announcements.translateIntro')}</p>
      <h2>{t('announcements.original')}</h2>
      <p>
        <strong lang={view.source?.lang} dir="auto">
          {view.source?.title}
        </strong>
      </p>
      <Form action={`/announcements/${id}/translate`} state={state} submit={t('announcements.saveTranslation')}>
        <Select name="lang" label={t('text.form.language')} hint={t('text.form.languageHint')} options={options} state={state} />
        <Field name="title" label={t('announcements.titleField')} state={state} required maxLength={TITLE_MAX} dir="auto" />
        <TextArea name="body" label={t('announcements.body')} hint={t('announcements.markdownHint')} state={state} maxLength={TEXT_MAX_LENGTH} />
        <Field name="translator" label={t('text.form.translator')} hint={t('text.form.translatorHint')} state={state} maxLength={TRANSLATOR_MAX_LENGTH} />
        <div class="field">
          <input type="checkbox" id="f-machine" name="machine" value="yes" checked={machine} /> <label for="f-machine">{t('text.form.machine')}</label>
        </div>
      </Form>
      <p>
        <a href={`/announcements/${id}`}>{t('announcements.backToIt')}</a>
      </p>
    </Layout>
  );
}

export function DeleteAnnouncementPage({ view }: { view: AnnouncementView }) {
  const { t } = useCtx().i18n;
  const id = view.announcement.id;
  return (
    <Layout title={t('announcements.delete')}>
      <h1>{t('announcements.delete')}</h1>
      <ConfirmForm
        action={`/announcements/${id}/delete`}
        question={t('announcements.deleteConfirm', { title: view.title.body })}
        confirm={t('announcements.delete')}
        cancelHref={`/announcements/${id}`}
      />
    </Layout>
  );
}
