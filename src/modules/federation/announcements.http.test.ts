import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { xmlProblems } from '../../../test/helpers/xml.js';
import { addMember, makeOrg, makePerson, PASSWORD, signIn, type TestPerson } from '../../../test/factories/index.js';
import { ManualClock } from '../../kernel/time.js';
import { systemActor, type Actor } from '../../kernel/auth/actor.js';
import { listMemberships } from '../../kernel/auth/auth.repository.js';
import { createApiToken } from '../../kernel/auth/tokens.service.js';
import { exportOrganisation, type Organisation } from './index.js';
import { createAnnouncement, publishAnnouncement, translateAnnouncement } from './announcements.service.js';

describe.each(engines)('announcements (%s)', (engine) => {
  let t: TestApp;
  let org: Organisation;
  let otherOrg: Organisation;
  let orgAdmin: TestPerson;
  let otherAdmin: TestPerson;
  let coordinator: TestPerson;
  let member: TestPerson;
  const clock = new ManualClock(new Date('2026-03-01T09:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    org = await makeOrg(t.deps, { name: 'Radio Libre' });
    otherOrg = await makeOrg(t.deps, { name: 'Other Net' });
    orgAdmin = await makePerson(t.deps, { name: 'Olga Admin' });
    otherAdmin = await makePerson(t.deps);
    coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    member = await makePerson(t.deps);
    await addMember(t.deps, org, orgAdmin, 'org_admin');
    await addMember(t.deps, org, member, 'member');
    await addMember(t.deps, otherOrg, otherAdmin, 'org_admin');
  });
  afterAll(async () => t.close());

  const actorOf = async (p: TestPerson): Promise<Actor> => ({ kind: 'person', person: p, memberships: await listMemberships(t.deps.db, p.id) });
  const browser = async (p: TestPerson) => {
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    return b;
  };
  const feed = (query: string) => t.app.inject({ url: `/announcements.atom?${query}` });
  const draft = async (title: string, body = 'Some **news**.', opts: { org?: string | null; lang?: string } = {}) =>
    createAnnouncement(t.deps, systemActor('test'), { org: opts.org === undefined ? org.slug : opts.org, lang: opts.lang ?? 'en', title, body });
  const published = async (title: string, body?: string, opts?: { org?: string | null; lang?: string }) => {
    const a = await draft(title, body, opts);
    clock.advance(1000);
    await publishAnnouncement(t.deps, systemActor('test'), a.id);
    return a;
  };
  const auditActions = async (id: string) =>
    (await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('seq').execute()).map((r) => r.action);

  it('sends someone signed out to sign in, and refuses people who may not announce', async () => {
    const anon = new InjectBrowser(t.app);
    const res = await anon.get('/announcements/new');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fannouncements%2Fnew');
    const m = await browser(member);
    expect((await m.get('/announcements/new')).statusCode).toBe(403);
  });

  it('lets an org-admin announce only for their own organisation, and only coordinators federation-wide', async () => {
    const other = await browser(otherAdmin);
    const form = await other.get('/announcements/new');
    expect(form.statusCode).toBe(200);
    // Their own organisation is offered; this one and the federation are not.
    expect(form.body).toContain(`<option value="${otherOrg.slug}"`);
    expect(form.body).not.toContain(`value="${org.slug}"`);
    expect(form.body).not.toContain('The whole federation');
    const forOrg = await other.post('/announcements/new', { org: org.slug, lang: 'en', title: 'Hijack', body: 'Not mine' });
    expect(forOrg.statusCode).toBe(403);
    const fedWide = await other.post('/announcements/new', { org: '', lang: 'en', title: 'Everyone', body: 'Hello' });
    expect(fedWide.statusCode).toBe(403);
    const token = await createApiToken(t.deps, await actorOf(otherAdmin), { name: 's', scope: 'write', expiresInDays: 1, current: PASSWORD });
    const viaApi = await t.app.inject({
      method: 'POST',
      url: '/api/v1/announcements',
      headers: { authorization: `Bearer ${token.secret}` },
      payload: { org: org.slug, lang: 'en', title: 'Hijack', body: 'Not mine' },
    });
    expect(viaApi.statusCode).toBe(403);
    expect(await t.deps.db.selectFrom('announcements').select('id').where('org_id', '=', org.id).where('created_by', '=', otherAdmin.id).execute()).toEqual([]);

    const coord = await browser(coordinator);
    const ok = await coord.submit('/announcements/new', '/announcements/new', { org: '', lang: 'en', title: 'Federation assembly', body: 'Come.' });
    expect(ok.statusCode).toBe(303);
    // A coordinator is not an admin of this organisation.
    expect((await coord.post('/announcements/new', { org: org.slug, lang: 'en', title: 'x', body: 'y' })).statusCode).toBe(403);
  });

  it('shows the form again with the typed text when a field is missing or the language unknown', async () => {
    const b = await browser(orgAdmin);
    await b.get('/announcements/new');
    const res = await b.post('/announcements/new', { org: org.slug, lang: 'en', title: '  ', body: 'Kept body' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This field is required.');
    expect(res.body).toContain('Kept body');
    const lang = await b.post('/announcements/new', { org: org.slug, lang: 'xx', title: 'T', body: 'B' });
    expect(lang.statusCode).toBe(422);
    expect(lang.body).toContain('Choose a language from the list.');
  });

  it('keeps a draft away from the public (page, list, feed, API) until it is published', async () => {
    const b = await browser(orgAdmin);
    await b.get('/announcements/new');
    const res = await b.post('/announcements/new', { org: org.slug, lang: 'en', title: 'Secret plans <b>', body: 'Drafted **text**' });
    expect(res.statusCode).toBe(303);
    const path = res.headers.location as string;
    const id = path.split('/').pop()!;
    const own = await b.get(path);
    expect(own.body).toContain('The draft is saved.');
    expect(own.body).toContain('<h1 lang="en" dir="auto">Secret plans &lt;b></h1>');
    expect(own.body).toContain('<strong>text</strong>');

    const anon = new InjectBrowser(t.app);
    expect((await anon.get(path)).statusCode).toBe(404);
    expect((await (await browser(member)).get(path)).statusCode).toBe(404);
    expect((await anon.get('/announcements')).body).not.toContain('Secret plans');
    expect((await feed('lang=en')).body).not.toContain('Secret plans');
    expect((await t.app.inject({ url: `/api/v1/announcements/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/announcements' })).body).not.toContain('Secret plans');
    // Its editors see it among the drafts.
    const list = await b.get('/announcements');
    expect(list.body).toMatch(/Drafts[\s\S]*Secret plans/);

    await b.post(`/announcements/${id}/publish`, {});
    const page = await anon.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Radio Libre');
    expect((await anon.get('/announcements')).body).toContain('Secret plans');
    expect((await feed('lang=en')).body).toContain('Secret plans &lt;b&gt;');
    const row = await t.deps.db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.published_at).toBe(clock.now().toISOString());
    expect(await auditActions(id)).toEqual(['federation.announcement.created', 'federation.announcement.published']);

    // Back to draft: gone from the public again.
    await b.get(path);
    expect((await b.post(`/announcements/${id}/unpublish`, {})).statusCode).toBe(303);
    expect((await anon.get(path)).statusCode).toBe(404);
    expect((await feed('lang=en')).body).not.toContain('Secret plans');
  });

  it('shows each reader their language, or the original with a note, and credits translators', async () => {
    const a = await published('Assembly in March', 'We meet on the 8th.');
    const b = await browser(orgAdmin);
    await b.get(`/announcements/${a.id}/translate`);
    const same = await b.post(`/announcements/${a.id}/translate`, { lang: 'en', title: 'x', body: 'y' });
    expect(same.statusCode).toBe(422);
    const ok = await b.post(`/announcements/${a.id}/translate`, { lang: 'es', title: 'Asamblea en marzo', body: 'Nos vemos el 8.', translator: 'Ana' });
    expect(ok.statusCode).toBe(303);

    const es = await t.app.inject({ url: `/announcements/${a.id}`, headers: { 'accept-language': 'es' } });
    expect(es.body).toContain('Asamblea en marzo');
    expect(es.body).toContain('Ana');
    expect(es.body).toContain('lang="es"');
    const fr = await t.app.inject({ url: `/announcements/${a.id}`, headers: { 'accept-language': 'fr' } });
    expect(fr.body).toContain('Assembly in March');
    expect(fr.body).toContain('lang="en"');
    // The note about the fallback, in the reader's interface language, names the language shown.
    expect(fr.body).toMatch(/anglais|English/);
    expect(fr.body).toContain(`/announcements/${a.id}?lang=es`);
    const asked = await t.app.inject({ url: `/announcements/${a.id}?lang=es` });
    expect(asked.body).toContain('Nos vemos el 8.');
    expect(await auditActions(a.id)).toContain('federation.announcement.translated');
  });

  it('serves a valid Atom feed per language, falling back to the original where no translation exists', async () => {
    const translated = await published('Feed news & more', 'Body with <script>alert(1)</script> and **bold**.');
    await translateAnnouncement(t.deps, systemActor('test'), translated.id, {
      lang: 'es',
      title: 'Noticias',
      body: 'Texto en español.',
      translator: null,
      machine: true,
    });
    const untranslated = await published('Only in English');

    const es = await feed('lang=es');
    expect(es.statusCode).toBe(200);
    expect(es.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(xmlProblems(es.body)).toEqual([]);
    expect(es.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">');
    const entry = (id: string, body: string) => {
      const m = new RegExp(`<entry xml:lang="([a-z]+)">\\s*<id>[^<]*/announcements/${id}</id>[\\s\\S]*?</entry>`).exec(body);
      return m ? { lang: m[1], xml: m[0] } : undefined;
    };
    expect(entry(translated.id, es.body)).toMatchObject({ lang: 'es' });
    expect(entry(translated.id, es.body)!.xml).toContain('<title type="text">Noticias</title>');
    // No Spanish version: the English original, marked as English.
    expect(entry(untranslated.id, es.body)).toMatchObject({ lang: 'en' });
    expect(entry(untranslated.id, es.body)!.xml).toContain('Only in English');

    const en = await feed('lang=en');
    expect(xmlProblems(en.body)).toEqual([]);
    const xml = entry(translated.id, en.body)!.xml;
    expect(xml).toContain('<title type="text">Feed news &amp; more</title>');
    // Markdown rendered, raw HTML kept as text, then escaped once more for XML.
    expect(xml).toContain('&lt;strong&gt;bold&lt;/strong&gt;');
    expect(xml).toContain('&amp;lt;script&amp;gt;');
    expect(xml).not.toContain('<script');
    expect(en.body).toContain('<title>Announcements</title>');

    expect((await feed('lang=zz')).statusCode).toBe(404);
    // Per organisation: only its announcements.
    const fed = await published('Federation only', 'x', { org: null });
    const orgFeed = await feed(`lang=en&org=${org.slug}`);
    expect(xmlProblems(orgFeed.body)).toEqual([]);
    expect(orgFeed.body).toContain('Announcements of Radio Libre');
    expect(orgFeed.body).not.toContain(fed.id);
    expect(orgFeed.body).toContain(translated.id);
    expect((await feed('lang=en&org=no-such-org')).statusCode).toBe(404);
  });

  it('pages through published announcements, newest first', async () => {
    const pager = await makeOrg(t.deps, { name: 'Pager' });
    const made = [];
    for (let i = 0; i < 22; i++) made.push(await published(`Pager item ${String(i).padStart(2, '0')}`, 'x', { org: pager.slug }));
    const first = await t.app.inject({ url: `/announcements?org=${pager.slug}` });
    expect(first.body).toContain('Pager item 21');
    expect(first.body).toContain('Pager item 02');
    expect(first.body).not.toContain('Pager item 01');
    const next = /href="(\/announcements\?org=[^"]+&amp;before=[^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await t.app.inject({ url: next });
    expect(second.body).toContain('Pager item 01');
    expect(second.body).toContain('Pager item 00');
    expect(second.body).not.toContain('Pager item 02');
    const api = await t.app.inject({ url: `/api/v1/announcements?org=${pager.slug}` });
    const page1 = api.json() as { items: { title: string }[]; next: string };
    expect(page1.items).toHaveLength(20);
    const api2 = (await t.app.inject({ url: `/api/v1/announcements?org=${pager.slug}&before=${encodeURIComponent(page1.next)}` })).json() as { items: { title: string }[]; next: string | null };
    expect(api2.items.map((i) => i.title)).toEqual(['Pager item 01', 'Pager item 00']);
    expect(api2.next).toBeNull();
  });

  it('deletes after confirmation, and never for another organisation’s admin', async () => {
    const a = await published('To be deleted');
    const other = await browser(otherAdmin);
    expect((await other.get(`/announcements/${a.id}/delete`)).statusCode).toBe(403);
    await other.get('/announcements');
    expect((await other.post(`/announcements/${a.id}/delete`, { confirm: 'yes' })).statusCode).toBe(403);
    const token = await createApiToken(t.deps, await actorOf(otherAdmin), { name: 's', scope: 'write', expiresInDays: 1, current: PASSWORD });
    const apiDelete = await t.app.inject({ method: 'DELETE', url: `/api/v1/announcements/${a.id}`, headers: { authorization: `Bearer ${token.secret}` } });
    expect(apiDelete.statusCode).toBe(403);

    const b = await browser(orgAdmin);
    const confirm = await b.get(`/announcements/${a.id}/delete`);
    expect(confirm.body).toContain('Delete “To be deleted” and all its translations?');
    expect((await b.post(`/announcements/${a.id}/delete`, {})).statusCode).toBe(422);
    const ok = await b.post(`/announcements/${a.id}/delete`, { confirm: 'yes' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/announcements?org=${org.slug}`);
    expect((await t.app.inject({ url: `/announcements/${a.id}` })).statusCode).toBe(404);
    expect(await t.deps.db.selectFrom('texts').select('lang').where('owner_type', '=', 'announcement').where('owner_id', '=', a.id).execute()).toEqual([]);
    expect(await auditActions(a.id)).toContain('federation.announcement.deleted');
  });

  it('runs the whole flow through the API with a token', async () => {
    const token = await createApiToken(t.deps, await actorOf(orgAdmin), { name: 'api', scope: 'write', expiresInDays: 1, current: PASSWORD });
    const read = await createApiToken(t.deps, await actorOf(orgAdmin), { name: 'ro', scope: 'read', expiresInDays: 1, current: PASSWORD });
    const headers = { authorization: `Bearer ${token.secret}` };
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/announcements', headers, payload: { org: org.slug, lang: 'en', title: '', body: 'x' } });
    expect(bad.statusCode).toBe(422);
    const ro = await t.app.inject({ method: 'POST', url: '/api/v1/announcements', headers: { authorization: `Bearer ${read.secret}` }, payload: { org: org.slug, lang: 'en', title: 'x', body: 'y' } });
    expect(ro.statusCode).toBe(403);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/announcements', headers, payload: { org: org.slug, lang: 'en', title: 'By API', body: 'Hello' } });
    expect(created.statusCode).toBe(201);
    const a = created.json() as { id: string; status: string; org: { slug: string } };
    expect(a).toMatchObject({ status: 'draft', org: { slug: org.slug }, title: 'By API', publishedAt: null });
    // Drafts through the API: for its editors only.
    expect((await t.app.inject({ url: '/api/v1/announcements/drafts', headers: { authorization: `Bearer ${read.secret}` } })).json().items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect((await t.app.inject({ url: '/api/v1/announcements/drafts' })).statusCode).toBe(401);
    const tr = await t.app.inject({ method: 'PUT', url: `/api/v1/announcements/${a.id}/translations/pt`, headers, payload: { title: 'Pela API', body: 'Olá', translator: 'Rui' } });
    expect(tr.statusCode).toBe(200);
    expect(tr.json()).toMatchObject({ title: 'Pela API', text: { lang: 'pt', fallback: false, translator: 'Rui' }, languages: ['en', 'pt'] });
    const pub = await t.app.inject({ method: 'POST', url: `/api/v1/announcements/${a.id}/publish`, headers });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().publishedAt).toBe(clock.now().toISOString());
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/announcements/${a.id}/publish`, headers })).statusCode).toBe(409);
    const pub2 = await t.app.inject({ url: `/api/v1/announcements/${a.id}?lang=de` });
    expect(pub2.json()).toMatchObject({ title: 'By API', text: { lang: 'en', fallback: true } });
  });

  it('puts the organisation’s announcements, drafts included, in its export', async () => {
    const exp = await published('Exported one');
    await draft('Exported draft');
    await published('Not ours', 'x', { org: otherOrg.slug });
    const data = await exportOrganisation(t.deps, systemActor('test'), org.slug);
    const list = data.modules.announcements as { id: string; status: string; title: { lang: string; body: string; isSource: boolean }[] }[];
    const titles = list.map((a) => a.title.find((v) => v.isSource)!.body);
    expect(titles).toContain('Exported one');
    expect(titles).toContain('Exported draft');
    expect(titles).not.toContain('Not ours');
    expect(list.find((a) => a.id === exp.id)).toMatchObject({ status: 'published' });
  });
});
