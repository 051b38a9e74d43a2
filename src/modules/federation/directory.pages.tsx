// Public routes: the directory, each member's page, logos, and the
// machine-readable federation with its schema. No sign-in anywhere here.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { AppError, type FieldMessage } from '../../kernel/errors.js';
import { isLanguage } from '../../kernel/text/index.js';
import { slugSchema } from './federation.schemas.js';
import type { DirectoryFilters } from './directory.repository.js';
import { FEDERATION_SCHEMA_PATH, federationJsonSchema } from './directory.schemas.js';
import * as dir from './directory.service.js';
import { isCountryCode } from './profile.countries.js';
import { extensionOf } from './profile.image.js';
import { readLogo, viewPublicProfile } from './profile.service.js';
import { REGISTRATION_POLICIES, SERVICE_KINDS } from './services.schemas.js';
import * as v from './views/member.views.js';

const params = (req: FastifyRequest) => req.params as Record<string, string>;

/** Crawlers poll these; a few minutes of caching costs nobody anything. */
const JSON_MAX_AGE = 300;

const filterSchemas = {
  q: z.string().trim().max(100),
  kind: z.enum(SERVICE_KINDS),
  lang: z.string().refine((l) => isLanguage(l)),
  country: z.string().refine((c) => isCountryCode(c)),
  region: z.string().trim().max(100),
  registration: z.enum(REGISTRATION_POLICIES),
  after: slugSchema,
};

/** The query's filters; a value that is not understood is dropped and reported on its field. */
function readFilters(query: unknown): { filters: DirectoryFilters; after: string | undefined; values: Record<string, string>; errors: Record<string, FieldMessage> } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const filters: Record<string, string> = {};
  const values: Record<string, string> = {};
  const errors: Record<string, FieldMessage> = {};
  let after: string | undefined;
  for (const [name, schema] of Object.entries(filterSchemas)) {
    const value = raw[name];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      if (name !== 'after') errors[name] = { key: name === 'lang' ? 'error.TEXT_UNKNOWN_LANGUAGE' : 'form.invalidChoice' };
      continue;
    }
    if (name === 'after') after = parsed.data;
    else {
      filters[name] = parsed.data;
      values[name] = parsed.data;
    }
  }
  return { filters: filters as DirectoryFilters, after, values, errors };
}

/** RFC 9110: If-None-Match decides when present; If-Modified-Since only without it. */
export function isNotModified(req: FastifyRequest, etag: string, lastModified: Date | null): boolean {
  const inm = req.headers['if-none-match'];
  if (typeof inm === 'string') {
    return inm.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === etag;
    });
  }
  const ims = req.headers['if-modified-since'];
  if (typeof ims === 'string' && lastModified) {
    const since = Date.parse(ims);
    // HTTP dates have whole seconds.
    if (!Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since) return true;
  }
  return false;
}

function sendPublished(req: FastifyRequest, reply: FastifyReply, pub: dir.PublishedJson, type = 'application/json; charset=utf-8') {
  reply
    .header('ETag', pub.etag)
    .header('Cache-Control', `public, max-age=${JSON_MAX_AGE}`)
    // Public data, meant to be read by other sites and tools.
    .header('Access-Control-Allow-Origin', '*')
    .header('Cross-Origin-Resource-Policy', 'cross-origin');
  if (pub.lastModified) reply.header('Last-Modified', pub.lastModified.toUTCString());
  if (isNotModified(req, pub.etag, pub.lastModified)) return reply.code(304).send();
  return reply.type(type).send(pub.body);
}

export async function directoryPages(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get('/directory', async (req, reply) => {
    const { filters, after, values, errors } = readFilters(req.query);
    const [page, facets] = await Promise.all([dir.searchDirectory(deps, filters, after, req.i18n.locale), dir.listDirectoryFacets(deps)]);
    return reply.page(<v.DirectoryPageView page={page} filters={filters} state={{ values, errors }} facets={facets} isFirst={after === undefined} />);
  });

  app.get('/members/:slug', async (req, reply) => {
    const view = await viewPublicProfile(deps, req.actor, params(req).slug!, req.i18n.locale);
    if ('movedTo' in view) return reply.redirect(`/members/${view.movedTo}`, 301);
    return reply.page(<v.MemberPage view={view} />);
  });

  app.get('/logos/:file', async (req, reply) => {
    const m = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(params(req).file!);
    const blob = m ? await readLogo(deps, m[1]!) : undefined;
    if (!m || !blob || extensionOf(blob.contentType) !== m[2]) throw new AppError('NOT_FOUND', 404);
    const etag = `"${blob.id}"`;
    reply
      .header('ETag', etag)
      // The address holds the hash of the bytes: it never changes meaning.
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', `inline; filename="logo.${m[2]}"`)
      .header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (isNotModified(req, etag, null)) return reply.code(304).send();
    return reply.type(blob.contentType).send(blob.data);
  });

  app.get('/federation.json', async (req, reply) => sendPublished(req, reply, await dir.federationDocument(deps)));

  app.get('/orgs/:slug.json', async (req, reply) => {
    const doc = await dir.memberDocument(deps, req.actor, params(req).slug!);
    if ('movedTo' in doc) return reply.redirect(`/orgs/${doc.movedTo}.json`, 301);
    return sendPublished(req, reply, doc);
  });

  const schemaBody = Buffer.from(JSON.stringify(federationJsonSchema(deps.config.baseUrl), null, 2), 'utf8');
  const schemaDoc: dir.PublishedJson = {
    body: schemaBody,
    etag: `"${createHash('sha256').update(schemaBody).digest('base64url')}"`,
    lastModified: null,
  };
  app.get(FEDERATION_SCHEMA_PATH, async (req, reply) => sendPublished(req, reply, schemaDoc, 'application/schema+json; charset=utf-8'));
}
