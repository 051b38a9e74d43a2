// Self-descriptions fetched from a loopback server standing in for a member's
// web server. Names resolve through a stub; nothing leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn } from '../../../test/factories/index.js';
import { makeExpiredKey, makeKey, startFileServer, stubLookup, type FileServer } from '../../../test/helpers/profiles.js';
import { systemActor } from '../../kernel/auth/actor.js';
import { listTranslations } from '../../kernel/text/index.js';
import type { Organisation } from './federation.repository.js';
import { getProfile, ORG_TEXT_OWNER } from './profile.repository.js';
import { updateProfile } from './profile.service.js';
import { findSource } from './selfdesc.repository.js';
import { enqueueDailyFetches, SELFDESC_DAILY_JOB, SELFDESC_FETCH_JOB } from './selfdesc.service.js';
import { listServices } from './services.repository.js';

const HOST = 'coop.test';

describe.each(engines)('self-descriptions (%s)', (engine) => {
  let t: TestApp;
  let server: FileServer;
  const connections: string[] = [];
  beforeAll(async () => {
    server = await startFileServer();
    t = await createTestApp(engine, { env: { HEARTH_NET_ALLOW_PRIVATE: '1' } });
    t.deps.net = {
      lookup: stubLookup([HOST]),
      // 80 too, so that the address rules (not the port rule) refuse the metadata address below.
      allowedPorts: [server.port, 80],
      onConnect: (c) => connections.push(c.address),
    };
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  const base = () => `http://${HOST}:${server.port}`;

  async function adminBrowser(): Promise<{ org: Organisation; b: InjectBrowser }> {
    const org = await makeOrg(t.deps, { name: 'Tejido Libre' });
    await updateProfile(t.deps, systemActor('test'), org.slug, {
      name: 'Tejido Libre',
      slug: org.slug,
      sourceLang: 'es',
      summary: 'Correo para colectivas.',
      description: '',
      countries: ['GT'],
      region: null,
      languages: ['es'],
      founded: null,
      website: null,
      contactEmail: null,
      securityContact: null,
      openpgpKey: null,
      donationUrl: null,
    });
    const person = await makePerson(t.deps);
    await addMember(t.deps, org, person, 'org_admin');
    const b = new InjectBrowser(t.app);
    await signIn(b, person);
    return { org, b };
  }

  const setUrl = async (b: InjectBrowser, org: Organisation, url: string) => {
    await b.get(`/orgs/${org.slug}/profile`);
    return b.post(`/orgs/${org.slug}/profile/selfdesc`, { url });
  };

  const member = (over: Record<string, unknown> = {}) => ({
    name: 'Tejido Libre',
    summary: [
      { lang: 'es', body: 'Correo y chat para colectivas.', source: true },
      { lang: 'en', body: 'Mail and chat for collectives.', translator: 'Lu' },
    ],
    languages: ['es', 'en'],
    countries: ['GT', 'MX'],
    founded: 2015,
    services: [{ kind: 'chat_xmpp', name: 'Charla', url: 'https://xmpp.tejido.example', registration: 'invitation', software: 'Prosody' }],
    ...over,
  });

  it('fetches the file when its address is saved, shows the differences field by field, and applies them on request', async () => {
    const { org, b } = await adminBrowser();
    server.routes.set('/hearth.json', { body: JSON.stringify(member()) });
    const saved = await setUrl(b, org, `${base()}/hearth.json`);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/orgs/${org.slug}/profile/selfdesc`);
    expect(connections.every((a) => a === '127.0.0.1')).toBe(true);
    // Nothing changes before the admin decides.
    expect((await getProfile(t.deps.db, org.id)).languages).toEqual(['es']);
    const review = await b.get(`/orgs/${org.slug}/profile/selfdesc`);
    expect(review.body).toContain('The file is fetched: 6 differences to review.');
    expect(review.body).toContain('Languages you serve people in');
    expect(review.body).toContain('English, Spanish');
    expect(review.body).toContain('Mail and chat for collectives.');
    expect(review.body).toContain('Translated by Lu');
    expect(review.body).toContain('Charla');
    const applied = await b.post(`/orgs/${org.slug}/profile/selfdesc/apply`, { version: /name="version" value="([0-9a-f]{64})"/.exec(review.body)![1]! });
    expect(applied.statusCode).toBe(303);
    const p = await getProfile(t.deps.db, org.id);
    expect(p).toMatchObject({ languages: ['en', 'es'], countries: ['GT', 'MX'], founded: 2015 });
    const summary = await listTranslations(t.deps.db, { ownerType: ORG_TEXT_OWNER, ownerId: org.id }, 'summary');
    expect(summary.map((v) => [v.lang, v.isSource, v.translator])).toEqual([
      ['es', true, null],
      ['en', false, 'Lu'],
    ]);
    expect((await listServices(t.deps.db, org.id)).map((s) => [s.kind, s.name, s.registration, s.software])).toEqual([['chat_xmpp', 'Charla', 'invitation', 'Prosody']]);
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('org_id', '=', org.id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['federation.selfdesc.source_set', 'federation.selfdesc.applied']));
    // Fetched again: the profile matches.
    await b.get(`/orgs/${org.slug}/profile`);
    const again = await b.post(`/orgs/${org.slug}/profile/selfdesc/fetch`, {});
    expect((await b.get(again.headers.location as string)).body).toContain('The file is fetched: the profile already matches it.');
  });

  it('forgets a rejected version, and offers the file again once it changes', async () => {
    const { org, b } = await adminBrowser();
    server.routes.set('/reject.json', { body: JSON.stringify(member({ founded: 2001 })) });
    await setUrl(b, org, `${base()}/reject.json`);
    const review = await b.get(`/orgs/${org.slug}/profile/selfdesc`);
    const version = /name="version" value="([0-9a-f]{64})"/.exec(review.body)![1]!;
    expect((await b.post(`/orgs/${org.slug}/profile/selfdesc/reject`, { version })).statusCode).toBe(303);
    expect((await getProfile(t.deps.db, org.id)).founded).toBeNull();
    await b.get(`/orgs/${org.slug}/profile`);
    const same = await b.post(`/orgs/${org.slug}/profile/selfdesc/fetch`, {});
    expect((await b.get(same.headers.location as string)).body).toContain('it still holds the version you rejected');
    // Applying the rejected version afterwards is refused: it is no longer pending.
    await b.get(`/orgs/${org.slug}/profile`);
    const stale = await b.post(`/orgs/${org.slug}/profile/selfdesc/apply`, { version });
    expect((await b.get(stale.headers.location as string)).body).toContain('The file changed since you looked at it.');
    server.routes.set('/reject.json', { body: JSON.stringify(member({ founded: 2002 })) });
    await b.get(`/orgs/${org.slug}/profile`);
    const changed = await b.post(`/orgs/${org.slug}/profile/selfdesc/fetch`, {});
    expect(changed.headers.location).toBe(`/orgs/${org.slug}/profile/selfdesc`);
  });

  it('shows every failed fetch with its time and reason, and keeps what was pending', async () => {
    const { org, b } = await adminBrowser();
    server.routes.set('/flaky.json', { body: JSON.stringify(member({ founded: 1999 })) });
    await setUrl(b, org, `${base()}/flaky.json`);
    const failures: [{ status?: number; body: string | Buffer; headers?: Record<string, string> }, string][] = [
      [{ body: Buffer.alloc(1024 * 1024 + 10, 0x20) }, 'larger than Hearth accepts'],
      [{ body: '{"name": "Tejido", ' }, 'The file is not valid JSON.'],
      [{ body: JSON.stringify(member({ languages: ['es', 'xx'] })) }, 'the problem is at “languages[1]”'],
      [{ body: JSON.stringify(member({ website: 'javascript:alert(1)' })) }, 'the problem is at “website”'],
      [{ body: JSON.stringify(member({ openpgp: { fingerprint: 'A'.repeat(40), key: 'garbage' } })) }, 'This is not an OpenPGP public key Hearth can read.'],
      [{ status: 500, body: 'oops' }, 'The server answered with status 500 instead of the file.'],
      [{ status: 302, body: '', headers: { location: '/flaky.json' } }, 'The address redirects too many times.'],
    ];
    for (const [answer, message] of failures) {
      server.routes.set('/flaky.json', answer);
      await b.get(`/orgs/${org.slug}/profile`);
      const res = await b.post(`/orgs/${org.slug}/profile/selfdesc/fetch`, {});
      expect(res.headers.location).toBe(`/orgs/${org.slug}/profile#selfdesc`);
      const page = await b.get(`/orgs/${org.slug}/profile`);
      expect(page.body, message).toContain('The last fetch failed on');
      expect(page.body, message).toContain(message);
      expect(page.body).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T/);
      // The version fetched before is still there to review.
      expect(page.body).toContain('Review the differences');
    }
    const source = await findSource(t.deps.db, org.id);
    expect(source?.lastError?.code).toBe('NET_TOO_MANY_REDIRECTS');
    expect(source?.pending).not.toBeNull();
  });

  it('refuses addresses it will never fetch without saving them, and keeps the address saved before', async () => {
    const { org, b } = await adminBrowser();
    server.routes.set('/ok.json', { body: JSON.stringify(member()) });
    await setUrl(b, org, `${base()}/ok.json`);
    const before = connections.length;
    const notWeb = await setUrl(b, org, 'file:///etc/passwd');
    expect(notWeb.statusCode).toBe(422);
    expect(notWeb.body).toContain('Enter a web address starting with https:// or http://.');
    expect(notWeb.body).toContain('value="file:///etc/passwd"');
    // Link-local (cloud metadata) stays forbidden even on a test bed; no connection is attempted.
    const metadata = await setUrl(b, org, 'http://169.254.169.254/latest/meta-data');
    expect(metadata.statusCode).toBe(422);
    expect(metadata.body).toContain('This address leads to a private or reserved network, which Hearth does not contact.');
    const port = await setUrl(b, org, `http://${HOST}:1/x.json`);
    expect(port.statusCode).toBe(422);
    expect(port.body).toContain('Hearth cannot fetch this address');
    expect(connections.length).toBe(before);
    expect((await findSource(t.deps.db, org.id))?.url).toBe(`${base()}/ok.json`);
  });

  it('understands the common fields of librehost.json files', async () => {
    const { org, b } = await adminBrowser();
    server.routes.set('/librehost.json', {
      body: JSON.stringify({
        '@context': 'http://schema.org',
        version: '0.0.1',
        name: 'Tejido Libre',
        tagLine: 'Servidoras feministas',
        description: 'Alojamos correo y listas.',
        homeUrl: 'https://tejido.example',
        communicationLanguages: ['es', 'en'],
        foundingDate: '2014-03-08',
        donationsUrl: 'https://tejido.example/apoyo',
        services: [{ name: 'Listas', url: 'https://listas.tejido.example', software: 'Mailman' }, { name: 'no address' }],
      }),
    });
    await setUrl(b, org, `${base()}/librehost.json`);
    const review = await b.get(`/orgs/${org.slug}/profile/selfdesc`);
    expect(review.body).toContain('It is a librehost.json file');
    await b.post(`/orgs/${org.slug}/profile/selfdesc/apply`, { version: /name="version" value="([0-9a-f]{64})"/.exec(review.body)![1]! });
    const p = await getProfile(t.deps.db, org.id);
    expect(p).toMatchObject({ website: 'https://tejido.example', founded: 2014, donationUrl: 'https://tejido.example/apoyo', languages: ['en', 'es'], countries: ['GT'] });
    const summary = await listTranslations(t.deps.db, { ownerType: ORG_TEXT_OWNER, ownerId: org.id }, 'summary');
    expect(summary.map((v) => [v.lang, v.body])).toEqual([['es', 'Servidoras feministas']]);
    expect((await listServices(t.deps.db, org.id)).map((s) => [s.kind, s.name, s.software])).toEqual([['other', 'Listas', 'Mailman']]);
  });

  it('refuses to apply a key that expired, and fetches every source once a day through the job queue', async () => {
    const { org, b } = await adminBrowser();
    const expired = await makeExpiredKey();
    server.routes.set('/key.json', { body: JSON.stringify(member({ openpgp: { fingerprint: expired.fingerprint, key: expired.publicKey } })) });
    await setUrl(b, org, `${base()}/key.json`);
    expect((await b.get(`/orgs/${org.slug}/profile`)).body).toContain('This key has expired.');
    const good = await makeKey();
    server.routes.set('/key.json', { body: JSON.stringify(member({ openpgp: { fingerprint: good.fingerprint, key: good.publicKey } })) });

    expect(t.deps.jobs.schedules.get(SELFDESC_DAILY_JOB)).toMatchObject({ cron: '23 4 * * *', kind: SELFDESC_DAILY_JOB });
    await t.deps.db.deleteFrom('jobs').where('kind', '=', SELFDESC_FETCH_JOB).execute();
    expect(await enqueueDailyFetches(t.deps)).toBeGreaterThan(0);
    expect(await enqueueDailyFetches(t.deps)).toBeGreaterThan(0); // the same day again: no second job
    const jobs = await t.deps.db.selectFrom('jobs').select(['payload']).where('kind', '=', SELFDESC_FETCH_JOB).execute();
    const mine = jobs.filter((j) => JSON.parse(j.payload).orgId === org.id);
    expect(mine).toHaveLength(1);
    await t.deps.jobs.kinds.get(SELFDESC_FETCH_JOB)!.handler({ orgId: org.id }, { db: t.deps.db, jobId: 'x', attempt: 1, maxAttempts: 1 });
    const review = await b.get(`/orgs/${org.slug}/profile/selfdesc`);
    expect(review.body).toContain(good.fingerprint.slice(0, 4));
    expect((await findSource(t.deps.db, org.id))?.lastError).toBeNull();
  });

  it('refuses loopback addresses outside a test bed', async () => {
    const prod = await createTestApp(engine);
    try {
      prod.deps.net = { lookup: stubLookup([HOST]), allowedPorts: [server.port] };
      const org = await makeOrg(prod.deps);
      const person = await makePerson(prod.deps);
      await addMember(prod.deps, org, person, 'org_admin');
      const b = new InjectBrowser(prod.app);
      await signIn(b, person);
      await b.get(`/orgs/${org.slug}/profile`);
      const res = await b.post(`/orgs/${org.slug}/profile/selfdesc`, { url: `${base()}/hearth.json` });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('This address leads to a private or reserved network');
      expect(await findSource(prod.deps.db, org.id)).toBeUndefined();
    } finally {
      await prod.close();
    }
  });
});
