import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, unique } from '../../../test/factories/index.js';
import { JPEG, makeExpiredKey, makeKey, multipart, PNG, SVG, WEBP, type Part } from '../../../test/helpers/profiles.js';
import type { Organisation } from './federation.repository.js';
import { getProfile } from './profile.repository.js';

describe.each(engines)('profile pages (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  async function adminBrowser(org?: Organisation) {
    const o = org ?? (await makeOrg(t.deps, { name: 'Red Sin Fronteras' }));
    const person = await makePerson(t.deps);
    await addMember(t.deps, o, person, 'org_admin');
    const b = new InjectBrowser(t.app);
    await signIn(b, person);
    return { org: o, b };
  }

  const form = (org: Organisation, over: Record<string, string> = {}) => ({
    name: org.name,
    slug: org.slug,
    sourceLang: 'es',
    summary: 'Correo y listas para movimientos sociales.',
    description: 'Somos una *cooperativa* de Oaxaca.',
    countries: 'mx, ar',
    region: 'Oaxaca',
    languages: 'es en',
    founded: '2011',
    website: 'https://sinfronteras.example/',
    contactEmail: 'hola@sinfronteras.example',
    securityContact: 'seguridad@sinfronteras.example',
    openpgpKey: '',
    donationUrl: '',
    ...over,
  });

  /** POST a multipart form the way a browser would, with the token from the last page. */
  const upload = (b: InjectBrowser, url: string, parts: Part[]) => {
    const { payload, contentType } = multipart(parts);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
      payload,
    });
  };

  it('refuses the profile form to the public, to people of no or another organisation, then saves it for its admin', async () => {
    const { org, b } = await adminBrowser();
    const anon = new InjectBrowser(t.app);
    const r401 = await anon.get(`/orgs/${org.slug}/profile`);
    expect(r401.statusCode).toBe(303);
    expect(r401.headers.location).toContain('/login');
    const { b: stranger } = await adminBrowser();
    expect((await stranger.get(`/orgs/${org.slug}/profile`)).statusCode).toBe(403);
    await stranger.get('/');
    expect((await stranger.post(`/orgs/${org.slug}/profile`, form(org, { name: 'Hijacked' }))).statusCode).toBe(403);

    const page = await b.get(`/orgs/${org.slug}/profile`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Profile of Red Sin Fronteras');
    const saved = await b.post(`/orgs/${org.slug}/profile`, form(org));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/orgs/${org.slug}/profile`);
    const again = await b.get(`/orgs/${org.slug}/profile`);
    expect(again.body).toContain('The profile is saved.');
    expect(again.body).toContain('value="AR, MX"');
    expect((await getProfile(t.deps.db, org.id)).contactEmail).toBe('hola@sinfronteras.example');
  });

  it('sends the form back with the input and a clear message on bad input, and keeps what was saved', async () => {
    const { org, b } = await adminBrowser();
    await b.get(`/orgs/${org.slug}/profile`);
    expect((await b.post(`/orgs/${org.slug}/profile`, form(org))).statusCode).toBe(303);
    const taken = await makeOrg(t.deps);
    const expired = await makeExpiredKey();
    const cases: [Record<string, string>, number, string][] = [
      [{ languages: 'es, klingon' }, 422, 'Unknown language codes: klingon.'],
      [{ countries: 'MX, XX' }, 422, 'Unknown country codes: XX.'],
      [{ slug: taken.slug }, 409, 'Another organisation already uses this short name.'],
      [{ website: 'javascript:alert(1)' }, 422, 'Enter a web address starting with https:// or http://.'],
      [{ donationUrl: 'ftp://files.example/' }, 422, 'Enter a web address starting with https:// or http://.'],
      [{ openpgpKey: 'not a key at all' }, 422, 'This is not an OpenPGP public key Hearth can read.'],
      [{ openpgpKey: expired.publicKey }, 422, 'This key has expired.'],
      [{ securityContact: 'call us' }, 422, 'Enter an e-mail address or a web address'],
    ];
    for (const [over, status, message] of cases) {
      await b.get(`/orgs/${org.slug}/profile`);
      const res = await b.post(`/orgs/${org.slug}/profile`, form(org, { region: 'Typed but not saved', ...over }));
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.body, JSON.stringify(over)).toContain(message);
      // The form comes back with what was typed.
      expect(res.body).toContain('value="Typed but not saved"');
    }
    expect((await getProfile(t.deps.db, org.id)).region).toBe('Oaxaca');
  });

  it('never sends a private key back to the browser', async () => {
    const { org, b } = await adminBrowser();
    const key = await makeKey();
    await b.get(`/orgs/${org.slug}/profile`);
    const res = await b.post(`/orgs/${org.slug}/profile`, form(org, { openpgpKey: key.privateKey }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This is a private key: it was not saved.');
    expect(res.body).not.toContain('PRIVATE KEY BLOCK');
  });

  it('shows the fingerprint, algorithm and expiry of a saved key on the public page', async () => {
    const { org, b } = await adminBrowser();
    const key = await makeKey();
    await b.get(`/orgs/${org.slug}/profile`);
    expect((await b.post(`/orgs/${org.slug}/profile`, form(org, { openpgpKey: key.publicKey }))).statusCode).toBe(303);
    const page = await new InjectBrowser(t.app).get(`/members/${org.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(key.fingerprint.replace(/(.{4})(?=.)/g, '$1 '));
    expect(page.body).toContain('Ed25519');
    expect(page.body).toContain('Never');
  });

  it('uploads a logo with the token as a field before the file, judged by its bytes, and serves it safely', async () => {
    const { org, b } = await adminBrowser();
    await b.get(`/orgs/${org.slug}/profile`);
    const csrf = b.csrf();
    const url = `/orgs/${org.slug}/profile/logo`;
    // No token, or the token after the file: refused before the file is read.
    // Another organisation's admin, with a valid token of their own: refused before anything is read.
    const { b: stranger } = await adminBrowser();
    await stranger.get('/');
    const foreign = await upload(stranger, url, [
      { name: '_csrf', value: stranger.csrf() },
      { name: 'logo', filename: 'a.png', contentType: 'image/png', data: PNG },
    ]);
    expect(foreign.statusCode).toBe(403);
    const noToken = await upload(b, url, [{ name: 'logo', filename: 'a.png', contentType: 'image/png', data: PNG }]);
    expect(noToken.statusCode).toBe(403);
    const late = await upload(b, url, [
      { name: 'logo', filename: 'a.png', contentType: 'image/png', data: PNG },
      { name: '_csrf', value: csrf },
    ]);
    expect(late.statusCode).toBe(403);
    // An SVG named .png with an image/png type is still an SVG.
    const svg = await upload(b, url, [
      { name: '_csrf', value: csrf },
      { name: 'logo', filename: 'logo.png', contentType: 'image/png', data: SVG },
    ]);
    expect(svg.statusCode).toBe(422);
    expect(svg.body).toContain('This file is not a PNG, JPEG or WebP image.');
    const big = await upload(b, url, [
      { name: '_csrf', value: csrf },
      { name: 'logo', filename: 'big.png', contentType: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]) },
    ]);
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('The image is larger than 512 KB.');
    const two = await upload(b, url, [
      { name: '_csrf', value: csrf },
      { name: 'logo', filename: 'a.png', contentType: 'image/png', data: PNG },
      { name: 'logo', filename: 'b.png', contentType: 'image/png', data: PNG },
    ]);
    expect(two.statusCode).toBe(422);
    expect(two.body).toContain('The upload could not be read.');
    expect((await getProfile(t.deps.db, org.id)).logo).toBeNull();

    for (const [data, type] of [
      [WEBP, 'image/webp'],
      [JPEG, 'image/jpeg'],
      [PNG, 'image/png'],
    ] as const) {
      // The browser's claim is ignored: the bytes decide.
      const ok = await upload(b, url, [
        { name: '_csrf', value: csrf },
        { name: 'logo', filename: 'logo.gif', contentType: 'application/octet-stream', data },
      ]);
      expect(ok.statusCode).toBe(303);
      expect((await getProfile(t.deps.db, org.id)).logo?.contentType).toBe(type);
    }
    const publicPage = await new InjectBrowser(t.app).get(`/members/${org.slug}`);
    const src = /<img class="logo logo-large" src="(\/logos\/[0-9a-f]{64}\.png)"/.exec(publicPage.body)?.[1];
    expect(src).toBeDefined();
    const img = await t.app.inject({ url: src! });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.headers['content-disposition']).toBe('inline; filename="logo.png"');
    expect(img.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(img.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ url: src!, headers: { 'if-none-match': String(img.headers.etag) } })).statusCode).toBe(304);
    // The same hash under another extension, or an unknown hash: nothing.
    expect((await t.app.inject({ url: src!.replace('.png', '.webp') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/logos/${'0'.repeat(64)}.png` })).statusCode).toBe(404);

    await b.get(`/orgs/${org.slug}/profile`);
    expect((await b.post(`/orgs/${org.slug}/profile/logo/remove`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ url: src! })).statusCode).toBe(404);
  });

  it('adds a credited translation that readers of that language see, and tells others they read the original', async () => {
    const { org, b } = await adminBrowser();
    await b.get(`/orgs/${org.slug}/profile`);
    await b.post(`/orgs/${org.slug}/profile`, form(org));
    await b.get(`/orgs/${org.slug}/profile/translations`);
    const bad = await b.post(`/orgs/${org.slug}/profile/translations`, { field: 'summary', lang: 'zz', body: 'Typed', translator: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose a language from the list.');
    const ok = await b.post(`/orgs/${org.slug}/profile/translations`, { field: 'summary', lang: 'en', body: 'Mail and lists for social movements.', translator: 'Ana' });
    expect(ok.statusCode).toBe(303);
    const english = await new InjectBrowser(t.app, { 'accept-language': 'en' }).get(`/members/${org.slug}`);
    expect(english.body).toContain('Mail and lists for social movements.');
    expect(english.body).toContain('Translated by Ana');
    const german = await new InjectBrowser(t.app, { 'accept-language': 'de' }).get(`/members/${org.slug}`);
    expect(german.body).toContain('Correo y listas para movimientos sociales.');
    expect(german.body).toContain('lang="es"');
  });

  it('redirects an old slug to the new public page and JSON, and hides a suspended member from the public', async () => {
    const { org, b } = await adminBrowser();
    const newSlug = unique('nuevo');
    await b.get(`/orgs/${org.slug}/profile`);
    expect((await b.post(`/orgs/${org.slug}/profile`, form(org, { slug: newSlug }))).headers.location).toBe(`/orgs/${newSlug}/profile`);
    const old = await t.app.inject({ url: `/members/${org.slug}` });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`/members/${newSlug}`);
    const oldJson = await t.app.inject({ url: `/orgs/${org.slug}.json` });
    expect(oldJson.statusCode).toBe(301);
    expect(oldJson.headers.location).toBe(`/orgs/${newSlug}.json`);
    await t.deps.db.updateTable('organisations').set({ status: 'suspended' }).where('id', '=', org.id).execute();
    expect((await t.app.inject({ url: `/members/${newSlug}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/orgs/${newSlug}.json` })).statusCode).toBe(404);
    // A suspended organisation's own roles are dormant; federation admins still see it, with a note.
    expect((await b.get(`/members/${newSlug}`)).statusCode).toBe(404);
    const fedAdmin = new InjectBrowser(t.app);
    await signIn(fedAdmin, await makePerson(t.deps, { fedRole: 'admin' }));
    const own = await fedAdmin.get(`/members/${newSlug}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('This membership is suspended');
  });
});
