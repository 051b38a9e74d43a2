// Proposals, positions, comments, delegates, settings, the decision log, its
// Atom feed and the JSON API, over HTTP on both engines. For each route the
// refusals (401, 403, 422) come before the happy path.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { xmlProblems } from '../../../test/helpers/xml.js';
import { addMember, makeOrg, makePerson, signIn, type TestPerson } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { updatePerson } from '../../kernel/auth/auth.repository.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { startWorker, type Worker } from '../../kernel/jobs/worker.js';
import { ManualClock } from '../../kernel/time.js';
import type { Organisation } from '../federation/federation.repository.js';
import * as svc from './governance.service.js';
import { instantToWallText } from './governance.time.js';

const HOUR = 3_600_000;

/** The text of every element with this name (no nesting of the same name). */
const elements = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

describe.each(engines)('governance over HTTP (%s)', (engine) => {
  let t: TestApp;
  let worker: Worker;
  // Real time to start with: the admin's TOTP code is computed from it.
  const clock = new ManualClock(new Date());
  let coordinator: TestPerson;
  let orgA: Organisation;
  let orgB: Organisation;
  let adminA: TestPerson;
  let adminB: TestPerson;
  let memberA: TestPerson;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    worker = startWorker({ db: t.deps.db, clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false);
    coordinator = await makePerson(t.deps, { fedRole: 'coordinator', name: 'Coord' });
    [orgA, orgB] = [await makeOrg(t.deps, { name: 'Radio Libre' }), await makeOrg(t.deps, { name: 'Nodo Sur' })];
    [adminA, adminB, memberA] = [await makePerson(t.deps, { name: 'Ana' }), await makePerson(t.deps, { name: 'Bea' }), await makePerson(t.deps, { name: 'Mo' })];
    await addMember(t.deps, orgA, adminA, 'org_admin');
    await addMember(t.deps, orgB, adminB, 'org_admin');
    await addMember(t.deps, orgA, memberA, 'member');
  });
  afterAll(async () => t?.close());

  // One signed-in browser per person: the login limiter counts every sign-in from this address.
  const browsers = new Map<string, InjectBrowser>();
  const browserFor = async (p: TestPerson) => {
    let b = browsers.get(p.id);
    if (!b) {
      b = new InjectBrowser(t.app);
      await signIn(b, p);
      browsers.set(p.id, b);
    }
    return b;
  };
  const openProposal = async (over: { title?: string; closesInMs?: number; authorOrgId?: string | null } = {}) =>
    svc.createProposal(t.deps, await actorFor(t.deps.db, over.authorOrgId ? adminA : coordinator), {
      title: over.title ?? 'Shared secondary DNS',
      body: 'We run **secondary DNS** for each other.',
      lang: 'en',
      kind: 'general',
      authorOrgId: over.authorOrgId ?? null,
      opensAt: undefined,
      closesAt: new Date(clock.now().getTime() + (over.closesInMs ?? 2 * HOUR)),
      timeZone: 'Europe/Madrid',
    });

  it('lets federation admins set the quorum, and no one else', async () => {
    // The admin signs in with a TOTP code made from the real time.
    clock.set(new Date());
    expect((await new InjectBrowser(t.app).get('/governance/settings')).statusCode).toBe(303);
    const c = await browserFor(coordinator);
    expect((await c.get('/governance/settings')).statusCode).toBe(403);
    const admin = await browserFor(await makePerson(t.deps, { fedRole: 'admin' }));
    const page = await admin.get('/governance/settings');
    expect(page.statusCode).toBe(200);
    expect((await admin.post('/governance/settings', { quorum: 'half' })).statusCode).toBe(422);
    expect((await admin.post('/governance/settings', { quorum: '0' })).statusCode).toBe(422);
    expect((await admin.post('/governance/settings', { quorum: '4' })).statusCode).toBe(303);
    expect((await admin.get('/governance/settings')).body).toContain('New proposals need positions from 4 organisations.');
    expect(await t.deps.db.selectFrom('settings').select('value').where('key', '=', svc.QUORUM_SETTING).executeTakeFirst()).toEqual({ value: '4' });
    await admin.post('/governance/settings', { quorum: '' });
    expect(await t.deps.db.selectFrom('settings').select('value').where('key', '=', svc.QUORUM_SETTING).executeTakeFirst()).toBeUndefined();
    const audit = await t.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'governance.settings.quorum_changed').orderBy('seq').execute();
    expect(audit.map((r) => JSON.parse(r.data) as unknown)).toEqual([
      { from: null, to: 4 },
      { from: 4, to: null },
    ]);
  });

  it('refuses the new-proposal form to people who speak for no one, and keeps what was typed on a mistake', async () => {
    const anon = await new InjectBrowser(t.app).get('/proposals/new');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/login?next=%2Fproposals%2Fnew');
    const nobody = await browserFor(await makePerson(t.deps));
    expect((await nobody.get('/proposals/new')).statusCode).toBe(403);
    const member = await browserFor(memberA);
    expect((await member.get('/proposals/new')).statusCode).toBe(403);
    await member.get('/proposals');
    expect((await member.post('/proposals/new', { title: 'x', body: 'y', lang: 'en', kind: 'general', authorOrg: orgA.id, closesAt: '2099-01-01T10:00', timeZone: 'UTC' })).statusCode).toBe(403);

    const b = await browserFor(adminA);
    const form = await b.get('/proposals/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${orgA.id}"`);
    expect(form.body).not.toContain(`<option value="${orgB.id}"`);
    const bad = await b.post('/proposals/new', { title: 'Backups for all', body: '', lang: 'xx', kind: 'general', authorOrg: orgA.id, closesAt: 'tomorrow', timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Backups for all"');
    expect(bad.body).toContain('Enter a date and time like 2026-03-08 18:00.');
    expect(bad.body).toContain('Choose a time zone from the list.');
    expect(bad.body).toContain('Choose a language from the list.');
    // Not for another organisation, even by editing the form.
    const closes = instantToWallText(new Date(clock.now().getTime() + 3 * 24 * HOUR), 'America/Sao_Paulo');
    const other = await b.post('/proposals/new', { title: 'x', body: 'y', lang: 'en', kind: 'general', authorOrg: orgB.id, closesAt: closes, timeZone: 'America/Sao_Paulo' });
    expect(other.statusCode).toBe(403);

    await b.get('/proposals/new');
    const ok = await b.post('/proposals/new', { title: 'Backups for all', body: 'Each of us keeps *two* copies.', lang: 'en', kind: 'funding', authorOrg: orgA.id, closesAt: closes, timeZone: 'America/Sao_Paulo' });
    expect(ok.statusCode).toBe(303);
    const id = /^\/proposals\/([a-z0-9]+)$/.exec(String(ok.headers.location))![1]!;
    const stored = await t.deps.db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // Entered in São Paulo's zone (UTC−3), stored in UTC.
    expect(stored.closes_at.slice(11, 16)).toBe(`${String((Number(closes.slice(11, 13)) + 3) % 24).padStart(2, '0')}${closes.slice(13, 16)}`);
    expect(stored).toMatchObject({ kind: 'funding', author_org_id: orgA.id, time_zone: 'America/Sao_Paulo' });
    const page = await b.get(`/proposals/${id}`);
    expect(page.body).toContain('The proposal is open.');
    expect(page.body).toContain('<em>two</em>');
  });

  it('shows the times in each reader’s own zone, with the zone named, to anyone without signing in', async () => {
    const p = await openProposal({ title: 'Times across zones' });
    const tokyo = await makePerson(t.deps);
    await updatePerson(t.deps.db, tokyo.id, { time_zone: 'Asia/Tokyo' });
    const b = await browserFor(tokyo);
    const page = await b.get(`/proposals/${p.id}`);
    expect(page.body).toContain(`${translator('en', 'Asia/Tokyo').dateTime(p.closesAt)} (Asia/Tokyo)`);
    expect(page.body).toContain('(set in Europe/Madrid)');
    const anon = await new InjectBrowser(t.app).get(`/proposals/${p.id}`);
    expect(anon.statusCode).toBe(200);
    expect(anon.body).toContain(`${translator('en', 'UTC').dateTime(p.closesAt)} (UTC)`);
    expect(anon.body).toContain('<h1>');
    expect(anon.body).not.toContain('action="/proposals/' + p.id + '/position"');
    const list = await new InjectBrowser(t.app).get('/proposals');
    expect(list.body).toContain('Times across zones');
  });

  it('takes positions from the organisation’s org-admins only, asks a reason for a concern, and shows reasons to everyone', async () => {
    const p = await openProposal();
    const url = `/proposals/${p.id}/position`;
    const anon = new InjectBrowser(t.app);
    await anon.get('/apply'); // a form, for the CSRF pair
    expect((await anon.post(url, { org: orgA.id, position: 'agree' })).statusCode).toBe(401);
    const b = await browserFor(adminB);
    await b.get(`/proposals/${p.id}`);
    expect((await b.post(url, { org: orgA.id, position: 'agree' })).statusCode).toBe(403);
    const member = await browserFor(memberA);
    const memberPage = await member.get(`/proposals/${p.id}`);
    expect(memberPage.body).not.toContain(`action="${url}"`);
    expect((await member.post(url, { org: orgA.id, position: 'agree' })).statusCode).toBe(403);

    const a = await browserFor(adminA);
    const page = await a.get(`/proposals/${p.id}`);
    expect(page.body).toContain(`action="${url}"`);
    expect(page.body).not.toContain(`value="${orgB.id}"`);
    const missing = await a.post(url, { org: orgA.id, position: 'concern', reason: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('A concern or a block needs a reason.');
    expect(missing.body).toContain('Give a reason for a concern or a block.');
    expect(missing.body).toMatch(/id="f-[a-z0-9]+-concern"[^>]*checked/);
    const saved = await a.post(url, { org: orgA.id, position: 'concern', reason: 'Who <b>pays</b> for it?' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/proposals/${p.id}#positions`);

    const pub = await new InjectBrowser(t.app).get(`/proposals/${p.id}`);
    expect(pub.body).toContain('Radio Libre');
    expect(pub.body).toContain('Agree with a concern');
    expect(pub.body).toContain('Who &lt;b>pays&lt;/b> for it?');
    // The organisation speaks, not the person: who set it is not shown.
    expect(pub.body).not.toContain(adminA.displayName + '</');
  });

  it('refuses a position after the close with a clear message, and the page says what happened', async () => {
    const p = await openProposal();
    const a = await browserFor(adminA);
    await a.get(`/proposals/${p.id}`);
    expect((await a.post(`/proposals/${p.id}/position`, { org: orgA.id, position: 'agree' })).statusCode).toBe(303);
    clock.set(new Date(p.closesAt.getTime() + 1000));
    await worker.drain();
    const late = await a.post(`/proposals/${p.id}/position`, { org: orgA.id, position: 'block', reason: 'late' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('This proposal closed on');
    expect(late.body).toContain('positions can no longer change.');
    const page = await a.get(`/proposals/${p.id}`);
    expect(page.body).toContain('Passed');
    expect(page.body).not.toContain(`action="/proposals/${p.id}/position"`);
  });

  it('lets an org-admin manage delegates, and a delegate take the position', async () => {
    const url = `/orgs/${orgA.slug}/delegates`;
    expect((await new InjectBrowser(t.app).get(url)).statusCode).toBe(303);
    const other = await browserFor(adminB);
    expect((await other.get(url)).statusCode).toBe(403);
    const member = await browserFor(memberA);
    expect((await member.get(url)).statusCode).toBe(403);
    const a = await browserFor(adminA);
    const page = await a.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${memberA.id}"`);
    expect((await a.post(url, { person: '' })).statusCode).toBe(422);
    expect((await a.post(url, { person: adminB.id })).statusCode).toBe(422);
    expect((await a.post(url, { person: memberA.id })).statusCode).toBe(303);
    expect((await a.get(url)).body).toContain('The delegate was added.');

    const p = await openProposal();
    const asDelegate = await browserFor(memberA);
    const form = await asDelegate.get(`/proposals/${p.id}`);
    expect(form.body).toContain('You speak for it as a delegate.');
    expect((await asDelegate.post(`/proposals/${p.id}/position`, { org: orgA.id, position: 'abstain' })).statusCode).toBe(303);
    await a.get(url);
    expect((await a.post(`${url}/${memberA.id}/remove`, {})).statusCode).toBe(303);
    await asDelegate.get(`/proposals/${p.id}`);
    expect((await asDelegate.post(`/proposals/${p.id}/position`, { org: orgA.id, position: 'agree' })).statusCode).toBe(403);
  });

  it('keeps the discussion among members, with every edit kept and shown', async () => {
    const p = await openProposal();
    const outsider = await browserFor(await makePerson(t.deps));
    const outsiderPage = await outsider.get(`/proposals/${p.id}`);
    expect(outsiderPage.body).toContain('The discussion is open to people of member organisations.');
    expect((await outsider.post(`/proposals/${p.id}/comments`, { body: 'hi' })).statusCode).toBe(403);

    const a = await browserFor(adminA);
    await a.get(`/proposals/${p.id}`);
    expect((await a.post(`/proposals/${p.id}/comments`, { body: '   ' })).statusCode).toBe(422);
    const posted = await a.post(`/proposals/${p.id}/comments`, { body: 'We can host the *second* server.' });
    expect(posted.statusCode).toBe(303);
    const commentId = /#comment-([a-z0-9]+)$/.exec(String(posted.headers.location))![1]!;
    const edit = `/proposals/${p.id}/comments/${commentId}/edit`;
    const b = await browserFor(adminB);
    expect((await b.get(edit)).statusCode).toBe(403);
    expect((await a.get(edit)).statusCode).toBe(200);
    expect((await a.post(edit, { body: 'We can host the *second* server, from May.', version: '1' })).statusCode).toBe(303);
    const page = await b.get(`/proposals/${p.id}`);
    expect(page.body).toContain('from May.');
    expect(page.body).toContain(`href="/proposals/${p.id}/comments/${commentId}/history">edited (history)</a>`);
    expect(page.body).not.toContain(`href="${edit}"`);
    const history = await b.get(`/proposals/${p.id}/comments/${commentId}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('2 versions of the comment by Ana');
    expect(history.body.indexOf('from May.')).toBeLessThan(history.body.indexOf('<em>second</em> server.</p>'));
    const anonPage = await new InjectBrowser(t.app).get(`/proposals/${p.id}`);
    expect(anonPage.body).not.toContain('from May.');
    expect((await new InjectBrowser(t.app).get(`/proposals/${p.id}/comments/${commentId}/history`)).statusCode).toBe(303);
  });

  it('publishes the decision log and a valid Atom feed, escaping what people wrote', async () => {
    const hostile = 'Mirrors & <script>alert("x")</script> for "all"';
    const p = await openProposal({ title: hostile });
    const a = await browserFor(adminA);
    await a.get(`/proposals/${p.id}`);
    await a.post(`/proposals/${p.id}/position`, { org: orgA.id, position: 'concern', reason: 'Bandwidth <costs> & power' });
    clock.set(new Date(p.closesAt.getTime() + 1000));
    await worker.drain();
    await svc.recordOutcome(t.deps, await actorFor(t.deps.db, coordinator), p.id, { lang: 'en', statement: 'Mirrors start **next month**.' });

    const log = await new InjectBrowser(t.app).get('/decisions');
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('Mirrors &amp; &lt;script');
    expect(log.body).not.toContain('<script>alert');
    expect(log.body).toContain('Bandwidth &lt;costs');
    expect(log.body).toContain('<strong>next month</strong>');

    const feed = await t.app.inject({ url: '/decisions.atom?lang=en' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = feed.body;
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    // Required elements of the feed (RFC 4287 §4.1.1) and of each entry (§4.1.2).
    const head = xml.slice(0, xml.indexOf('<entry>'));
    for (const tag of ['id', 'title', 'updated']) expect(elements(head, tag), `feed <${tag}>`).toHaveLength(1);
    expect(head).toContain('<link rel="self" type="application/atom+xml"');
    const entries = elements(xml, 'entry');
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(elements(e, 'id')).toHaveLength(1);
      expect(elements(e, 'title')).toHaveLength(1);
      expect(elements(e, 'updated')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    const ids = entries.map((e) => elements(e, 'id')[0]);
    expect(new Set(ids).size).toBe(ids.length);
    const mine = entries.find((e) => elements(e, 'id')[0] === `http://localhost:8080/proposals/${p.id}`)!;
    expect(unescapeXml(elements(mine, 'title')[0]!)).toBe(hostile);
    // The HTML content is escaped once more inside the XML: its markup is text here.
    const content = unescapeXml(elements(mine, 'content')[0]!);
    expect(content).toContain('<strong>next month</strong>');
    expect(content).toContain('Radio Libre: Agree with a concern — Bandwidth &lt;costs&gt; &amp; power');
    expect(elements(xml, 'updated')[0]).toBe(elements(mine, 'updated')[0]);
  });

  describe('the JSON API', () => {
    const json = async (b: InjectBrowser | undefined, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
      const headers: Record<string, string> = {};
      if (b) {
        await b.get('/apply'); // a page with a form for everyone: the CSRF pair
        headers.cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        headers['x-csrf-token'] = b.csrf();
      }
      return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    };
    const body = () => ({
      title: 'Via the API',
      body: 'Text',
      lang: 'en',
      kind: 'general',
      authorOrgId: orgA.id,
      closesAt: new Date(clock.now().getTime() + 5 * HOUR).toISOString(),
      timeZone: 'Africa/Nairobi',
    });

    it('opens proposals for those allowed, with 401, 403 and 422 first', async () => {
      // Anonymous, with the CSRF pair a browser would have: refused as not signed in.
      expect((await json(new InjectBrowser(t.app), 'POST', '/api/v1/proposals', body())).statusCode).toBe(401);
      const b = await browserFor(adminB);
      const forbidden = await json(b, 'POST', '/api/v1/proposals', body());
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      const a = await browserFor(adminA);
      const invalid = await json(a, 'POST', '/api/v1/proposals', { ...body(), closesAt: 'next week' });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { fields: { closesAt: {} } } } });
      const past = await json(a, 'POST', '/api/v1/proposals', { ...body(), closesAt: new Date(clock.now().getTime() - HOUR).toISOString() });
      expect(past.statusCode).toBe(422);
      expect(past.json()).toMatchObject({ error: { details: { fields: { closesAt: { code: 'gov.form.closesInPast' } } } } });
      const created = await json(a, 'POST', '/api/v1/proposals', body());
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        kind: 'general',
        status: 'open',
        authorOrg: { id: orgA.id, slug: orgA.slug },
        title: { text: 'Via the API', lang: 'en', isSource: true },
        timeZone: 'Africa/Nairobi',
        positions: [],
        tally: { counted: 0 },
      });
    });

    it('sets positions with PUT, and reads proposals and decisions without signing in', async () => {
      const p = await openProposal({ closesInMs: 3 * HOUR });
      const url = `/api/v1/proposals/${p.id}/position`;
      expect((await json(new InjectBrowser(t.app), 'PUT', url, { orgId: orgA.id, position: 'agree' })).statusCode).toBe(401);
      expect((await json(await browserFor(adminB), 'PUT', url, { orgId: orgA.id, position: 'agree' })).statusCode).toBe(403);
      const a = await browserFor(adminA);
      const noReason = await json(a, 'PUT', url, { orgId: orgA.id, position: 'block' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json()).toMatchObject({ error: { code: 'GOV_REASON_REQUIRED', message: 'A concern or a block needs a reason.' } });
      expect((await json(a, 'PUT', url, { orgId: orgA.id, position: 'maybe' })).statusCode).toBe(422);
      const ok = await json(a, 'PUT', url, { orgId: orgA.id, position: 'block', reason: 'Not this year' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ positions: [{ orgId: orgA.id, position: 'block', reason: 'Not this year' }], tally: { counted: 1, block: 1 } });

      const one = await json(undefined, 'GET', `/api/v1/proposals/${p.id}`);
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ id: p.id, body: { text: 'We run **secondary DNS** for each other.' }, positions: [{ orgName: 'Radio Libre' }] });
      expect((await json(undefined, 'GET', '/api/v1/proposals/nope')).statusCode).toBe(404);
      const list = await json(undefined, 'GET', '/api/v1/proposals');
      expect((list.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(p.id);

      clock.set(new Date(p.closesAt.getTime() + 1000));
      await worker.drain();
      const late = await json(a, 'PUT', url, { orgId: orgA.id, position: 'agree' });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ error: { code: 'GOV_PROPOSAL_CLOSED' } });
      const decisions = await json(undefined, 'GET', '/api/v1/decisions');
      expect(decisions.statusCode).toBe(200);
      expect((decisions.json() as { items: { id: string; status: string }[] }).items.find((d) => d.id === p.id)).toMatchObject({ status: 'not_passed' });
    });

    it('withdraws, records outcomes, discusses and manages delegates, each refusing others first', async () => {
      const p = await openProposal({ authorOrgId: orgA.id });
      const anon = new InjectBrowser(t.app);
      const [a, b, m, c] = [await browserFor(adminA), await browserFor(adminB), await browserFor(memberA), await browserFor(coordinator)];

      // Comments: members of the federation only; the author edits with the version they read.
      expect((await json(anon, 'GET', `/api/v1/proposals/${p.id}/comments`)).statusCode).toBe(401);
      expect((await json(await browserFor(await makePerson(t.deps)), 'POST', `/api/v1/proposals/${p.id}/comments`, { body: 'hi' })).statusCode).toBe(403);
      expect((await json(m, 'POST', `/api/v1/proposals/${p.id}/comments`, { body: '' })).statusCode).toBe(422);
      const posted = await json(m, 'POST', `/api/v1/proposals/${p.id}/comments`, { body: 'Count us in.' });
      expect(posted.statusCode).toBe(201);
      const commentId = (posted.json() as { id: string }).id;
      expect((await json(b, 'PUT', `/api/v1/proposals/${p.id}/comments/${commentId}`, { body: 'Not mine', version: 1 })).statusCode).toBe(403);
      const edited = await json(m, 'PUT', `/api/v1/proposals/${p.id}/comments/${commentId}`, { body: 'Count us in, twice.', version: 1 });
      expect(edited.json()).toMatchObject({ body: 'Count us in, twice.', version: 2 });
      expect((await json(m, 'PUT', `/api/v1/proposals/${p.id}/comments/${commentId}`, { body: 'Stale', version: 1 })).statusCode).toBe(409);
      expect((await json(b, 'GET', `/api/v1/proposals/${p.id}/comments`)).json()).toMatchObject({ items: [{ id: commentId, authorName: 'Mo', version: 2 }] });

      // Delegates: org-admins of the organisation only.
      const delegatesUrl = `/api/v1/orgs/${orgA.slug}/delegates`;
      expect((await json(anon, 'GET', delegatesUrl)).statusCode).toBe(401);
      expect((await json(b, 'PUT', `${delegatesUrl}/${memberA.id}`)).statusCode).toBe(403);
      expect((await json(a, 'PUT', `${delegatesUrl}/${adminB.id}`)).statusCode).toBe(422);
      expect((await json(a, 'PUT', `${delegatesUrl}/${memberA.id}`)).json()).toMatchObject({ items: [{ personId: memberA.id, displayName: 'Mo' }] });
      expect((await json(a, 'DELETE', `${delegatesUrl}/${memberA.id}`)).json()).toEqual({ items: [] });

      // The outcome: coordinators, once decided.
      expect((await json(a, 'PUT', `/api/v1/proposals/${p.id}/outcome`, { lang: 'en', statement: 'x' })).statusCode).toBe(403);
      expect((await json(c, 'PUT', `/api/v1/proposals/${p.id}/outcome`, { lang: 'en', statement: 'x' })).json()).toMatchObject({ error: { code: 'GOV_STILL_OPEN' } });

      // Withdrawing: the proposing organisation's org-admins or a coordinator.
      expect((await json(b, 'POST', `/api/v1/proposals/${p.id}/withdraw`)).statusCode).toBe(403);
      const withdrawn = await json(a, 'POST', `/api/v1/proposals/${p.id}/withdraw`);
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', closedAt: clock.now().toISOString() });
      expect((await json(c, 'POST', `/api/v1/proposals/${p.id}/withdraw`)).json()).toMatchObject({ error: { code: 'GOV_PROPOSAL_CLOSED' } });
      expect((await json(c, 'PUT', `/api/v1/proposals/${p.id}/outcome`, { lang: 'en', statement: 'x' })).statusCode).toBe(409);
    });

    it('describes the governance routes in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ url: '/api/docs' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
      expect(doc.paths['/api/v1/proposals']?.post?.tags).toEqual(['governance']);
      expect(doc.paths['/api/v1/proposals/{id}/position']?.put?.tags).toEqual(['governance']);
      expect(doc.paths['/api/v1/decisions']?.get).toBeDefined();
    });
  });
});
