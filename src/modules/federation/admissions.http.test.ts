// The application form and the coordinators' pages over HTTP, on both engines.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, unique, type TestPerson } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { startWorker } from '../../kernel/jobs/worker.js';
import { ManualClock } from '../../kernel/time.js';
import * as gov from '../governance/governance.service.js';
import { parseInput } from '../../kernel/http/forms.js';
import * as svc from './admissions.service.js';
import { applicationSchema } from './admissions.schemas.js';

const form = (over: Record<string, string> = {}) => ({
  orgName: 'Red Comunitaria <Sur>',
  serves: 'Neighbourhood assemblies',
  countries: 'ar, UY',
  languages: 'es pt',
  contactName: 'Inés',
  contactEmail: `${unique('ines')}@example.org`,
  charter: 'yes',
  website: '',
  ...over,
});

describe.each(engines)('admissions over HTTP (%s)', (engine) => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  let coordinator: TestPerson;
  let member: TestPerson;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    member = await makePerson(t.deps);
    await addMember(t.deps, await makeOrg(t.deps), member, 'member');
  });
  afterAll(async () => t?.close());

  const rows = (email: string) => t.deps.db.selectFrom('membership_applications').selectAll().where('contact_email', '=', email).execute();

  it('takes applications from anyone, keeps what was typed on a mistake, and stores nothing from the spam trap', async () => {
    const b = new InjectBrowser(t.app);
    const page = await b.get('/apply');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('for="f-website"');
    const noCharter = form({ charter: '' });
    const bad = await b.post('/apply', { ...noCharter, countries: 'AR, XX' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Joining needs agreement with the charter.');
    expect(bad.body).toContain('value="Red Comunitaria &lt;Sur>"');
    expect(bad.body).toContain('value="AR, XX"');
    const unknown = await b.post('/apply', form({ countries: 'AR, XX', languages: 'es, qq' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Unknown country codes: XX.');
    expect(unknown.body).toContain('Unknown language codes: qq.');

    const trap = form({ website: 'http://cheap.example' });
    const trapped = await b.post('/apply', trap);
    expect(trapped.statusCode).toBe(303);
    expect(trapped.headers.location).toBe('/apply/thanks');
    expect(await rows(trap.contactEmail)).toEqual([]);

    const good = form();
    const ok = await b.post('/apply', good);
    expect(ok.statusCode).toBe(303);
    expect((await b.get('/apply/thanks')).body).toContain('Your application is received.');
    const [row] = await rows(good.contactEmail);
    expect(row).toMatchObject({ status: 'pending', countries: '["AR","UY"]', languages: '["es","pt"]', locale: 'en' });
  });

  it('answers 429 after five applications from one address in ten minutes', async () => {
    const own = await createTestApp(engine);
    try {
      const b = new InjectBrowser(own.app);
      await b.get('/apply');
      for (let i = 0; i < 5; i++) expect((await b.post('/apply', form())).statusCode).toBe(303);
      const limited = await b.post('/apply', form());
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
    } finally {
      await own.close();
    }
  });

  it('shows applications to federation members, the address to coordinators only, and lets a coordinator propose the admission', async () => {
    const b = new InjectBrowser(t.app);
    await b.get('/apply');
    const input = form({ orgName: 'Nodo Andino' });
    await b.post('/apply', input);
    const [row] = await rows(input.contactEmail);
    const url = `/applications/${row!.id}`;

    expect((await new InjectBrowser(t.app).get(url)).statusCode).toBe(303);
    const outsider = new InjectBrowser(t.app);
    await signIn(outsider, await makePerson(t.deps));
    expect((await outsider.get('/applications')).statusCode).toBe(403);
    expect((await outsider.get(url)).statusCode).toBe(403);
    const m = new InjectBrowser(t.app);
    await signIn(m, member);
    expect((await m.get('/applications')).body).toContain('Nodo Andino');
    const asMember = await m.get(url);
    expect(asMember.statusCode).toBe(200);
    expect(asMember.body).not.toContain(input.contactEmail);
    expect(asMember.body).not.toContain(`${url}/propose`);
    expect((await m.get(`${url}/propose`)).statusCode).toBe(403);
    expect((await m.post(`${url}/propose`, { title: 'x' })).statusCode).toBe(403);

    const c = new InjectBrowser(t.app);
    await signIn(c, coordinator);
    expect((await c.get(url)).body).toContain(input.contactEmail);
    const propose = await c.get(`${url}/propose`);
    expect(propose.statusCode).toBe(200);
    expect(propose.body).toContain('value="Admission of Nodo Andino"');
    expect(propose.body).not.toContain(input.contactEmail);
    const invalid = await c.post(`${url}/propose`, { title: 'Admission of Nodo Andino', body: 'Text', lang: 'en', closesAt: '', timeZone: 'UTC' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('value="Admission of Nodo Andino"');
    const closes = new Date(clock.now().getTime() + 3 * 24 * 3_600_000).toISOString().slice(0, 16);
    const done = await c.post(`${url}/propose`, { title: 'Admission of Nodo Andino', body: 'They serve *assemblies*.', lang: 'en', closesAt: closes, timeZone: 'UTC' });
    expect(done.statusCode).toBe(303);
    const proposalPath = String(done.headers.location);
    expect(proposalPath).toMatch(/^\/proposals\/[a-z0-9]+$/);
    const pub = await new InjectBrowser(t.app).get(proposalPath);
    expect(pub.body).toContain('Admission of a member');
    expect(pub.body).not.toContain(input.contactEmail);
    expect((await c.get(url)).body).toContain(`href="${proposalPath}"`);
    expect((await c.get(`${url}/propose`)).statusCode).toBe(409);

    // The same over JSON: members without the address, coordinators with it.
    expect((await t.app.inject({ url: '/api/v1/applications' })).statusCode).toBe(401);
    const cookie = (br: InjectBrowser) => ({ cookie: [...br.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
    expect((await t.app.inject({ url: '/api/v1/applications', headers: cookie(outsider) })).statusCode).toBe(403);
    const asJson = (await t.app.inject({ url: `/api/v1/applications/${row!.id}`, headers: cookie(m) })).json() as Record<string, unknown>;
    expect(asJson).toMatchObject({ orgName: 'Nodo Andino', countries: ['AR', 'UY'], status: 'proposed', contactEmail: null });
    const list = (await t.app.inject({ url: '/api/v1/applications', headers: cookie(c) })).json() as { waiting: { id: string; contactEmail: string }[] };
    expect(list.waiting.find((x) => x.id === row!.id)?.contactEmail).toBe(input.contactEmail);
  });

  it('without SMTP, shows the coordinator the invitation link once the admission passed', async () => {
    // Straight through the service: this address has used up its applications for now.
    const input = form({ orgName: 'Colectivo Faro' });
    const { id } = await svc.submitApplication(t.deps, parseInput(applicationSchema, input), { locale: 'en' });
    const coordActor = await actorFor(t.deps.db, coordinator);
    await gov.setQuorumSetting(t.deps, { kind: 'system', label: 'test' }, 1);
    const draft = svc.admissionDraft((await svc.viewApplication(t.deps, coordActor, id!, 'en')).application, 'en');
    const p = await svc.proposeAdmission(t.deps, coordActor, id!, { ...draft, lang: 'en', opensAt: undefined, closesAt: new Date(clock.now().getTime() + 2 * 3_600_000), timeZone: 'UTC' });
    const orgAdmin = await makePerson(t.deps);
    const voter = await makeOrg(t.deps);
    await addMember(t.deps, voter, orgAdmin, 'org_admin');
    await gov.setPosition(t.deps, await actorFor(t.deps.db, orgAdmin), p.id, { orgId: voter.id, position: 'agree', reason: '' });
    clock.set(new Date(p.closesAt.getTime() + 1000));
    await startWorker({ db: t.deps.db, clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false).drain();

    const c = new InjectBrowser(t.app);
    await signIn(c, coordinator);
    const page = await c.get(`/applications/${id!}`);
    expect(page.body).toContain('Admitted');
    expect(page.body).toContain('Create the invitation');
    const m = new InjectBrowser(t.app);
    await signIn(m, member);
    await m.get(`/applications/${id!}`);
    expect((await m.post(`/applications/${id!}/invitation`, {})).statusCode).toBe(403);
    const link = await c.post(`/applications/${id!}/invitation`, {});
    expect(link.statusCode).toBe(200);
    expect(link.body).toContain(`Give this link to ${input.contactEmail}`);
    const inviteUrl = /value="(http:\/\/localhost:8080\/invite\/[A-Za-z0-9_-]+)"/.exec(link.body)![1]!;
    const invite = await new InjectBrowser(t.app).get(new URL(inviteUrl).pathname);
    expect(invite.body).toContain('Join Colectivo Faro');
    expect(invite.body).toContain('Organisation admin');
  });
});
