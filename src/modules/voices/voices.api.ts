// Voices over JSON: campaigns, reports and needs for everyone to read; answers
// only to the scope's moderators. Submitting an answer is for the HTML form
// only (its token, honeypot and limits are what keep it open to anonymous people).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { forbidden } from '../../kernel/errors.js';
import { isLanguage, type PickedText } from '../../kernel/text/index.js';
import * as svc from './voices.service.js';
import * as mod from './voices.moderation.js';
import * as needs from './voices.needs.js';
import * as err from './voices.errors.js';
import { buildReport, MIN_GROUP } from './voices.report.js';
import { canManageCampaigns } from './voices.policy.js';
import { answerStatusSchema, editCampaignSchema, editNeedSchema, linkNeedSchema, newCampaignSchema, newNeedSchema, questionSchema, tagsField } from './voices.schemas.js';
import { NEED_STATUSES } from './voices.tables.js';

const tags = ['voices'];
const langQuery = z.string().max(10).optional().describe("The reader's language (ISO 639-1)");
const idParams = z.object({ id: z.string().max(40) });
const scopeField = z.string().max(40).optional().describe("An organisation's short name; absent for the federation's own");

const text = z.object({ body: z.string(), lang: z.string(), fallback: z.boolean(), translator: z.string().nullable(), machine: z.boolean() }).nullable();
const textJson = (p: PickedText | undefined) => (p ? { body: p.body, lang: p.lang, fallback: p.fallback, translator: p.translator, machine: p.machine } : null);

const question = z.object({
  id: z.string(),
  kind: z.enum(['text', 'single', 'multiple', 'scale']),
  required: z.boolean(),
  prompt: text,
  low: text,
  high: text,
  choices: z.array(z.object({ id: z.string().describe('The same in every language'), label: text })),
});
const campaign = z.object({
  id: z.string(),
  org: z.string().nullable().describe('null: the federation'),
  kind: z.enum(['survey', 'inbox']),
  status: z.enum(['draft', 'published']),
  access: z.enum(['public', 'private']),
  moderated: z.boolean(),
  open: z.boolean(),
  languages: z.array(z.string()),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  title: text,
  intro: text,
  questions: z.array(question),
  url: z.string().describe('The form; a private campaign has no public address'),
});
const campaignSummary = campaign.omit({ questions: true, intro: true });
const bar = z.object({ id: z.string(), label: z.string(), count: z.number() });
const report = z.object({
  campaignId: z.string(),
  total: z.number(),
  minimumGroup: z.number().describe('Breakdowns over fewer answers are suppressed'),
  questions: z.array(z.object({ id: z.string(), kind: z.string(), prompt: text, answered: z.number(), suppressed: z.boolean(), bars: z.array(bar), average: z.number().nullable() })),
  quotes: z.array(z.object({ questionId: z.string(), lang: z.string(), excerpt: z.string() })),
  needs: z.array(z.object({ id: z.string() })),
});
const need = z.object({
  id: z.string(),
  org: z.string().nullable(),
  status: z.enum(NEED_STATUSES as unknown as ['open', 'planned', 'in_progress', 'done', 'declined']),
  title: text,
  reason: text,
  tags: z.array(z.string()),
  backing: z.number().describe('Counted answers backing it'),
  projects: z.array(z.object({ slug: z.string(), name: z.string(), status: z.string() })),
  proposals: z.array(z.object({ id: z.string(), title: z.string().nullable(), status: z.string().nullable() })),
  mergedInto: z.string().nullable(),
  url: z.string(),
});
const answer = z.object({
  id: z.string(),
  campaignId: z.string(),
  lang: z.string(),
  status: z.enum(['pending', 'accepted', 'spam']),
  verified: z.boolean(),
  receivedHour: z.string().describe('Only the hour is kept'),
  answers: z.array(z.object({ questionId: z.string(), text: z.string().nullable(), values: z.array(z.string()) })),
  translations: z.array(z.object({ questionId: z.string(), lang: z.string(), text: z.string(), translator: z.string().nullable(), machine: z.boolean() })),
  tags: z.array(z.string()),
  needs: z.array(z.string()),
});

export async function voicesApi(app: FastifyInstance, deps: Deps, _rt: svc.VoicesRuntime): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest, asked?: string) => {
    const l = asked?.toLowerCase();
    return l && isLanguage(l) ? l : req.i18n.locale;
  };
  const scopeOf = (org: string | undefined) => svc.resolveScope(deps.db, org === 'federation' ? undefined : org);
  const orgSlug = async (orgId: string | null) => (await svc.scopeOf(deps.db, orgId)).org?.slug ?? null;

  const campaignJson = async (c: svc.Campaign, l: string) => {
    const texts = await svc.campaignTexts(deps.db, c, l);
    return {
      id: c.id,
      org: await orgSlug(c.orgId),
      kind: c.kind,
      status: c.status,
      access: c.access,
      moderated: c.moderated,
      open: svc.isOpen(c, deps.clock.now()),
      languages: c.languages,
      opensAt: c.opensAt?.toISOString() ?? null,
      closesAt: c.closesAt?.toISOString() ?? null,
      title: textJson(texts.title),
      intro: textJson(texts.intro),
      questions: texts.questions.map((fq) => ({
        id: fq.question.id,
        kind: fq.question.kind,
        required: fq.question.required,
        prompt: textJson(fq.prompt),
        low: textJson(fq.low),
        high: textJson(fq.high),
        choices: fq.choices.map((ch) => ({ id: ch.id, label: textJson(ch.label) })),
      })),
      url: c.access === 'public' ? `${deps.config.baseUrl}/voices/${c.id}` : '',
    };
  };
  /** Drafts and private campaigns exist only for their managers. */
  const visible = async (req: FastifyRequest, id: string) => {
    const c = await svc.getCampaign(deps.db, id);
    if ((c.status !== 'published' || c.access === 'private') && !canManageCampaigns(req.actor, c.orgId)) throw err.campaignNotFound();
    return c;
  };
  const needJson = (s: needs.NeedSummary, org: string | null) => ({
    id: s.need.id,
    org,
    status: s.need.status,
    title: textJson(s.title),
    reason: textJson(s.reason),
    tags: s.tags,
    backing: s.backing,
    projects: s.projects.map((p) => ({ slug: p.slug, name: p.name, status: p.status })),
    proposals: s.proposals.map((p) => ({ id: p.id, title: p.title?.body ?? null, status: p.status ?? null })),
    mergedInto: s.need.mergedInto,
    url: `${deps.config.baseUrl}/needs/${s.need.id}`,
  });
  const oneNeed = async (req: FastifyRequest, id: string, asked?: string) => {
    const v = await needs.viewNeed(deps, req.actor, id, lang(req, asked));
    return needJson(v, v.scope.org?.slug ?? null);
  };

  // ── Campaigns ──
  api.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags,
        summary: "A scope's published campaigns (managers also see drafts and private ones)",
        security: optionalAuth,
        querystring: z.object({ org: scopeField, lang: langQuery }),
        response: { 200: z.object({ items: z.array(campaignSummary) }), ...errors(404) },
      },
    },
    async (req) => {
      const scope = await scopeOf(req.query.org);
      const manager = canManageCampaigns(req.actor, scope.orgId);
      const list = await svc.listCampaigns(deps, scope.orgId, lang(req, req.query.lang), !manager);
      const items = [];
      for (const s of list) {
        if (!manager && s.campaign.access === 'private') continue;
        const { questions: _q, intro: _i, ...rest } = await campaignJson(s.campaign, lang(req, req.query.lang));
        items.push(rest);
      }
      return { items };
    },
  );

  api.get(
    '/api/v1/campaigns/:id',
    { schema: { tags, summary: 'One campaign with its questions and choices', security: optionalAuth, params: idParams, querystring: z.object({ lang: langQuery }), response: { 200: campaign, ...errors(404) } } },
    async (req) => campaignJson(await visible(req, req.params.id), lang(req, req.query.lang)),
  );

  api.post(
    '/api/v1/campaigns',
    {
      schema: {
        tags,
        summary: 'Start a campaign (a draft) for an organisation (its org-admins) or the federation (coordinators)',
        body: z.object({ org: scopeField }).and(newCampaignSchema),
        response: { 201: campaign, ...errors(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const body = req.body as z.output<typeof newCampaignSchema> & { org?: string };
      const scope = await scopeOf(body.org);
      if (!canManageCampaigns(req.actor, scope.orgId)) throw forbidden();
      const c = await svc.createCampaign(deps, req.actor, scope, body);
      return reply.code(201).send(await campaignJson(c, c.sourceLang));
    },
  );

  api.put(
    '/api/v1/campaigns/:id',
    { schema: { tags, summary: 'Change the settings, title and introduction (managers)', params: idParams, body: editCampaignSchema, response: { 200: campaign, ...errors(401, 403, 404, 409, 422) } } },
    async (req) => {
      requirePerson(req);
      await svc.updateCampaign(deps, req.actor, req.params.id, req.body);
      const c = await svc.getCampaign(deps.db, req.params.id);
      return campaignJson(c, c.sourceLang);
    },
  );

  api.post(
    '/api/v1/campaigns/:id/status',
    {
      schema: {
        tags,
        summary: 'Publish a draft, or take it back to draft (managers)',
        params: idParams,
        body: z.object({ status: z.enum(['draft', 'published']) }),
        response: { 200: campaign, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.setCampaignStatus(deps, req.actor, req.params.id, req.body.status);
      const c = await svc.getCampaign(deps.db, req.params.id);
      return campaignJson(c, c.sourceLang);
    },
  );

  api.post(
    '/api/v1/campaigns/:id/questions',
    { schema: { tags, summary: 'Add a question to a draft (managers), in its source language', params: idParams, body: questionSchema, response: { 201: question, ...errors(401, 403, 404, 409, 422) } } },
    async (req, reply) => {
      requirePerson(req);
      const q = await svc.addQuestion(deps, req.actor, req.params.id, req.body);
      const c = await svc.getCampaign(deps.db, req.params.id);
      const json = await campaignJson(c, c.sourceLang);
      return reply.code(201).send(json.questions.find((x) => x.id === q.id)!);
    },
  );

  api.get(
    '/api/v1/campaigns/:id/report',
    { schema: { tags, summary: `Results: counts, distributions, averages (groups under ${MIN_GROUP} suppressed), quotes, needs`, security: optionalAuth, params: idParams, querystring: z.object({ lang: langQuery }), response: { 200: report, ...errors(404) } } },
    async (req) => {
      const r = await buildReport(deps, req.actor, req.params.id, lang(req, req.query.lang));
      return {
        campaignId: r.campaign.id,
        total: r.total,
        minimumGroup: MIN_GROUP,
        questions: r.questions.map((q) => ({ id: q.fq.question.id, kind: q.fq.question.kind, prompt: textJson(q.fq.prompt), answered: q.answered, suppressed: q.suppressed, bars: q.bars.map((b) => ({ id: b.id, label: b.label, count: b.n })), average: q.average })),
        quotes: r.quotes.map((q) => ({ questionId: q.questionId, lang: q.lang, excerpt: q.excerpt })),
        needs: r.needs.map((n) => ({ id: n.need.id })),
      };
    },
  );

  // ── Answers (moderators) ──
  api.get(
    '/api/v1/campaigns/:id/answers',
    {
      schema: {
        tags,
        summary: "A campaign's answers (its scope's moderators only)",
        params: idParams,
        querystring: z.object({ status: z.enum(['pending', 'accepted', 'spam']).optional() }),
        response: { 200: z.object({ items: z.array(answer) }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      requirePerson(req);
      const c = await svc.getCampaign(deps.db, req.params.id);
      await mod.assertModerator(deps.db, req.actor, c.orgId);
      const rows = await mod.exportAnswers(deps, req.actor, await svc.scopeOf(deps.db, c.orgId), c.id);
      return { items: req.query.status ? rows.filter((r) => r.status === req.query.status) : rows };
    },
  );

  api.patch(
    '/api/v1/answers/:id',
    {
      schema: {
        tags,
        summary: "Count an answer, mark it as spam, or tag it (moderators)",
        params: idParams,
        body: z.object({ status: answerStatusSchema.shape.status.optional(), tags: tagsField }),
        response: { 200: z.object({ id: z.string() }), ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await mod.answerForModeration(deps.db, req.actor, req.params.id);
      if (req.body.status) await mod.setAnswerStatus(deps, req.actor, req.params.id, req.body.status);
      if ((req.body as { tags?: unknown }).tags !== undefined && req.body.tags) await mod.setAnswerTags(deps, req.actor, req.params.id, req.body.tags);
      return { id: req.params.id };
    },
  );

  api.post(
    '/api/v1/answers/:id/need',
    { schema: { tags, summary: "Link an answer to a need: an existing one's id, or 'new' with a title (moderators)", params: idParams, body: linkNeedSchema, response: { 200: need, ...errors(401, 403, 404, 422) } } },
    async (req) => {
      requirePerson(req);
      const id = await needs.linkAnswerToNeed(deps, req.actor, req.params.id, req.body);
      return oneNeed(req, id);
    },
  );

  // ── Needs ──
  api.get(
    '/api/v1/needs',
    {
      schema: {
        tags,
        summary: 'Needs, newest change first (public)',
        security: optionalAuth,
        querystring: z.object({ org: scopeField.describe("An organisation's short name, or 'federation'"), status: z.enum(NEED_STATUSES as unknown as ['open']).optional(), lang: langQuery }),
        response: { 200: z.object({ items: z.array(need) }), ...errors(404) },
      },
    },
    async (req) => {
      const orgId = req.query.org === undefined ? undefined : (await scopeOf(req.query.org)).orgId;
      const list = await needs.listNeeds(deps, { orgId, status: req.query.status }, lang(req, req.query.lang));
      const out = [];
      for (const s of list) out.push(needJson(s, await orgSlug(s.need.orgId)));
      return { items: out };
    },
  );

  api.get(
    '/api/v1/needs/:id',
    { schema: { tags, summary: 'One need with its linked work', security: optionalAuth, params: idParams, querystring: z.object({ lang: langQuery }), response: { 200: need, ...errors(404) } } },
    async (req) => oneNeed(req, req.params.id, req.query.lang),
  );

  api.post(
    '/api/v1/needs',
    { schema: { tags, summary: "Record a need (the scope's moderators)", body: z.object({ org: scopeField }).and(newNeedSchema), response: { 201: need, ...errors(401, 403, 404, 422) } } },
    async (req, reply) => {
      requirePerson(req);
      const body = req.body as z.output<typeof newNeedSchema> & { org?: string };
      const scope = await scopeOf(body.org);
      const id = await needs.createNeed(deps, req.actor, scope, body);
      return reply.code(201).send(await oneNeed(req, id));
    },
  );

  api.put(
    '/api/v1/needs/:id',
    { schema: { tags, summary: 'Change title, description, tags and status (moderators); declining needs a reason', params: idParams, body: editNeedSchema, response: { 200: need, ...errors(401, 403, 404, 409, 422) } } },
    async (req) => {
      requirePerson(req);
      await needs.updateNeed(deps, req.actor, req.params.id, req.body);
      return oneNeed(req, req.params.id);
    },
  );

  const projectParams = z.object({ id: z.string().max(40), project: z.string().max(40) });
  api.put(
    '/api/v1/needs/:id/projects/:project',
    { schema: { tags, summary: 'Link a shared project working on the need (moderators)', params: projectParams, response: { 200: need, ...errors(401, 403, 404, 409, 422) } } },
    async (req) => {
      requirePerson(req);
      await needs.linkProject(deps, req.actor, req.params.id, req.params.project);
      return oneNeed(req, req.params.id);
    },
  );
  api.delete(
    '/api/v1/needs/:id/projects/:project',
    { schema: { tags, summary: 'Unlink a shared project (moderators)', params: projectParams, response: { 200: need, ...errors(401, 403, 404, 409) } } },
    async (req) => {
      requirePerson(req);
      await needs.unlinkProject(deps, req.actor, req.params.id, req.params.project);
      return oneNeed(req, req.params.id);
    },
  );

  const proposalParams = z.object({ id: z.string().max(40), proposalId: z.string().max(40) });
  api.put(
    '/api/v1/needs/:id/proposals/:proposalId',
    { schema: { tags, summary: 'Link a governance proposal deciding on the need (moderators)', params: proposalParams, response: { 200: need, ...errors(401, 403, 404, 409, 422) } } },
    async (req) => {
      requirePerson(req);
      await needs.linkProposal(deps, req.actor, req.params.id, req.params.proposalId);
      return oneNeed(req, req.params.id);
    },
  );
  api.delete(
    '/api/v1/needs/:id/proposals/:proposalId',
    { schema: { tags, summary: 'Unlink a proposal (moderators)', params: proposalParams, response: { 200: need, ...errors(401, 403, 404, 409) } } },
    async (req) => {
      requirePerson(req);
      await needs.unlinkProposal(deps, req.actor, req.params.id, req.params.proposalId);
      return oneNeed(req, req.params.id);
    },
  );
}
