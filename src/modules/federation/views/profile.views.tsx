// The profile as its org-admins edit it: fields, logo, translations and the
// self-description file with its differences to review.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { TranslationFields, languageName, languageOptions, type TextVersion } from '../../../kernel/text/index.js';
import { countryName } from '../profile.countries.js';
import { LOGO_MAX_BYTES } from '../profile.image.js';
import { DESCRIPTION_MAX, SUMMARY_MAX, TEXT_FIELDS } from '../profile.schemas.js';
import type { ProfileEditView, ProfileTexts } from '../profile.service.js';
import type { SelfDescSource } from '../selfdesc.repository.js';
import type { DiffRow } from '../selfdesc.diff.js';
import type { SelfDescView } from '../selfdesc.service.js';
import type { SnapshotText } from '../selfdesc.schemas.js';
import type { ServiceInput } from '../services.schemas.js';
import { Logo, OpenPgpFacts } from './member.views.js';
import { kindKey, registrationKey, statusKey, textFieldKey } from './profile.labels.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';

function ProfileNav({ slug }: { slug: string }) {
  const { t } = useCtx().i18n;
  return (
    <nav aria-label={t('profile.navLabel')}>
      <ul class="inline-list">
        <li>
          <a href={`/members/${slug}`}>{t('profile.publicPage')}</a>
        </li>
        <li>
          <a href={`/orgs/${slug}/profile`}>{t('profile.title')}</a>
        </li>
        <li>
          <a href={`/orgs/${slug}/profile/translations`}>{t('profile.translations')}</a>
        </li>
        <li>
          <a href={`/orgs/${slug}/services`}>{t('services.title')}</a>
        </li>
        <li>
          <a href={`/orgs/${slug}`}>{t('org.members')}</a>
        </li>
      </ul>
    </nav>
  );
}

/** The values the profile form starts with: what is saved. */
export function profileFormValues(view: ProfileEditView, fallbackLang: string): Record<string, string> {
  const { org, profile, texts } = view;
  const src = (list: TextVersion[]) => list.find((v) => v.isSource)?.body ?? '';
  return {
    name: org.name,
    slug: org.slug,
    sourceLang: view.sourceLang ?? fallbackLang,
    summary: src(texts.summary),
    description: src(texts.description),
    countries: profile.countries.join(', '),
    region: profile.region ?? '',
    languages: profile.languages.join(', '),
    founded: profile.founded === null ? '' : String(profile.founded),
    website: profile.website ?? '',
    contactEmail: profile.contactEmail ?? '',
    securityContact: profile.securityContact ?? '',
    openpgpKey: profile.openpgp?.armored ?? '',
    donationUrl: profile.donationUrl ?? '',
  };
}

export function ProfileEditPage({
  view,
  state,
  logoState,
  selfdesc,
  selfdescState,
}: {
  view: ProfileEditView;
  state: FormState;
  logoState?: FormState | undefined;
  selfdesc: SelfDescSource | undefined;
  selfdescState?: FormState | undefined;
}) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const { org, profile } = view;
  const base = `/orgs/${org.slug}/profile`;
  return (
    <Layout title={t('profile.titleOf', { org: org.name })}>
      <h1>{t('profile.titleOf', { org: org.name })}</h1>
      <ProfileNav slug={org.slug} />

      <section aria-labelledby="fields">
        <h2 id="fields">{t('profile.fieldsHeading')}</h2>
        <Form action={base} state={state} submit={t('form.save')}>
          <Field name="name" label={t('org.name')} state={state} required maxLength={120} dir="auto" />
          <Field name="slug" label={t('org.slug')} hint={t('profile.slugHint')} state={state} required maxLength={40} />
          <Select name="sourceLang" label={t('profile.sourceLang')} hint={t('profile.sourceLangHint')} state={state} options={languageOptions(i18n.locale)} />
          <TextArea name="summary" label={t('profile.summary')} hint={t('profile.summaryHint', { max: SUMMARY_MAX })} state={state} maxLength={SUMMARY_MAX} />
          <TextArea name="description" label={t('profile.description')} hint={t('profile.descriptionHint')} state={state} maxLength={DESCRIPTION_MAX} />
          <Field name="countries" label={t('profile.countries')} hint={t('profile.countriesHint')} state={state} maxLength={1000} />
          <Field name="region" label={t('profile.region')} hint={t('profile.regionHint')} state={state} maxLength={200} dir="auto" />
          <Field name="languages" label={t('profile.languages')} hint={t('profile.languagesHint')} state={state} maxLength={1000} />
          <Field name="founded" label={t('profile.founded')} state={state} maxLength={4} inputMode="numeric" />
          <Field name="website" type="url" label={t('profile.website')} state={state} maxLength={500} />
          <Field name="contactEmail" type="email" label={t('profile.contactEmail')} hint={t('profile.contactEmailHint')} state={state} maxLength={254} />
          <Field name="securityContact" label={t('profile.securityContact')} hint={t('profile.securityContactHint')} state={state} maxLength={500} />
          {profile.openpgp && <OpenPgpFacts openpgp={profile.openpgp} />}
          <TextArea name="openpgpKey" label={t('profile.openpgpKey')} hint={t('profile.openpgpKeyHint')} state={state} />
          <Field name="donationUrl" type="url" label={t('profile.donationUrl')} state={state} maxLength={500} />
        </Form>
      </section>

      <section aria-labelledby="logo">
        <h2 id="logo">{t('profile.logo')}</h2>
        <Logo profile={profile} name={org.name} />
        {logoState?.error && (
          <p class="form-error" role="alert">
            {i18n.tDynamic(logoState.error.key, logoState.error.values)}
          </p>
        )}
        {/* The token field comes before the file: the server checks it before reading the upload. */}
        <form method="post" action={`${base}/logo`} enctype="multipart/form-data">
          <CsrfField />
          <div class={logoState?.errors.logo ? 'field field-error' : 'field'}>
            <label for="f-logo">{t('profile.logoFile')}</label>
            <p class="hint" id="f-logo-hint">
              {t('profile.logoHint', { max: LOGO_MAX_BYTES / 1024 })}
            </p>
            {logoState?.errors.logo && (
              <p class="error" id="f-logo-error">
                {i18n.tDynamic(logoState.errors.logo.key, logoState.errors.logo.values)}
              </p>
            )}
            <input
              id="f-logo"
              name="logo"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              aria-describedby={logoState?.errors.logo ? 'f-logo-hint f-logo-error' : 'f-logo-hint'}
              aria-invalid={logoState?.errors.logo ? 'true' : undefined}
            />
          </div>
          <p>
            <button type="submit">{t('profile.logoUpload')}</button>
          </p>
        </form>
        {profile.logo && (
          <form method="post" action={`${base}/logo/remove`} class="inline">
            <CsrfField />
            <button type="submit" class="link">
              {t('profile.logoRemove')}
            </button>
          </form>
        )}
      </section>

      <SelfDescSection slug={org.slug} source={selfdesc} state={selfdescState} />
    </Layout>
  );
}

function SelfDescSection({ slug, source, state }: { slug: string; source: SelfDescSource | undefined; state?: FormState | undefined }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const base = `/orgs/${slug}/profile/selfdesc`;
  const when = (d: Date) => <time datetime={d.toISOString()}>{i18n.dateTime(d)}</time>;
  return (
    <section aria-labelledby="selfdesc">
      <h2 id="selfdesc">{t('selfdesc.title')}</h2>
      <p>{t('selfdesc.intro')}</p>
      <p>
        <a href="/schemas/federation-v1.json" type="application/schema+json">
          {t('selfdesc.schemaLink')}
        </a>
      </p>
      {source && (
        <div class="selfdesc-status">
          {source.lastError ? (
            <p class="form-error" role="alert">
              {t('selfdesc.lastError')} {when(source.lastError.at)}: {i18n.tDynamic(`error.${source.lastError.code}`, source.lastError.values)}
            </p>
          ) : source.lastOkAt ? (
            <p class="notice">
              {t('selfdesc.lastOk')} {when(source.lastOkAt)}
            </p>
          ) : (
            <p class="notice">{t('selfdesc.neverFetched')}</p>
          )}
          {source.lastError && source.lastOkAt && (
            <p class="hint">
              {t('selfdesc.lastOk')} {when(source.lastOkAt)}
            </p>
          )}
          {source.pending ? (
            <p>
              <a href={base} class="button">
                {t('selfdesc.review')}
              </a>
            </p>
          ) : (
            source.lastOkAt && <p>{t('selfdesc.nothingPending')}</p>
          )}
          <form method="post" action={`${base}/fetch`} class="inline">
            <CsrfField />
            <button type="submit">{t('selfdesc.fetchNow')}</button>
          </form>
        </div>
      )}
      <Form action={base} state={state} submit={t('selfdesc.saveUrl')}>
        <Field name="url" type="url" label={t('selfdesc.url')} hint={t('selfdesc.urlHint')} state={state} value={source?.url ?? ''} maxLength={500} />
      </Form>
    </section>
  );
}

const credit = (t: (k: MessageKey, v?: Record<string, string>) => string, v: { isSource: boolean; translator: string | null; machine: boolean }) =>
  v.isSource ? t('profile.original') : v.machine ? t('text.machine') + (v.translator ? ` (${v.translator})` : '') : v.translator ? t('text.translatedBy', { name: v.translator }) : '—';

export function TranslationsPage({ slug, name, texts, state }: { slug: string; name: string; texts: ProfileTexts; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const base = `/orgs/${slug}/profile/translations`;
  const hasSource = TEXT_FIELDS.some((f) => texts[f].some((v) => v.isSource));
  return (
    <Layout title={t('profile.translationsOf', { org: name })}>
      <h1>{t('profile.translationsOf', { org: name })}</h1>
      <ProfileNav slug={slug} />
      {TEXT_FIELDS.map((field) => (
        <section aria-labelledby={`tr-${field}`}>
          <h2 id={`tr-${field}`}>{t(textFieldKey[field])}</h2>
          {texts[field].length === 0 ? (
            <EmptyState>{t('profile.noText')}</EmptyState>
          ) : (
            <Table caption={t('profile.versionsOf', { field: t(textFieldKey[field]) })} head={[t('text.form.language'), t('text.form.body'), t('profile.credit'), t('org.actions')]}>
              {texts[field].map((v) => (
                <tr>
                  <td>{languageName(v.lang, i18n.locale)}</td>
                  <td lang={v.lang} dir="auto">
                    {v.body.length > 200 ? `${v.body.slice(0, 200)}…` : v.body}
                  </td>
                  <td>{credit(t, v)}</td>
                  <td>
                    {!v.isSource && (
                      <form method="post" action={`${base}/remove`} class="inline">
                        <CsrfField />
                        <input type="hidden" name="field" value={field} />
                        <input type="hidden" name="lang" value={v.lang} />
                        <button type="submit" class="link">
                          {t('profile.removeTranslation', { language: languageName(v.lang, i18n.locale) })}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      ))}
      <section aria-labelledby="tr-add">
        <h2 id="tr-add">{t('text.form.legend')}</h2>
        {hasSource ? (
          <Form action={base} state={state} submit={t('profile.saveTranslation')}>
            <Select
              name="field"
              label={t('profile.translateField')}
              state={state}
              options={TEXT_FIELDS.filter((f) => texts[f].length > 0).map((f) => ({ value: f, label: t(textFieldKey[f]) }))}
            />
            <TranslationFields state={state} />
          </Form>
        ) : (
          <p>
            {t('profile.translateFirst')} <a href={`/orgs/${slug}/profile`}>{t('profile.title')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}

// ── Reviewing a self-description ────────────────────────────────────

const fieldLabel: Record<string, MessageKey> = {
  name: 'org.name',
  summary: 'profile.summary',
  description: 'profile.description',
  countries: 'profile.countries',
  region: 'profile.region',
  languages: 'profile.languages',
  founded: 'profile.founded',
  website: 'profile.website',
  email: 'profile.contactEmail',
  securityContact: 'profile.securityContact',
  donationUrl: 'profile.donationUrl',
  openpgp: 'profile.openpgpKey',
};

function TextCell({ v }: { v: SnapshotText | null }) {
  const { t } = useCtx().i18n;
  if (!v) return <span class="hint">{t('selfdesc.none')}</span>;
  return (
    <>
      <span lang={v.lang} dir="auto" class="text-body">
        {v.body}
      </span>
      <small class="text-credit"> ({credit(t, { isSource: v.source, translator: v.translator, machine: v.machine })})</small>
    </>
  );
}

function ServiceCell({ s }: { s: ServiceInput | null }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  if (!s) return <span class="hint">{t('selfdesc.none')}</span>;
  return (
    <span dir="auto">
      {[
        s.name,
        t(kindKey[s.kind]),
        s.url,
        [s.software, s.softwareVersion].filter(Boolean).join(' '),
        t(registrationKey[s.registration]),
        t(statusKey[s.status]),
        s.countries.map((c) => countryName(c, i18n.locale)).join(', '),
      ]
        .filter(Boolean)
        .join(' · ')}
    </span>
  );
}

function ValueCell({ field, v }: { field: string; v: string | null }) {
  const { i18n } = useCtx();
  if (v === null) return <span class="hint">{i18n.t('selfdesc.none')}</span>;
  if (field === 'countries') return <>{v.split(', ').map((c) => countryName(c, i18n.locale)).join(', ')}</>;
  if (field === 'languages') return <>{v.split(', ').map((l) => languageName(l, i18n.locale)).join(', ')}</>;
  if (field === 'openpgp') return <code class="data">{v}</code>;
  return <span dir="auto">{v}</span>;
}

function DiffRowView({ row }: { row: DiffRow }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  if (row.kind === 'value') {
    return (
      <tr>
        <th scope="row">{t(fieldLabel[row.field] ?? 'form.invalid')}</th>
        <td>
          <ValueCell field={row.field} v={row.before} />
        </td>
        <td>
          <ValueCell field={row.field} v={row.after} />
        </td>
      </tr>
    );
  }
  if (row.kind === 'text') {
    return (
      <tr>
        <th scope="row">
          {t(textFieldKey[row.field])} ({languageName(row.lang, i18n.locale)})
        </th>
        <td>
          <TextCell v={row.before} />
        </td>
        <td>
          <TextCell v={row.after} />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{t('selfdesc.service')}</th>
      <td>
        <ServiceCell s={row.before} />
      </td>
      <td>
        <ServiceCell s={row.after} />
      </td>
    </tr>
  );
}

export function SelfDescReviewPage({ slug, name, view }: { slug: string; name: string; view: SelfDescView }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const base = `/orgs/${slug}/profile/selfdesc`;
  const pending = view.pending;
  return (
    <Layout title={t('selfdesc.reviewTitle', { org: name })}>
      <h1>{t('selfdesc.reviewTitle', { org: name })}</h1>
      <ProfileNav slug={slug} />
      {!pending ? (
        <EmptyState>{t('selfdesc.nothingPending')}</EmptyState>
      ) : (
        <>
          <p>
            {t('selfdesc.reviewIntro', { url: view.source?.url ?? '' })}{' '}
            <time datetime={pending.at.toISOString()}>{i18n.dateTime(pending.at)}</time>
            {pending.format === 'librehost' && <> {t('selfdesc.librehostNote')}</>}
          </p>
          {view.rows.length === 0 ? (
            <EmptyState>{t('selfdesc.noDifferences')}</EmptyState>
          ) : (
            <Table caption={t('selfdesc.diffCaption', { count: view.rows.length })} head={[t('selfdesc.field'), t('selfdesc.before'), t('selfdesc.after')]}>
              {view.rows.map((r) => (
                <DiffRowView row={r} />
              ))}
            </Table>
          )}
          <form method="post" action={`${base}/apply`} class="inline">
            <CsrfField />
            <input type="hidden" name="version" value={pending.hash} />
            <button type="submit">{t('selfdesc.apply')}</button>
          </form>{' '}
          <form method="post" action={`${base}/reject`} class="inline">
            <CsrfField />
            <input type="hidden" name="version" value={pending.hash} />
            <button type="submit" class="danger">
              {t('selfdesc.reject')}
            </button>
          </form>
        </>
      )}
      <p>
        <a href={`/orgs/${slug}/profile`}>{t('profile.back')}</a>
      </p>
    </Layout>
  );
}
