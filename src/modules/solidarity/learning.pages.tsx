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
import * as trainings from './trainings.service.js';
import * as mentoring from './mentorship.service.js';
import * as repo from './solidarity.repository.js';
import * as lrepo from './learning.repository.js';
import { askMentorSchema, cancelTrainingSchema, takeUpSchema, trainingEditSchema, trainingTranslationSchema } from './learning.schemas.js';
import * as lv from './views/learning.views.js';
import * as tv from './views/training.views.js';
import * as mv from './views/mentorship.views.js';

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

  // ── Managing a published training: its organiser's org-admins, coordinators and admins ──

  const renderEdit = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    return <tv.EditTrainingPage editing={await trainings.loadForEditing(deps, req.actor, params(req).id!)} state={state} />;
  };
  app.get('/learn/trainings/:id/edit', async (req, reply) => reply.page(await renderEdit(req)));
  app.post('/learn/trainings/:id/edit', { config: { form: renderEdit } }, async (req, reply) => {
    requirePerson(req);
    const id = params(req).id!;
    // Who may edit is decided before the form is read.
    await trainings.assertMayManage(deps, req.actor, id);
    const input = parseInput(trainingEditSchema, req.body);
    const { notified } = await trainings.editTraining(deps, req.actor, id, { ...input, languages: list(input.languages) });
    return reply.seeOther(`/learn/trainings/${id}`, notified > 0 ? { kind: 'ok', key: 'solidarity.training.savedTold', values: { count: notified } } : { kind: 'ok', key: 'solidarity.training.saved' });
  });

  const renderCancel = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    const id = params(req).id!;
    const row = await trainings.assertMayManage(deps, req.actor, id);
    if (row.status === 'cancelled') throw trainings.trainingCancelled();
    const view = await learn.viewTraining(deps, req.actor, id, req.i18n.locale);
    return <tv.CancelTrainingPage training={view.training} title={view.title?.body ?? ''} registered={view.registered} state={state} />;
  };
  app.get('/learn/trainings/:id/cancel', async (req, reply) => reply.page(await renderCancel(req)));
  app.post('/learn/trainings/:id/cancel', { config: { form: renderCancel } }, async (req, reply) => {
    requirePerson(req);
    const id = params(req).id!;
    await trainings.assertMayManage(deps, req.actor, id);
    const input = parseInput(cancelTrainingSchema, req.body);
    const { notified } = await trainings.cancelTraining(deps, req.actor, id, { reason: input.reason });
    return reply.seeOther(`/learn/trainings/${id}`, { kind: 'ok', key: 'solidarity.training.cancelledFlash', values: { count: notified } });
  });

  const renderTranslate = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    const v = await trainings.trainingVersions(deps, req.actor, params(req).id!);
    const title = v.title.find((x) => x.isSource)?.body ?? '';
    return <tv.TranslateTrainingPage training={v.training} title={title} versions={v.title} state={state} />;
  };
  app.get('/learn/trainings/:id/translate', async (req, reply) => reply.page(await renderTranslate(req)));
  app.post('/learn/trainings/:id/translate', { config: { form: renderTranslate } }, async (req, reply) => {
    requirePerson(req);
    const id = params(req).id!;
    await trainings.assertMayManage(deps, req.actor, id);
    const input = parseInput(trainingTranslationSchema, req.body);
    await trainings.translateTraining(deps, req.actor, id, { lang: input.lang, title: input.title, description: input.body, translator: input.translator, machine: input.machine });
    return reply.seeOther(`/learn/trainings/${id}?lang=${input.lang}`, { kind: 'ok', key: 'solidarity.translate.saved' });
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
    const matches = await learn.suggestMatches(deps, req.actor, { lang: req.i18n.locale, ...(skill ? { skill } : {}) });
    return <lv.MatchesPage matches={matches} me={me.id} adminOf={await adminOrgs(req)} />;
  };
  app.get('/learn/matches', async (req, reply) => reply.page(await renderMatches(req)));
  app.post('/learn/mentorships', { config: { form: renderMatches } }, async (req, reply) => {
    requirePerson(req);
    const input = parseInput(mentorshipSchema, req.body);
    const m = await learn.startMentorship(deps, req.actor, { menteeId: input.menteeId, menteeOrgId: input.menteeOrgId || null, skill: input.skill, goals: input.goals });
    return reply.seeOther(`/learn/mentorships/${m.id}`, { kind: 'ok', key: 'solidarity.mentorship.started' });
  });

  // The mentorship page: open requests (and other modules' requests for help), asking for a mentor, one's mentorships.
  const renderMentorships = async (req: FastifyRequest, state?: FormState) => {
    const me = requirePerson(req);
    const open = await mentoring.listOpenRequests(deps, req.actor, req.i18n.locale);
    const mine = await learn.listMentorshipsOf(deps, req.actor);
    const names = await lrepo.personNames(deps.db, mine.flatMap((m) => [m.mentorId, m.menteeId]));
    const orgNames = await repo.orgBriefs(deps.db, mine.flatMap((m) => (m.menteeType === 'org' && m.menteeOrgId ? [m.menteeOrgId] : [])));
    const orgs = await mentoring.askableOrgs(deps, req.actor);
    const q = req.query as Record<string, unknown>;
    // ?org=…&skill=… (from a suggestion for an organisation's need) fills the form in.
    const initial = state ?? emptyForm({ ...(orgs.some((o) => o.slug === str(q.org)) ? { org: str(q.org)! } : {}), ...(str(q.skill) ? { skill: str(q.skill)!.slice(0, 40) } : {}) });
    const withName = (m: learn.Mentorship) =>
      m.mentorId === me.id ? (m.menteeType === 'org' ? (orgNames.get(m.menteeOrgId ?? '')?.name ?? '') : (names.get(m.menteeId) ?? '')) : (names.get(m.mentorId) ?? '');
    return <mv.MentorshipsPage open={open} mentorships={mine.map((m) => ({ mentorship: m, withName: withName(m) }))} orgs={orgs} state={initial} />;
  };
  app.get('/learn/mentorships', async (req, reply) => reply.page(await renderMentorships(req)));
  app.post('/learn/mentorship-requests', { config: { form: renderMentorships } }, async (req, reply) => {
    requirePerson(req);
    const input = parseInput(askMentorSchema, req.body);
    await mentoring.askForMentor(deps, req.actor, { ...input, languages: list(input.languages) });
    return reply.seeOther('/learn/mentorships', { kind: 'ok', key: 'solidarity.mentorships.asked' });
  });
  app.post('/learn/mentorship-requests/:id/take-up', { config: { form: renderMentorships } }, async (req, reply) => {
    requirePerson(req);
    const id = params(req).id!;
    await mentoring.assertMayTakeUp(deps, req.actor, id);
    const m = await mentoring.takeUpRequest(deps, req.actor, id, parseInput(takeUpSchema, req.body));
    return reply.seeOther(`/learn/mentorships/${m.id}`, { kind: 'ok', key: 'solidarity.mentorship.started' });
  });
  app.post('/learn/mentorship-requests/:id/withdraw', { config: { form: renderMentorships } }, async (req, reply) => {
    requirePerson(req);
    await mentoring.withdrawMentorRequest(deps, req.actor, params(req).id!);
    return reply.seeOther('/learn/mentorships', { kind: 'ok', key: 'solidarity.mentorships.withdrawn' });
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
