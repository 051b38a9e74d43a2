import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, unique } from '../../../test/factories/index.js';
import { makeExpiredKey, makeKey } from '../../../test/helpers/profiles.js';
import { memberDoc } from './directory.schemas.js';
import { getProfile } from './profile.repository.js';

describe.each(engines)('profile API (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  async function session(role: 'org_admin' | 'member' = 'org_admin') {
    const org = await makeOrg(t.deps, { name: 'Nodo Sur' });
    const person = await makePerson(t.deps);
    await addMember(t.deps, org, person, role);
    const b = new InjectBrowser(t.app);
    await signIn(b, person);
    await b.get('/');
    const headers = { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': b.csrf() };
    return { org, headers };
  }

  const body = (org: { name: string; slug: string }, over: Record<string, unknown> = {}) => ({
    name: org.name,
    slug: org.slug,
    sourceLang: 'pt',
    summary: 'Internet comunitária no sul.',
    countries: ['BR', 'UY'],
    languages: ['pt', 'es'],
    founded: 2019,
    website: 'https://nodosur.example',
    ...over,
  });

  it('refuses members and other organisations, says exactly what is wrong, and saves for the org-admin', async () => {
    const { org, headers } = await session();
    const member = await session('member');
    const put = (h: Record<string, string>, slug: string, payload: unknown) => t.app.inject({ method: 'PUT', url: `/api/v1/orgs/${slug}/profile`, headers: h, payload: payload as object });
    expect((await put(member.headers, org.slug, body(org))).statusCode).toBe(403);
    expect((await put(member.headers, member.org.slug, body(member.org))).statusCode).toBe(403);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ languages: ['pt', 'tlh'] }, 422, 'PROFILE_LANGUAGE_UNKNOWN'],
      [{ website: 'javascript:alert(1)' }, 422, 'VALIDATION_FAILED'],
      [{ slug: (await makeOrg(t.deps)).slug }, 409, 'ORG_SLUG_TAKEN'],
      [{ openpgpKey: 'nope' }, 422, 'PROFILE_OPENPGP_UNPARSEABLE'],
      [{ openpgpKey: (await makeExpiredKey()).publicKey }, 422, 'PROFILE_OPENPGP_EXPIRED'],
    ];
    for (const [over, status, code] of cases) {
      const res = await put(headers, org.slug, body(org, over));
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const tlh = await put(headers, org.slug, body(org, { languages: ['pt', 'tlh'] }));
    expect(tlh.json().error.message).toBe('Unknown language codes: tlh. Use two-letter codes such as es or pt.');
    expect(tlh.json().error.details.fields.languages.code).toBe('error.PROFILE_LANGUAGE_UNKNOWN');
    expect((await getProfile(t.deps.db, org.id)).updatedAt).toBeNull();

    const key = await makeKey();
    const ok = await put(headers, org.slug, body(org, { openpgpKey: key.publicKey }));
    expect(ok.statusCode).toBe(200);
    const doc = memberDoc.parse(ok.json());
    expect(doc).toMatchObject({ countries: ['BR', 'UY'], languages: ['es', 'pt'], founded: 2019, openpgp: { fingerprint: key.fingerprint } });
    const got = await t.app.inject({ url: `/api/v1/orgs/${org.slug}/profile` });
    expect(got.json()).toEqual(ok.json());
    // A code given twice is kept once, not refused by the database.
    const repeated = await put(headers, org.slug, body(org, { languages: ['es', 'pt', 'es'], countries: ['BR', 'BR', 'UY'], openpgpKey: key.publicKey }));
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toMatchObject({ languages: ['es', 'pt'], countries: ['BR', 'UY'] });

    // Translations, and removing them; the original stays.
    const tr = await t.app.inject({ method: 'PUT', url: `/api/v1/orgs/${org.slug}/profile/translations`, headers, payload: { field: 'summary', lang: 'es', body: 'Internet comunitaria en el sur.', machine: true } });
    expect(tr.statusCode).toBe(200);
    expect(tr.json().summary).toContainEqual({ lang: 'es', body: 'Internet comunitaria en el sur.', source: false, translator: null, machine: true });
    const badLang = await t.app.inject({ method: 'PUT', url: `/api/v1/orgs/${org.slug}/profile/translations`, headers, payload: { field: 'summary', lang: 'xx', body: 'x' } });
    expect(badLang.statusCode).toBe(422);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/orgs/${org.slug}/profile/translations/summary/pt`, headers })).json().error.code).toBe('TEXT_SOURCE_REQUIRED');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/orgs/${org.slug}/profile/translations/summary/es`, headers })).statusCode).toBe(204);

    // A new slug answers at once; the old one leads there.
    const renamed = await put(headers, org.slug, body(org, { slug: unique('nodo') }));
    expect(renamed.statusCode).toBe(200);
    const moved = await t.app.inject({ url: `/api/v1/orgs/${org.slug}/profile` });
    expect(moved.json().slug).toBe(renamed.json().slug);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/docs' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const [path, methods] of [
      ['/api/v1/orgs/{slug}/profile', ['get', 'put']],
      ['/api/v1/orgs/{slug}/profile/translations', ['put']],
      ['/api/v1/orgs/{slug}/profile/translations/{field}/{lang}', ['delete']],
      ['/api/v1/orgs/{slug}/services', ['get', 'post']],
      ['/api/v1/orgs/{slug}/services/{id}', ['put', 'delete']],
    ] as const) {
      for (const m of methods) expect(doc.paths[path]?.[m]?.tags, `${m} ${path}`).toEqual(['federation']);
    }
  });
});
