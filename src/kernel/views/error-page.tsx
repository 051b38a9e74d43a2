import { Layout } from './layout.js';
import { useCtx } from './context.js';

export function ErrorPage({ status, message, requestId }: { status: number; message: string; requestId?: string | undefined }) {
  const { t } = useCtx().i18n;
  const title = status === 404 ? t('error.page.notFound') : status === 403 ? t('error.page.forbidden') : t('error.page.title');
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {requestId && <p class="hint">{t('error.page.requestId', { id: requestId })}</p>}
      <p>
        <a href="/">{t('error.page.home')}</a>
      </p>
    </Layout>
  );
}
