// Shared projects over JSON: public reading, changes by the right organisation role.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isLanguage, type PickedText } from '../../kernel/text/index.js';
import * as svc from './projects.service.js';
import {
  contactSchema,
  editProjectApiSchema,
  joinSchema,
  milestoneSchema,
  milestonePatchSchema,
  newProjectSchema,
  projectTranslationApiSchema,
  proposalLinkSchema,
  roleSchema,
} from './projects.schemas.js';

const tags = ['projects'];
const status = z.enum(['idea', 'active', 'paused', 'done']);
const langQuery = z.string().max(10).optional().describe("The reader's language (ISO 639-1)");
const slugParams = z.object({ slug: z.string().max(40) });

const description = z
  .object({
    body: z.string().describe('Markdown'),
    lang: z.string(),
    fallback: z.boolean().describe('The asked language is missing: this is the original'),
    translator: z.string().nullable(),
    machine: z.boolean(),
    languages: z.array(z.string()),
  })
  .nullable();
const participant = z.object({ org: z.object({ slug: z.string(), name: z.string() }), role: z.enum(['coordinator', 'participant']), joinedAt: z.string() });
const milestone = z.object({ id: z.string(), title: z.string(), dueOn: z.string().describe('yyyy-mm-dd'), doneAt: z.string().nullable() });
const summary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  status,
  createdAt: z.string(),
  updatedAt: z.string(),
  description,
  participants: z.array(participant),
  url: z.string(),
});
const project = summary.extend({
  contacts: z.array(z.object({ personId: z.string(), displayName: z.string(), org: z.string() })).describe('Names only: no addresses'),
  milestones: z.array(milestone),
  proposals: z.array(z.object({ id: z.string(), title: z.string().nullable(), status: z.string().nullable() })).describe('Linked governance proposals'),
});

const descJson = (d: PickedText | undefined) =>
  d ? { body: d.body, lang: d.lang, fallback: d.fallback, translator: d.translator, machine: d.machine, languages: d.available } : null;
const milestoneJson = (m: svc.Milestone) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneAt: m.doneAt?.toISOString() ?? null });

export async function projectApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest, asked?: string) => {
    const l = asked?.toLowerCase();
    return l && isLanguage(l) ? l : req.i18n.locale;
  };
  const summaryJson = (s: svc.ProjectSummary) => ({
    id: s.project.id,
    slug: s.project.slug,
    name: s.project.name,
    status: s.project.status,
    createdAt: s.project.createdAt.toISOString(),
    updatedAt: s.project.updatedAt.toISOString(),
    description: descJson(s.description),
    participants: s.participants.map((p) => ({ org: { slug: p.slug, name: p.name }, role: p.role, joinedAt: p.joinedAt.toISOString() })),
    url: `${deps.config.baseUrl}/projects/${s.project.slug}`,
  });
  const one = async (req: FastifyRequest, slug: string, asked?: string) => {
    const v = await svc.viewProject(deps, req.actor, slug, lang(req, asked));
    return {
      ...summaryJson(v),
      contacts: v.contacts.map((c) => ({ personId: c.personId, displayName: c.displayName, org: c.orgName })),
      milestones: v.milestones.map(milestoneJson),
      proposals: v.proposals.map((p) => ({ id: p.id, title: p.title?.body ?? null, status: p.status ?? null })),
    };
  };
  const changed = { 200: project, ...errors(401, 403, 404, 409, 422) };

  api.get(
    '/api/v1/projects',
    {
      schema: {
        tags,
        summary: 'Shared projects, by short name',
        security: optionalAuth,
        querystring: z.object({ status: status.optional(), after: z.string().max(40).optional().describe('The `next` value of the previous page'), lang: langQuery }),
        response: { 200: z.object({ items: z.array(summary), next: z.string().nullable() }), ...errors(422) },
      },
    },
    async (req) => {
      const list = await svc.listProjects(deps, { status: req.query.status, after: req.query.after, readerLang: lang(req, req.query.lang) });
      return { items: list.items.map(summaryJson), next: list.next ?? null };
    },
  );

  api.post(
    '/api/v1/projects',
    {
      schema: {
        tags,
        summary: 'Start a project; the given organisation coordinates it',
        description: "Its org-admins (or a federation admin) may start one.",
        body: newProjectSchema,
        response: { 201: project, ...errors(401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const p = await svc.createProject(deps, req.actor, req.body);
      return reply.code(201).send(await one(req, p.slug, req.body.lang));
    },
  );

  api.get(
    '/api/v1/projects/:slug',
    { schema: { tags, summary: 'One project', security: optionalAuth, params: slugParams, querystring: z.object({ lang: langQuery }), response: { 200: project, ...errors(404) } } },
    async (req) => one(req, req.params.slug, req.query.lang),
  );

  api.patch(
    '/api/v1/projects/:slug',
    { schema: { tags, summary: 'Change name, status or the original description (managers)', params: slugParams, body: editProjectApiSchema, response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.updateProject(deps, req.actor, req.params.slug, req.body);
      return one(req, req.params.slug);
    },
  );

  api.put(
    '/api/v1/projects/:slug/translations/:lang',
    {
      schema: {
        tags,
        summary: 'Add or replace the description in one language (managers)',
        params: z.object({ slug: z.string().max(40), lang: z.string().max(10) }),
        body: projectTranslationApiSchema,
        response: changed,
      },
    },
    async (req) => {
      requirePerson(req);
      const l = req.params.lang.toLowerCase();
      await svc.translateProject(deps, req.actor, req.params.slug, { lang: l, body: req.body.body, translator: req.body.translator ?? null, machine: req.body.machine ?? false });
      return one(req, req.params.slug, l);
    },
  );

  api.post(
    '/api/v1/projects/:slug/participants',
    { schema: { tags, summary: "Add your organisation to the project (its org-admins)", params: slugParams, body: joinSchema, response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.joinProject(deps, req.actor, req.params.slug, req.body.org);
      return one(req, req.params.slug);
    },
  );

  const orgParams = z.object({ slug: z.string().max(40), org: z.string().max(40) });
  api.patch(
    '/api/v1/projects/:slug/participants/:org',
    { schema: { tags, summary: "Make an organisation a coordinator or a participant (managers)", params: orgParams, body: roleSchema, response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.setParticipantRole(deps, req.actor, req.params.slug, req.params.org, req.body.role);
      return one(req, req.params.slug);
    },
  );

  api.delete(
    '/api/v1/projects/:slug/participants/:org',
    { schema: { tags, summary: 'Take an organisation out (its own org-admins, or the managers); the last coordinator stays', params: orgParams, response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.removeParticipant(deps, req.actor, req.params.slug, req.params.org);
      return one(req, req.params.slug);
    },
  );

  api.post(
    '/api/v1/projects/:slug/contacts',
    { schema: { tags, summary: 'Make a member of a participating organisation a contact (managers)', params: slugParams, body: contactSchema, response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.addContact(deps, req.actor, req.params.slug, req.body.personId);
      return one(req, req.params.slug);
    },
  );

  api.delete(
    '/api/v1/projects/:slug/contacts/:personId',
    { schema: { tags, summary: 'Remove a contact (managers)', params: z.object({ slug: z.string().max(40), personId: z.string().max(40) }), response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.removeContact(deps, req.actor, req.params.slug, req.params.personId);
      return one(req, req.params.slug);
    },
  );

  api.post(
    '/api/v1/projects/:slug/milestones',
    { schema: { tags, summary: 'Add a milestone (managers)', params: slugParams, body: milestoneSchema, response: { 201: milestone, ...errors(401, 403, 404, 422) } } },
    async (req, reply) => {
      requirePerson(req);
      return reply.code(201).send(milestoneJson(await svc.addMilestone(deps, req.actor, req.params.slug, req.body)));
    },
  );

  const milestoneParams = z.object({ slug: z.string().max(40), id: z.string().max(40) });
  api.patch(
    '/api/v1/projects/:slug/milestones/:id',
    {
      schema: {
        tags,
        summary: 'Change a milestone, or mark it done (done: true) or open again (managers)',
        params: milestoneParams,
        body: milestonePatchSchema,
        response: { 200: milestone, ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      return milestoneJson(await svc.updateMilestone(deps, req.actor, req.params.slug, req.params.id, req.body));
    },
  );

  api.delete(
    '/api/v1/projects/:slug/milestones/:id',
    { schema: { tags, summary: 'Delete a milestone (managers)', params: milestoneParams, response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.deleteMilestone(deps, req.actor, req.params.slug, req.params.id);
      return one(req, req.params.slug);
    },
  );

  api.post(
    '/api/v1/projects/:slug/proposals',
    { schema: { tags, summary: 'Link a governance proposal (managers)', params: slugParams, body: proposalLinkSchema, response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.linkProposal(deps, req.actor, req.params.slug, req.body.proposalId);
      return one(req, req.params.slug);
    },
  );

  api.delete(
    '/api/v1/projects/:slug/proposals/:proposalId',
    { schema: { tags, summary: 'Unlink a governance proposal (managers)', params: z.object({ slug: z.string().max(40), proposalId: z.string().max(40) }), response: changed } },
    async (req) => {
      requirePerson(req);
      await svc.unlinkProposal(deps, req.actor, req.params.slug, req.params.proposalId);
      return one(req, req.params.slug);
    },
  );
}
