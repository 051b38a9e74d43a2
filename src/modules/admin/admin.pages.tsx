import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { AppError } from '../../kernel/errors.js';
import { isFedAdmin } from '../../kernel/auth/actor.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { Layout } from '../../kernel/views/layout.js';
import { useCtx } from '../../kernel/views/context.js';

function AdminHome() {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
    </Layout>
  );
}

export async function adminPages(app: FastifyInstance, _deps: Deps): Promise<void> {
  app.get('/admin', async (req, reply) => {
    requirePerson(req);
    if (!isFedAdmin(req.actor)) throw new AppError('FORBIDDEN', 403);
    return reply.page(<AdminHome />);
  });
}
