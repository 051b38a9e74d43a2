// A published training changes, on both engines: its organiser's org-admins
// and coordinators edit it, translate it and cancel it (after a confirmation);
// others are refused first (401/403/422 before each happy path). Registered
// people are told by e-mail in their own language and zone; the record stays,
// shown as cancelled; the iCal feeds carry STATUS and a rising SEQUENCE. The
// same over /api/v1, with registration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, type TestPerson } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { updatePerson } from '../../kernel/auth/auth.repository.js';
import { translator } from '../../kernel/i18n/i18n.js';
import type { Organisation } from '../federation/federation.repository.js';
import { createTraining, register } from './learning.service.js';

describe.each(engines)('editing, translating and cancelling trainings (%s)', (engine) => {
  let t: TestApp;
  let org: Organisation;
  let other: Organisation;
  let ana: TestPerson; // org-admin of org (the organiser)
  let bo: TestPerson; // org-admin of the other organisation
  let mo: TestPerson; // member of org, not an admin
  let cora: TestPerson; // coordinator
  let lucia: TestPerson; // registered, reads Spanish, in Mexico City
  let joao: TestPerson; // registered, reads English, in Lisbon
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
  async function api(p: TestPerson | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    // Anonymous callers get a CSRF token too, so that what answers is the authentication check.
    const b = p ? await as(p) : new InjectBrowser(t.app);
    await b.get(p ? '/learn' : '/login');
    return t.app.inject({
      method,
      url,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': b.csrf(), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  }
  /** What one person was sent about one training. */
  const mails = async (to: string, trainingId: string) =>
    (await t.deps.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', to).orderBy('created_at').execute()).filter((m) => m.body_text.includes(`/learn/trainings/${trainingId}`));
  /** One training's event in a feed. */
  const eventOf = (ics: string, id: string) => ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${id}@hearth`)) ?? '';
  const auditOf = (id: string) => t.deps.db.selectFrom('audit_log').select(['action', 'data', 'org_id']).where('target_id', '=', id).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp(engine);
    const d = t.deps;
    [org, other] = [await makeOrg(d, { name: 'Colectivo Sur' }), await makeOrg(d, { name: 'Otra Red' })];
    [ana, bo, mo, cora, lucia, joao] = [
      await makePerson(d, { name: 'Ana' }),
      await makePerson(d, { name: 'Bo' }),
      await makePerson(d, { name: 'Mo' }),
      await makePerson(d, { name: 'Cora', fedRole: 'coordinator' }),
      await makePerson(d, { name: 'Lucía' }),
      await makePerson(d, { name: 'João' }),
    ];
    await addMember(d, org, ana, 'org_admin');
    await addMember(d, other, bo, 'org_admin');
    await addMember(d, org, mo, 'member');
    await updatePerson(d.db, lucia.id, { locale: 'es', time_zone: 'America/Mexico_City' });
    await updatePerson(d.db, joao.id, { locale: 'en', time_zone: 'Europe/Lisbon' });
  });
  afterAll(async () => t?.close());

  async function publish(title = 'Backups that restore') {
    const tr = await createTraining(t.deps, await actorFor(t.deps.db, ana), {
      org: org.slug,
      lang: 'en',
      title,
      description: 'Restore a whole mail server from last night.',
      startsAt: '2030-05-04T17:00',
      endsAt: '2030-05-04T19:00',
      timeZone: 'America/Sao_Paulo',
      onlineUrl: 'https://meet.example.org/backups',
      place: '',
      languages: ['en', 'es'],
      capacity: '10',
    });
    for (const p of [lucia, joao]) await register(t.deps, await actorFor(t.deps.db, p), tr.id, true);
    return tr.id;
  }
  const form = (over: Record<string, string> = {}) => ({
    title: 'Backups that restore',
    description: 'Restore a whole mail server from last night.',
    startsAt: '2030-05-04T17:00',
    endsAt: '2030-05-04T19:00',
    timeZone: 'America/Sao_Paulo',
    onlineUrl: 'https://meet.example.org/backups',
    place: '',
    languages: 'en es',
    capacity: '10',
    ...over,
  });

  it('lets the organiser edit a training, refuses others and bad values, and tells registered people of a new time', async () => {
    const id = await publish();
    const url = `/learn/trainings/${id}/edit`;
    const anon = new InjectBrowser(t.app);
    expect((await anon.get(url)).headers.location).toMatch(/^\/login/);
    for (const p of [bo, mo]) {
      const b = await as(p);
      expect((await b.get(url)).statusCode).toBe(403);
      await b.get(`/learn/trainings/${id}`);
      expect((await b.post(url, form({ place: 'Mine now' }))).statusCode).toBe(403);
    }
    const a = await as(ana);
    const page = await a.get(url);
    expect(page.statusCode).toBe(200);
    // The form holds the organiser's wall time, not UTC.
    expect(page.body).toContain('value="2030-05-04T17:00"');
    const bad = await a.post(url, form({ endsAt: '2030-05-04T16:00', capacity: '1' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The end must come after the start.');
    await a.get(url);
    const tooFew = await a.post(url, form({ capacity: '1' }));
    expect(tooFew.statusCode).toBe(422);
    expect(tooFew.body).toContain('2 people are already registered: give at least that many places.');
    expect(await mails(lucia.email, id)).toEqual([]);

    // Only the description changes: saved, nobody is written to, the calendar's SEQUENCE stays.
    await a.get(url);
    const quiet = await a.post(url, form({ description: 'Restore a whole mail server, step by step.' }));
    expect(quiet.statusCode).toBe(303);
    expect(await mails(lucia.email, id)).toEqual([]);
    expect((await anon.get(`/learn/trainings/${id}`)).body).toContain('step by step');
    expect(eventOf((await anon.get(`/learn/orgs/${org.slug}/trainings.ics`)).body, id)).toContain('SEQUENCE:0');

    // An hour later: both registered people hear of it, each in their language and zone.
    await a.get(url);
    const moved = await a.post(url, form({ description: 'Restore a whole mail server, step by step.', startsAt: '2030-05-04T18:00', endsAt: '2030-05-04T20:00' }));
    expect(moved.statusCode).toBe(303);
    const shown = await a.get(String(moved.headers.location));
    expect(shown.body).toContain('The training is saved. The 2 registered people are told of the new time or place.');
    expect(shown.body).toContain('datetime="2030-05-04T21:00:00.000Z"');
    const [toLucia, ...more] = await mails(lucia.email, id);
    const [toJoao] = await mails(joao.email, id);
    expect(more).toEqual([]);
    const starts = new Date('2030-05-04T21:00:00Z');
    expect(toLucia!.subject).toBe(translator('es').t('mail.solidarity.trainingChanged.subject', { title: 'Backups that restore' }));
    expect(toLucia!.body_text).toContain(translator('es', 'America/Mexico_City').dateTime(starts));
    expect(toLucia!.body_text).toContain('(America/Mexico_City)');
    expect(toJoao!.body_text).toContain(translator('en', 'Europe/Lisbon').dateTime(starts));
    expect(toJoao!.body_text).toContain(`/learn/trainings/${id}`);
    const ics = eventOf((await anon.get(`/learn/orgs/${org.slug}/trainings.ics`)).body, id);
    expect(ics).toContain('DTSTART:20300504T210000Z');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('STATUS:CONFIRMED');
    const entries = await auditOf(id);
    const edited = entries.filter((e) => e.action === 'solidarity.training.edited');
    expect(edited).toHaveLength(2);
    expect(JSON.parse(edited[1]!.data)).toMatchObject({ changed: ['starts_at', 'ends_at'], sequence: 1, notified: 2 });
    expect(edited[1]!.org_id).toBe(org.id);

    // Coordinators look after the whole programme: they may edit an organisation's training too.
    const c = await as(cora);
    await c.get(url);
    expect((await c.post(url, form({ description: 'Restore a whole mail server, step by step.', startsAt: '2030-05-04T18:00', endsAt: '2030-05-04T20:00', place: 'Casa del Pueblo' }))).statusCode).toBe(303);
    expect((await anon.get(`/learn/trainings/${id}`)).body).toContain('Casa del Pueblo');
  });

  it('adds translations after publication, credited, never over the original', async () => {
    const id = await publish('Signing a zone');
    const url = `/learn/trainings/${id}/translate`;
    const b = await as(bo);
    expect((await b.get(url)).statusCode).toBe(403);
    const a = await as(ana);
    const page = await a.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Languages so far: English (original)');
    const empty = await a.post(url, { lang: 'es', title: '', body: '' });
    expect(empty.statusCode).toBe(422);
    await a.get(url);
    const original = await a.post(url, { lang: 'en', title: 'Signing a zone, again', body: 'Other words' });
    expect(original.statusCode).toBe(422);
    expect(original.body).toContain('This is the language of the original: choose another language.');
    await a.get(url);
    const ok = await a.post(url, { lang: 'es', title: 'Firmar una zona', body: 'Paso a paso.', translator: 'Lucía Pérez' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/learn/trainings/${id}?lang=es`);
    const anon = new InjectBrowser(t.app);
    const es = await anon.get(`/learn/trainings/${id}?lang=es`);
    expect(es.body).toContain('Firmar una zona');
    expect(es.body).toContain('Translated by Lucía Pérez');
    expect(es.body).toMatch(/Available in:.*English.*español/s);
    // The original is untouched.
    expect((await anon.get(`/learn/trainings/${id}`)).body).toContain('Signing a zone');
    await a.get(url);
    await a.post(url, { lang: 'pt', title: 'Assinar uma zona', body: 'Passo a passo.', machine: 'yes' });
    expect((await anon.get(`/learn/trainings/${id}?lang=pt`)).body).toContain('Machine translation');
    const entry = (await auditOf(id)).filter((e) => e.action === 'solidarity.training.translated');
    expect(entry.map((e) => JSON.parse(e.data))).toEqual([
      { lang: 'es', machine: false },
      { lang: 'pt', machine: true },
    ]);
  });

  it('cancels after a confirmation, keeps the record shown as cancelled, tells registered people and the calendars', async () => {
    const id = await publish('Monitoring with alerts');
    // Lucía reads Spanish: the title she gets is the Spanish one.
    await a_translate(id);
    const url = `/learn/trainings/${id}/cancel`;
    const anon = new InjectBrowser(t.app);
    expect((await anon.get(url)).headers.location).toMatch(/^\/login/);
    const m = await as(mo);
    expect((await m.get(url)).statusCode).toBe(403);
    await m.get(`/learn/trainings/${id}`);
    expect((await m.post(url, { confirm: 'yes' })).statusCode).toBe(403);
    const a = await as(ana);
    const page = await a.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The 2 registered people get an e-mail.');
    // Without the confirmation nothing happens.
    const unconfirmed = await a.post(url, { reason: 'The trainer is ill.' });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Confirm with the button to cancel the training.');
    expect((await t.deps.db.selectFrom('trainings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('scheduled');
    expect(await mails(lucia.email, id)).toEqual([]);

    await a.get(url);
    const done = await a.post(url, { confirm: 'yes', reason: 'The trainer is ill; we will announce a new date.' });
    expect(done.statusCode).toBe(303);
    const shown = await anon.get(`/learn/trainings/${id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Cancelled');
    expect(shown.body).toContain('The trainer is ill; we will announce a new date.');
    const j = await as(joao);
    const seen = await j.get(`/learn/trainings/${id}`);
    expect(seen.body).toContain('You were registered.');
    expect(seen.body).not.toContain('Cancel my registration');
    // Still listed, marked.
    expect((await anon.get('/learn')).body).toContain('Monitoring with alerts</span></span></a> <span class="status-tag status-cancelled">Cancelled</span>');

    const [toLucia] = await mails(lucia.email, id);
    expect(toLucia!.subject).toBe(translator('es').t('mail.solidarity.trainingCancelled.subject', { title: 'Monitorización con alertas' }));
    expect(toLucia!.body_text).toContain(translator('es').t('mail.solidarity.trainingCancelled.reason', { reason: 'The trainer is ill; we will announce a new date.' }));
    expect(toLucia!.body_text).toContain(translator('es', 'America/Mexico_City').dateTime(new Date('2030-05-04T20:00:00Z')));
    const [toJoao] = await mails(joao.email, id);
    expect(toJoao!.subject).toBe('Cancelled: Monitoring with alerts');
    expect((await auditOf(id)).find((e) => e.action === 'solidarity.training.cancelled')).toMatchObject({ org_id: org.id });

    for (const feed of [`/learn/orgs/${org.slug}/trainings.ics`, '/learn/trainings.ics?lang=es', '/learn/trainings.ics']) {
        const event = eventOf((await anon.get(feed)).body, id);
      expect(event).toContain('STATUS:CANCELLED');
      expect(event).toContain('SEQUENCE:1');
    }

    // Nobody registers for it any more; it cannot be edited or cancelled again.
    await j.get(`/learn/trainings/${id}`);
    const late = await j.post(`/learn/trainings/${id}/register`, { attend: 'yes' });
    expect(late.statusCode).toBe(409);
    expect((await a.get(`/learn/trainings/${id}/edit`)).statusCode).toBe(409);
    expect((await a.get(url)).statusCode).toBe(409);
  });

  async function a_translate(id: string) {
    const a = await as(ana);
    await a.get(`/learn/trainings/${id}/translate`);
    expect((await a.post(`/learn/trainings/${id}/translate`, { lang: 'es', title: 'Monitorización con alertas', body: 'Alertas que despiertan a alguien.' })).statusCode).toBe(303);
  }

  it('offers the same over /api/v1: create, read, edit, translate, cancel, register', async () => {
    const body = {
      org: org.slug,
      lang: 'en',
      title: 'TLS for everyone',
      description: 'Certificates that renew themselves.',
      startsAt: '2030-06-01T10:00',
      endsAt: '2030-06-01T12:00',
      timeZone: 'Europe/Madrid',
      place: 'Ateneo',
      languages: ['en', 'es'],
      capacity: 1,
    };
    expect((await api(undefined, 'POST', '/api/v1/trainings', body)).statusCode).toBe(401);
    const refused = await api(bo, 'POST', '/api/v1/trainings', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const invalid = await api(ana, 'POST', '/api/v1/trainings', { ...body, timeZone: 'Mars/Olympus', languages: ['xx'] });
    expect(invalid.statusCode).toBe(422);
    expect(Object.keys(invalid.json().error.details.fields).sort()).toEqual(['languages', 'timeZone']);
    const created = await api(ana, 'POST', '/api/v1/trainings', body);
    expect(created.statusCode).toBe(201);
    const tr = created.json();
    expect(tr).toMatchObject({ title: 'TLS for everyone', org: org.slug, startsAt: '2030-06-01T08:00:00.000Z', status: 'scheduled', sequence: 0, capacity: 1, registered: 0 });
    const id = tr.id as string;
    expect((await api(undefined, 'GET', `/api/v1/trainings/${id}`)).json()).toMatchObject({ description: 'Certificates that renew themselves.', me: null });

    expect((await api(undefined, 'PATCH', `/api/v1/trainings/${id}`, { place: 'Ateneo, sala 2' })).statusCode).toBe(401);
    expect((await api(mo, 'PATCH', `/api/v1/trainings/${id}`, { place: 'Ateneo, sala 2' })).statusCode).toBe(403);
    expect((await api(ana, 'PATCH', `/api/v1/trainings/${id}`, { onlineUrl: 'http://plain.example.org' })).statusCode).toBe(422);
    const patched = await api(ana, 'PATCH', `/api/v1/trainings/${id}`, { place: 'Ateneo, sala 2' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ place: 'Ateneo, sala 2', sequence: 1, startsAt: '2030-06-01T08:00:00.000Z' });

    expect((await api(bo, 'PUT', `/api/v1/trainings/${id}/translations/es`, { title: 'TLS para todas', description: 'Certificados.' })).statusCode).toBe(403);
    expect((await api(ana, 'PUT', `/api/v1/trainings/${id}/translations/xx`, { title: 'TLS', description: 'x' })).statusCode).toBe(422);
    const translated = await api(ana, 'PUT', `/api/v1/trainings/${id}/translations/es`, { title: 'TLS para todas', description: 'Certificados que se renuevan solos.', translator: 'Lucía' });
    expect(translated.statusCode).toBe(200);
    expect(translated.json()).toMatchObject({ title: 'TLS para todas', titleLang: 'es', translator: 'Lucía', translations: ['en', 'es'] });

    expect((await api(undefined, 'PUT', `/api/v1/trainings/${id}/registration`)).statusCode).toBe(401);
    const joined = await api(joao, 'PUT', `/api/v1/trainings/${id}/registration`);
    expect(joined.statusCode).toBe(200);
    expect(joined.json()).toMatchObject({ me: true, registered: 1, full: true });
    const full = await api(lucia, 'PUT', `/api/v1/trainings/${id}/registration`);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('SOLIDARITY_TRAINING_FULL');
    expect((await api(joao, 'DELETE', `/api/v1/trainings/${id}/registration`)).json()).toMatchObject({ me: false, registered: 0 });
    expect((await api(lucia, 'PUT', `/api/v1/trainings/${id}/registration`)).statusCode).toBe(200);

    expect((await api(undefined, 'POST', `/api/v1/trainings/${id}/cancel`, {})).statusCode).toBe(401);
    expect((await api(bo, 'POST', `/api/v1/trainings/${id}/cancel`, {})).statusCode).toBe(403);
    const cancelled = await api(cora, 'POST', `/api/v1/trainings/${id}/cancel`, { reason: 'No room.' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 2, cancelReason: 'No room.', notified: 1 });
    expect((await mails(lucia.email, id)).map((x) => x.subject)).toEqual([translator('es').t('mail.solidarity.trainingCancelled.subject', { title: 'TLS para todas' })]);
    const again = await api(ana, 'POST', `/api/v1/trainings/${id}/cancel`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SOLIDARITY_TRAINING_CANCELLED');
    expect((await api(ana, 'PATCH', `/api/v1/trainings/${id}`, { place: 'Elsewhere' })).statusCode).toBe(409);
    expect((await api(joao, 'PUT', `/api/v1/trainings/${id}/registration`)).json().error.code).toBe('SOLIDARITY_TRAINING_CANCELLED');
    // The list says so too.
    expect((await api(undefined, 'GET', '/api/v1/trainings')).json().items.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'cancelled' });
  });
});
