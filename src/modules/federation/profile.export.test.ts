import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { makeOrg } from '../../../test/factories/index.js';
import { makeKey, PNG } from '../../../test/helpers/profiles.js';
import { systemActor } from '../../kernel/auth/actor.js';
import { exportOrganisation } from './index.js';
import { saveTranslation, setLogo, updateProfile } from './profile.service.js';
import { createService } from './services.service.js';
import type { exportProfile } from './profile.export.js';

const system = systemActor('test');

describe.each(engines)('the profile in hearth export-org (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  it('holds the profile, every translation with its credit, the services and the logo as base64', async () => {
    const org = await makeOrg(t.deps, { name: 'Nube Común' });
    const other = await makeOrg(t.deps);
    const key = await makeKey();
    const base = { sourceLang: 'es', description: '', region: 'Quito', founded: 2008, website: null, contactEmail: 'nube@example.org', securityContact: null, donationUrl: null };
    await updateProfile(t.deps, system, org.slug, { ...base, name: org.name, slug: org.slug, summary: 'Nube para organizaciones.', countries: ['EC'], languages: ['es', 'qu'], openpgpKey: key.publicKey });
    await updateProfile(t.deps, system, other.slug, { ...base, name: other.name, slug: other.slug, summary: 'Otra.', countries: ['PE'], languages: [], openpgpKey: null });
    await saveTranslation(t.deps, system, org.slug, { field: 'summary', lang: 'qu', body: 'Llaqtapaq phuyu.', translator: 'Sisa', machine: false });
    await createService(t.deps, system, org.slug, { kind: 'files', name: 'Nube', url: 'https://nube.example', software: 'Nextcloud', softwareVersion: '30', registration: 'invitation', status: 'active', countries: ['EC', 'DE'] });
    await setLogo(t.deps, system, org.slug, { data: PNG, truncated: false });

    const data = await exportOrganisation(t.deps, system, org.slug);
    const part = data.modules.profile as Awaited<ReturnType<typeof exportProfile>>;
    expect(part.profile).toMatchObject({ region: 'Quito', founded: 2008, contactEmail: 'nube@example.org', countries: ['EC'], languages: ['es', 'qu'], openpgp: { fingerprint: key.fingerprint } });
    expect(part.texts.map((x) => [x.field, x.lang, x.source, x.translator])).toEqual([
      ['summary', 'es', true, null],
      ['summary', 'qu', false, 'Sisa'],
    ]);
    expect(part.services).toMatchObject([{ kind: 'files', name: 'Nube', software: 'Nextcloud', softwareVersion: '30', countries: ['EC', 'DE'] }]);
    expect(Buffer.from(part.logo!.base64, 'base64').equals(PNG)).toBe(true);
    expect(part.logo).toMatchObject({ contentType: 'image/png', size: PNG.length });
    // Nothing of the other organisation.
    expect(JSON.stringify(part)).not.toContain('Otra.');
  });
});
