import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import * as svc from './federation.service.js';
import { createOrgSchema } from './federation.schemas.js';

const org = z.object({ id: z.string(), slug: z.string(), name: z.string(), createdAt: z.string() });
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) });
const toJson = (o: { id: string; slug: string; name: string; createdAt: Date }) => ({ id: o.id, slug: o.slug, name: o.name, createdAt: o.createdAt.toISOString() });

export async function federationApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/me',
    { schema: { tags: ['account'], response: { 200: z.object({ id: z.string(), email: z.string(), displayName: z.string(), fedRole: z.string().nullable(), memberships: z.array(z.object({ orgId: z.string(), role: z.string() })) }), 401: errorBody } } },
    async (req) => {
      const p = requirePerson(req);
      return { id: p.id, email: p.email, displayName: p.displayName, fedRole: p.fedRole, memberships: req.actor.kind === 'person' ? req.actor.memberships : [] };
    },
  );

  api.get(
    '/api/v1/orgs',
    { schema: { tags: ['federation'], querystring: z.object({ after: z.string().max(40).optional() }), response: { 200: z.object({ items: z.array(org), next: z.string().nullable() }), 401: errorBody } } },
    async (req) => {
      const { orgs, next } = await svc.listOrganisationsFor(deps, req.actor, { after: req.query.after });
      return { items: orgs.map(toJson), next: next ?? null };
    },
  );

  api.post(
    '/api/v1/orgs',
    { schema: { tags: ['federation'], body: createOrgSchema, response: { 201: org, 401: errorBody, 403: errorBody, 409: errorBody, 422: errorBody } } },
    async (req, reply) => {
      requirePerson(req);
      const created = await svc.createOrganisation(deps, req.actor, req.body);
      return reply.code(201).send(toJson(created));
    },
  );
}
