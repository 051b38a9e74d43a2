import { Layout } from '../views/layout.js';
import { useCtx } from '../views/context.js';
import { Field, Form, Select, type FormState } from '../views/components/form.js';
import { EmptyState, Table } from '../views/components/table.js';
import type { ApiTokenView } from './tokens.service.js';
import { TOKEN_EXPIRY_DAYS } from './tokens.schemas.js';

function When({ d }: { d: Date }) {
  const { i18n } = useCtx();
  return <time datetime={d.toISOString()}>{i18n.dateTime(d)}</time>;
}

export function TokensPage({ tokens, state, max }: { tokens: ApiTokenView[]; state: FormState; max: number }) {
  const { t } = useCtx().i18n;
  const values = { scope: 'read', expires: '90', ...state.values };
  const s = { ...state, values };
  return (
    <Layout title={t('tokens.title')}>
      <h1>{t('tokens.title')}</h1>
      <p>{t('tokens.intro')}</p>
      <p>
        <a href="/api/docs">{t('tokens.docs')}</a>
      </p>
      {tokens.length === 0 ? (
        <EmptyState>{t('tokens.empty')}</EmptyState>
      ) : (
        <Table
          caption={t('tokens.caption')}
          head={[t('tokens.name'), t('tokens.startsWith'), t('tokens.scope'), t('tokens.created'), t('tokens.expires'), t('tokens.lastUsed'), t('tokens.actions')]}
        >
          {tokens.map((tok) => (
            <tr>
              <td>
                <bdi>{tok.name}</bdi>
              </td>
              <td>
                <code>{tok.prefix}…</code>
              </td>
              <td>{tok.scopes.includes('write') ? t('tokens.scope.write') : t('tokens.scope.read')}</td>
              <td>
                <When d={tok.createdAt} />
              </td>
              <td>
                {tok.expiresAt ? <When d={tok.expiresAt} /> : t('tokens.never')}
                {tok.expired && <strong> ({t('tokens.expired')})</strong>}
              </td>
              <td>{tok.lastUsedAt ? <When d={tok.lastUsedAt} /> : t('tokens.neverUsed')}</td>
              <td>
                <a href={`/account/tokens/${tok.id}/revoke`} aria-label={t('tokens.revokeLabel', { name: tok.name })}>
                  {t('tokens.revoke')}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>{t('tokens.new')}</h2>
      <p class="hint">{t('tokens.limit', { max })}</p>
      <Form action="/account/tokens" state={s} submit={t('tokens.create')} class="narrow">
        <Field name="name" label={t('tokens.name')} hint={t('tokens.nameHint')} state={s} required maxLength={80} dir="auto" />
        <Select
          name="scope"
          label={t('tokens.scope')}
          state={s}
          options={[
            { value: 'read', label: t('tokens.scope.readHint') },
            { value: 'write', label: t('tokens.scope.writeHint') },
          ]}
        />
        <Select
          name="expires"
          label={t('tokens.expires')}
          state={s}
          options={[
            ...TOKEN_EXPIRY_DAYS.map((d) => ({ value: String(d), label: t('tokens.expiresIn', { days: d }) })),
            { value: 'never', label: t('tokens.never') },
          ]}
        />
        <Field name="current" type="password" label={t('auth.currentPassword')} state={s} autocomplete="current-password" required />
      </Form>
    </Layout>
  );
}

export function TokenCreatedPage({ token, secret, baseUrl }: { token: ApiTokenView; secret: string; baseUrl: string }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('tokens.createdTitle')}>
      <h1>{t('tokens.createdTitle')}</h1>
      <p class="notice">{t('tokens.createdIntro', { name: token.name })}</p>
      <p>
        <label for="token-secret">{t('tokens.secret')}</label>
        <input id="token-secret" type="text" readonly value={secret} class="wide" autocomplete="off" spellcheck={false} />
      </p>
      <p>{t('tokens.usage')}</p>
      <pre>
        <code>{`curl -H "Authorization: Bearer ${secret}" ${baseUrl}/api/v1/me`}</code>
      </pre>
      <p>
        <a href="/account/tokens">{t('tokens.createdDone')}</a>
      </p>
    </Layout>
  );
}

export function RevokeTokenPage({ token, state }: { token: ApiTokenView; state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('tokens.revokeTitle')}>
      <h1>{t('tokens.revokeTitle')}</h1>
      <Form action={`/account/tokens/${token.id}/revoke`} state={state} submit={t('tokens.revoke')} class="narrow confirm">
        <p>{t('tokens.revokeConfirm', { name: token.name, prefix: token.prefix })}</p>
        <Field name="current" type="password" label={t('auth.currentPassword')} state={state} autocomplete="current-password" required />
      </Form>
      <p>
        <a href="/account/tokens">{t('form.cancel')}</a>
      </p>
    </Layout>
  );
}
