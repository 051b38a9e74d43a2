import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { InjectBrowser } from '../../test/helpers/browser.js';
import { makeOrg, makePerson, PASSWORD, signIn, addMember } from '../../test/factories/index.js';
import { createLogger, maskUrl } from './boot.js';
import { issueSetupToken } from './auth/auth.service.js';

describe('maskUrl', () => {
  it('hides token-like path segments and query values', () => {
    expect(maskUrl('/invite/abcdefghijklmnopqrstuvwxyz0123456789_-AB')).toBe('/invite/[redacted]');
    expect(maskUrl('/orgs/sin-fronteras?after=x')).toBe('/orgs/sin-fronteras?after=x');
  });
});

describe.each(engines)('logs keep no secrets (%s)', (engine) => {
  let t: TestApp;
  let out = '';
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    t = await createTestApp(engine, { log: createLogger('trace', sink) });
  });
  afterAll(async () => t.close());

  it('never writes passwords, tokens, cookies or session ids', async () => {
    const p = await makePerson(t.deps, { totp: true });
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    const setup = (await issueSetupToken(t.deps)) ?? 'no-setup-token-because-an-admin-exists';
    await b.get(`/setup/${setup}`);
    const org = await makeOrg(t.deps);
    await addMember(t.deps, org, p, 'org_admin');
    await b.get(`/orgs/${org.slug}/invite`);
    const inv = await b.post(`/orgs/${org.slug}/invite`, { email: 'guest@example.org', role: 'member' });
    const token = /\/invite\/([A-Za-z0-9_-]+)"/.exec(inv.body)![1]!;
    const guest = new InjectBrowser(t.app);
    await guest.get(`/invite/${token}`);
    await guest.post(`/invite/${token}/register`, { displayName: 'Guest', password: PASSWORD });
    expect(out.length).toBeGreaterThan(1000); // requests were logged at all
    for (const secret of [PASSWORD, token, setup, ...b.cookies.values(), ...guest.cookies.values()]) {
      expect(out, 'a secret reached the log').not.toContain(secret);
    }
    expect(out).not.toMatch(/127\.0\.0\.1|remoteAddress/);
  });
});
