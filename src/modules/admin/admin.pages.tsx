import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { AppError } from '../../kernel/errors.js';
import { isFedAdmin } from '../../kernel/auth/actor.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { Layout } from '../../kernel/views/layout.js';
import { useCtx } from '../../kernel/views/context.js';
import type { MessageKey } from '../../kernel/i18n/i18n.js';

const sections: { href: string; title: MessageKey; hint: MessageKey }[] = [
  { href: '/admin/people', title: 'admin.home.people', hint: 'admin.home.peopleHint' },
  { href: '/admin/audit', title: 'admin.home.audit', hint: 'admin.home.auditHint' },
  { href: '/admin/jobs', title: 'admin.home.jobs', hint: 'admin.home.jobsHint' },
];

function AdminHome() {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
      <p>{t('admin.home.intro')}</p>
      <ul class="cards">
        {sections.map((s) => (
          <li>
            <h2>
              <a href={s.href}>{t(s.title)}</a>
            </h2>
            <p class="hint">{t(s.hint)}</p>
          </li>
        ))}
      </ul>
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
