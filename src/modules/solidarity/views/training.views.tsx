// Managing a published training: edit it, cancel it (after a confirmation),
// add a translation of its title and description.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { TranslationFields, languageName, type TextVersion } from '../../../kernel/text/index.js';
import type { Training } from '../learning.service.js';
import type { TrainingForEditing } from '../trainings.service.js';
import { Instant } from './parts.js';

const back = (id: string) => `/learn/trainings/${id}`;

export function EditTrainingPage({ editing, state }: { editing: TrainingForEditing; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s: FormState = { ...state, values: { ...editing.values, ...state.values } };
  const id = editing.training.id;
  return (
    <Layout title={t('solidarity.training.edit')}>
      <h1>{t('solidarity.training.edit')}</h1>
      {editing.sourceLang && <p class="hint">{t('solidarity.training.editOriginal', { language: languageName(editing.sourceLang, i18n.locale) })}</p>}
      <p class="hint">{t('solidarity.training.editTells')}</p>
      <Form action={`/learn/trainings/${id}/edit`} state={s} submit={t('solidarity.training.save')}>
        <Field name="title" label={t('solidarity.request.title')} state={s} required maxLength={200} dir="auto" />
        <TextArea name="description" label={t('solidarity.training.description')} state={s} maxLength={10_000} />
        <Field name="startsAt" type="datetime-local" label={t('solidarity.training.starts')} state={s} required />
        <Field name="endsAt" type="datetime-local" label={t('solidarity.training.ends')} state={s} required />
        <Field name="timeZone" label={t('solidarity.training.timeZone')} hint={t('solidarity.training.timeZoneHint')} state={s} required maxLength={64} />
        <Field name="onlineUrl" type="url" label={t('solidarity.training.onlineUrl')} state={s} maxLength={500} />
        <Field name="place" label={t('solidarity.training.place')} state={s} maxLength={300} dir="auto" />
        <Field name="languages" label={t('solidarity.training.languages')} hint={t('solidarity.training.languagesHint')} state={s} required maxLength={200} />
        <Field name="capacity" label={t('solidarity.training.capacity')} hint={t('solidarity.training.capacityHint')} state={s} inputMode="numeric" maxLength={6} />
      </Form>
      <p>
        <a href={back(id)}>{t('form.cancel')}</a>
      </p>
    </Layout>
  );
}

export function CancelTrainingPage({ training, title, registered, state }: { training: Training; title: string; registered: number; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const error = state.errors.confirm ?? state.error;
  return (
    <Layout title={t('solidarity.training.cancel')}>
      <h1>{t('solidarity.training.cancel')}</h1>
      <p>
        <span dir="auto">{title}</span> · <Instant at={training.startsAt} />
      </p>
      <form method="post" action={`/learn/trainings/${training.id}/cancel`} class="confirm" novalidate>
        <CsrfField />
        <input type="hidden" name="confirm" value="yes" />
        {error && (
          <p class="form-error" role="alert">
            {i18n.tDynamic(error.key, error.values)}
          </p>
        )}
        <p>{t('solidarity.training.cancelQuestion', { count: registered })}</p>
        <TextArea name="reason" label={t('solidarity.training.cancelReason')} hint={t('solidarity.training.cancelReasonHint')} state={state} maxLength={2000} />
        <p>
          <button type="submit" class="danger">
            {t('solidarity.training.cancelConfirm')}
          </button>{' '}
          <a href={back(training.id)}>{t('solidarity.training.keep')}</a>
        </p>
      </form>
    </Layout>
  );
}

export function TranslateTrainingPage({ training, title, versions, state }: { training: Training; title: string; versions: TextVersion[]; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  return (
    <Layout title={t('solidarity.training.translate')}>
      <h1>{t('solidarity.training.translate')}</h1>
      <p>
        <span dir="auto">{title}</span>
      </p>
      <p class="hint">
        {t('solidarity.translate.languages', {
          list: versions.map((v) => languageName(v.lang, i18n.locale) + (v.isSource ? ` (${t('solidarity.translate.original')})` : '')).join(', '),
        })}
      </p>
      <Form action={`/learn/trainings/${training.id}/translate`} state={state} submit={t('solidarity.translate.submit')}>
        <Field name="title" label={t('solidarity.request.title')} state={state} required maxLength={200} dir="auto" />
        <TranslationFields state={state} bodyLabel={t('solidarity.training.description')} />
      </Form>
      <p>
        <a href={back(training.id)}>{t('form.cancel')}</a>
      </p>
    </Layout>
  );
}
