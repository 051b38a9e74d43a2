// Showing a multilingual text, and the form fields for adding a translation.
// The body is tagged with its own language and dir="auto", so screen readers
// pronounce it right and right-to-left text lays out right inside any page.
// Notes about the text (fallback, credit) are in the reader's interface language,
// outside that tag.
import type { FormState } from '../views/components/form.js';
import { Select, TextArea, Field } from '../views/components/form.js';
import { Markdown } from '../views/components/markdown.js';
import { useCtx } from '../views/context.js';
import { languageName, languageOptions } from './languages.js';
import { TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH, type PickedText } from './text.service.js';

export function LocalText({ value, markdown = false, inline = false }: { value: PickedText | undefined; markdown?: boolean; inline?: boolean }) {
  if (!value) return null;
  if (inline) {
    return (
      <span class="local-text">
        <span lang={value.lang} dir="auto">
          {value.body}
        </span>
        <TextNotes value={value} inline />
      </span>
    );
  }
  return (
    <div class="local-text">
      {markdown ? (
        <Markdown text={value.body} lang={value.lang} dir="auto" />
      ) : (
        <p lang={value.lang} dir="auto" class="text-body">
          {value.body}
        </p>
      )}
      <TextNotes value={value} inline={false} />
    </div>
  );
}

function TextNotes({ value, inline }: { value: PickedText; inline: boolean }) {
  const { i18n } = useCtx();
  const Tag = inline ? 'small' : 'p';
  const fallback = value.fallback ? (
    <Tag class="text-note">{i18n.t('text.fallback', { language: languageName(value.lang, i18n.locale), reader: languageName(i18n.locale, i18n.locale) })}</Tag>
  ) : null;
  // Machine translations are credited apart from people's work, never as a person.
  let credit = null;
  if (!value.isSource && value.machine) {
    credit = <Tag class="text-credit text-credit-machine">{value.translator ? i18n.t('text.machineBy', { name: value.translator }) : i18n.t('text.machine')}</Tag>;
  } else if (!value.isSource && value.translator) {
    credit = <Tag class="text-credit">{i18n.t('text.translatedBy', { name: value.translator })}</Tag>;
  }
  return (
    <>
      {fallback}
      {credit}
    </>
  );
}

/**
 * Language, body, translator and machine-translation fields, to place inside a
 * <Form>. Parse what they post with translationSchema. Whoever renders this has
 * already decided the person may edit the text.
 */
export function TranslationFields({ state, bodyLabel, lang }: { state?: FormState | undefined; bodyLabel?: string; lang?: string }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  const options = [{ value: '', label: t('text.form.chooseLanguage') }, ...languageOptions(i18n.locale)];
  const machine = state ? state.values.machine === 'yes' : false;
  return (
    <fieldset class="translation-fields">
      <legend>{t('text.form.legend')}</legend>
      <Select name="lang" label={t('text.form.language')} hint={t('text.form.languageHint')} options={options} state={state} value={lang ?? ''} />
      <TextArea name="body" label={bodyLabel ?? t('text.form.body')} state={state} maxLength={TEXT_MAX_LENGTH} />
      <Field name="translator" label={t('text.form.translator')} hint={t('text.form.translatorHint')} state={state} maxLength={TRANSLATOR_MAX_LENGTH} />
      <div class="field">
        <input type="checkbox" id="f-machine" name="machine" value="yes" checked={machine} /> <label for="f-machine">{t('text.form.machine')}</label>
      </div>
    </fieldset>
  );
}
