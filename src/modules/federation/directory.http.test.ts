import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, unique } from '../../../test/factories/index.js';
import { makeKey } from '../../../test/helpers/profiles.js';
import { systemActor } from '../../kernel/auth/actor.js';
import { projectRoot } from '../../paths.js';
import { federationDoc, federationJsonSchema } from './directory.schemas.js';
import type { Organisation } from './federation.repository.js';
import type { ProfileInput } from './profile.schemas.js';
import { saveTranslation, updateProfile } from './profile.service.js';
import { createService } from './services.service.js';
import type { ServiceInput } from './services.schemas.js';
import { inviteToOrganisation } from './federation.service.js';

const system = systemActor('test');

describe.each(engines)('public directory and machine-readable federation (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  async function member(name: string, over: Partial<ProfileInput> = {}, services: Partial<ServiceInput>[] = []): Promise<Organisation> {
    const org = await makeOrg(t.deps, { name });
    await updateProfile(t.deps, system, org.slug, {
      name,
      slug: org.slug,
      sourceLang: 'es',
      summary: `Resumen de ${name}`,
      description: '',
      countries: [],
      region: null,
      languages: [],
      founded: null,
      website: null,
      contactEmail: null,
      securityContact: null,
      openpgpKey: null,
      donationUrl: null,
      ...over,
    });
    for (const s of services) {
      await createService(t.deps, system, org.slug, {
        kind: 'mail',
        name: 'Correo',
        url: 'https://mail.example.org',
        software: null,
        softwareVersion: null,
        registration: 'open',
        status: 'active',
        countries: [],
        ...s,
      });
    }
    return org;
  }

  it('lists members without sign-in, filtered by service, language, country, region, registration and words', async () => {
    const tag = unique('zona');
    const a = await member('Aguacate Libre', { languages: ['es', 'qu'], countries: ['PE'], region: `${tag} Cusco` }, [{ kind: 'vpn', registration: 'movement_members' }]);
    const b = await member('Bosque Digital', { languages: ['pt'], countries: ['BR'], region: `${tag} Belém`, summary: 'Hospedagem para coletivos feministas' }, [
      { kind: 'mail', registration: 'open' },
    ]);
    const c = await member('Cerro Rojo', { languages: ['es'], countries: ['PE'], region: `${tag} Lima` });
    const names = async (query: string) => {
      const res = await t.app.inject({ url: `/directory?region=${encodeURIComponent(tag)}&${query}` });
      expect(res.statusCode).toBe(200);
      return [a, b, c].filter((o) => res.body.includes(`href="/members/${o.slug}"`)).map((o) => o.name);
    };
    expect(await names('')).toEqual(['Aguacate Libre', 'Bosque Digital', 'Cerro Rojo']);
    expect(await names('kind=vpn')).toEqual(['Aguacate Libre']);
    expect(await names('lang=es')).toEqual(['Aguacate Libre', 'Cerro Rojo']);
    expect(await names('country=BR')).toEqual(['Bosque Digital']);
    expect(await names('registration=open')).toEqual(['Bosque Digital']);
    expect(await names('q=FEMINISTAS')).toEqual(['Bosque Digital']);
    expect(await names('q=cerro')).toEqual(['Cerro Rojo']);
    expect(await names('lang=es&country=PE&kind=vpn')).toEqual(['Aguacate Libre']);
    // The filter form is a plain GET form that shows what was chosen.
    const page = await t.app.inject({ url: `/directory?region=${encodeURIComponent(tag)}&lang=es` });
    expect(page.body).toContain('<form method="get" action="/directory"');
    expect(page.body).toContain('<option value="es" selected');
    expect(page.body).toContain('2 members found.');
    // A value that is not understood is ignored and said so, not an error page.
    const odd = await t.app.inject({ url: `/directory?region=${encodeURIComponent(tag)}&lang=klingon&kind=telepathy` });
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('Choose a language from the list.');
    expect(odd.body).toContain('3 members found.');
  });

  it('shows an empty state, and pages through many members with the filters kept', async () => {
    const tag = unique('vacio');
    const empty = await t.app.inject({ url: `/directory?region=${tag}` });
    expect(empty.body).toContain('No member matches these filters.');
    for (let i = 0; i < 22; i++) await member(`Nodo ${String(i).padStart(2, '0')}`, { region: tag });
    const first = await new InjectBrowser(t.app).get(`/directory?region=${tag}`);
    expect(first.body).toContain('22 members found.');
    expect(first.body.match(/<li><img|<li><h2>/g)).toHaveLength(20);
    const next = /<a href="([^"]+)" rel="next">/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    expect(next).toContain(`region=${tag}`);
    const second = await t.app.inject({ url: next });
    expect(second.body.match(/<li><img|<li><h2>/g)).toHaveLength(2);
    expect(second.body).not.toContain('rel="next"');
  });

  it('publishes /federation.json and /orgs/{slug}.json without private data, valid against the published schema', async () => {
    const key = await makeKey();
    const org = await member('Radio Comunitaria', { languages: ['es'], countries: ['CO'], contactEmail: 'radio@example.org', openpgpKey: key.publicKey }, [
      { kind: 'web_hosting', software: 'nginx', softwareVersion: '1.26', countries: ['CO', 'DE'] },
    ]);
    await saveTranslation(t.deps, system, org.slug, { field: 'summary', lang: 'en', body: 'Community radio summary', translator: 'Kim', machine: true });
    const admin = await makePerson(t.deps, { email: `${unique('private')}@people.example` });
    await addMember(t.deps, org, admin, 'org_admin');
    await inviteToOrganisation(t.deps, system, org.slug, { email: 'invited-person@people.example', role: 'member' });

    const all = await t.app.inject({ url: '/federation.json' });
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(all.headers['cache-control']).toBe('public, max-age=300');
    expect(all.body).not.toContain('people.example');
    const doc = federationDoc.parse(all.json());
    const mine = doc.members.find((m) => m.slug === org.slug)!;
    expect(mine).toMatchObject({
      name: 'Radio Comunitaria',
      email: 'radio@example.org',
      countries: ['CO'],
      openpgp: { fingerprint: key.fingerprint, algorithm: 'Ed25519', expires: null },
      services: [{ kind: 'web_hosting', software: 'nginx', version: '1.26', countries: ['CO', 'DE'] }],
    });
    expect(mine.summary).toEqual([
      { lang: 'es', body: 'Resumen de Radio Comunitaria', source: true, translator: null, machine: false },
      { lang: 'en', body: 'Community radio summary', source: false, translator: 'Kim', machine: true },
    ]);
    const one = await t.app.inject({ url: `/orgs/${org.slug}.json` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(mine);
    expect(one.body).not.toContain('people.example');
    expect((await t.app.inject({ url: '/orgs/no-such-member.json' })).statusCode).toBe(404);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, and a new ETag right after any change', async () => {
    const org = await member('Semilla');
    const first = await t.app.inject({ url: '/federation.json' });
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/federation.json', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await t.app.inject({ url: '/federation.json', headers: { 'if-none-match': `"other", ${etag}` } })).statusCode).toBe(304);
    expect((await t.app.inject({ url: '/federation.json', headers: { 'if-modified-since': lastModified } })).statusCode).toBe(304);
    expect((await t.app.inject({ url: '/federation.json', headers: { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' } })).statusCode).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await t.app.inject({ url: '/federation.json', headers: { 'if-none-match': '"stale"', 'if-modified-since': lastModified } })).statusCode).toBe(200);

    // Any change makes a new document, even two changes stamped with the same millisecond.
    const frozen = { ...t.deps, clock: { now: () => new Date('2030-01-01T00:00:00.000Z') } };
    const pad = { kind: 'pads', name: 'Pad', url: 'https://pad.example.org', software: null, softwareVersion: null, registration: 'open', status: 'active', countries: [] as string[] } as const;
    await createService(frozen, system, org.slug, pad);
    const after = await t.app.inject({ url: '/federation.json', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body).toContain('https://pad.example.org');
    await createService(frozen, system, org.slug, { ...pad, url: 'https://pad2.example.org' });
    const again = await t.app.inject({ url: '/federation.json', headers: { 'if-none-match': String(after.headers.etag) } });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('https://pad2.example.org');
    expect(again.headers['last-modified']).toBe(after.headers['last-modified']);

    const single = await t.app.inject({ url: `/orgs/${org.slug}.json` });
    expect((await t.app.inject({ url: `/orgs/${org.slug}.json`, headers: { 'if-none-match': String(single.headers.etag) } })).statusCode).toBe(304);
    expect((await t.app.inject({ url: `/orgs/${org.slug}.json`, headers: { 'if-modified-since': String(single.headers['last-modified']) } })).statusCode).toBe(304);
  });

  it('serves the JSON Schema at a stable URL, the same as the copy published in docs/', async () => {
    const res = await t.app.inject({ url: '/schemas/federation-v1.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/schema+json; charset=utf-8');
    const served = res.json() as Record<string, unknown>;
    expect(served.$id).toBe(`${t.deps.config.baseUrl}/schemas/federation-v1.json`);
    expect(Object.keys(served.$defs as object)).toEqual(expect.arrayContaining(['member', 'service', 'text', 'openpgp']));
    const file = resolve(projectRoot, 'docs', 'federation.schema.json');
    const published = federationJsonSchema('https://hearth.example');
    // HEARTH_WRITE_SCHEMA=1 rewrites the published copy after a deliberate change of the format.
    if (process.env.HEARTH_WRITE_SCHEMA === '1') writeFileSync(file, `${JSON.stringify(published, null, 2)}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8')), 'docs/federation.schema.json is out of date').toEqual(published);
  });
});
