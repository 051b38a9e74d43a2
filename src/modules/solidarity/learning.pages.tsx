// Learning and mentorship pages: trainings (public, with iCal feeds), skills,
// suggested mentorship pairs and the mentorships themselves.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { emptyForm, type FormState } from '../../kernel/views/components/form.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isLanguage } from '../../kernel/text/index.js';
import * as learn from './learning.service.js';
import * as repo from './solidarity.repository.js';
import * as lv from './views/learning.views.js';

type Params = Record<string, string>;
const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : undefined);
const list = (s: string) => s.split(/[\s,]+/).filter(Boolean);

const trainingSchema = z.object({
  org: z.string().trim().max(40).optional().default(''),
  lang: z.string().trim().toLowerCase().refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' }),
  title: z.string().trim().min(1, { error: 'form.required' }).max(200),
  description: z.string().trim().min(1, { error: 'form.required' }).max(10_000),
  startsAt: z.string().trim().min(1, { error: 'form.required' }).max(20),
  endsAt: z.string().trim().min(1, { error: 'form.required' }).max(20),
  timeZone: z.string().trim().min(1, { error: 'form.required' }).max(64),
  onlineUrl: z.string().trim().max(500).optional().default(''),
  place: z.string().trim().max(300).optional().default(''),
  languages: z.string().trim().max(200),
  capacity: z.string().trim().max(6).optional().default(''),
});
const skillSchema = z.object({
  ownerId: z.string().trim().max(40).optional().default(''),
  direction: z.enum(['offer', 'need'], { error: 'form.invalidChoice' }),
  skill: z.string().trim().min(1, { error: 'form.required' }).max(40),
  languages: z.string().trim().max(200),
  note: z.string().trim().max(500).optional().default(''),
});
const removeSkillSchema = z.object({ owner: z.enum(['person', 'org']), ownerId: z.string().max(40).optional().default(''), direction: z.enum(['offer', 'need']), skill: z.string().max(40) });
const mentorshipSchema = z.object({
  menteeId: z.string().trim().min(1).max(40),
  menteeOrgId: z.string().trim().max(40).optional().default(''),
  skill: z.string().trim().min(1).max(40),
  goals: z.string().trim().min(1, { error: 'form.required' }).max(2000),
});
const sessionSchema = z.object({ heldOn: z.string().trim().min(1, { error: 'form.required' }).max(10), note: z.string().trim().min(1, { error: 'form.required' }).max(2000) });
const endSchema = z.object({ endNote: z.string().trim().min(1, { error: 'form.required' }).max(2000) });

export async function learningPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Params;
  const readerLang = (req: FastifyRequest) => {
    const asked = str((req.query as Record<string, unknown>).lang)?.toLowerCase();
    return asked && isLanguage(asked) ? asked : req.i18n.locale;
  };

  app.get('/learn', async (req, reply) => {
    const items = await learn.listTrainings(deps, { lang: readerLang(req) });
    const languages = [...new Set(items.flatMap((i) => i.training.languages))].sort();
    return reply.page(<lv.LearnPage items={items} languages={languages} signedIn={req.actor.kind === 'person'} />);
  });

  app.get('/learn/trainings.ics', async (req, reply) => {
    const spoken = str((req.query as Record<string, unknown>).lang)?.toLowerCase();
    const lang = spoken && isLanguage(spoken) ? spoken : undefined;
    const items = await learn.listTrainings(deps, { lang: lang ?? 'en', ...(lang ? { spoken: lang } : {}) });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .send(learn.trainingsIcs(items, { name: lang ? `Hearth trainings (${lang})` : 'Hearth trainings', baseUrl: deps.config.baseUrl, now: deps.clock.now() }));
  });

  app.get('/learn/orgs/:slug/trainings.ics', async (req, reply) => {
    const org = await repo.findOrgBySlug(deps.db, params(req).slug!);
    const items = await learn.listTrainings(deps, { lang: readerLang(req), orgSlug: params(req).slug! });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .send(learn.trainingsIcs(items, { name: `${org?.name ?? ''} trainings`, baseUrl: deps.config.baseUrl, now: deps.clock.now() }));
  });

  const renderNew = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    const may = learn.organisableFor(req.actor);
    if (!may.federation && may.orgIds.length === 0) throw forbidden();
    const orgs = [...(await repo.orgBriefs(deps.db, may.orgIds)).values()];
    return <lv.NewTrainingPage state={state} orgs={orgs} federation={may.federation} />;
  };
  app.get('/learn/trainings/new', async (req, reply) => reply.page(await renderNew(req)));
  app.post('/learn/trainings/new', { config: { form: renderNew } }, async (req, reply) => {
    requirePerson(req);
    const may = learn.organisableFor(req.actor);
    if (!may.federation && may.orgIds.length === 0) throw forbidden();
    const input = parseInput(trainingSchema, req.body);
    const training = await learn.createTraining(deps, req.actor, { ...input, languages: list(input.languages) });
    return reply.seeOther(`/learn/trainings/${training.id}`, { kind: 'ok', key: 'solidarity.training.created' });
  });

  const renderTraining = async (req: FastifyRequest) => <lv.TrainingPage view={await learn.viewTraining(deps, req.actor, params(req).id!, readerLang(req))} />;
  app.get('/learn/trainings/:id', async (req, reply) => reply.page(await renderTraining(req)));
  app.post('/learn/trainings/:id/register', { config: { form: renderTraining } }, async (req, reply) => {
    requirePerson(req);
    const attend = (req.body as Record<string, unknown> | undefined)?.attend !== 'no';
    await learn.register(deps, req.actor, params(req).id!, attend);
    return reply.seeOther(`/learn/trainings/${params(req).id!}`, { kind: 'ok', key: attend ? 'solidarity.training.registered' : 'solidarity.training.unregistered' });
  });

  // ── Skills and mentorship ──

  const adminOrgs = async (req: FastifyRequest) => {
    const ids = req.actor.kind === 'person' ? req.actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId) : [];
    return [...(await repo.orgBriefs(deps.db, ids)).values()];
  };
  const renderSkills = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    const me = requirePerson(req);
    const orgs = await adminOrgs(req);
    const skills = await learn.skillsOf(deps.db, [{ type: 'person', id: me.id }, ...orgs.map((o) => ({ type: 'org' as const, id: o.id }))]);
    const mentorships = await learn.listMentorshipsOf(deps, req.actor);
    return (
      <lv.SkillsPage
        state={state}
        mine={skills.filter((s) => s.ownerType === 'person')}
        orgs={orgs.map((o) => ({ id: o.id, name: o.name, skills: skills.filter((s) => s.ownerType === 'org' && s.ownerId === o.id) }))}
        mentorships={mentorships.map((m) => ({ id: m.id, skill: m.skill, status: m.status }))}
      />
    );
  };
  app.get('/learn/skills', async (req, reply) => reply.page(await renderSkills(req)));
  app.post('/learn/skills', { config: { form: renderSkills } }, async (req, reply) => {
    const me = requirePerson(req);
    const input = parseInput(skillSchema, req.body);
    await learn.addSkill(deps, req.actor, {
      owner: input.ownerId === '' ? 'person' : 'org',
      ownerId: input.ownerId === '' ? me.id : input.ownerId,
      direction: input.direction,
      skill: input.skill,
      languages: list(input.languages),
      note: input.note,
    });
    return reply.seeOther('/learn/skills', { kind: 'ok', key: 'solidarity.skills.saved' });
  });
  app.post('/learn/skills/remove', async (req, reply) => {
    const me = requirePerson(req);
    const input = parseInput(removeSkillSchema, req.body);
    await learn.removeSkill(deps, req.actor, input.owner, input.owner === 'person' ? me.id : input.ownerId, input.direction, input.skill);
    return reply.seeOther('/learn/skills', { kind: 'ok', key: 'solidarity.skills.removed' });
  });

  const renderMatches = async (req: FastifyRequest) => {
    const me = requirePerson(req);
    const skill = str((req.query as Record<string, unknown>).skill);
    return <lv.MatchesPage matches={await learn.suggestMatches(deps, req.actor, skill ? { skill } : {})} me={me.id} />;
  };
  app.get('/learn/matches', async (req, reply) => reply.page(await renderMatches(req)));
  app.post('/learn/mentorships', { config: { form: renderMatches } }, async (req, reply) => {
    requirePerson(req);
    const input = parseInput(mentorshipSchema, req.body);
    const m = await learn.startMentorship(deps, req.actor, { menteeId: input.menteeId, menteeOrgId: input.menteeOrgId || null, skill: input.skill, goals: input.goals });
    return reply.seeOther(`/learn/mentorships/${m.id}`, { kind: 'ok', key: 'solidarity.mentorship.started' });
  });

  const renderMentorship = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    return <lv.MentorshipPage view={await learn.viewMentorship(deps, req.actor, params(req).id!)} state={state} today={deps.clock.now().toISOString().slice(0, 10)} />;
  };
  app.get('/learn/mentorships/:id', async (req, reply) => reply.page(await renderMentorship(req)));
  app.post('/learn/mentorships/:id/sessions', { config: { form: renderMentorship } }, async (req, reply) => {
    requirePerson(req);
    await learn.writable(deps, req.actor, params(req).id!);
    await learn.addSession(deps, req.actor, params(req).id!, parseInput(sessionSchema, req.body));
    return reply.seeOther(`/learn/mentorships/${params(req).id!}`, { kind: 'ok', key: 'solidarity.mentorship.sessionAdded' });
  });
  app.post('/learn/mentorships/:id/end', { config: { form: renderMentorship } }, async (req, reply) => {
    requirePerson(req);
    await learn.writable(deps, req.actor, params(req).id!);
    await learn.endMentorship(deps, req.actor, params(req).id!, parseInput(endSchema, req.body).endNote);
    return reply.seeOther(`/learn/mentorships/${params(req).id!}`, { kind: 'ok', key: 'solidarity.mentorship.endedFlash' });
  });
}
