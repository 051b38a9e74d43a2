import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { addMember, makeOrg, makePerson, unique } from '../../../test/factories/index.js';
import { makeExpiredKey, makeKey, makeRevokedKey, PNG, SVG } from '../../../test/helpers/profiles.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { findPersonRow, toPerson } from '../../kernel/auth/auth.repository.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { listTranslations } from '../../kernel/text/index.js';
import type { Organisation } from './federation.repository.js';
import { getProfile, ORG_TEXT_OWNER } from './profile.repository.js';
import type { ProfileInput } from './profile.schemas.js';
import * as svc from './profile.service.js';
import * as services from './services.service.js';

describe.each(engines)('member profiles (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  const actorOf = async (personId: string): Promise<Actor> => actorFor(t.deps.db, toPerson((await findPersonRow(t.deps.db, personId))!));

  /** An organisation with one org-admin, and that admin as an actor. */
  async function orgWithAdmin(): Promise<{ org: Organisation; admin: Actor }> {
    const org = await makeOrg(t.deps);
    const person = await makePerson(t.deps);
    await addMember(t.deps, org, person, 'org_admin');
    return { org, admin: await actorOf(person.id) };
  }

  const input = (org: Organisation, over: Partial<ProfileInput> = {}): ProfileInput => ({
    name: org.name,
    slug: org.slug,
    sourceLang: 'es',
    summary: 'Correo y listas para movimientos sociales.',
    description: 'Somos una **cooperativa**.',
    countries: ['MX', 'AR'],
    region: 'Ciudad de México',
    languages: ['es', 'en'],
    founded: 2011,
    website: 'https://example.org/',
    contactEmail: 'hola@example.org',
    securityContact: 'https://example.org/.well-known/security.txt',
    openpgpKey: null,
    donationUrl: 'https://example.org/donar',
    ...over,
  });

  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code?: string }) => e.code ?? String(e),
    );

  it('saves every field, the source text and its language, and writes one audit entry', async () => {
    const { org, admin } = await orgWithAdmin();
    const key = await makeKey();
    await svc.updateProfile(t.deps, admin, org.slug, input(org, { openpgpKey: key.publicKey }));
    const p = await getProfile(t.deps.db, org.id);
    expect(p).toMatchObject({ region: 'Ciudad de México', founded: 2011, countries: ['AR', 'MX'], languages: ['en', 'es'], website: 'https://example.org/' });
    expect(p.openpgp).toMatchObject({ fingerprint: key.fingerprint, algorithm: 'Ed25519', expiresAt: null });
    const summary = await listTranslations(t.deps.db, { ownerType: ORG_TEXT_OWNER, ownerId: org.id }, 'summary');
    expect(summary).toMatchObject([{ lang: 'es', isSource: true, body: 'Correo y listas para movimientos sociales.' }]);
    const entries = await t.deps.db.selectFrom('audit_log').select(['action', 'data']).where('org_id', '=', org.id).where('action', '=', 'federation.profile.updated').execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.data).changed).toEqual(expect.arrayContaining(['countries', 'languages', 'openpgp', 'summary', 'description']));
  });

  it('refuses unknown country and language codes, naming them, and keeps what was saved', async () => {
    const { org, admin } = await orgWithAdmin();
    await svc.updateProfile(t.deps, admin, org.slug, input(org));
    const err = await svc.updateProfile(t.deps, admin, org.slug, input(org, { countries: ['MX', 'XK', 'ZZ'], region: 'changed' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROFILE_COUNTRY_UNKNOWN', status: 422, values: { codes: 'XK, ZZ' } });
    expect(await code(svc.updateProfile(t.deps, admin, org.slug, input(org, { languages: ['es', 'xx'] })))).toBe('PROFILE_LANGUAGE_UNKNOWN');
    expect(await code(svc.updateProfile(t.deps, admin, org.slug, input(org, { sourceLang: 'qq' })))).toBe('TEXT_UNKNOWN_LANGUAGE');
    expect(await code(svc.updateProfile(t.deps, admin, org.slug, input(org, { founded: 1850 })))).toBe('PROFILE_FOUNDED_INVALID');
    expect(await code(svc.updateProfile(t.deps, admin, org.slug, input(org, { founded: new Date().getUTCFullYear() + 1 })))).toBe('PROFILE_FOUNDED_INVALID');
    const p = await getProfile(t.deps.db, org.id);
    expect(p.region).toBe('Ciudad de México');
    expect(p.countries).toEqual(['AR', 'MX']);
  });

  it('refuses OpenPGP keys that do not parse, expired, revoked or private ones, and keeps the saved key', async () => {
    const { org, admin } = await orgWithAdmin();
    const good = await makeKey();
    await svc.updateProfile(t.deps, admin, org.slug, input(org, { openpgpKey: good.publicKey }));
    const expired = await makeExpiredKey();
    const cases: [string, string][] = [
      ['-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----', 'PROFILE_OPENPGP_UNPARSEABLE'],
      ['hello', 'PROFILE_OPENPGP_UNPARSEABLE'],
      [expired.publicKey, 'PROFILE_OPENPGP_EXPIRED'],
      [await makeRevokedKey(), 'PROFILE_OPENPGP_REVOKED'],
      [good.privateKey, 'PROFILE_OPENPGP_PRIVATE'],
    ];
    for (const [key, expected] of cases) {
      expect(await code(svc.updateProfile(t.deps, admin, org.slug, input(org, { openpgpKey: key, region: 'lost?' }))), expected).toBe(expected);
    }
    const p = await getProfile(t.deps.db, org.id);
    expect(p.openpgp?.fingerprint).toBe(good.fingerprint);
    expect(p.region).toBe('Ciudad de México');
  });

  it('changes the slug, keeps the old one leading to it, and refuses slugs in use or once used by another', async () => {
    const { org, admin } = await orgWithAdmin();
    const other = await orgWithAdmin();
    const newSlug = unique('renamed');
    const renamed = await svc.updateProfile(t.deps, admin, org.slug, input(org, { slug: newSlug }));
    expect(renamed.slug).toBe(newSlug);
    expect(await svc.resolveSlug(t.deps, org.slug)).toEqual({ movedTo: newSlug });
    // In use by a live organisation, or still redirecting to another one.
    expect(await code(svc.updateProfile(t.deps, other.admin, other.org.slug, input(other.org, { slug: newSlug })))).toBe('ORG_SLUG_TAKEN');
    expect(await code(svc.updateProfile(t.deps, other.admin, other.org.slug, input(other.org, { slug: org.slug })))).toBe('PROFILE_SLUG_RESERVED');
    // The organisation may take its own old name back.
    const back = await svc.updateProfile(t.deps, admin, newSlug, input({ ...org, slug: newSlug }, { slug: org.slug }));
    expect(back.slug).toBe(org.slug);
    expect((await svc.resolveSlug(t.deps, org.slug)) as { org: Organisation }).toMatchObject({ org: { id: org.id } });
    expect(await svc.resolveSlug(t.deps, newSlug)).toEqual({ movedTo: org.slug });
  });

  it('never lets an org-admin of another organisation change the profile, texts, logo or services', async () => {
    const { org, admin } = await orgWithAdmin();
    const stranger = await orgWithAdmin();
    const member = await makePerson(t.deps);
    await addMember(t.deps, org, member, 'member');
    await svc.updateProfile(t.deps, admin, org.slug, input(org));
    const service = await services.createService(t.deps, admin, org.slug, {
      kind: 'mail',
      name: 'Correo',
      url: 'https://mail.example.org',
      software: null,
      softwareVersion: null,
      registration: 'open',
      status: 'active',
      countries: [],
    });
    for (const actor of [stranger.admin, await actorOf(member.id)]) {
      expect(await code(svc.updateProfile(t.deps, actor, org.slug, input(org, { name: 'Hijacked' })))).toBe('FORBIDDEN');
      expect(await code(svc.saveTranslation(t.deps, actor, org.slug, { field: 'summary', lang: 'en', body: 'x', translator: null, machine: false }))).toBe('FORBIDDEN');
      expect(await code(svc.removeTranslation(t.deps, actor, org.slug, 'summary', 'es'))).toBe('FORBIDDEN');
      expect(await code(svc.setLogo(t.deps, actor, org.slug, { data: PNG, truncated: false }))).toBe('FORBIDDEN');
      expect(await code(svc.removeLogo(t.deps, actor, org.slug))).toBe('FORBIDDEN');
      expect(await code(services.updateService(t.deps, actor, org.slug, service.id, { ...service, name: 'Hijacked' }))).toBe('FORBIDDEN');
      expect(await code(services.deleteService(t.deps, actor, org.slug, service.id))).toBe('FORBIDDEN');
    }
    // Its own organisation's slug with the other organisation's service id: not found, not changed.
    expect(await code(services.deleteService(t.deps, stranger.admin, stranger.org.slug, service.id))).toBe('SERVICE_NOT_FOUND');
    expect((await getProfile(t.deps.db, org.id)).region).toBe('Ciudad de México');
    const names = await t.deps.db.selectFrom('org_services').select('name').where('org_id', '=', org.id).execute();
    expect(names).toEqual([{ name: 'Correo' }]);
  });

  it('adds translations with credit and machine flag, refuses one without an original, and removes them', async () => {
    const { org, admin } = await orgWithAdmin();
    expect(await code(svc.saveTranslation(t.deps, admin, org.slug, { field: 'summary', lang: 'en', body: 'Mail', translator: null, machine: false }))).toBe('TEXT_SOURCE_REQUIRED');
    await svc.updateProfile(t.deps, admin, org.slug, input(org));
    await svc.saveTranslation(t.deps, admin, org.slug, { field: 'summary', lang: 'en', body: 'Mail and lists for social movements.', translator: 'Ana', machine: false });
    await svc.saveTranslation(t.deps, admin, org.slug, { field: 'summary', lang: 'pt', body: 'Correio e listas.', translator: null, machine: true });
    expect(await code(svc.saveTranslation(t.deps, admin, org.slug, { field: 'summary', lang: 'xx', body: 'x', translator: null, machine: false }))).toBe('TEXT_UNKNOWN_LANGUAGE');
    expect(await code(svc.saveTranslation(t.deps, admin, org.slug, { field: 'summary', lang: 'fr', body: 'x'.repeat(301), translator: null, machine: false }))).toBe('VALIDATION_FAILED');
    const versions = await listTranslations(t.deps.db, { ownerType: ORG_TEXT_OWNER, ownerId: org.id }, 'summary');
    expect(versions.map((v) => [v.lang, v.isSource, v.translator, v.machine])).toEqual([
      ['es', true, null, false],
      ['en', false, 'Ana', false],
      ['pt', false, null, true],
    ]);
    // The original is changed on the profile form, never removed from under its translations.
    expect(await code(svc.removeTranslation(t.deps, admin, org.slug, 'summary', 'es'))).toBe('TEXT_SOURCE_REQUIRED');
    await svc.removeTranslation(t.deps, admin, org.slug, 'summary', 'pt');
    expect((await listTranslations(t.deps.db, { ownerType: ORG_TEXT_OWNER, ownerId: org.id }, 'summary')).map((v) => v.lang)).toEqual(['es', 'en']);
    // Emptying the original removes the text in every language.
    await svc.updateProfile(t.deps, admin, org.slug, input(org, { summary: '' }));
    expect(await listTranslations(t.deps.db, { ownerType: ORG_TEXT_OWNER, ownerId: org.id }, 'summary')).toEqual([]);
  });

  it('keeps the logo as a blob judged by its bytes, shares identical bytes and drops unused ones', async () => {
    const a = await orgWithAdmin();
    const b = await orgWithAdmin();
    expect(await code(svc.setLogo(t.deps, a.admin, a.org.slug, { data: SVG, truncated: false }))).toBe('PROFILE_LOGO_TYPE');
    expect(await code(svc.setLogo(t.deps, a.admin, a.org.slug, { data: Buffer.alloc(0), truncated: false }))).toBe('PROFILE_LOGO_MISSING');
    expect(await code(svc.setLogo(t.deps, a.admin, a.org.slug, { data: PNG, truncated: true }))).toBe('PROFILE_LOGO_TOO_LARGE');
    await svc.setLogo(t.deps, a.admin, a.org.slug, { data: PNG, truncated: false });
    await svc.setLogo(t.deps, b.admin, b.org.slug, { data: PNG, truncated: false });
    const logo = (await getProfile(t.deps.db, a.org.id)).logo!;
    expect(logo).toMatchObject({ contentType: 'image/png', size: PNG.length });
    expect((await getProfile(t.deps.db, b.org.id)).logo!.id).toBe(logo.id);
    const blobCount = async () => (await t.deps.db.selectFrom('blobs').select('id').where('id', '=', logo.id).execute()).length;
    expect(await blobCount()).toBe(1);
    await svc.removeLogo(t.deps, a.admin, a.org.slug);
    expect(await blobCount()).toBe(1); // b still uses it
    await svc.removeLogo(t.deps, b.admin, b.org.slug);
    expect(await blobCount()).toBe(0);
    expect(await svc.readLogo(t.deps, logo.id)).toBeUndefined();
  });
});
