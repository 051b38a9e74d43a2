// The moderators' side and what the public sees of it: triage, needs with their
// whole chain, the public report with its small-group rule, exports, the feed and the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { xmlProblems } from '../../../test/helpers/xml.js';
import { addMember, makeOrg, makePerson, signIn, unique, type TestPerson } from '../../../test/factories/index.js';
import { ManualClock } from '../../kernel/time.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { systemActor, type Actor } from '../../kernel/auth/actor.js';
import { createApiToken } from '../../kernel/auth/tokens.service.js';
import { exportOrganisation, type Organisation } from '../federation/index.js';
import { createProject } from '../projects/projects.service.js';
import { projectsLinkedTo } from '../projects/index.js';
import { seedSurvey, type SeededSurvey } from './voices.seed.js';
import * as svc from './voices.service.js';
import { NEED_LINK } from './voices.needs.js';
import * as mod from './voices.moderation.js';

describe.each(engines)('triage, needs and reports (%s)', (engine) => {
  let t: TestApp;
  let org: Organisation;
  let other: Organisation;
  let admin: TestPerson;
  let member: TestPerson;
  let otherAdmin: TestPerson;
  let fedAdmin: TestPerson;
  let adminActor: Actor;
  let survey: SeededSurvey;
  const clock = new ManualClock(new Date('2026-06-01T10:15:00.000Z'));
  const rt = () => svc.createRuntime(t.deps, { minFillMs: 0 });

  /** Answers through the service (the HTTP path is tested in voices.respond.http.test.ts). */
  const answer = async (s: SeededSurvey, lang: string, text: string, choice: number, scale?: string) => {
    const r = rt();
    const c = await svc.getCampaign(t.deps.db, s.id);
    const q = s.questions;
    return svc.submitAnswer(t.deps, r, {
      campaign: c,
      lang,
      body: { form: r.tokens.issue(s.id), [`q_${q.text.id}`]: text, [`q_${q.single.id}`]: q.single.choices[choice]!, ...(scale ? { [`q_${q.scale.id}`]: scale } : {}) },
      address: undefined,
    });
  };
  const browser = async (p: TestPerson) => {
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    return b;
  };
  const actions = async (targetId: string) =>
    (await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', targetId).orderBy('seq').execute()).map((r) => r.action);

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    org = await makeOrg(t.deps, { name: 'Radio Libre' });
    other = await makeOrg(t.deps, { name: 'Mesh Sur' });
    admin = await makePerson(t.deps, { name: 'Ada Admin' });
    member = await makePerson(t.deps, { name: 'Mo Member' });
    otherAdmin = await makePerson(t.deps);
    fedAdmin = await makePerson(t.deps, { fedRole: 'admin' });
    await addMember(t.deps, org, admin, 'org_admin');
    await addMember(t.deps, org, member, 'member');
    await addMember(t.deps, other, otherAdmin, 'org_admin');
    adminActor = await actorFor(t.deps.db, admin);
    survey = await seedSurvey(t.deps, adminActor, await svc.resolveScope(t.deps.db, org.slug));
  });
  afterAll(async () => t.close());

  it('keeps answers from other organisations, federation admins and plain members; a designated member may triage', async () => {
    const a = await answer(survey, 'cs', 'Potřebujeme zálohy.', 1);
    expect(a.status).toBe('pending');
    // A federation admin (signing in needs a real-time TOTP code, so asked through the service).
    await expect(mod.viewAnswer(t.deps, await actorFor(t.deps.db, fedAdmin), a.id, 'en')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const p of [otherAdmin, member]) {
      const b = await browser(p);
      expect((await b.get(`/voices/answers/${a.id}`)).statusCode).toBe(403);
      expect((await b.get(`/orgs/${org.slug}/voices/queue`)).statusCode).toBe(403);
      expect((await b.get(`/orgs/${org.slug}/voices/export.csv`)).statusCode).toBe(403);
    }
    expect((await new InjectBrowser(t.app).get(`/voices/answers/${a.id}`)).statusCode).toBe(303);

    const ab = await browser(admin);
    await ab.get(`/orgs/${org.slug}/voices/moderators`);
    expect(ab.lastHtml).toContain('Mo Member');
    const outsider = await makePerson(t.deps);
    expect((await ab.post(`/orgs/${org.slug}/voices/moderators`, { person: outsider.id })).statusCode).toBe(422);
    expect((await ab.post(`/orgs/${org.slug}/voices/moderators`, { person: member.id })).statusCode).toBe(303);
    const mb = await browser(member);
    const q = await mb.get(`/orgs/${org.slug}/voices/queue`);
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain('Potřebujeme zálohy.');
    // Managing campaigns stays with the org-admins.
    expect((await mb.get(`/voices/${survey.id}/manage`)).statusCode).toBe(403);
    await ab.get(`/orgs/${org.slug}/voices/moderators`);
    expect((await ab.post(`/orgs/${org.slug}/voices/moderators/${member.id}/remove`, {})).statusCode).toBe(303);
    expect((await mb.get(`/orgs/${org.slug}/voices/queue`)).statusCode).toBe(403);
  });

  it('triages: counts an answer, marks spam, tags, translates, links a need, quotes an excerpt — each audited', async () => {
    const a = await answer(survey, 'cs', 'Chceme onion adresu. Sousedé jsou sledováni.', 0, '2');
    const b = await browser(admin);
    const page = await b.get(`/voices/answers/${a.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chceme onion adresu.');
    expect(page.body).toContain('Only the hour an answer arrived is kept.');

    expect((await b.post(`/voices/answers/${a.id}/status`, { status: 'accepted' })).statusCode).toBe(303);
    expect((await b.post(`/voices/answers/${a.id}/tags`, { tags: 'Tor, privacy' })).statusCode).toBe(303);
    await b.get(`/voices/answers/${a.id}`);
    expect(b.lastHtml).toContain('value="privacy, tor"');
    const badTags = await b.post(`/voices/answers/${a.id}/tags`, { tags: 'no spaces allowed!' });
    expect(badTags.statusCode).toBe(422);

    await b.get(`/voices/answers/${a.id}`);
    const tr = await b.post(`/voices/answers/${a.id}/translate`, { questionId: survey.questions.text.id, lang: 'en', body: 'We want an onion address. Neighbours are watched.', translator: 'Ada' });
    expect(tr.statusCode).toBe(303);

    await b.get(`/voices/answers/${a.id}`);
    const notIn = await b.post(`/voices/answers/${a.id}/quote`, { questionId: survey.questions.text.id, excerpt: 'We demand an onion address' });
    expect(notIn.statusCode).toBe(422);
    expect(notIn.body).toContain('must not change them');
    await b.get(`/voices/answers/${a.id}`);
    const quote = await b.post(`/voices/answers/${a.id}/quote`, { questionId: survey.questions.text.id, excerpt: 'We want an onion address. […]' });
    expect(quote.statusCode).toBe(303);

    await b.get(`/voices/answers/${a.id}`);
    const needRes = await b.post(`/voices/answers/${a.id}/need`, { need: 'new', title: 'An onion address for the mail service', description: 'Several people asked.', tags: 'tor', lang: 'en' });
    expect(needRes.statusCode).toBe(303);
    const needId = String(needRes.headers.location).split('/').pop()!;
    const needPage = await b.get(`/needs/${needId}`);
    expect(needPage.body).toContain('An onion address for the mail service');
    expect(needPage.body).toContain('1 answer backs it');
    expect(needPage.body).toContain('We want an onion address. […]');

    expect(await actions(a.id)).toEqual(['voices.answer.accepted', 'voices.answer.tagged', 'voices.answer.translated', 'voices.quote.approved']);
    expect(await actions(needId)).toEqual(['voices.need.created', 'voices.need.answer_linked']);

    // Marked as spam: no longer counted, and its quote is no longer shown.
    const spam = await answer(survey, 'en', 'Buy cheap pills', 2);
    await b.get(`/voices/answers/${spam.id}`);
    await b.post(`/voices/answers/${spam.id}/status`, { status: 'spam' });
    expect(await actions(spam.id)).toEqual(['voices.answer.marked_spam']);
    const spamQueue = await b.get(`/orgs/${org.slug}/voices/queue?status=spam`);
    expect(spamQueue.body).toContain('Buy cheap pills');
  });

  it('takes a need from open to done with its chain: answers, a decision, a shared project, and an Atom feed', async () => {
    const b = await browser(admin);
    await b.get(`/orgs/${org.slug}/voices/needs/new`);
    const created = await b.post(`/orgs/${org.slug}/voices/needs/new`, { lang: 'en', title: 'Encrypted backups', description: 'Off-site, **encrypted**.', tags: 'backups' });
    expect(created.statusCode).toBe(303);
    const needId = String(created.headers.location).split('/').pop()!;
    const a = await answer(survey, 'ar', 'نحتاج نسخا احتياطية', 1);
    await b.get(`/voices/answers/${a.id}`);
    await b.post(`/voices/answers/${a.id}/status`, { status: 'accepted' });
    await b.get(`/voices/answers/${a.id}`);
    expect((await b.post(`/voices/answers/${a.id}/need`, { need: needId })).statusCode).toBe(303);
    // Another organisation's need cannot be picked.
    const foreign = await makeNeedOf(other);
    await b.get(`/voices/answers/${a.id}`);
    expect((await b.post(`/voices/answers/${a.id}/need`, { need: foreign })).statusCode).toBe(422);

    const project = await createProject(t.deps, adminActor, { org: org.slug, name: 'Backup ring', slug: unique('ring'), status: 'active', lang: 'en', description: 'Backups for all.' });
    await b.get(`/needs/${needId}`);
    expect((await b.post(`/needs/${needId}/projects`, { project: 'no-such-project' })).statusCode).toBe(422);
    expect((await b.post(`/needs/${needId}/projects`, { project: project.slug })).statusCode).toBe(303);
    expect((await projectsLinkedTo(t.deps.db, NEED_LINK, needId)).map((p) => p.slug)).toEqual([project.slug]);
    await b.get(`/needs/${needId}`);
    expect((await b.post(`/needs/${needId}/proposals`, { proposalId: 'no-such-proposal' })).statusCode).toBe(422);

    await b.get(`/needs/${needId}`);
    const declinedWithout = await b.post(`/needs/${needId}/edit`, { title: 'Encrypted backups', status: 'declined', reason: '' });
    expect(declinedWithout.statusCode).toBe(422);
    expect(declinedWithout.body).toContain('Say why the need is declined.');
    await b.get(`/needs/${needId}`);
    expect((await b.post(`/needs/${needId}/edit`, { title: 'Encrypted backups', tags: 'backups', status: 'in_progress' })).statusCode).toBe(303);

    const pub = await t.app.inject({ url: `/needs/${needId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['set-cookie']).toBeUndefined();
    expect(pub.body).toContain('In progress');
    expect(pub.body).toContain(`href="/projects/${project.slug}"`);
    expect(pub.body).toContain(`href="/voices/${survey.id}/report"`);
    expect(pub.body).not.toContain('Edit the need');

    const list = await t.app.inject({ url: `/needs?org=${org.slug}&status=in_progress` });
    expect(list.body).toContain('Encrypted backups');
    expect(list.body).not.toContain('onion address');

    const feed = await t.app.inject({ url: `/needs.atom?org=${org.slug}` });
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(xmlProblems(feed.body)).toEqual([]);
    expect(feed.body).toContain('<title type="text">Encrypted backups: In progress</title>');
    expect(feed.body).toContain('<title type="text">Encrypted backups: Open</title>');
    expect(await actions(needId)).toEqual(['voices.need.created', 'voices.need.answer_linked', 'voices.need.project_linked', 'voices.need.status_changed']);

    // Merging: the answers move over, the old page points to the new one.
    const dup = await makeNeedOf(org, 'Backups, again');
    await b.get(`/needs/${dup}`);
    expect((await b.post(`/needs/${dup}/merge`, { into: dup })).statusCode).toBe(422);
    expect((await b.post(`/needs/${dup}/merge`, { into: needId })).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/needs/${dup}` })).body).toContain('This need was merged into another one.');
  });

  async function makeNeedOf(o: Organisation, title = 'Foreign need'): Promise<string> {
    const { createNeed } = await import('./voices.needs.js');
    return createNeed(t.deps, systemActor('test'), await svc.resolveScope(t.deps.db, o.slug), { lang: 'en', title, description: '', tags: [] });
  }

  it('reports counts and charts that combine languages, suppresses groups under five, and shows what was done', async () => {
    const s = await seedSurvey(t.deps, adminActor, await svc.resolveScope(t.deps.db, org.slug), { moderated: false });
    // Four answers: nothing broken down yet.
    for (const [lang, choice] of [['ar', 0], ['cs', 0], ['en', 1], ['ar', 2]] as const) await answer(s, lang, `text ${lang}`, choice, '4');
    let res = await t.app.inject({ url: `/voices/${s.id}/report?lang=en` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('4 answers counted');
    expect(res.body).toContain('Fewer than 5 answers: not shown.');
    expect(res.body).not.toContain('<svg');
    // The fifth: choices picked in Arabic and Czech add up under one choice.
    await answer(s, 'cs', 'text cs 2', 0, '2');
    res = await t.app.inject({ url: `/voices/${s.id}/report?lang=cs` });
    expect(res.body).toContain('<html lang="cs"');
    expect(res.body).toContain('<svg class="chart"');
    expect(res.body).toMatch(/<title id="chart-[a-z0-9]+-t">Kterou službu používáte nejvíc\?<\/title>/);
    expect(res.body).toContain('<desc id="chart-');
    expect(res.body).toContain('E-mail: 3; Chat: 1; VPN: 1');
    expect(res.body).toContain('<caption>');
    // Scale: (4 × 4 + 2) / 5 = 3.6
    expect(res.body).toContain('3,6');
    expect((await t.app.inject({ url: `/voices/${s.id}/report?lang=en` })).body).toContain('average 3.6 of 5');
    expect(res.headers['set-cookie']).toBeUndefined();

    const api = await t.app.inject({ url: `/api/v1/campaigns/${s.id}/report` });
    const body = api.json() as { total: number; questions: { kind: string; suppressed: boolean; bars: { label: string; count: number }[]; average: number | null }[] };
    expect(body.total).toBe(5);
    const single = body.questions.find((q) => q.kind === 'single')!;
    expect(single.bars.map((b) => b.count)).toEqual([3, 1, 1]);
    expect(body.questions.find((q) => q.kind === 'multiple')!.suppressed).toBe(true);

    // Drafts have no report.
    const draft = await seedSurvey(t.deps, adminActor, await svc.resolveScope(t.deps.db, org.slug), { publish: false });
    expect((await t.app.inject({ url: `/voices/${draft.id}/report` })).statusCode).toBe(404);
  });

  it('exports answers as CSV and JSON to moderators, with only the hour they arrived', async () => {
    const b = await browser(admin);
    const csv = await b.get(`/orgs/${org.slug}/voices/export.csv?campaign=${survey.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('answer_id,campaign_id,received_hour,lang,status,verified,question_id,text,values,tags,needs');
    expect(csv.body).toContain('2026-06-01T10:00:00.000Z');
    const json = await b.get(`/orgs/${org.slug}/voices/export.json`);
    const rows = (JSON.parse(json.body) as { answers: { receivedHour: string; status: string }[] }).answers;
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.receivedHour.endsWith(':00:00.000Z'))).toBe(true);
    expect(await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'voices.answers.exported').execute()).toHaveLength(2);

    const exported = await exportOrganisation(t.deps, systemActor('test'), org.slug);
    const voices = exported.modules.voices as { campaigns: unknown[]; answers: unknown[]; needs: unknown[] };
    expect(voices.campaigns.length).toBeGreaterThan(0);
    expect(voices.answers.length).toBe(rows.length);
    expect(voices.needs.length).toBeGreaterThan(0);
    const otherExport = await exportOrganisation(t.deps, systemActor('test'), other.slug);
    expect((otherExport.modules.voices as { answers: unknown[] }).answers).toEqual([]);
  });

  it('runs campaigns end to end through pages: create, add questions, translate, publish', async () => {
    const b = await browser(admin);
    await b.get(`/orgs/${org.slug}/voices/new`);
    const bad = await b.post(`/orgs/${org.slug}/voices/new`, { lang: 'en', title: '', opensOn: '2026-07-10', closesOn: '2026-07-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The closing day comes before the opening day.');
    const res = await b.post(`/orgs/${org.slug}/voices/new`, { lang: 'es', title: '¿Qué necesitas?', intro: '', access: 'public', moderated: 'yes', hourlyBudget: '50' });
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/')[2]!;
    await b.get(`/voices/${id}/manage`);
    expect((await b.post(`/voices/${id}/publish`, {})).statusCode).toBe(409);
    await b.get(`/voices/${id}/manage`);
    expect((await b.post(`/voices/${id}/questions`, { kind: 'single', prompt: '¿Cuál?', choices: 'Solo una' })).statusCode).toBe(422);
    await b.get(`/voices/${id}/manage`);
    expect((await b.post(`/voices/${id}/questions`, { kind: 'single', prompt: '¿Cuál?', choices: 'Correo\nChat', required: 'yes' })).statusCode).toBe(303);
    await b.get(`/voices/${id}/translate?lang=pt`);
    const form = /name="(choice\.[a-z0-9]+)"/.exec(b.lastHtml)![1]!;
    expect((await b.post(`/voices/${id}/translate`, { lang: 'pt', title: 'O que você precisa?', [form]: 'Correio' })).statusCode).toBe(303);
    await b.get(`/voices/${id}/manage`);
    expect((await b.post(`/voices/${id}/publish`, {})).statusCode).toBe(303);
    const pt = await t.app.inject({ url: `/voices/${id}?lang=pt` });
    expect(pt.body).toContain('O que você precisa?');
    expect(pt.body).toContain('Correio');
    expect(pt.body).toContain('>Chat<');
    // Published: the questions are fixed.
    await b.get(`/voices/${id}/manage`);
    expect((await b.post(`/voices/${id}/questions`, { kind: 'text', prompt: 'Más' })).statusCode).toBe(409);
    // Another organisation's admin cannot touch it.
    const ob = await browser(otherAdmin);
    expect((await ob.get(`/voices/${id}/manage`)).statusCode).toBe(403);
    expect(await actions(id)).toEqual(['voices.campaign.created', 'voices.question.added', 'voices.campaign.translated', 'voices.campaign.published']);
  });

  it("runs the federation's own campaigns by coordinators, apart from every organisation's", async () => {
    const coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    const cb = await browser(coordinator);
    await cb.get('/federation/voices/new');
    const res = await cb.post('/federation/voices/new', { lang: 'en', title: 'Federation-wide survey', access: 'public', moderated: 'yes', hourlyBudget: '100' });
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/')[2]!;
    const c = await svc.getCampaign(t.deps.db, id);
    expect(c.orgId).toBeNull();
    const fedSurvey = await seedSurvey(t.deps, await actorFor(t.deps.db, coordinator), await svc.resolveScope(t.deps.db, undefined));
    const a = await answer(fedSurvey, 'en', 'From anyone, to the federation', 0);
    const queue = await cb.get('/federation/voices/queue');
    expect(queue.body).toContain('From anyone, to the federation');
    expect(queue.body).not.toContain('Potřebujeme zálohy.');
    // An organisation's admin sees neither the federation's answers nor its queue.
    const ab = await browser(admin);
    expect((await ab.get('/federation/voices/queue')).statusCode).toBe(403);
    expect((await ab.get(`/voices/answers/${a.id}`)).statusCode).toBe(403);
    // And the coordinator does not see the organisation's.
    expect((await cb.get(`/orgs/${org.slug}/voices/queue`)).statusCode).toBe(403);
  });

  it('answers to moderators only over the API, with a token', async () => {
    const { secret: token } = await createApiToken(t.deps, await actorFor(t.deps.db, admin), { name: 'voices', scope: 'write', expiresInDays: 7, current: admin.password });
    const { secret: otherToken } = await createApiToken(t.deps, await actorFor(t.deps.db, otherAdmin), { name: 'voices', scope: 'write', expiresInDays: 7, current: otherAdmin.password });
    const get = (url: string, tk?: string) => t.app.inject({ url, headers: tk ? { authorization: `Bearer ${tk}` } : {} });
    expect((await get(`/api/v1/campaigns/${survey.id}/answers`)).statusCode).toBe(401);
    expect((await get(`/api/v1/campaigns/${survey.id}/answers`, otherToken)).statusCode).toBe(403);
    const ok = await get(`/api/v1/campaigns/${survey.id}/answers?status=accepted`, token);
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { items: { status: string }[] }).items.every((i) => i.status === 'accepted')).toBe(true);

    const list = await get(`/api/v1/campaigns?org=${org.slug}&lang=ar`);
    expect((list.json() as { items: { id: string; title: { body: string } }[] }).items.find((i) => i.id === survey.id)?.title.body).toBe('كيف هي خدمة البريد لديك؟');
    const one = await get(`/api/v1/campaigns/${survey.id}?lang=cs`);
    const q = (one.json() as { questions: { kind: string; choices: { id: string }[] }[] }).questions.find((x) => x.kind === 'single')!;
    expect(q.choices.map((c) => c.id)).toEqual(survey.questions.single.choices);

    const made = await t.app.inject({ method: 'POST', url: '/api/v1/needs', headers: { authorization: `Bearer ${token}` }, payload: { org: org.slug, lang: 'en', title: 'Via the API' } });
    expect(made.statusCode).toBe(201);
    const needId = (made.json() as { id: string }).id;
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/needs/${needId}`, headers: { authorization: `Bearer ${otherToken}` }, payload: { title: 'Hijacked', status: 'done' } });
    expect(put.statusCode).toBe(403);
    const needs = await get(`/api/v1/needs?org=${org.slug}`);
    expect((needs.json() as { items: { id: string }[] }).items.some((n) => n.id === needId)).toBe(true);
  });
});
