// What a respondent sees: the form in the campaign's languages, the privacy
// promise in plain words, and the thank-you page. These pages set no cookie:
// no CSRF field (the form carries its own signed token), a language picker of
// plain links, and nothing loaded from anywhere but this site.
import { h } from 'preact';
import { Layout, type LanguageLink } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import type { FormState } from '../../../kernel/views/components/form.js';
import { Markdown } from '../../../kernel/views/components/markdown.js';
import { LocalText, findLanguage, languageName, type PickedText } from '../../../kernel/text/index.js';
import { ANSWER_MAX } from '../voices.schemas.js';
import { HONEYPOT_FIELD, TOKEN_FIELD, fieldOf, type FormQuestion, type RespondentForm } from '../voices.service.js';
import { POW_FIELD } from '../voices.pow.js';

export type RawValues = Record<string, string | string[]>;

const keyQuery = (key: string | undefined, first: boolean) => (key ? `${first ? '?' : '&'}k=${encodeURIComponent(key)}` : '');

export function languageLinks(path: string, languages: readonly string[], current: string, key: string | undefined): LanguageLink[] {
  return languages.map((code) => ({
    code,
    name: findLanguage(code)?.name ?? code,
    href: `${path}?lang=${code}${keyQuery(key, false)}`,
    current: code === current,
  }));
}

export function campaignTitle(title: PickedText | undefined, inbox: boolean, org: { name: string } | undefined, t: (k: 'voices.inbox.title', v: { org: string }) => string): string {
  if (inbox) return t('voices.inbox.title', { org: org?.name ?? '' });
  return title?.body ?? '';
}

/** The promise, in the respondent's interface language. Every sentence is kept by the code (docs/voices.md). */
export function PrivacyPromise({ org }: { org: string | undefined }) {
  const { t } = useCtx().i18n;
  return (
    <section class="notice" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('voices.privacy.title')}</h2>
      <ul>
        <li>{t('voices.privacy.noAddress')}</li>
        <li>{t('voices.privacy.noCookies')}</li>
        <li>{t('voices.privacy.noAccount')}</li>
        <li>{t('voices.privacy.hourOnly')}</li>
        <li>{org ? t('voices.privacy.readers', { org }) : t('voices.privacy.readersFederation')}</li>
        <li>{t('voices.privacy.limits')}</li>
      </ul>
    </section>
  );
}

function Prompt({ fq, inbox }: { fq: FormQuestion; inbox: boolean }) {
  const { t } = useCtx().i18n;
  if (inbox && !fq.prompt) return <>{t('voices.inbox.prompt')}</>;
  return (
    <span lang={fq.prompt?.lang} dir="auto">
      {fq.prompt?.body}
    </span>
  );
}

function QuestionField({ fq, state, values, inbox, n }: { fq: FormQuestion; state: FormState | undefined; values: RawValues; inbox: boolean; n: number }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const q = fq.question;
  const name = fieldOf(q.id);
  const id = `f-${name}`;
  const error = state?.errors[name];
  const errorNode = error && (
    <p class="error" id={`${id}-error`}>
      {i18n.tDynamic(error.key, error.values)}
    </p>
  );
  const given = values[name];
  const picked = new Set(Array.isArray(given) ? given : given !== undefined ? [given] : []);
  const required = q.required ? <span class="hint"> ({t('voices.form.required')})</span> : <span class="hint"> ({t('voices.form.optional')})</span>;
  if (q.kind === 'text') {
    return (
      <div class={error ? 'field field-error' : 'field'}>
        <label for={id}>
          {n}. <Prompt fq={fq} inbox={inbox} />
          {required}
        </label>
        {errorNode}
        <textarea id={id} name={name} maxLength={ANSWER_MAX} dir="auto" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          {typeof given === 'string' ? given : ''}
        </textarea>
      </div>
    );
  }
  const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
  const options =
    q.kind === 'scale'
      ? ['1', '2', '3', '4', '5'].map((p) => ({ value: p, label: p === '1' && fq.low ? `1 — ${fq.low.body}` : p === '5' && fq.high ? `5 — ${fq.high.body}` : p, lang: p === '1' ? fq.low?.lang : p === '5' ? fq.high?.lang : undefined }))
      : fq.choices.map((c) => ({ value: c.id, label: c.label?.body ?? '', lang: c.label?.lang }));
  return (
    <fieldset class={error ? 'field field-error' : 'field'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {n}. <Prompt fq={fq} inbox={inbox} />
        {required}
      </legend>
      {q.kind === 'multiple' && <p class="hint">{t('voices.form.pickAny')}</p>}
      {q.kind === 'scale' && <p class="hint">{t('voices.form.scaleHint')}</p>}
      {errorNode}
      <ul class="choices">
        {options.map((o, i) => (
          <li>
            <input type={type} id={`${id}-${i}`} name={name} value={o.value} checked={picked.has(o.value)} />
            <label for={`${id}-${i}`} lang={o.lang} dir="auto">
              {o.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function RespondPage({ form, state, values, action, powScript }: { form: RespondentForm; state?: FormState | undefined; values: RawValues; action: string; powScript: string }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const inbox = form.campaign.kind === 'inbox';
  const title = campaignTitle(form.title, inbox, form.org, t);
  const links = form.campaign.languages.length > 1 || form.unavailable ? languageLinks(action, form.campaign.languages, form.lang, form.key) : undefined;
  const errorCount = state ? Object.keys(state.errors).length : 0;
  return (
    <Layout title={title} languages={links}>
      <h1 lang={inbox ? undefined : form.title?.lang} dir="auto">
        {title}
      </h1>
      {form.org && !inbox && <p class="hint">{t('voices.form.by', { org: form.org.name })}</p>}
      {form.unavailable && (
        <p class="notice" role="status">
          {t('voices.form.languageMissing', { asked: languageName(form.unavailable, i18n.locale), shown: languageName(form.lang, i18n.locale) })}
        </p>
      )}
      {inbox ? <p>{t('voices.inbox.intro', { org: form.org?.name ?? '' })}</p> : form.intro && <Markdown text={form.intro.body} lang={form.intro.lang} dir="auto" />}
      {form.campaign.languages.length > 1 && (
        <nav aria-label={t('voices.form.languages')}>
          <p>
            {t('voices.form.languages')}:{' '}
            {languageLinks(action, form.campaign.languages, form.lang, form.key).map((l, i) => (
              <>
                {i > 0 && ' · '}
                <a href={l.href} lang={l.code} hreflang={l.code} aria-current={l.current ? 'true' : undefined}>
                  {l.name}
                </a>
              </>
            ))}
          </p>
        </nav>
      )}
      <PrivacyPromise org={form.org?.name} />
      {!form.open ? (
        <p class="notice" role="status">
          {t('voices.form.closed')}
        </p>
      ) : null}
      {form.open || state ? (
        <form method="post" action={`${action}${keyQuery(form.key, true)}`} novalidate data-pow={form.pow ? JSON.stringify(form.pow) : undefined}>
          {state?.error && (
            <p class="form-error" role="alert">
              {i18n.tDynamic(state.error.key, state.error.values)}
            </p>
          )}
          {errorCount > 0 && !state?.error && (
            <p class="form-error" role="alert">
              {t('form.fixErrors', { count: errorCount })}
            </p>
          )}
          {state && <p class="hint">{t('voices.form.kept')}</p>}
          <input type="hidden" name={TOKEN_FIELD} value={form.token} />
          <input type="hidden" name="lang" value={form.lang} />
          {/* The spam trap: off screen and out of the tab order; people leave it empty. */}
          <div class="hp" aria-hidden="true">
            <label for="f-homepage">{t('admission.field.trap')}</label>
            <input id="f-homepage" name={HONEYPOT_FIELD} type="text" tabindex={-1} autocomplete="off" value="" />
          </div>
          {form.questions.map((fq, i) => (
            <QuestionField fq={fq} state={state} values={values} inbox={inbox} n={i + 1} />
          ))}
          {form.pow && (
            <>
              <input type="hidden" name={POW_FIELD} value="" />
              <p id="pow-status" class="hint" aria-live="polite" data-working={t('voices.pow.working')} data-done={t('voices.pow.done')}>
                {t('voices.pow.without')}
              </p>
            </>
          )}
          {form.open && (
            <p>
              <button type="submit">{t('voices.form.send')}</button>
            </p>
          )}
        </form>
      ) : null}
      {/* The optional proof of work: a file from this site (allowed by the CSP), never inline code. */}
      {form.pow && h('script', { src: powScript, defer: true })}
      <p>
        <a href={`/voices/${form.campaign.id}/report?lang=${form.lang}`}>{t('voices.form.seeReport')}</a>
      </p>
    </Layout>
  );
}

export function ThanksPage({ campaignId, pending, lang, languages }: { campaignId: string; pending: boolean; lang: string; languages: LanguageLink[] | undefined }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('voices.thanks.title')} languages={languages}>
      <h1>{t('voices.thanks.title')}</h1>
      <p role="status">{t('voices.thanks.received')}</p>
      {pending && <p>{t('voices.thanks.pending')}</p>}
      <p>{t('voices.thanks.nothingKept')}</p>
      <p>
        <a href={`/voices/${campaignId}/report?lang=${lang}`}>{t('voices.form.seeReport')}</a>
      </p>
    </Layout>
  );
}

export { LocalText };
