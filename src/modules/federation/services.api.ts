// JSON routes of the services a member offers. Listing is public; changes need
// the organisation's admins.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { AppError } from '../../kernel/errors.js';
import * as orgRepo from './federation.repository.js';
import { canSeePublicProfile } from './profile.policy.js';
import { getEditableOrganisation } from './profile.service.js';
import { getService, listServices, type Service } from './services.repository.js';
import { REGISTRATION_POLICIES, SERVICE_KINDS, SERVICE_STATUSES, serviceApiSchema } from './services.schemas.js';
import * as svc from './services.service.js';

const service = z.object({
  id: z.string(),
  kind: z.enum(SERVICE_KINDS),
  name: z.string(),
  url: z.string(),
  software: z.string().nullable(),
  softwareVersion: z.string().nullable(),
  registration: z.enum(REGISTRATION_POLICIES),
  countries: z.array(z.string()),
  status: z.enum(SERVICE_STATUSES),
  updatedAt: z.string(),
});

const toJson = (s: Service) => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  url: s.url,
  software: s.software,
  softwareVersion: s.softwareVersion,
  registration: s.registration,
  countries: s.countries,
  status: s.status,
  updatedAt: s.updatedAt.toISOString(),
});

const slugParams = z.object({ slug: z.string().min(1).max(40) });
const serviceParams = slugParams.extend({ id: z.string().min(1).max(40) });

export async function servicesApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/orgs/:slug/services',
    {
      schema: {
        tags: ['federation'],
        summary: 'The services a member offers',
        security: optionalAuth,
        params: slugParams,
        response: { 200: z.object({ items: z.array(service) }), ...errors(404) },
      },
    },
    async (req) => {
      const org = await orgRepo.getOrganisationBySlug(deps.db, req.params.slug);
      if (!canSeePublicProfile(req.actor, org)) throw new AppError('ORG_NOT_FOUND', 404);
      return { items: (await listServices(deps.db, org.id)).map(toJson) };
    },
  );

  api.get(
    '/api/v1/orgs/:slug/services/:id',
    {
      schema: {
        tags: ['federation'],
        summary: 'One service of a member',
        security: optionalAuth,
        params: serviceParams,
        response: { 200: service, ...errors(404) },
      },
    },
    async (req) => {
      const org = await orgRepo.getOrganisationBySlug(deps.db, req.params.slug);
      if (!canSeePublicProfile(req.actor, org)) throw new AppError('ORG_NOT_FOUND', 404);
      return toJson(await getService(deps.db, org.id, req.params.id));
    },
  );

  api.post(
    '/api/v1/orgs/:slug/services',
    {
      schema: {
        tags: ['federation'],
        summary: 'Add a service (org-admins of that organisation, federation admins)',
        params: slugParams,
        body: serviceApiSchema,
        response: { 201: service, ...errors(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const created = await svc.createService(deps, req.actor, req.params.slug, req.body);
      return reply.code(201).send(toJson(created));
    },
  );

  api.put(
    '/api/v1/orgs/:slug/services/:id',
    {
      schema: {
        tags: ['federation'],
        summary: 'Replace a service',
        params: serviceParams,
        body: serviceApiSchema,
        response: { 200: service, ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await getEditableOrganisation(deps, req.actor, req.params.slug);
      return toJson(await svc.updateService(deps, req.actor, req.params.slug, req.params.id, req.body));
    },
  );

  api.delete(
    '/api/v1/orgs/:slug/services/:id',
    {
      schema: {
        tags: ['federation'],
        summary: 'Remove a service',
        params: serviceParams,
        response: { 204: z.null().describe('Removed'), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      await svc.deleteService(deps, req.actor, req.params.slug, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
