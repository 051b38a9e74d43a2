// Skills and mentorship over HTTP on both engines, beyond person to person:
// skills over /api/v1, an organisation asking for a mentor through its
// org-admin (the organisation is the mentee and its org-admins of today take
// part), suggestions for such requests, mentorships over /api/v1 (create, a
// session, an end note), and the registry through which other modules show
// their requests for help on the mentorship page (tested with a fake one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, type TestPerson } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import type { Organisation } from '../federation/federation.repository.js';
import { exportOrganisation } from '../federation/index.js';
import { chooseBand, createBand } from './dues.service.js';
import { addSkill } from './learning.service.js';
import { isLocalPath, registerMentorshipRequestContributor, type MentorshipRequestQuery } from './mentorship.registry.js';
import { registerMentorshipRequestContributor as fromIndex } from './index.js';

describe('the mentorship request registry', () => {
  it('accepts local paths only', () => {
    expect(isLocalPath('/posture/help/1')).toBe(true);
    for (const bad of ['//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'https://evil.example/', '/a b', '']) expect(isLocalPath(bad), bad).toBe(false);
  });

  it('is what the module exposes, takes one contributor per name and checks the name', () => {
    expect(fromIndex).toBe(registerMentorshipRequestContributor);
    const off = registerMentorshipRequestContributor('twice', async () => []);
    try {
      expect(() => registerMentorshipRequestContributor('twice', async () => [])).toThrow(/already registered/);
    } finally {
      off();
    }
    expect(() => registerMentorshipRequestContributor('Not A Name', async () => [])).toThrow(/short lower-case name/);
  });
});

// The routes these gaps added, as the OpenAPI document at /api/docs describes them (the engine does not matter).
describe('the learning API in the OpenAPI document', () => {
  it('describes each new route with its tag, body, success and error responses', async () => {
    const t = await createTestApp('sqlite');
    try {
      type Op = { tags?: string[]; parameters?: { in: string; name: string }[]; requestBody?: unknown; responses?: Record<string, { content?: Record<string, unknown> }> };
      const doc = (await t.app.inject({ url: '/api/docs' })).json() as { paths: Record<string, Record<string, Op>> };
      const routes: [string, string, string, boolean][] = [
        ['post', '/api/v1/trainings', 'learning', true],
        ['get', '/api/v1/trainings/{id}', 'learning', false],
        ['patch', '/api/v1/trainings/{id}', 'learning', true],
        ['post', '/api/v1/trainings/{id}/cancel', 'learning', true],
        ['put', '/api/v1/trainings/{id}/translations/{lang}', 'learning', true],
        ['put', '/api/v1/trainings/{id}/registration', 'learning', false],
        ['delete', '/api/v1/trainings/{id}/registration', 'learning', false],
        ['get', '/api/v1/skills', 'learning', false],
        ['put', '/api/v1/skills/{direction}/{skill}', 'learning', true],
        ['delete', '/api/v1/skills/{direction}/{skill}', 'learning', false],
        ['post', '/api/v1/mentorships', 'learning', true],
        ['get', '/api/v1/mentorships/{id}', 'learning', false],
        ['post', '/api/v1/mentorships/{id}/sessions', 'learning', true],
        ['post', '/api/v1/mentorships/{id}/end', 'learning', true],
        ['get', '/api/v1/mentorship-requests', 'learning', false],
        ['post', '/api/v1/mentorship-requests', 'learning', true],
        ['post', '/api/v1/mentorship-requests/{id}/take-up', 'learning', true],
        ['post', '/api/v1/mentorship-requests/{id}/withdraw', 'learning', false],
        ['put', '/api/v1/fund/requests/{id}/translations/{field}/{lang}', 'fund', true],
      ];
      const problems: string[] = [];
      for (const [method, path, tag, hasBody] of routes) {
        const op = doc.paths[path]?.[method];
        if (!op) {
          problems.push(`${method} ${path}: missing`);
          continue;
        }
        if (!op.tags?.includes(tag)) problems.push(`${method} ${path}: tag`);
        if (hasBody && !op.requestBody) problems.push(`${method} ${path}: body`);
        if (!Object.keys(op.responses ?? {}).some((s) => s.startsWith('4'))) problems.push(`${method} ${path}: errors`);
        for (const param of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)) if (!op.parameters?.some((p) => p.in === 'path' && p.name === param)) problems.push(`${method} ${path}: ${param}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe.each(engines)('mentorship beyond person to person (%s)', (engine) => {
  let t: TestApp;
  let rich: Organisation;
  let poor: Organisation;
  let ana: TestPerson; // org-admin of rich
  let bo: TestPerson; // org-admin of poor, who asks
  let bea: TestPerson; // another org-admin of poor
  let zuri: TestPerson; // member of poor, offers dnssec herself
  let mentora: TestPerson; // member of rich, offers dnssec in es/pt
  let aaron: TestPerson; // member of rich, needs dnssec in es
  let coord: TestPerson; // coordinator, offers nothing
  let pat: TestPerson; // signed in, no organisation
  const browsers = new Map<string, InjectBrowser>();
  async function as(p: TestPerson) {
    let b = browsers.get(p.id);
    if (!b) {
      b = new InjectBrowser(t.app);
      await signIn(b, p);
      browsers.set(p.id, b);
    }
    return b;
  }
  async function api(p: TestPerson | undefined, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    const b = p ? await as(p) : new InjectBrowser(t.app);
    await b.get(p ? '/learn' : '/login');
    return t.app.inject({
      method,
      url,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': b.csrf(), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  }
  const mailsTo = (p: TestPerson) => t.deps.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', p.email).execute();

  beforeAll(async () => {
    t = await createTestApp(engine);
    const d = t.deps;
    [rich, poor] = [await makeOrg(d, { name: 'Rich Hosting' }), await makeOrg(d, { name: 'Red Pequeña' })];
    [ana, bo, bea, zuri, mentora, aaron, coord, pat] = [
      await makePerson(d, { name: 'Ana' }),
      await makePerson(d, { name: 'Bo' }),
      await makePerson(d, { name: 'Bea' }),
      await makePerson(d, { name: 'Zuri' }),
      await makePerson(d, { name: 'Mentora' }),
      await makePerson(d, { name: 'Aaron' }),
      await makePerson(d, { name: 'Coord', fedRole: 'coordinator' }),
      await makePerson(d, { name: 'Pat' }),
    ];
    await addMember(d, rich, ana, 'org_admin');
    await addMember(d, poor, bo, 'org_admin');
    await addMember(d, poor, bea, 'org_admin');
    await addMember(d, poor, zuri, 'member');
    await addMember(d, rich, mentora, 'member');
    await addMember(d, rich, aaron, 'member');
    // Red Pequeña chose the zero band: an organisation with fewer means.
    const admin = await actorFor(d.db, await makePerson(d, { fedRole: 'admin' }));
    const zero = await createBand(d, admin, { name: 'Solidarity', basis: 'ppp', budgetMin: '', budgetMax: '', pppGroup: '1', currency: 'EUR', suggested: '0', period: 'year' });
    await chooseBand(d, await actorFor(d.db, bo), poor.slug, { band: zero.id, undisclosed: false });
    await addSkill(d, await actorFor(d.db, zuri), { owner: 'person', ownerId: zuri.id, direction: 'offer', skill: 'dnssec', languages: ['es'], note: '' });
    await addSkill(d, await actorFor(d.db, aaron), { owner: 'person', ownerId: aaron.id, direction: 'need', skill: 'dnssec', languages: ['es'], note: '' });
  });
  afterAll(async () => t?.close());

  it('lets people and org-admins say what they offer and need over /api/v1', async () => {
    expect((await api(undefined, 'GET', '/api/v1/skills')).statusCode).toBe(401);
    expect((await api(undefined, 'PUT', '/api/v1/skills/need/dnssec', { languages: ['es'] })).statusCode).toBe(401);
    // Zuri is in Red Pequeña, but does not speak for it.
    const refused = await api(zuri, 'PUT', '/api/v1/skills/need/dnssec', { org: poor.slug, languages: ['es'] });
    expect(refused.statusCode).toBe(403);
    const bad = await api(bo, 'PUT', '/api/v1/skills/need/dnssec', { org: poor.slug, languages: ['qq'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields.languages.message).toBe('Give at least one language code we know (for example es pt en).');
    expect((await api(bo, 'PUT', '/api/v1/skills/need/not a tag!', { org: poor.slug, languages: ['es'] })).statusCode).toBe(422);
    const saved = await api(bo, 'PUT', '/api/v1/skills/need/dnssec', { org: poor.slug, languages: ['es', 'pt'] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ ownerType: 'org', ownerId: poor.id, direction: 'need', skill: 'dnssec', languages: ['es', 'pt'], note: null });
    expect((await api(mentora, 'PUT', '/api/v1/skills/offer/DNSSEC', { languages: ['es', 'pt'], note: 'Ten zones signed' })).json()).toMatchObject({ ownerType: 'person', ownerId: mentora.id, skill: 'dnssec' });
    expect((await api(bo, 'GET', '/api/v1/skills')).json().items).toContainEqual(expect.objectContaining({ ownerType: 'org', ownerId: poor.id, skill: 'dnssec', direction: 'need' }));

    await api(mentora, 'PUT', '/api/v1/skills/offer/finance', { languages: ['es'] });
    expect((await api(undefined, 'DELETE', '/api/v1/skills/offer/finance')).statusCode).toBe(401);
    expect((await api(zuri, 'DELETE', `/api/v1/skills/need/dnssec?org=${poor.slug}`)).statusCode).toBe(403);
    const missing = await api(mentora, 'DELETE', '/api/v1/skills/offer/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SOLIDARITY_SKILL_NOT_FOUND');
    expect((await api(mentora, 'DELETE', '/api/v1/skills/offer/finance')).statusCode).toBe(204);
    expect((await api(mentora, 'GET', '/api/v1/skills')).json().items.map((s: { skill: string }) => s.skill)).toEqual(['dnssec']);
    const removed = await t.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'solidarity.skill.removed').where('target_id', '=', mentora.id).execute();
    expect(removed.map((r) => JSON.parse(r.data))).toEqual([{ direction: 'offer', skill: 'finance' }]);
  });

  it('lets an org-admin ask for a mentor for the organisation; a mentor takes it up; its org-admins of today take part', async () => {
    expect((await (await as(pat)).get('/learn/mentorships')).statusCode).toBe(403);
    const z = await as(zuri);
    await z.get('/learn/mentorships');
    expect((await z.post('/learn/mentorship-requests', { org: poor.slug, skill: 'dnssec', languages: 'es', goals: 'Sign our zone' })).statusCode).toBe(403);
    const b = await as(bo);
    const page = await b.get('/learn/mentorships');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${poor.slug}">Red Pequeña</option>`);
    const bad = await b.post('/learn/mentorship-requests', { org: poor.slug, skill: 'dnssec', languages: 'klingon', goals: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('This field is required');
    await b.get('/learn/mentorships');
    const asked = await b.post('/learn/mentorship-requests', { org: poor.slug, skill: 'DNSSEC', languages: 'es pt', goals: 'Sign our zone and roll the keys' });
    expect(asked.statusCode).toBe(303);
    const listed = await b.get('/learn/mentorships');
    expect(listed.body).toContain('Sign our zone and roll the keys');
    expect(listed.body).toContain('(organisation, asked by Bo)');
    expect(listed.body).toContain('Withdraw the request for dnssec');
    const twice = await b.post('/learn/mentorship-requests', { org: poor.slug, skill: 'dnssec', languages: 'es', goals: 'Again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('There is already an open request for this skill.');
    const requestId = (await t.deps.db.selectFrom('mentorship_requests').select('id').where('requester_id', '=', poor.id).executeTakeFirstOrThrow()).id;

    // Suggestions: the organisation's request first (fewer means), once (its plain need is folded into it);
    // never Zuri, who is one of its own people; Aaron (a person of a richer organisation) after it.
    const m = await as(mentora);
    const matches = await m.get('/learn/matches?skill=dnssec');
    const rows = [...matches.body.matchAll(/<tr><td>dnssec<\/td><td><span dir="auto">([^<]+)<\/span>(.*?)<\/td><td dir="auto">([^<]+)<\/td>/g)].map((x) => `${x[1]}→${x[3]}`);
    expect(rows).toEqual(['Red Pequeña→Mentora', 'Aaron→Mentora', 'Aaron→Zuri']);
    expect(matches.body).toContain('asked for a mentor');
    expect(matches.body).toContain(`action="/learn/mentorship-requests/${requestId}/take-up"`);
    const api1 = (await api(mentora, 'GET', '/api/v1/mentorship/matches?skill=dnssec')).json().items[0];
    expect(api1).toMatchObject({ need: { ownerType: 'org', ownerId: poor.id, underResourced: true, requestId }, offer: { personId: mentora.id }, sharedLanguages: ['es', 'pt'] });

    // Not one of the organisation's own people; not someone who does not offer the skill.
    await z.get('/learn/mentorships');
    const own = await z.post(`/learn/mentorship-requests/${requestId}/take-up`, {});
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('This request is yours or your organisation');
    const c = await as(coord);
    await c.get('/learn/mentorships');
    const notOffered = await c.post(`/learn/mentorship-requests/${requestId}/take-up`, {});
    expect(notOffered.statusCode).toBe(403);
    expect(notOffered.body).toContain('Add this skill to the ones you offer first.');

    await m.get('/learn/mentorships');
    const taken = await m.post(`/learn/mentorship-requests/${requestId}/take-up`, {});
    expect(taken.statusCode).toBe(303);
    const url = String(taken.headers.location);
    const view = await m.get(url);
    expect(view.body).toContain('Red Pequeña');
    expect(view.body).toContain('contact: Bo');
    expect(view.body).toContain('Sign our zone and roll the keys');
    // Both org-admins hear of it, the one who did not ask too.
    for (const p of [bo, bea]) {
      const [mail] = await mailsTo(p);
      expect(mail).toMatchObject({ subject: 'A mentor for dnssec' });
      expect(mail!.body_text).toContain('Mentora took up the request for a mentor in dnssec (Red Pequeña)');
      expect(mail!.body_text).toContain(url);
    }
    // Someone else was first.
    await addSkill(t.deps, await actorFor(t.deps.db, aaron), { owner: 'person', ownerId: aaron.id, direction: 'offer', skill: 'dnssec', languages: ['es'], note: '' });
    const late = await api(aaron, 'POST', `/api/v1/mentorship-requests/${requestId}/take-up`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SOLIDARITY_MENTORSHIP_REQUEST_CLOSED');
    expect((await b.get('/learn/mentorships')).body).not.toContain('Withdraw the request for dnssec');

    // Bea did not ask, but speaks for the organisation: she reads and writes it. Zuri does not.
    const be = await as(bea);
    expect((await be.get(url)).statusCode).toBe(200);
    expect((await be.post(`${url}/sessions`, { heldOn: '2030-02-01', note: 'Zone signed in the test bed' })).statusCode).toBe(303);
    expect((await z.get(url)).statusCode).toBe(403);
    // A role that ends ends the access with it.
    await t.deps.db.updateTable('memberships').set({ role: 'member' }).where('org_id', '=', poor.id).where('person_id', '=', bea.id).execute();
    expect((await be.get(url)).statusCode).toBe(403);
    await m.get(url);
    expect((await m.post(`${url}/end`, { endNote: 'The zone is signed; keys roll every month.' })).statusCode).toBe(303);

    const detail = (await api(bo, 'GET', `/api/v1/mentorships/${url.split('/').pop()}`)).json();
    expect(detail).toMatchObject({
      menteeType: 'org',
      menteeOrgId: poor.id,
      menteeId: bo.id,
      menteeOrg: { slug: poor.slug, name: 'Red Pequeña' },
      sourceType: 'mentorship_request',
      sourceId: requestId,
      status: 'ended',
      endNote: 'The zone is signed; keys roll every month.',
      sessions: [{ heldOn: '2030-02-01', note: 'Zone signed in the test bed', by: bea.id }],
      canWrite: false,
    });
    expect((await b.get('/learn/mentorships')).body).toMatch(/dnssec: <span dir="auto">Mentora<\/span> \(ended\)/);
    expect((await api(bo, 'GET', '/api/v1/mentorships')).json().items).toContainEqual(expect.objectContaining({ menteeType: 'org', mentorId: mentora.id }));

    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'org_id']).where('org_id', '=', poor.id).where('action', 'like', 'solidarity.mentorship.%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['solidarity.mentorship.requested', 'solidarity.mentorship.started', 'solidarity.mentorship.session', 'solidarity.mentorship.ended']);
    const exported = await exportOrganisation(t.deps, await actorFor(t.deps.db, bo), poor.slug);
    const learning = (exported.modules.solidarity as { learning: { mentorshipRequests: { id: string; status: string }[]; mentorships: { menteeType: string }[] } }).learning;
    expect(learning.mentorshipRequests).toMatchObject([{ id: requestId, status: 'matched' }]);
    expect(learning.mentorships).toMatchObject([{ menteeType: 'org' }]);
  });

  it('asks, withdraws and mentors over /api/v1, refusing before acting', async () => {
    expect((await api(pat, 'POST', '/api/v1/mentorship-requests', { skill: 'backups', languages: ['es'], goals: 'Restore tests' })).statusCode).toBe(403);
    expect((await api(zuri, 'POST', '/api/v1/mentorship-requests', { org: rich.slug, skill: 'backups', languages: ['es'], goals: 'Restore tests' })).statusCode).toBe(403);
    expect((await api(zuri, 'POST', '/api/v1/mentorship-requests', { skill: 'backups', languages: ['es'] })).statusCode).toBe(422);
    const asked = await api(zuri, 'POST', '/api/v1/mentorship-requests', { skill: 'backups', languages: ['es'], goals: 'Restore tests' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ requester: { type: 'person', id: zuri.id, name: 'Zuri' }, skill: 'backups', status: 'open', canWithdraw: true });
    const id = asked.json().id as string;
    expect((await api(pat, 'GET', '/api/v1/mentorship-requests')).statusCode).toBe(403);
    expect((await api(mentora, 'GET', '/api/v1/mentorship-requests')).json().items).toContainEqual(expect.objectContaining({ id, canTakeUp: false, canWithdraw: false }));
    expect((await api(mentora, 'POST', `/api/v1/mentorship-requests/${id}/withdraw`)).statusCode).toBe(403);
    expect((await api(zuri, 'POST', `/api/v1/mentorship-requests/${id}/withdraw`)).statusCode).toBe(204);
    expect((await api(zuri, 'POST', `/api/v1/mentorship-requests/${id}/withdraw`)).statusCode).toBe(409);
    expect((await api(mentora, 'GET', '/api/v1/mentorship-requests')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    const start = { menteeId: aaron.id, skill: 'dnssec', goals: 'Sign a zone' };
    expect((await api(undefined, 'POST', '/api/v1/mentorships', start)).statusCode).toBe(401);
    const notOffered = await api(coord, 'POST', '/api/v1/mentorships', start);
    expect(notOffered.statusCode).toBe(403);
    expect(notOffered.json().error.code).toBe('SOLIDARITY_NOT_OFFERED');
    // Nobody becomes a mentee without having said they need it.
    const notNeeded = await api(mentora, 'POST', '/api/v1/mentorships', { ...start, menteeId: pat.id });
    expect(notNeeded.statusCode).toBe(422);
    expect(notNeeded.json().error.code).toBe('SOLIDARITY_NOT_NEEDED');
    const started = await api(mentora, 'POST', '/api/v1/mentorships', start);
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ menteeType: 'person', menteeId: aaron.id, menteeOrgId: rich.id, mentor: 'Mentora', mentee: 'Aaron', status: 'active', canWrite: true });
    const mid = started.json().id as string;

    expect((await api(zuri, 'GET', `/api/v1/mentorships/${mid}`)).statusCode).toBe(403);
    expect((await api(coord, 'GET', `/api/v1/mentorships/${mid}`)).json()).toMatchObject({ canWrite: false });
    expect((await api(zuri, 'POST', `/api/v1/mentorships/${mid}/sessions`, { heldOn: '2030-03-01', note: 'x' })).statusCode).toBe(403);
    expect((await api(aaron, 'POST', `/api/v1/mentorships/${mid}/sessions`, { heldOn: '2030-13-01', note: 'x' })).statusCode).toBe(422);
    const session = await api(aaron, 'POST', `/api/v1/mentorships/${mid}/sessions`, { heldOn: '2030-03-01', note: 'Signed the zone together' });
    expect(session.statusCode).toBe(201);
    expect(session.json().sessions).toMatchObject([{ heldOn: '2030-03-01', note: 'Signed the zone together', by: aaron.id }]);
    expect((await api(mentora, 'POST', `/api/v1/mentorships/${mid}/end`, { endNote: '' })).statusCode).toBe(422);
    const ended = await api(mentora, 'POST', `/api/v1/mentorships/${mid}/end`, { endNote: 'Aaron signs zones alone now.' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endNote: 'Aaron signs zones alone now.', canWrite: false });
    const again = await api(aaron, 'POST', `/api/v1/mentorships/${mid}/end`, { endNote: 'Me too' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SOLIDARITY_MENTORSHIP_ENDED');
  });

  it("shows other modules' requests for help read-only, through the registry, and survives a failing contributor", async () => {
    const seen: MentorshipRequestQuery[] = [];
    const off = registerMentorshipRequestContributor('fakeposture', async (q) => {
      seen.push(q);
      return [
        {
          id: 'gap-1',
          title: 'DNSSEC for <script>alert(1)</script> our domains',
          lang: 'es',
          skill: 'DNSSEC',
          languages: ['es'],
          requester: { type: 'org', id: poor.id, name: 'Red Pequeña' },
          createdAt: new Date('2030-01-01T00:00:00Z'),
          path: '/posture/help/gap-1',
        },
        { id: 'gap-2', title: 'Elsewhere', lang: null, skill: null, languages: [], requester: { type: 'org', id: poor.id, name: 'Red Pequeña' }, createdAt: new Date(), path: '//evil.example/help' },
        { id: 'gap-3', title: 'Scripted', lang: null, skill: null, languages: [], requester: { type: 'org', id: poor.id, name: 'Red Pequeña' }, createdAt: new Date(), path: 'javascript:alert(1)' },
      ];
    });
    const broken = registerMentorshipRequestContributor('broken', async () => {
      throw new Error('down');
    });
    try {
      // Contributors are asked only for members of the federation.
      expect((await (await as(pat)).get('/learn/mentorships')).statusCode).toBe(403);
      expect(seen).toHaveLength(0);

      const page = await (await as(mentora)).get('/learn/mentorships');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Requests for help elsewhere in Hearth');
      expect(page.body).toContain('DNSSEC for &lt;script>alert(1)&lt;/script> our domains');
      expect(page.body).not.toContain('<script>alert(1)');
      expect(page.body).toContain('href="/posture/help/gap-1"');
      expect(page.body).not.toContain('evil.example');
      expect(page.body).not.toContain('javascript:');
      expect(seen[0]).toMatchObject({ lang: 'en', actor: { kind: 'person', person: { id: mentora.id } } });

      // Suggested too, since it names a skill: answered where it was asked.
      const matches = await (await as(mentora)).get('/learn/matches?skill=dnssec');
      expect(matches.body).toContain('<a href="/posture/help/gap-1">Read and answer it there</a>');
      const listed = (await api(mentora, 'GET', '/api/v1/mentorship-requests')).json();
      expect(listed.contributed).toEqual([
        {
          source: 'fakeposture',
          id: 'gap-1',
          title: 'DNSSEC for <script>alert(1)</script> our domains',
          lang: 'es',
          skill: 'dnssec',
          languages: ['es'],
          requester: { type: 'org', id: poor.id, name: 'Red Pequeña' },
          createdAt: '2030-01-01T00:00:00.000Z',
          url: `${t.deps.config.baseUrl}/posture/help/gap-1`,
        },
      ]);
    } finally {
      off();
      broken();
    }
    expect((await (await as(mentora)).get('/learn/mentorships')).body).not.toContain('Requests for help elsewhere in Hearth');
  });
});
