import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { Layout } from '../../kernel/views/layout.js';
import { useCtx } from '../../kernel/views/context.js';
import { listOrganisationsOf } from '../federation/index.js';
import type { Organisation } from '../federation/federation.repository.js';

function HomePage({ orgs }: { orgs: Organisation[] | undefined }) {
  const { i18n, actor } = useCtx();
  const { t } = i18n;
  return (
    <Layout title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {actor.kind === 'person' ? (
        <>
          <p>{t('home.welcome', { name: actor.person.displayName })}</p>
          <h2>{t('home.yourOrgs')}</h2>
          {orgs && orgs.length > 0 ? (
            <ul>
              {orgs.map((o) => (
                <li>
                  <a href={`/orgs/${o.slug}`}>{o.name}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t('home.noOrgs')}</p>
          )}
        </>
      ) : (
        <p>
          <a href="/login">{t('nav.signIn')}</a>
        </p>
      )}
    </Layout>
  );
}

export async function homePages(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get('/', async (req, reply) => {
    const orgs = req.actor.kind === 'person' ? await listOrganisationsOf(deps, req.actor) : undefined;
    return reply.page(<HomePage orgs={orgs} />);
  });
}
