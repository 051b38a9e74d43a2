// Learning and mentorship over HTTP on both engines: trainings (organisers only,
// times in the organiser's zone, iCal per language and organisation, places
// that run out), skills, suggestions favouring organisations with fewer means,
// and a mentorship's goals, sessions and end note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, type TestPerson } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import type { Organisation } from '../federation/federation.repository.js';
import { chooseBand, createBand } from './dues.service.js';
import { addSkill, wallToInstant } from './learning.service.js';

describe('wall times in an organiser\'s zone', () => {
  it('resolves local times, across a change of offset, and refuses impossible ones', () => {
    expect(wallToInstant('2026-12-03T18:30', 'America/Sao_Paulo')?.toISOString()).toBe('2026-12-03T21:30:00.000Z');
    expect(wallToInstant('2026-07-01T09:00', 'Europe/Madrid')?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(wallToInstant('2026-01-01T09:00', 'Europe/Madrid')?.toISOString()).toBe('2026-01-01T08:00:00.000Z');
    expect(wallToInstant('2026-02-30T09:00', 'UTC')).toBeUndefined();
    expect(wallToInstant('tomorrow', 'UTC')).toBeUndefined();
  });
});

describe.each(engines)('learning and mentorship over HTTP (%s)', (engine) => {
  let t: TestApp;
  let rich: Organisation;
  let poor: Organisation;
  let ana: TestPerson; // org-admin of rich
  let bo: TestPerson; // org-admin of poor
  let mentor: TestPerson;
  let mentee: TestPerson; // member of poor
  let other: TestPerson; // member of rich
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

  beforeAll(async () => {
    t = await createTestApp(engine);
    const d = t.deps;
    [rich, poor] = [await makeOrg(d, { name: 'Rich Hosting' }), await makeOrg(d, { name: 'Red Pequeña' })];
    [ana, bo, mentor, mentee, other] = [await makePerson(d, { name: 'Ana' }), await makePerson(d, { name: 'Bo' }), await makePerson(d, { name: 'Mentora' }), await makePerson(d, { name: 'Zuri' }), await makePerson(d, { name: 'Mentee Rico' })];
    await addMember(d, rich, ana, 'org_admin');
    await addMember(d, poor, bo, 'org_admin');
    await addMember(d, poor, mentee, 'member');
    await addMember(d, rich, other, 'member');
    await addMember(d, rich, mentor, 'member');
    // The poor organisation chose the zero band: under-resourced.
    const admin = await actorFor(d.db, await makePerson(d, { fedRole: 'admin' }));
    const zero = await createBand(d, admin, { name: 'Solidarity', basis: 'ppp', budgetMin: '', budgetMax: '', pppGroup: '1', currency: 'EUR', suggested: '0', period: 'year' });
    await chooseBand(d, await actorFor(d.db, bo), poor.slug, { band: zero.id, undisclosed: false });
  });
  afterAll(async () => t?.close());

  const training = (over: Record<string, string> = {}) => ({
    org: rich.slug,
    lang: 'es',
    title: 'Taller de DNSSEC',
    description: 'Firmar una zona paso a paso.',
    startsAt: '2030-03-10T18:30',
    endsAt: '2030-03-10T20:00',
    timeZone: 'America/Sao_Paulo',
    onlineUrl: 'https://meet.example.org/dnssec',
    place: '',
    languages: 'es, pt',
    capacity: '1',
    ...over,
  });

  it('lets organisers publish trainings, refuses others and bad times, and feeds calendars', async () => {
    const anon = new InjectBrowser(t.app);
    expect((await anon.get('/learn/trainings/new')).headers.location).toMatch(/^\/login/);
    const o = await as(other);
    expect((await o.get('/learn/trainings/new')).statusCode).toBe(403);
    const b = await as(bo);
    await b.get('/learn/trainings/new');
    // Bo speaks for Red Pequeña, not for Rich Hosting.
    expect((await b.post('/learn/trainings/new', training())).statusCode).toBe(403);
    const a = await as(ana);
    await a.get('/learn/trainings/new');
    const bad = await a.post('/learn/trainings/new', training({ timeZone: 'Mars/Olympus', endsAt: '2030-03-10T17:00', languages: 'xx' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('This is not a time zone we know');
    expect(bad.body).toContain('Give at least one language code we know');
    await a.get('/learn/trainings/new');
    const ok = await a.post('/learn/trainings/new', training());
    expect(ok.statusCode).toBe(303);
    const page = await anon.get(String(ok.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Taller de DNSSEC');
    expect(page.body).toContain('datetime="2030-03-10T21:30:00.000Z"');
    expect(page.body).toContain("organiser's time: 2030-03-10 18:30, America/Sao_Paulo");

    const es = await anon.get('/learn/trainings.ics?lang=es');
    expect(es.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(es.body).toContain('BEGIN:VEVENT');
    expect(es.body).toContain('DTSTART:20300310T213000Z');
    expect(es.body).toContain('SUMMARY;LANGUAGE=es:Taller de DNSSEC');
    expect(es.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect((await anon.get('/learn/trainings.ics?lang=fr')).body).not.toContain('BEGIN:VEVENT');
    expect((await anon.get(`/learn/orgs/${rich.slug}/trainings.ics`)).body).toContain('Taller de DNSSEC');
    expect((await anon.get(`/learn/orgs/${poor.slug}/trainings.ics`)).body).not.toContain('BEGIN:VEVENT');

    // One place: the second person is told it is full.
    const id = String(ok.headers.location).split('/').pop()!;
    await o.get(`/learn/trainings/${id}`);
    expect((await o.post(`/learn/trainings/${id}/register`, { attend: 'yes' })).statusCode).toBe(303);
    const m = await as(mentee);
    await m.get(`/learn/trainings/${id}`);
    const full = await m.post(`/learn/trainings/${id}/register`, { attend: 'yes' });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('All places are taken.');
    await o.get(`/learn/trainings/${id}`);
    expect((await o.post(`/learn/trainings/${id}/register`, { attend: 'no' })).statusCode).toBe(303);
    await m.get(`/learn/trainings/${id}`);
    expect((await m.post(`/learn/trainings/${id}/register`, { attend: 'yes' })).statusCode).toBe(303);
  });

  it('suggests mentors by skill and shared language, mentees with fewer means first, and keeps the mentorship', async () => {
    const d = t.deps;
    const m = await as(mentor);
    await m.get('/learn/skills');
    expect((await m.post('/learn/skills', { direction: 'offer', skill: 'DNSSEC', languages: 'qq' })).statusCode).toBe(422);
    await m.get('/learn/skills');
    expect((await m.post('/learn/skills', { direction: 'offer', skill: 'DNSSEC', languages: 'es pt' })).statusCode).toBe(303);
    await addSkill(d, await actorFor(d.db, other), { owner: 'person', ownerId: other.id, direction: 'need', skill: 'dnssec', languages: ['es'], note: '' });
    await addSkill(d, await actorFor(d.db, mentee), { owner: 'person', ownerId: mentee.id, direction: 'need', skill: 'dnssec', languages: ['pt'], note: '' });
    // No shared language: no suggestion.
    await addSkill(d, await actorFor(d.db, ana), { owner: 'person', ownerId: ana.id, direction: 'need', skill: 'dnssec', languages: ['de'], note: '' });

    expect((await (await as(other)).get('/learn/matches')).statusCode).toBe(200);
    const page = await m.get('/learn/matches?skill=dnssec');
    const rows = [...page.body.matchAll(/<tr><td>dnssec<\/td><td><span dir="auto">([^<]+)<\/span>/g)].map((x) => x[1]);
    // Alphabetically Zuri would come last: she comes first because her organisation has fewer means.
    expect(rows).toEqual(['Zuri', 'Mentee Rico']);
    expect(page.body).toContain('fewer means');
    expect(page.body).not.toContain('>Ana<');

    // Only someone who offers the skill may start a mentorship for it.
    const o = await as(other);
    await o.get('/learn/matches');
    expect((await o.post('/learn/mentorships', { menteeId: mentee.id, menteeOrgId: poor.id, skill: 'dnssec', goals: 'x' })).statusCode).toBe(403);
    await m.get('/learn/matches');
    expect((await m.post('/learn/mentorships', { menteeId: mentee.id, menteeOrgId: poor.id, skill: 'dnssec', goals: '' })).statusCode).toBe(422);
    await m.get('/learn/matches');
    const started = await m.post('/learn/mentorships', { menteeId: mentee.id, menteeOrgId: poor.id, skill: 'dnssec', goals: 'Sign our zone and roll the key' });
    expect(started.statusCode).toBe(303);
    const url = String(started.headers.location);
    expect((await o.get(url)).statusCode).toBe(403);
    const me = await as(mentee);
    await me.get(url);
    expect((await me.post(`${url}/sessions`, { heldOn: '2030-03-12', note: '' })).statusCode).toBe(422);
    await me.get(url);
    expect((await me.post(`${url}/sessions`, { heldOn: '2030-03-12', note: 'Signed the zone together' })).statusCode).toBe(303);
    await m.get(url);
    expect((await m.post(`${url}/end`, { endNote: 'The zone is signed and the key rolls monthly.' })).statusCode).toBe(303);
    const story = await me.get(url);
    expect(story.body).toContain('Signed the zone together');
    expect(story.body).toContain('The zone is signed and the key rolls monthly.');
    expect(story.body).not.toContain('Record the session');
    const api = await t.app.inject({ url: '/api/v1/mentorships', headers: { cookie: [...me.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(api.json().items).toMatchObject([{ skill: 'dnssec', status: 'ended', mentorId: mentor.id, menteeId: mentee.id }]);
  });
});
