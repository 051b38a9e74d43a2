// JSON routes of member profiles and their translations. GET is public (the
// same data as /orgs/{slug}.json); changes need the organisation's admins.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { AppError } from '../../kernel/errors.js';
import { memberDoc } from './directory.schemas.js';
import { memberDocument } from './directory.service.js';
import { profileApiSchema, TEXT_FIELDS } from './profile.schemas.js';
import * as svc from './profile.service.js';
import { translationSchema } from '../../kernel/text/index.js';

const slugParams = z.object({ slug: z.string().min(1).max(40) });

/** The member document of an organisation (a moved slug is followed). */
async function documentOf(deps: Deps, actor: Parameters<typeof memberDocument>[1], slug: string) {
  const doc = await memberDocument(deps, actor, slug);
  if ('movedTo' in doc) return documentOf(deps, actor, doc.movedTo);
  return JSON.parse(doc.body.toString('utf8')) as z.infer<typeof memberDoc>;
}

const translationBody = z.object({
  field: z.enum(TEXT_FIELDS),
  lang: translationSchema.shape.lang,
  body: z.string().trim().min(1).max(10_000),
  translator: z.string().trim().max(120).nullable().default(null),
  machine: z.boolean().default(false),
});

export async function profileApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/orgs/:slug/profile',
    {
      schema: {
        tags: ['federation'],
        summary: "A member's public profile",
        description: 'The same document as /orgs/{slug}.json (described by /schemas/federation-v1.json#/$defs/member).',
        security: optionalAuth,
        params: slugParams,
        response: { 200: memberDoc, ...errors(404) },
      },
    },
    async (req) => documentOf(deps, req.actor, req.params.slug),
  );

  api.put(
    '/api/v1/orgs/:slug/profile',
    {
      schema: {
        tags: ['federation'],
        summary: 'Replace the profile (org-admins of that organisation, federation admins)',
        description:
          'Every field is replaced; summary and description are the original texts in sourceLang (translations are kept). ' +
          'Unknown country or language codes, a slug in use, non-http(s) addresses and OpenPGP keys that do not parse, are expired or revoked are refused with 422/409 and change nothing.',
        params: slugParams,
        body: profileApiSchema,
        response: { 200: memberDoc, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      // Authorization before the body is judged any further.
      await svc.getEditableOrganisation(deps, req.actor, req.params.slug);
      const org = await svc.updateProfile(deps, req.actor, req.params.slug, req.body);
      return documentOf(deps, req.actor, org.slug);
    },
  );

  api.put(
    '/api/v1/orgs/:slug/profile/translations',
    {
      schema: {
        tags: ['federation'],
        summary: 'Add or replace a translation of the summary or the description',
        params: slugParams,
        body: translationBody,
        response: { 200: memberDoc, ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.saveTranslation(deps, req.actor, req.params.slug, req.body);
      return documentOf(deps, req.actor, req.params.slug);
    },
  );

  api.delete(
    '/api/v1/orgs/:slug/profile/translations/:field/:lang',
    {
      schema: {
        tags: ['federation'],
        summary: 'Remove a translation (never the original)',
        params: slugParams.extend({ field: z.string().max(20), lang: z.string().max(10) }),
        response: { 204: z.null().describe('Removed'), ...errors(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      // Authorization first: the field name is judged only for those who may change the profile.
      await svc.getEditableOrganisation(deps, req.actor, req.params.slug);
      const field = TEXT_FIELDS.find((f) => f === req.params.field);
      if (!field) throw new AppError('PROFILE_TRANSLATION_NOT_FOUND', 404);
      await svc.removeTranslation(deps, req.actor, req.params.slug, field, req.params.lang.toLowerCase());
      return reply.code(204).send(null);
    },
  );
}
