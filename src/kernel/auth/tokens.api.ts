// Personal API tokens over JSON. Creating and revoking need a browser session
// and the current password; a token may list its owner's tokens.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { errors } from '../http/openapi.js';
import { requirePerson } from './auth.pages.js';
import * as svc from './tokens.service.js';
import { createTokenApiSchema, revokeTokenSchema } from './tokens.schemas.js';

const token = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the secret'),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
  expired: z.boolean(),
});

const toJson = (t: svc.ApiTokenView) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expired: t.expired,
});

export async function tokenApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Your API tokens (never their secrets)',
        response: { 200: z.object({ items: z.array(token) }), ...errors(401, 403) },
      },
    },
    async (req) => {
      requirePerson(req);
      return { items: (await svc.listApiTokens(deps, req.actor)).map(toJson) };
    },
  );

  api.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Create a token; its secret is in this response only',
        description: 'Needs a browser session (a token cannot create tokens: 403 TOKEN_SESSION_REQUIRED) and the current password.',
        security: [{ sessionCookie: [] }],
        body: createTokenApiSchema,
        response: { 201: z.object({ token, secret: z.string().describe('Shown once; only its SHA-256 is stored') }), ...errors(401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const { token: created, secret } = await svc.createApiToken(deps, req.actor, req.body);
      return reply.code(201).send({ token: toJson(created), secret });
    },
  );

  api.post(
    '/api/v1/tokens/:id/revoke',
    {
      schema: {
        tags: ['account'],
        summary: 'Revoke a token: it stops working at once',
        description: 'Needs a browser session and the current password.',
        security: [{ sessionCookie: [] }],
        params: z.object({ id: z.string().max(40) }),
        body: revokeTokenSchema,
        response: { 200: z.object({ id: z.string(), revoked: z.literal(true) }), ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.revokeApiToken(deps, req.actor, req.params.id, req.body);
      return { id: req.params.id, revoked: true as const };
    },
  );
}
