// The account pages for personal API tokens.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { parseInput } from '../http/forms.js';
import { emptyForm } from '../views/components/form.js';
import { requirePerson } from './auth.pages.js';
import * as svc from './tokens.service.js';
import { createTokenFormSchema, revokeTokenSchema } from './tokens.schemas.js';
import * as v from './tokens.views.js';

export async function tokenPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  const renderList = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    return <v.TokensPage tokens={await svc.listApiTokens(deps, req.actor)} state={state} max={svc.MAX_TOKENS} />;
  };
  app.get('/account/tokens', async (req, reply) => reply.page(await renderList(req)));
  app.post('/account/tokens', { config: { form: renderList } }, async (req, reply) => {
    requirePerson(req);
    const { token, secret } = await svc.createApiToken(deps, req.actor, parseInput(createTokenFormSchema, req.body));
    // Shown once, in this response (never cached: every response is no-store); only its hash is kept.
    return reply.page(<v.TokenCreatedPage token={token} secret={secret} baseUrl={deps.config.baseUrl} />);
  });

  const renderRevoke = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    return <v.RevokeTokenPage token={await svc.getApiToken(deps, req.actor, idOf(req))} state={state} />;
  };
  app.get('/account/tokens/:id/revoke', async (req, reply) => reply.page(await renderRevoke(req)));
  app.post('/account/tokens/:id/revoke', { config: { form: renderRevoke } }, async (req, reply) => {
    requirePerson(req);
    await svc.revokeApiToken(deps, req.actor, idOf(req), parseInput(revokeTokenSchema, req.body));
    return reply.seeOther('/account/tokens', { kind: 'ok', key: 'tokens.revoked' });
  });
}
