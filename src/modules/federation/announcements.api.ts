// Announcements over JSON. Reading is public (drafts only for their editors);
// writing needs a session or a token with the write scope.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isLanguage } from '../../kernel/text/index.js';
import * as svc from './announcements.service.js';
import { announcementTranslationApiSchema, editAnnouncementSchema, newAnnouncementApiSchema } from './announcements.schemas.js';

const tags = ['announcements'];
const langQuery = z.string().max(10).optional().describe("The reader's language (ISO 639-1); the source language where no translation exists");
const idParams = z.object({ id: z.string().max(40) });

const text = z.object({
  lang: z.string().describe('The language shown'),
  fallback: z.boolean().describe('True when the asked language is missing and the source is shown'),
  translator: z.string().nullable(),
  machine: z.boolean(),
});

const announcement = z.object({
  id: z.string(),
  org: z.object({ slug: z.string(), name: z.string() }).nullable().describe('null: federation-wide'),
  status: z.enum(['draft', 'published']),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  title: z.string(),
  body: z.string().describe('Markdown'),
  text,
  languages: z.array(z.string()).describe('Every language it exists in, the source first'),
  url: z.string(),
});

function toJson(deps: Deps, a: svc.Announcement, title: svc.AnnouncementItem['title'], body: svc.AnnouncementItem['title']) {
  return {
    id: a.id,
    org: a.org ? { slug: a.org.slug, name: a.org.name } : null,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    publishedAt: a.publishedAt?.toISOString() ?? null,
    title: title?.body ?? '',
    body: body?.body ?? '',
    text: { lang: body?.lang ?? '', fallback: body?.fallback ?? false, translator: body?.translator ?? null, machine: body?.machine ?? false },
    languages: body?.available ?? [],
    url: `${deps.config.baseUrl}/announcements/${a.id}`,
  };
}

export async function announcementApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest, asked: string | undefined) => {
    const l = asked?.toLowerCase();
    return l && isLanguage(l) ? l : req.i18n.locale;
  };
  const one = async (req: FastifyRequest, id: string, asked?: string) => {
    const view = await svc.viewAnnouncement(deps, req.actor, id, lang(req, asked));
    return toJson(deps, view.announcement, view.title, view.body);
  };

  api.get(
    '/api/v1/announcements',
    {
      schema: {
        tags,
        summary: 'Published announcements, newest first',
        security: optionalAuth,
        querystring: z.object({
          org: z.string().max(40).optional().describe("Only this organisation's (its short name)"),
          before: z.string().max(80).optional().describe('The `next` value of the previous page'),
          lang: langQuery,
        }),
        response: { 200: z.object({ items: z.array(announcement), next: z.string().nullable() }), ...errors(401, 404) },
      },
    },
    async (req) => {
      const list = await svc.listAnnouncements(deps, req.actor, { org: req.query.org, before: req.query.before, readerLang: lang(req, req.query.lang), bodies: true });
      return { items: list.items.map((it) => toJson(deps, it.announcement, it.title, it.body)), next: list.next ?? null };
    },
  );

  api.get(
    '/api/v1/announcements/drafts',
    {
      schema: {
        tags,
        summary: 'Drafts you may edit',
        querystring: z.object({ org: z.string().max(40).optional(), lang: langQuery }),
        response: { 200: z.object({ items: z.array(announcement) }), ...errors(401, 404) },
      },
    },
    async (req) => {
      requirePerson(req);
      const list = await svc.listAnnouncements(deps, req.actor, { org: req.query.org, readerLang: lang(req, req.query.lang), bodies: true });
      return { items: list.drafts.map((it) => toJson(deps, it.announcement, it.title, it.body)) };
    },
  );

  api.get(
    '/api/v1/announcements/:id',
    {
      schema: {
        tags,
        summary: 'One announcement (a draft only for its editors)',
        security: optionalAuth,
        params: idParams,
        querystring: z.object({ lang: langQuery }),
        response: { 200: announcement, ...errors(401, 404) },
      },
    },
    async (req) => one(req, req.params.id, req.query.lang),
  );

  api.post(
    '/api/v1/announcements',
    {
      schema: {
        tags,
        summary: 'Write an announcement (saved as a draft)',
        description: 'Federation-wide (org null): coordinators and federation admins. For an organisation: its org-admins.',
        body: newAnnouncementApiSchema,
        response: { 201: announcement, ...errors(401, 403, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const a = await svc.createAnnouncement(deps, req.actor, req.body);
      return reply.code(201).send(await one(req, a.id, req.body.lang));
    },
  );

  api.patch(
    '/api/v1/announcements/:id',
    {
      schema: { tags, summary: 'Edit the source version', params: idParams, body: editAnnouncementSchema, response: { 200: announcement, ...errors(401, 403, 404, 422) } },
    },
    async (req) => {
      requirePerson(req);
      await svc.editAnnouncement(deps, req.actor, req.params.id, req.body);
      return one(req, req.params.id);
    },
  );

  api.put(
    '/api/v1/announcements/:id/translations/:lang',
    {
      schema: {
        tags,
        summary: 'Add or replace the translation into one language',
        params: z.object({ id: z.string().max(40), lang: z.string().max(10) }),
        body: announcementTranslationApiSchema,
        response: { 200: announcement, ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      const l = req.params.lang.toLowerCase();
      await svc.translateAnnouncement(deps, req.actor, req.params.id, {
        lang: l,
        title: req.body.title,
        body: req.body.body,
        translator: req.body.translator ?? null,
        machine: req.body.machine ?? false,
      });
      return one(req, req.params.id, l);
    },
  );

  for (const [action, fn] of [
    ['publish', svc.publishAnnouncement],
    ['unpublish', svc.unpublishAnnouncement],
  ] as const) {
    api.post(
      `/api/v1/announcements/:id/${action}`,
      {
        schema: {
          tags,
          summary: action === 'publish' ? 'Publish a draft (sets publishedAt)' : 'Take back to draft',
          params: idParams,
          response: { 200: announcement, ...errors(401, 403, 404, 409) },
        },
      },
      async (req) => {
        requirePerson(req);
        await fn(deps, req.actor, req.params.id);
        return one(req, req.params.id);
      },
    );
  }

  api.delete(
    '/api/v1/announcements/:id',
    {
      schema: { tags, summary: 'Delete an announcement and its translations', params: idParams, response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), ...errors(401, 403, 404) } },
    },
    async (req) => {
      requirePerson(req);
      await svc.deleteAnnouncement(deps, req.actor, req.params.id);
      return { id: req.params.id, deleted: true as const };
    },
  );
}
