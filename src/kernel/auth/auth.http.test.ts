import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { makePerson, signIn, PASSWORD } from '../../../test/factories/index.js';
import { issueSetupToken } from './auth.service.js';
import { totpNow } from './totp.js';

describe.each(engines)('accounts over HTTP (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  it('refuses a login form without a CSRF token', async () => {
    const b = new InjectBrowser(t.app);
    await b.get('/login');
    const res = await b.post('/login', { email: 'a@example.org', password: 'x' }, { csrf: 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form has expired');
    // The form comes back with what was typed, never the password.
    expect(res.body).toContain('value="a@example.org"');
  });

  it('shows the form again with a message for a wrong password, keeping the e-mail', async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app);
    await b.get('/login');
    const res = await b.post('/login', { email: p.email, password: 'wrong password here' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('do not match');
    expect(res.body).toContain(`value="${p.email}"`);
    expect(res.body).not.toContain('wrong password here');
  });

  it('signs in, shows the account page, and signs out', async () => {
    const p = await makePerson(t.deps, { name: 'Ada <script>' });
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    const account = await b.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.headers['cache-control']).toBe('no-store');
    expect(account.body).toContain('Ada &lt;script');
    expect(account.body).not.toContain('<script');
    await b.post('/logout', {});
    const after = await b.get('/account');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Faccount');
  });

  it('completes first-run setup once, then requires TOTP enrolment', async () => {
    // Other tests may have created admins; the setup path only works while none exists.
    const admins = await t.deps.db.selectFrom('people').select('id').where('fed_role', '=', 'admin').execute();
    if (admins.length > 0) await t.deps.db.updateTable('people').set({ fed_role: null }).where('fed_role', '=', 'admin').execute();
    const token = (await issueSetupToken(t.deps))!;
    const b = new InjectBrowser(t.app);
    expect((await b.get(`/setup/${token}`)).statusCode).toBe(200);
    const bad = await b.post(`/setup/${token}`, { displayName: 'Root', email: 'root@example.org', password: 'password' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('most common');
    const ok = await b.post(`/setup/${token}`, { displayName: 'Root', email: 'root@example.org', password: PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account/2fa');
    // The token is spent.
    expect((await new InjectBrowser(t.app).get(`/setup/${token}`)).statusCode).toBe(410);
    // Until TOTP is on, other pages send the admin to enrolment.
    const orgs = await b.get('/orgs');
    expect(orgs.statusCode).toBe(303);
    expect(orgs.headers.location).toBe('/account/2fa');
    const page = await b.get('/account/2fa');
    const secret = /<code class="secret"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, '');
    const enrolled = await b.post('/account/2fa/confirm', { code: totpNow(secret, new Date()), current: PASSWORD });
    expect(enrolled.statusCode).toBe(200);
    expect(enrolled.body.match(/<code>[a-z0-9]{5}-[a-z0-9]{5}<\/code>/g)).toHaveLength(10);
    expect((await b.get('/orgs')).statusCode).toBe(200);
  });

  it('refuses a replayed TOTP code', async () => {
    const p = await makePerson(t.deps, { totp: true });
    const code = totpNow(p.totpSecret!, new Date());
    const b1 = new InjectBrowser(t.app);
    await b1.get('/login');
    await b1.post('/login', { email: p.email, password: p.password });
    await b1.get('/login/2fa');
    expect((await b1.post('/login/2fa', { code })).statusCode).toBe(303);
    const b2 = new InjectBrowser(t.app);
    await b2.get('/login');
    await b2.post('/login', { email: p.email, password: p.password });
    await b2.get('/login/2fa');
    const replay = await b2.post('/login/2fa', { code });
    expect(replay.statusCode).toBe(422);
    expect(replay.body).toContain('already used');
  });

  it('ends other sessions when a person is suspended', async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    expect((await b.get('/account')).statusCode).toBe(200);
    await t.deps.db.updateTable('people').set({ status: 'suspended' }).where('id', '=', p.id).execute();
    expect((await b.get('/account')).statusCode).toBe(303);
  });
});

describe.each(engines)('sign-in returns to the page asked for (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  it('keeps ?next through the two-step verification form', async () => {
    const p = await makePerson(t.deps, { totp: true });
    const b = new InjectBrowser(t.app);
    const redirect = await b.get('/account/sessions');
    expect(redirect.headers.location).toBe('/login?next=%2Faccount%2Fsessions');
    await b.get(redirect.headers.location as string);
    const step1 = await b.post('/login?next=%2Faccount%2Fsessions', { email: p.email, password: p.password });
    expect(step1.headers.location).toBe('/login/2fa?next=%2Faccount%2Fsessions');
    const form = await b.get(step1.headers.location as string);
    const action = /action="(\/login\/2fa[^"]*)"/.exec(form.body)![1]!.replace(/&amp;/g, '&');
    const step2 = await b.post(action, { code: totpNow(p.totpSecret!, new Date()) });
    expect(step2.headers.location).toBe('/account/sessions');
  });
});
