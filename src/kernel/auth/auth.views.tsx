import { Layout } from '../views/layout.js';
import { useCtx } from '../views/context.js';
import { Field, Form, Select, type FormState, emptyForm } from '../views/components/form.js';
import { locales } from '../i18n/i18n.js';
import type { Person } from './actor.js';

export function LoginPage({ state, next, mailEnabled }: { state: FormState; next: string; mailEnabled: boolean }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('auth.login.title')}>
      <h1>{t('auth.login.title')}</h1>
      <Form action={`/login?next=${encodeURIComponent(next)}`} state={state} submit={t('auth.login.submit')} class="narrow">
        <Field name="email" type="email" label={t('auth.email')} state={state} autocomplete="username" required maxLength={254} />
        <Field name="password" type="password" label={t('auth.password')} state={state} autocomplete="current-password" required />
      </Form>
      <p>{mailEnabled ? <a href="/password/forgot">{t('auth.login.forgot')}</a> : t('auth.login.forgotNoMail')}</p>
    </Layout>
  );
}

export function SecondFactorPage({ state, next }: { state: FormState; next: string }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('auth.mfa.title')}>
      <h1>{t('auth.mfa.title')}</h1>
      <Form action={`/login/2fa?next=${encodeURIComponent(next)}`} state={state} submit={t('auth.mfa.submit')} class="narrow">
        <Field
          name="code"
          label={t('auth.mfa.code')}
          hint={t('auth.mfa.hint')}
          state={state}
          autocomplete="one-time-code"
          inputMode="numeric"
          required
          maxLength={20}
        />
      </Form>
    </Layout>
  );
}

export function SetupPage({ token, state }: { token: string; state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('auth.setup.title')}>
      <h1>{t('auth.setup.title')}</h1>
      <p>{t('auth.setup.intro')}</p>
      <Form action={`/setup/${token}`} state={state} submit={t('auth.setup.submit')} class="narrow">
        <Field name="displayName" label={t('auth.displayName')} state={state} autocomplete="name" required maxLength={100} />
        <Field name="email" type="email" label={t('auth.email')} state={state} autocomplete="username" required maxLength={254} />
        <Field name="password" type="password" label={t('auth.password')} hint={t('auth.passwordHint')} state={state} autocomplete="new-password" required />
      </Form>
    </Layout>
  );
}

export function AccountPage({ person, state, sessions }: { person: Person; state: FormState; sessions: number }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const values = {
    displayName: person.displayName,
    pronouns: person.pronouns ?? '',
    locale: person.locale ?? i18n.locale,
    timeZone: person.timeZone ?? i18n.timeZone,
    ...state.values,
  };
  const s = { ...state, values };
  return (
    <Layout title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <p>{t('account.signedInAs', { email: person.email })}</p>
      <h2>{t('account.profile')}</h2>
      <Form action="/account" state={s} submit={t('form.save')} class="narrow">
        <Field name="displayName" label={t('auth.displayName')} state={s} autocomplete="name" required maxLength={100} />
        <Field name="pronouns" label={t('account.pronouns')} hint={t('account.pronounsHint')} state={s} maxLength={40} />
        <Select name="locale" label={t('account.language')} state={s} options={locales.map((l) => ({ value: l.code, label: l.name }))} />
        {/* A text field, not a 400-option list: pages stay small on slow links. */}
        <Field name="timeZone" label={t('account.timeZone')} hint={t('account.timeZoneHint')} state={s} required maxLength={64} />
      </Form>
      <h2>{t('account.security')}</h2>
      <ul>
        <li>
          <a href="/account/password">{t('account.changePassword')}</a>
        </li>
        <li>
          <a href="/account/email">{t('account.changeEmail')}</a>
        </li>
        <li>
          <a href="/account/2fa">{person.totpEnabled ? t('account.2faOn') : t('account.2faOff')}</a>
        </li>
        <li>
          <a href="/account/sessions">{t('account.sessions', { count: sessions })}</a>
        </li>
        <li>
          <a href="/account/tokens">{t('account.tokens')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function PasswordPage({ state }: { state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('account.changePassword')}>
      <h1>{t('account.changePassword')}</h1>
      <Form action="/account/password" state={state} submit={t('account.changePassword')} class="narrow">
        <Field name="current" type="password" label={t('auth.currentPassword')} state={state} autocomplete="current-password" required />
        <Field name="password" type="password" label={t('auth.newPassword')} hint={t('auth.passwordHint')} state={state} autocomplete="new-password" required />
        <div class="field">
          <input type="checkbox" id="f-keepSession" name="keepSession" value="yes" checked={state.values.keepSession === 'yes'} />{' '}
          <label for="f-keepSession">{t('account.keepSession')}</label>
        </div>
      </Form>
    </Layout>
  );
}

export function EmailPage({ state, email }: { state: FormState; email: string }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('account.changeEmail')}>
      <h1>{t('account.changeEmail')}</h1>
      <p>{t('account.currentEmail', { email })}</p>
      <Form action="/account/email" state={state} submit={t('account.changeEmail')} class="narrow">
        <Field name="email" type="email" label={t('auth.newEmail')} state={state} autocomplete="email" required maxLength={254} />
        <Field name="current" type="password" label={t('auth.currentPassword')} state={state} autocomplete="current-password" required />
      </Form>
    </Layout>
  );
}

export function TwoFactorPage({
  person,
  secret,
  uri,
  state,
  remaining,
  required,
}: {
  person: Person;
  secret?: string | undefined;
  uri?: string | undefined;
  state: FormState;
  remaining: number;
  required: boolean;
}) {
  const { t } = useCtx().i18n;
  if (!person.totpEnabled) {
    return (
      <Layout title={t('twofa.title')}>
        <h1>{t('twofa.title')}</h1>
        {required && <p class="notice">{t('twofa.required')}</p>}
        <ol>
          <li>{t('twofa.step1')}</li>
          <li>
            {t('twofa.step2')}
            <p>
              <code class="secret" aria-label={t('twofa.secretLabel')}>
                {secret?.replace(/(.{4})/g, '$1 ').trim()}
              </code>
            </p>
            <p>
              <a href={uri}>{t('twofa.openApp')}</a>
            </p>
          </li>
          <li>{t('twofa.step3')}</li>
        </ol>
        <Form action="/account/2fa/confirm" state={state} submit={t('twofa.enable')} class="narrow">
          <Field name="code" label={t('auth.mfa.code')} state={state} autocomplete="one-time-code" inputMode="numeric" required maxLength={10} />
          <Field name="current" type="password" label={t('auth.currentPassword')} state={state} autocomplete="current-password" required />
        </Form>
      </Layout>
    );
  }
  return (
    <Layout title={t('twofa.title')}>
      <h1>{t('twofa.title')}</h1>
      <p>{t('twofa.enabled')}</p>
      <p>{t('twofa.remaining', { count: remaining })}</p>
      <h2>{t('twofa.newCodes')}</h2>
      <Form action="/account/2fa/recovery" state={emptyForm()} submit={t('twofa.newCodes')} class="narrow">
        <Field name="current" type="password" label={t('auth.currentPassword')} autocomplete="current-password" required />
      </Form>
      {!required && (
        <>
          <h2>{t('twofa.disable')}</h2>
          <Form action="/account/2fa/disable" state={state} submit={t('twofa.disable')} class="narrow">
            <Field name="code" label={t('auth.mfa.code')} state={state} autocomplete="one-time-code" required maxLength={20} />
            <Field name="current" type="password" label={t('auth.currentPassword')} state={state} autocomplete="current-password" required />
          </Form>
        </>
      )}
    </Layout>
  );
}

export function RecoveryCodesPage({ codes }: { codes: string[] }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('twofa.codesTitle')}>
      <h1>{t('twofa.codesTitle')}</h1>
      <p>{t('twofa.codesIntro')}</p>
      <ul class="codes">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/account">{t('twofa.codesDone')}</a>
      </p>
    </Layout>
  );
}

export function SessionsPage({ count }: { count: number }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('sessions.title')}>
      <h1>{t('sessions.title')}</h1>
      <p>{t('sessions.count', { count })}</p>
      <Form action="/account/sessions/end" submit={t('sessions.endOthers')} class="narrow">
        <p>{t('sessions.explain')}</p>
      </Form>
    </Layout>
  );
}

export function ForgotPage({ state, mailEnabled }: { state: FormState; mailEnabled: boolean }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('reset.forgotTitle')}>
      <h1>{t('reset.forgotTitle')}</h1>
      {mailEnabled ? (
        <Form action="/password/forgot" state={state} submit={t('reset.send')} class="narrow">
          <Field name="email" type="email" label={t('auth.email')} state={state} autocomplete="email" required maxLength={254} />
        </Form>
      ) : (
        <p>{t('reset.noMail')}</p>
      )}
    </Layout>
  );
}

export function ResetPage({ token, state, valid }: { token: string; state: FormState; valid: boolean }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('reset.title')}>
      <h1>{t('reset.title')}</h1>
      {valid ? (
        <Form action={`/password/reset/${token}`} state={state} submit={t('reset.submit')} class="narrow">
          <Field name="password" type="password" label={t('auth.newPassword')} hint={t('auth.passwordHint')} state={state} autocomplete="new-password" required />
        </Form>
      ) : (
        <p>
          {t('error.RESET_TOKEN_INVALID')} <a href="/password/forgot">{t('reset.again')}</a>
        </p>
      )}
    </Layout>
  );
}
