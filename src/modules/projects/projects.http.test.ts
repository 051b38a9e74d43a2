import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, PASSWORD, signIn, unique, type TestPerson } from '../../../test/factories/index.js';
import { ManualClock } from '../../kernel/time.js';
import { systemActor, type Actor } from '../../kernel/auth/actor.js';
import { listMemberships } from '../../kernel/auth/auth.repository.js';
import { createApiToken } from '../../kernel/auth/tokens.service.js';
import { exportOrganisation, type Organisation } from '../federation/index.js';
import { createProposal } from '../governance/index.js';
import { addMilestone, createProject, joinProject, linkToProject, projectsLinkedTo } from './projects.service.js';

const DAY = 24 * 3_600_000;

describe.each(engines)('shared projects (%s)', (engine) => {
  let t: TestApp;
  let orgA: Organisation;
  let orgB: Organisation;
  let adminA: TestPerson;
  let adminB: TestPerson;
  let memberA: TestPerson;
  let outsider: TestPerson;
  const clock = new ManualClock(new Date('2026-05-10T12:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    orgA = await makeOrg(t.deps, { name: 'Radio Libre' });
    orgB = await makeOrg(t.deps, { name: 'Mesh Sur' });
    adminA = await makePerson(t.deps, { name: 'Ada A' });
    adminB = await makePerson(t.deps, { name: 'Bea B' });
    memberA = await makePerson(t.deps, { name: 'Mia Member', email: `${unique('mia')}@example.org` });
    outsider = await makePerson(t.deps, { name: 'Otto Outsider' });
    await addMember(t.deps, orgA, adminA, 'org_admin');
    await addMember(t.deps, orgA, memberA, 'member');
    await addMember(t.deps, orgB, adminB, 'org_admin');
  });
  afterAll(async () => t.close());

  const browser = async (p: TestPerson) => {
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    return b;
  };
  const actorOf = async (p: TestPerson): Promise<Actor> => ({ kind: 'person', person: p, memberships: await listMemberships(t.deps.db, p.id) });
  const newProject = async (name = 'Mesh radio', slug = unique('pr')) =>
    createProject(t.deps, await actorOf(adminA), { org: orgA.slug, name, slug, status: 'active', lang: 'en', description: 'Build a **mesh** together.' });
  const auditActions = async (id: string) =>
    (await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('seq').execute()).map((r) => r.action);

  it('sends someone signed out to sign in, and refuses people without an organisation to start one for', async () => {
    const res = await new InjectBrowser(t.app).get('/projects/new');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fprojects%2Fnew');
    expect((await (await browser(memberA)).get('/projects/new')).statusCode).toBe(403);
    const b = await browser(adminB);
    await b.get('/projects/new');
    const other = await b.post('/projects/new', { org: orgA.slug, name: 'Not mine', slug: unique('x'), lang: 'en', description: 'x' });
    expect(other.statusCode).toBe(403);
  });

  it('checks the form, then starts a project that its organisation coordinates', async () => {
    const b = await browser(adminA);
    const form = await b.get('/projects/new');
    expect(form.body).toContain(`<option value="${orgA.slug}"`);
    expect(form.body).not.toContain(`value="${orgB.slug}"`);
    const bad = await b.post('/projects/new', { org: orgA.slug, name: 'Mesh', slug: 'Not A Slug!', lang: 'en', description: 'Kept text' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Kept text');
    const slug = unique('mesh');
    const ok = await b.post('/projects/new', { org: orgA.slug, name: 'Community mesh', slug, status: 'idea', lang: 'en', description: 'We build a **mesh**.' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/projects/${slug}`);
    const page = await new InjectBrowser(t.app).get(`/projects/${slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Community mesh');
    expect(page.body).toContain('<strong>mesh</strong>');
    expect(page.body).toMatch(/Radio Libre<\/bdi> — Coordinates/);
    expect(page.body).toContain('Idea');
    await b.get('/projects/new');
    const dup = await b.post('/projects/new', { org: orgA.slug, name: 'Again', slug, lang: 'en', description: 'x' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('Another project already uses this short name.');
    const list = await new InjectBrowser(t.app).get('/projects?status=idea');
    expect(list.body).toContain('Community mesh');
    expect((await new InjectBrowser(t.app).get('/projects?status=done')).body).not.toContain('Community mesh');
  });

  it('lets another organisation’s admin add their organisation and leave, but not manage', async () => {
    const p = await newProject();
    const b = await browser(adminB);
    const page = await b.get(`/projects/${p.slug}`);
    expect(page.body).toContain(`action="/projects/${p.slug}/join"`);
    expect(page.body).not.toContain(`/projects/${p.slug}/manage`);
    // Only their own organisation.
    expect((await b.post(`/projects/${p.slug}/join`, { org: orgA.slug })).statusCode).toBe(403);
    expect((await b.post(`/projects/${p.slug}/join`, { org: orgB.slug })).statusCode).toBe(303);
    const joined = await b.get(`/projects/${p.slug}`);
    expect(joined.body).toMatch(/Mesh Sur<\/bdi> — Takes part/);
    expect(await auditActions(p.id)).toContain('projects.org.joined');

    for (const path of ['edit', 'translate', 'manage']) expect((await b.get(`/projects/${p.slug}/${path}`)).statusCode, path).toBe(403);
    await b.get(`/projects/${p.slug}`);
    expect((await b.post(`/projects/${p.slug}/milestones`, { title: 'Sneaky', dueOn: '2026-06-01' })).statusCode).toBe(403);
    expect((await b.post(`/projects/${p.slug}/orgs/${orgA.slug}/role`, { role: 'participant' })).statusCode).toBe(403);
    // Nor take out the coordinating organisation.
    expect((await b.get(`/projects/${p.slug}/orgs/${orgA.slug}/leave`)).statusCode).toBe(403);

    const confirm = await b.get(`/projects/${p.slug}/orgs/${orgB.slug}/leave`);
    expect(confirm.body).toContain('Take Mesh Sur out of Mesh radio?');
    expect((await b.post(`/projects/${p.slug}/orgs/${orgB.slug}/leave`, {})).statusCode).toBe(422);
    const left = await b.post(`/projects/${p.slug}/orgs/${orgB.slug}/leave`, { confirm: 'yes' });
    expect(left.statusCode).toBe(303);
    expect((await b.get(`/projects/${p.slug}`)).body).not.toContain('Mesh Sur</bdi>');
    expect(await auditActions(p.id)).toContain('projects.org.left');
  });

  it('hands management to another coordinating organisation, and keeps at least one coordinator', async () => {
    const p = await newProject();
    await joinProject(t.deps, await actorOf(adminB), p.slug, orgB.slug);
    const a = await browser(adminA);
    await a.get(`/projects/${p.slug}/manage`);
    const alone = await a.post(`/projects/${p.slug}/orgs/${orgA.slug}/role`, { role: 'participant' });
    expect(alone.statusCode).toBe(409);
    expect(alone.body).toContain('at least one coordinating organisation');
    await a.get(`/projects/${p.slug}/orgs/${orgA.slug}/leave`);
    expect((await a.post(`/projects/${p.slug}/orgs/${orgA.slug}/leave`, { confirm: 'yes' })).statusCode).toBe(409);

    await a.get(`/projects/${p.slug}/manage`);
    expect((await a.post(`/projects/${p.slug}/orgs/${orgB.slug}/role`, { role: 'coordinator' })).statusCode).toBe(303);
    const b = await browser(adminB);
    expect((await b.get(`/projects/${p.slug}/manage`)).statusCode).toBe(200);
    // Now orgA may step back.
    await a.get(`/projects/${p.slug}/manage`);
    expect((await a.post(`/projects/${p.slug}/orgs/${orgA.slug}/role`, { role: 'participant' })).statusCode).toBe(303);
    expect((await a.get(`/projects/${p.slug}/manage`)).statusCode).toBe(403);
  });

  it('shows contact people by name only, and only while they belong to a taking-part organisation', async () => {
    const p = await newProject();
    const a = await browser(adminA);
    await a.get(`/projects/${p.slug}/manage`);
    const stranger = await a.post(`/projects/${p.slug}/contacts`, { _form: 'contact', personId: outsider.id });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.body).toContain('Contact people must belong to an organisation taking part.');
    expect((await a.post(`/projects/${p.slug}/contacts`, { _form: 'contact', personId: memberA.id })).statusCode).toBe(303);
    const page = await new InjectBrowser(t.app).get(`/projects/${p.slug}`);
    expect(page.body).toContain('Mia Member');
    expect(page.body).not.toContain(memberA.email);
    const api = await t.app.inject({ url: `/api/v1/projects/${p.slug}` });
    expect(api.json().contacts).toEqual([{ personId: memberA.id, displayName: 'Mia Member', org: 'Radio Libre' }]);
    expect(api.body).not.toContain(memberA.email);
    // Leaving the organisation ends being its contact.
    await t.deps.db.deleteFrom('memberships').where('person_id', '=', memberA.id).where('org_id', '=', orgA.id).execute();
    expect((await new InjectBrowser(t.app).get(`/projects/${p.slug}`)).body).not.toContain('Mia Member');
    await addMember(t.deps, orgA, memberA, 'member');
  });

  it('tracks milestones: due days checked, completion recorded, overdue shown', async () => {
    const p = await newProject();
    const a = await browser(adminA);
    await a.get(`/projects/${p.slug}/manage`);
    const bad = await a.post(`/projects/${p.slug}/milestones`, { _form: 'milestone', title: 'Antennas', dueOn: '2026-02-30' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a day as yyyy-mm-dd');
    expect(bad.body).toContain('value="Antennas"');
    expect((await a.post(`/projects/${p.slug}/milestones`, { _form: 'milestone', title: 'Antennas up', dueOn: '2026-05-01' })).statusCode).toBe(303);
    expect((await a.post(`/projects/${p.slug}/milestones`, { _form: 'milestone', title: 'Second node', dueOn: '2026-07-01' })).statusCode).toBe(303);
    let page = await new InjectBrowser(t.app).get(`/projects/${p.slug}`);
    // Due 1 May, today is 10 May: overdue; July is still open.
    expect(page.body).toMatch(/Antennas up[\s\S]*?Overdue/);
    expect(page.body).toMatch(/Second node[\s\S]*?Open/);

    const id = (await t.deps.db.selectFrom('project_milestones').select('id').where('project_id', '=', p.id).where('title', '=', 'Antennas up').executeTakeFirstOrThrow()).id;
    await a.get(`/projects/${p.slug}/manage`);
    expect((await a.post(`/projects/${p.slug}/milestones/${id}/done`, { done: 'yes' })).statusCode).toBe(303);
    const row = await t.deps.db.selectFrom('project_milestones').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.done_at).toBe(clock.now().toISOString());
    page = await new InjectBrowser(t.app).get(`/projects/${p.slug}`);
    expect(page.body).toMatch(/Antennas up[\s\S]*?Done/);
    expect(await auditActions(p.id)).toContain('projects.milestone.completed');

    const token = await createApiToken(t.deps, await actorOf(adminA), { name: 'm', scope: 'write', expiresInDays: 1, current: PASSWORD });
    const reopen = await t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${p.slug}/milestones/${id}`, headers: { authorization: `Bearer ${token.secret}` }, payload: { done: false } });
    expect(reopen.statusCode).toBe(200);
    expect(reopen.json()).toMatchObject({ id, doneAt: null });
    await a.get(`/projects/${p.slug}/manage`);
    expect((await a.post(`/projects/${p.slug}/milestones/${id}/delete`, { confirm: 'yes' })).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/api/v1/projects/${p.slug}` })).json().milestones.map((m: { title: string }) => m.title)).toEqual(['Second node']);
  });

  it('links governance proposals by id and shows their titles', async () => {
    const p = await newProject();
    const coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    const proposal = await createProposal(t.deps, await actorOf(coordinator), {
      title: 'Fund the mesh',
      body: 'Please.',
      lang: 'en',
      kind: 'general',
      authorOrgId: null,
      opensAt: undefined,
      closesAt: new Date(clock.now().getTime() + 5 * DAY),
      timeZone: 'UTC',
    });
    const a = await browser(adminA);
    await a.get(`/projects/${p.slug}/manage`);
    const unknown = await a.post(`/projects/${p.slug}/proposals`, { _form: 'proposal', proposalId: 'no-such-proposal' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('There is no proposal with this identifier.');
    expect((await a.post(`/projects/${p.slug}/proposals`, { _form: 'proposal', proposalId: proposal.id })).statusCode).toBe(303);
    const page = await new InjectBrowser(t.app).get(`/projects/${p.slug}`);
    expect(page.body).toContain(`<a href="/proposals/${proposal.id}">`);
    expect(page.body).toContain('Fund the mesh');
    expect((await projectsLinkedTo(t.deps.db, 'proposal', proposal.id)).map((x) => x.slug)).toEqual([p.slug]);
    await a.get(`/projects/${p.slug}/manage`);
    expect((await a.post(`/projects/${p.slug}/proposals/${proposal.id}/remove`, {})).statusCode).toBe(303);
    expect((await new InjectBrowser(t.app).get(`/projects/${p.slug}`)).body).not.toContain('Fund the mesh');
  });

  it('keeps generic links for later modules, one per target', async () => {
    const p = await newProject();
    const first = await t.deps.db.transaction().execute((trx) => linkToProject(trx, p.id, 'need', 'need-1', clock.now()));
    const again = await t.deps.db.transaction().execute((trx) => linkToProject(trx, p.id, 'need', 'need-1', clock.now()));
    expect([first, again]).toEqual([true, false]);
    expect((await projectsLinkedTo(t.deps.db, 'need', 'need-1')).map((x) => x.id)).toEqual([p.id]);
    expect(await projectsLinkedTo(t.deps.db, 'grant', 'need-1')).toEqual([]);
  });

  it('works through the API: scopes, managers only, translations with fallback', async () => {
    const p = await newProject('API project');
    const write = await createApiToken(t.deps, await actorOf(adminA), { name: 'w', scope: 'write', expiresInDays: 1, current: PASSWORD });
    const read = await createApiToken(t.deps, await actorOf(adminA), { name: 'r', scope: 'read', expiresInDays: 1, current: PASSWORD });
    const other = await createApiToken(t.deps, await actorOf(adminB), { name: 'o', scope: 'write', expiresInDays: 1, current: PASSWORD });
    const patch = (secret: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${p.slug}`, headers: { authorization: `Bearer ${secret}` }, payload });
    expect((await patch(read.secret, { status: 'paused' })).statusCode).toBe(403);
    expect((await patch(other.secret, { status: 'paused' })).statusCode).toBe(403);
    expect((await patch(write.secret, { status: 'nonsense' })).statusCode).toBe(422);
    const ok = await patch(write.secret, { status: 'paused' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'paused', participants: [{ org: { slug: orgA.slug }, role: 'coordinator' }] });

    const tr = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${p.slug}/translations/es`,
      headers: { authorization: `Bearer ${write.secret}` },
      payload: { body: 'Construir una red.', translator: 'Lu' },
    });
    expect(tr.statusCode).toBe(200);
    const es = (await t.app.inject({ url: `/api/v1/projects/${p.slug}?lang=es` })).json();
    expect(es.description).toMatchObject({ body: 'Construir una red.', lang: 'es', fallback: false, translator: 'Lu' });
    const fr = (await t.app.inject({ url: `/api/v1/projects/${p.slug}?lang=fr` })).json();
    expect(fr.description).toMatchObject({ lang: 'en', fallback: true, languages: ['en', 'es'] });

    const join = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${p.slug}/participants`, headers: { authorization: `Bearer ${other.secret}` }, payload: { org: orgB.slug } });
    expect(join.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${p.slug}/participants`, headers: { authorization: `Bearer ${other.secret}` }, payload: { org: orgB.slug } });
    expect(again.statusCode).toBe(409);
    const list = (await t.app.inject({ url: '/api/v1/projects?status=paused' })).json();
    expect(list.items.map((i: { slug: string }) => i.slug)).toContain(p.slug);
    expect(await auditActions(p.id)).toEqual(expect.arrayContaining(['projects.project.created', 'projects.project.updated', 'projects.project.translated', 'projects.org.joined']));
  });

  it('puts an organisation’s project participations in its export', async () => {
    const p = await newProject('Exported project');
    await joinProject(t.deps, await actorOf(adminB), p.slug, orgB.slug);
    await addMilestone(t.deps, await actorOf(adminA), p.slug, { title: 'Kick-off', dueOn: '2026-06-01' });
    const b = await exportOrganisation(t.deps, systemActor('test'), orgB.slug);
    const parts = b.modules.projects as { project: { slug: string }; role: string; milestones: { title: string }[] }[];
    expect(parts.find((x) => x.project.slug === p.slug)).toMatchObject({ role: 'participant', milestones: [{ title: 'Kick-off' }] });
    const a = await exportOrganisation(t.deps, systemActor('test'), orgA.slug);
    expect((a.modules.projects as { project: { slug: string }; role: string }[]).find((x) => x.project.slug === p.slug)).toMatchObject({ role: 'coordinator' });
  });
});
