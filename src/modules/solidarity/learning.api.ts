// Learning over JSON: upcoming trainings for anyone, suggested mentorship pairs
// and one's own mentorships for members.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isLanguage } from '../../kernel/text/index.js';
import * as learn from './learning.service.js';

const tags = ['learning'];

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
        response: {
          200: z.object({
            items: z.array(
              z.object({
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
              }),
            ),
          }),
          ...errors(422),
        },
      },
    },
    async (req) => {
      const spoken = req.query.spoken?.toLowerCase();
      const items = await learn.listTrainings(deps, { lang: lang(req, req.query.lang), ...(spoken && isLanguage(spoken) ? { spoken } : {}) });
      return {
        items: items.map((i) => ({
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
        })),
      };
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
                need: z.object({ ownerType: z.enum(['person', 'org']), ownerId: z.string(), name: z.string(), underResourced: z.boolean() }),
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
      const matches = await learn.suggestMatches(deps, req.actor, req.query.skill ? { skill: req.query.skill } : {});
      return { items: matches.map((m) => ({ skill: m.skill, need: { ownerType: m.need.ownerType, ownerId: m.need.ownerId, name: m.need.name, underResourced: m.need.underResourced }, offer: m.offer, sharedLanguages: m.sharedLanguages })) };
    },
  );

  api.get(
    '/api/v1/mentorships',
    {
      schema: {
        tags,
        summary: 'Your mentorships, as mentor or mentee',
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), skill: z.string(), goals: z.string(), status: z.enum(['active', 'ended']), mentorId: z.string(), menteeId: z.string(), startedAt: z.string(), endedAt: z.string().nullable() })) }),
          ...errors(401),
        },
      },
    },
    async (req) => {
      requirePerson(req);
      const list = await learn.listMentorshipsOf(deps, req.actor);
      return { items: list.map((m) => ({ id: m.id, skill: m.skill, goals: m.goals, status: m.status, mentorId: m.mentorId, menteeId: m.menteeId, startedAt: m.startedAt.toISOString(), endedAt: m.endedAt?.toISOString() ?? null })) };
    },
  );
}
