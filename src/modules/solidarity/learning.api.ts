// Learning over JSON: trainings (read by anyone; created, edited, cancelled
// and translated by their organisers; registration for anyone signed in),
// skills, requests for a mentor, suggested pairs and mentorships for members.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isLanguage } from '../../kernel/text/index.js';
import * as learn from './learning.service.js';
import * as trainings from './trainings.service.js';
import * as mentoring from './mentorship.service.js';
import * as repo from './solidarity.repository.js';
import {
  askMentorApiSchema,
  cancelTrainingApiSchema,
  endMentorshipApiSchema,
  sessionApiSchema,
  skillApiSchema,
  startMentorshipApiSchema,
  takeUpApiSchema,
  trainingApiSchema,
  trainingPatchApiSchema,
  trainingTranslationApiSchema,
} from './learning.schemas.js';

const tags = ['learning'];
const idParams = z.object({ id: z.string().max(40) });
const langQuery = z.string().max(10).optional().describe("The reader's language (ISO 639-1); the original where no translation exists");

const trainingItem = z.object({
  id: z.string(),
  title: z.string().nullable(),
  titleLang: z.string().nullable(),
  org: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string().describe("The organiser's zone"),
  onlineUrl: z.string().nullable(),
  place: z.string().nullable(),
  languages: z.array(z.string()),
  capacity: z.number().nullable(),
  registered: z.number(),
  status: z.enum(['scheduled', 'cancelled']).describe('A cancelled training is kept, marked'),
  sequence: z.number().describe('The iCal SEQUENCE: raised when the time or place changes and when cancelled'),
  cancelledAt: z.string().nullable(),
});
const trainingItemJson = (i: learn.TrainingSummary) => ({
  id: i.training.id,
  title: i.title?.body ?? null,
  titleLang: i.title?.lang ?? null,
  org: i.org?.slug ?? null,
  startsAt: i.training.startsAt.toISOString(),
  endsAt: i.training.endsAt.toISOString(),
  timeZone: i.training.timeZone,
  onlineUrl: i.training.onlineUrl,
  place: i.training.place,
  languages: i.training.languages,
  capacity: i.training.capacity,
  registered: i.registered,
  status: i.training.status,
  sequence: i.training.sequence,
  cancelledAt: i.training.cancelledAt?.toISOString() ?? null,
});
const trainingDetail = trainingItem.extend({
  description: z.string().nullable().describe('Markdown'),
  descriptionLang: z.string().nullable(),
  fallback: z.boolean().describe("True when the reader's language is missing and the original is shown"),
  translator: z.string().nullable(),
  machine: z.boolean(),
  translations: z.array(z.string()).describe('Every language it exists in, the original first'),
  cancelReason: z.string().nullable(),
  me: z.boolean().nullable().describe('Whether you are registered; null when not signed in'),
  full: z.boolean(),
});
const trainingDetailJson = (v: learn.TrainingView) => ({
  ...trainingItemJson(v),
  description: v.description?.body ?? null,
  descriptionLang: v.description?.lang ?? null,
  fallback: v.description?.fallback ?? false,
  translator: v.description?.translator ?? null,
  machine: v.description?.machine ?? false,
  translations: v.title?.available ?? [],
  cancelReason: v.training.cancelReason,
  me: v.me ?? null,
  full: v.full,
});

const skill = z.object({ ownerType: z.enum(['person', 'org']), ownerId: z.string(), direction: z.enum(['offer', 'need']), skill: z.string(), languages: z.array(z.string()), note: z.string().nullable() });

const mentorship = z.object({
  id: z.string(),
  skill: z.string(),
  goals: z.string(),
  status: z.enum(['active', 'ended']),
  mentorId: z.string(),
  menteeId: z.string().describe('The mentee; for an organisation, the org-admin who is its contact'),
  menteeType: z.enum(['person', 'org']),
  menteeOrgId: z.string().nullable(),
  sourceType: z.string().nullable().describe("Where it came from: 'mentorship_request', or another module's request"),
  sourceId: z.string().nullable(),
  endNote: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
const mentorshipJson = (m: learn.Mentorship) => ({
  id: m.id,
  skill: m.skill,
  goals: m.goals,
  status: m.status,
  mentorId: m.mentorId,
  menteeId: m.menteeId,
  menteeType: m.menteeType,
  menteeOrgId: m.menteeOrgId,
  sourceType: m.sourceType,
  sourceId: m.sourceId,
  endNote: m.endNote,
  startedAt: m.startedAt.toISOString(),
  endedAt: m.endedAt?.toISOString() ?? null,
});
const mentorshipDetail = mentorship.extend({
  mentor: z.string(),
  mentee: z.string(),
  menteeOrg: z.object({ slug: z.string(), name: z.string() }).nullable(),
  sessions: z.array(z.object({ id: z.string(), heldOn: z.string(), note: z.string(), by: z.string().nullable() })),
  canWrite: z.boolean(),
});
const mentorshipDetailJson = (v: learn.MentorshipView) => ({
  ...mentorshipJson(v.mentorship),
  mentor: v.mentor,
  mentee: v.mentee,
  menteeOrg: v.menteeOrg ? { slug: v.menteeOrg.slug, name: v.menteeOrg.name } : null,
  sessions: v.sessions,
  canWrite: v.canWrite,
});

const requester = z.object({ type: z.enum(['person', 'org']), id: z.string(), name: z.string() });
const openRequest = z.object({
  id: z.string(),
  requester,
  askedBy: z.string().nullable().describe('The person who asked (for an organisation, one of its org-admins)'),
  skill: z.string(),
  languages: z.array(z.string()),
  goals: z.string(),
  status: z.enum(['open', 'matched', 'withdrawn']),
  mentorshipId: z.string().nullable(),
  createdAt: z.string(),
  canTakeUp: z.boolean(),
  canWithdraw: z.boolean(),
});
const contributedRequest = z.object({
  source: z.string().describe('The module that keeps it'),
  id: z.string(),
  title: z.string(),
  lang: z.string().nullable(),
  skill: z.string().nullable(),
  languages: z.array(z.string()),
  requester,
  createdAt: z.string(),
  url: z.string().describe('Where it is read and answered'),
});

export async function learningApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest, asked?: string) => {
    const l = asked?.toLowerCase();
    return l && isLanguage(l) ? l : req.i18n.locale;
  };

  api.get(
    '/api/v1/trainings',
    {
      schema: {
        tags,
        summary: 'Upcoming trainings and events',
        security: optionalAuth,
        querystring: z.object({ lang: z.string().max(10).optional().describe("The reader's language"), spoken: z.string().max(10).optional().describe('Only trainings held in this language') }),
        response: { 200: z.object({ items: z.array(trainingItem) }), ...errors(422) },
      },
    },
    async (req) => {
      const spoken = req.query.spoken?.toLowerCase();
      const items = await learn.listTrainings(deps, { lang: lang(req, req.query.lang), ...(spoken && isLanguage(spoken) ? { spoken } : {}) });
      return { items: items.map(trainingItemJson) };
    },
  );

  api.get(
    '/api/v1/mentorship/matches',
    {
      schema: {
        tags,
        summary: 'Suggested mentorship pairs by skill and shared language, mentees of under-resourced organisations first (members)',
        querystring: z.object({ skill: z.string().max(40).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                skill: z.string(),
                need: z.object({
                  ownerType: z.enum(['person', 'org']),
                  ownerId: z.string(),
                  name: z.string(),
                  underResourced: z.boolean(),
                  requestId: z.string().nullable().describe('An open request for a mentor: take it up with POST /api/v1/mentorship-requests/{id}/take-up'),
                  source: z.string().nullable().describe("Another module's request for help, answered at `url`"),
                  url: z.string().nullable(),
                }),
                offer: z.object({ personId: z.string(), name: z.string() }),
                sharedLanguages: z.array(z.string()),
              }),
            ),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (req) => {
      requirePerson(req);
      const matches = await learn.suggestMatches(deps, req.actor, { lang: req.i18n.locale, ...(req.query.skill ? { skill: req.query.skill } : {}) });
      return {
        items: matches.map((m) => ({
          skill: m.skill,
          need: {
            ownerType: m.need.ownerType,
            ownerId: m.need.ownerId,
            name: m.need.name,
            underResourced: m.need.underResourced,
            requestId: m.need.requestId,
            source: m.need.source,
            url: m.need.path ? `${deps.config.baseUrl}${m.need.path}` : null,
          },
          offer: m.offer,
          sharedLanguages: m.sharedLanguages,
        })),
      };
    },
  );

  api.get(
    '/api/v1/mentorships',
    {
      schema: {
        tags,
        summary: 'Your mentorships, as mentor or mentee, and those of the organisations you are an org-admin of',
        response: {
          200: z.object({ items: z.array(mentorship) }),
          ...errors(401),
        },
      },
    },
    async (req) => {
      requirePerson(req);
      const list = await learn.listMentorshipsOf(deps, req.actor);
      return { items: list.map(mentorshipJson) };
    },
  );

  await trainingRoutes(app, deps);
  await skillRoutes(app, deps);
  await mentorshipRoutes(app, deps);
}


// ── Trainings: create, read, edit, cancel, translate, register ─────────────

async function trainingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const readerLang = (req: FastifyRequest, asked?: string) => {
    const l = asked?.toLowerCase();
    return l && isLanguage(l) ? l : req.i18n.locale;
  };
  const detail = async (req: FastifyRequest, id: string, lang?: string) => trainingDetailJson(await learn.viewTraining(deps, req.actor, id, readerLang(req, lang)));

  api.post(
    '/api/v1/trainings',
    {
      schema: {
        tags,
        summary: 'Publish a training or event',
        description: "For an organisation: its org-admins. For the federation (org null or absent): coordinators and admins. Times are wall-clock times in the organiser's zone.",
        body: trainingApiSchema,
        response: { 201: trainingDetail, ...errors(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const b = req.body;
      const t = await learn.createTraining(deps, req.actor, {
        org: b.org ?? '',
        lang: b.lang.toLowerCase(),
        title: b.title,
        description: b.description,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        timeZone: b.timeZone,
        onlineUrl: b.onlineUrl?.trim() ?? '',
        place: b.place?.trim() ?? '',
        languages: b.languages,
        capacity: b.capacity == null ? '' : String(b.capacity),
      });
      return reply.code(201).send(await detail(req, t.id, b.lang));
    },
  );

  api.get(
    '/api/v1/trainings/:id',
    {
      schema: { tags, summary: 'One training or event (a cancelled one too)', security: optionalAuth, params: idParams, querystring: z.object({ lang: langQuery }), response: { 200: trainingDetail, ...errors(404) } },
    },
    async (req) => detail(req, req.params.id, req.query.lang),
  );

  api.patch(
    '/api/v1/trainings/:id',
    {
      schema: {
        tags,
        summary: "Edit a training (its organiser's org-admins, coordinators and admins)",
        description: 'Fields left out keep their value. A new time or place raises the SEQUENCE and tells registered people by e-mail. 409 SOLIDARITY_TRAINING_CANCELLED once cancelled.',
        params: idParams,
        body: trainingPatchApiSchema,
        response: { 200: trainingDetail, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      const b = req.body;
      await trainings.editTraining(deps, req.actor, req.params.id, {
        title: b.title,
        description: b.description,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        timeZone: b.timeZone,
        onlineUrl: b.onlineUrl?.trim(),
        place: b.place?.trim(),
        languages: b.languages,
        capacity: b.capacity === undefined ? undefined : b.capacity === null ? '' : String(b.capacity),
      });
      return detail(req, req.params.id);
    },
  );

  api.post(
    '/api/v1/trainings/:id/cancel',
    {
      schema: {
        tags,
        summary: "Cancel a training (its organiser's org-admins, coordinators and admins)",
        description: 'The training stays, marked cancelled (STATUS:CANCELLED in the iCal feeds); registered people are told by e-mail in their language. 409 when already cancelled or over.',
        params: idParams,
        body: cancelTrainingApiSchema,
        response: { 200: trainingDetail.extend({ notified: z.number().describe('People told by e-mail') }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      const { notified } = await trainings.cancelTraining(deps, req.actor, req.params.id, { reason: req.body.reason });
      return { ...(await detail(req, req.params.id)), notified };
    },
  );

  api.put(
    '/api/v1/trainings/:id/translations/:lang',
    {
      schema: {
        tags,
        summary: "Add or replace the title and description in one language (its organiser's org-admins, coordinators and admins)",
        description: '422 SOLIDARITY_TRANSLATION_IS_ORIGINAL for the language it was written in.',
        params: z.object({ id: z.string().max(40), lang: z.string().max(10) }),
        body: trainingTranslationApiSchema,
        response: { 200: trainingDetail, ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await trainings.assertMayManage(deps, req.actor, req.params.id);
      const lang = req.params.lang.toLowerCase();
      if (!isLanguage(lang)) throw new AppError('TEXT_UNKNOWN_LANGUAGE', 422, { fields: { lang: { key: 'error.TEXT_UNKNOWN_LANGUAGE' } } });
      await trainings.translateTraining(deps, req.actor, req.params.id, { lang, title: req.body.title, description: req.body.description, translator: req.body.translator?.trim() || null, machine: req.body.machine ?? false });
      return detail(req, req.params.id, lang);
    },
  );

  for (const [method, attend] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    api[method](
      '/api/v1/trainings/:id/registration',
      {
        schema: {
          tags,
          summary: attend ? 'Register for a training (409 SOLIDARITY_TRAINING_FULL, _OVER or _CANCELLED)' : 'Cancel your registration',
          params: idParams,
          response: { 200: trainingDetail, ...errors(401, 404, 409) },
        },
      },
      async (req) => {
        requirePerson(req);
        await learn.register(deps, req.actor, req.params.id, attend);
        return detail(req, req.params.id);
      },
    );
  }
}

// ── Skills ──────────────────────────────────────────────────────────────────

async function skillRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const skillParams = z.object({ direction: z.enum(['offer', 'need']), skill: z.string().min(1).max(40) });
  /** Yourself, or an organisation you are an org-admin of (by its short name). */
  const ownerOf = async (req: FastifyRequest, org: string | undefined) => {
    const me = requirePerson(req);
    if (!org) return { type: 'person' as const, id: me.id };
    const found = await repo.findOrgBySlug(deps.db, org);
    if (!found) {
      if (!(req.actor.kind === 'person' && req.actor.memberships.some((m) => m.role === 'org_admin'))) throw forbidden();
      throw new AppError('ORG_NOT_FOUND', 404);
    }
    return { type: 'org' as const, id: found.id };
  };

  api.get(
    '/api/v1/skills',
    {
      schema: { tags, summary: 'Skills you and the organisations you are an org-admin of offer and need', response: { 200: z.object({ items: z.array(skill) }), ...errors(401) } },
    },
    async (req) => {
      const me = requirePerson(req);
      const orgs = req.actor.kind === 'person' ? req.actor.memberships.filter((m) => m.role === 'org_admin').map((m) => ({ type: 'org' as const, id: m.orgId })) : [];
      return { items: await learn.skillsOf(deps.db, [{ type: 'person', id: me.id }, ...orgs]) };
    },
  );

  api.put(
    '/api/v1/skills/:direction/:skill',
    {
      schema: {
        tags,
        summary: 'Say you (or your organisation) offer or need a skill, in which languages',
        description: 'The skill is a word of the shared vocabulary (mail-servers, dnssec, backups, security-audits, finance, facilitation, fundraising, legal-requests, tls, monitoring, accessibility, translation) or a free tag. Saving it again replaces its languages and note.',
        params: skillParams,
        body: skillApiSchema,
        response: { 200: skill, ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      const owner = await ownerOf(req, req.body.org);
      return learn.addSkill(deps, req.actor, { owner: owner.type, ownerId: owner.id, direction: req.params.direction, skill: req.params.skill, languages: req.body.languages, note: req.body.note.trim() });
    },
  );

  api.delete(
    '/api/v1/skills/:direction/:skill',
    {
      schema: {
        tags,
        summary: 'Remove a skill offered or needed',
        params: skillParams,
        querystring: z.object({ org: z.string().max(40).optional().describe("An organisation's short name (its org-admins); absent for your own") }),
        response: { 204: z.null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const owner = await ownerOf(req, req.query.org);
      if (!(await learn.removeSkill(deps, req.actor, owner.type, owner.id, req.params.direction, learn.normaliseSkill(req.params.skill) ?? req.params.skill))) throw new AppError('SOLIDARITY_SKILL_NOT_FOUND', 404);
      return reply.code(204).send(null);
    },
  );
}

// ── Mentorships and requests for a mentor ───────────────────────────────────

async function mentorshipRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const one = async (req: FastifyRequest, id: string) => mentorshipDetailJson(await learn.viewMentorship(deps, req.actor, id));

  api.post(
    '/api/v1/mentorships',
    {
      schema: {
        tags,
        summary: 'Start mentoring a person (members who offer the skill)',
        description: 'The mentee must have said they need the skill (422 SOLIDARITY_NOT_NEEDED). Organisations get a mentor through a request: POST /api/v1/mentorship-requests/{id}/take-up.',
        body: startMentorshipApiSchema,
        response: { 201: mentorshipDetail, ...errors(401, 403, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const m = await learn.startMentorship(deps, req.actor, { menteeId: req.body.menteeId, menteeOrgId: null, skill: req.body.skill, goals: req.body.goals });
      return reply.code(201).send(await one(req, m.id));
    },
  );

  api.get(
    '/api/v1/mentorships/:id',
    {
      schema: { tags, summary: 'One mentorship with its sessions (its two sides, coordinators and admins)', params: idParams, response: { 200: mentorshipDetail, ...errors(401, 403, 404) } },
    },
    async (req) => {
      requirePerson(req);
      return one(req, req.params.id);
    },
  );

  api.post(
    '/api/v1/mentorships/:id/sessions',
    {
      schema: {
        tags,
        summary: 'Record a session (the mentor or the mentee; for an organisation, its org-admins)',
        params: idParams,
        body: sessionApiSchema,
        response: { 201: mentorshipDetail, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      await learn.addSession(deps, req.actor, req.params.id, req.body);
      return reply.code(201).send(await one(req, req.params.id));
    },
  );

  api.post(
    '/api/v1/mentorships/:id/end',
    {
      schema: {
        tags,
        summary: 'Close the mentorship with an end note (either side)',
        params: idParams,
        body: endMentorshipApiSchema,
        response: { 200: mentorshipDetail, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await learn.endMentorship(deps, req.actor, req.params.id, req.body.endNote);
      return one(req, req.params.id);
    },
  );

  api.get(
    '/api/v1/mentorship-requests',
    {
      schema: {
        tags,
        summary: "Open requests for a mentor, and other modules' requests for help (members)",
        querystring: z.object({ lang: langQuery }),
        response: { 200: z.object({ items: z.array(openRequest), contributed: z.array(contributedRequest) }), ...errors(401, 403) },
      },
    },
    async (req) => {
      requirePerson(req);
      const l = req.query.lang?.toLowerCase();
      const open = await mentoring.listOpenRequests(deps, req.actor, l && isLanguage(l) ? l : req.i18n.locale);
      return {
        items: open.items.map(requestJson),
        contributed: open.contributed.map((c) => ({
          source: c.source,
          id: c.id,
          title: c.title,
          lang: c.lang,
          skill: c.skill,
          languages: c.languages,
          requester: c.requester,
          createdAt: c.createdAt.toISOString(),
          url: `${deps.config.baseUrl}${c.path}`,
        })),
      };
    },
  );

  api.post(
    '/api/v1/mentorship-requests',
    {
      schema: {
        tags,
        summary: 'Ask for a mentor, for yourself (members) or on behalf of an organisation (its org-admins)',
        description: '409 SOLIDARITY_MENTORSHIP_REQUEST_OPEN when the same side already asks for this skill.',
        body: askMentorApiSchema,
        response: { 201: openRequest, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const r = await mentoring.askForMentor(deps, req.actor, { org: req.body.org ?? '', skill: req.body.skill, languages: req.body.languages, goals: req.body.goals });
      const view = (await mentoring.listOpenRequests(deps, req.actor, req.i18n.locale)).items.find((i) => i.request.id === r.id)!;
      return reply.code(201).send(requestJson(view));
    },
  );

  api.post(
    '/api/v1/mentorship-requests/:id/take-up',
    {
      schema: {
        tags,
        summary: 'Take a request up and start the mentorship (members who offer the skill, not of the asking side)',
        description: '403 SOLIDARITY_NOT_OFFERED or SOLIDARITY_OWN_REQUEST; 409 SOLIDARITY_MENTORSHIP_REQUEST_CLOSED when someone was first.',
        params: idParams,
        body: takeUpApiSchema,
        response: { 201: mentorshipDetail, ...errors(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const m = await mentoring.takeUpRequest(deps, req.actor, req.params.id, { goals: req.body.goals });
      return reply.code(201).send(await one(req, m.id));
    },
  );

  api.post(
    '/api/v1/mentorship-requests/:id/withdraw',
    {
      schema: { tags, summary: 'Withdraw an open request (the asking side)', params: idParams, response: { 204: z.null(), ...errors(401, 403, 404, 409) } },
    },
    async (req, reply) => {
      requirePerson(req);
      await mentoring.withdrawMentorRequest(deps, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );
}

function requestJson(v: mentoring.OpenRequestView) {
  const r = v.request;
  return {
    id: r.id,
    requester: { type: r.requesterType, id: r.requesterId, name: v.requesterName },
    askedBy: r.askedBy,
    skill: r.skill,
    languages: r.languages,
    goals: r.goals,
    status: r.status,
    mentorshipId: r.mentorshipId,
    createdAt: r.createdAt.toISOString(),
    canTakeUp: v.canTakeUp,
    canWithdraw: v.canWithdraw,
  };
}
