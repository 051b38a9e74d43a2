import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { makePerson, PASSWORD, signIn } from '../../../test/factories/index.js';
import { ManualClock } from '../time.js';
import { AppError } from '../errors.js';
import * as auth from './auth.service.js';
import { countSessionsOf, findPersonRow, updatePerson } from './auth.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import { totpNow } from './totp.js';

describe.each(engines)('accounts service (%s)', (engine) => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
  });
  afterAll(async () => t.close());

  const failLogin = (email: string, source: string) =>
    auth.login(t.deps, { email, password: 'wrong wrong wrong', source }).then(
      () => 'ok',
      (e: AppError) => e.code,
    );

  it('slows a guessing source down without locking the owner out', async () => {
    const p = await makePerson(t.deps);
    for (let i = 0; i < 5; i++) expect(await failLogin(p.email, 'attacker')).toBe('LOGIN_FAILED');
    // The sixth try from the same source must wait…
    expect(await failLogin(p.email, 'attacker')).toBe('RATE_LIMITED');
    // …while the owner, from their own address, signs in at once.
    const ok = await auth.login(t.deps, { email: p.email, password: PASSWORD, source: 'owner' });
    expect(ok.person.id).toBe(p.id);
    // …the wait passes with time, and doubles with each further failure.
    clock.advance(1_000);
    expect(await failLogin(p.email, 'attacker')).toBe('LOGIN_FAILED');
    clock.advance(1_000);
    expect(await failLogin(p.email, 'attacker')).toBe('RATE_LIMITED');
    clock.advance(1_000);
    expect(await failLogin(p.email, 'attacker')).toBe('LOGIN_FAILED');
  });

  it('counts unknown accounts the same way and records failed logins in the audit log', async () => {
    expect(await failLogin('nobody-here@example.org', 'somewhere')).toBe('LOGIN_FAILED');
    const p = await makePerson(t.deps);
    await failLogin(p.email, 'somewhere');
    const rows = await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', p.id).execute();
    expect(rows.map((r) => r.action)).toContain('auth.login.failed');
  });

  it('refuses a suspended person even with the right password', async () => {
    const p = await makePerson(t.deps, { status: 'suspended' });
    await expect(auth.login(t.deps, { email: p.email, password: PASSWORD, source: 's' })).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
  });

  it('rehashes a password made with older parameters at login', async () => {
    const p = await makePerson(t.deps);
    const weak = await hashPassword(PASSWORD, { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 } as never);
    await updatePerson(t.deps.db, p.id, { password_hash: weak });
    await auth.login(t.deps, { email: p.email, password: PASSWORD, source: 'r' });
    const row = await findPersonRow(t.deps.db, p.id);
    expect(row!.password_hash).not.toBe(weak);
    expect(row!.password_hash).toContain('m=19456');
    expect(await verifyPassword(row!.password_hash, PASSWORD)).toBe(true);
  });

  it('changes the password only with the current one, and ends other sessions', async () => {
    const p = await makePerson(t.deps);
    const actor = await auth.actorFor(t.deps.db, p);
    const s1 = await auth.createSession(t.deps, p.id, false);
    await auth.createSession(t.deps, p.id, false);
    await expect(auth.changePassword(t.deps, actor, { current: 'not it', password: 'a new long passphrase' })).rejects.toMatchObject({ code: 'REAUTH_FAILED' });
    await expect(auth.changePassword(t.deps, actor, { current: PASSWORD, password: '12345678' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const current = (await auth.loadSession(t.deps, s1))!.idHash;
    await auth.changePassword(t.deps, actor, { current: PASSWORD, password: 'a new long passphrase', keepSession: 'yes' }, current);
    expect(await countSessionsOf(t.deps.db, p.id)).toBe(1);
    expect(await auth.loadSession(t.deps, s1)).toBeDefined();
  });

  it('changes the e-mail address only with the password, and refuses one already in use', async () => {
    const [p, other] = [await makePerson(t.deps), await makePerson(t.deps)];
    const actor = await auth.actorFor(t.deps.db, p);
    await expect(auth.changeEmail(t.deps, actor, { current: PASSWORD, email: other.email })).rejects.toMatchObject({ code: 'EMAIL_TAKEN', status: 409 });
    await auth.changeEmail(t.deps, actor, { current: PASSWORD, email: `Changed-${p.email}` });
    expect((await findPersonRow(t.deps.db, p.id))!.email).toBe(`changed-${p.email}`);
  });

  it('enrols TOTP, accepts each recovery code once, and keeps federation admins enrolled', async () => {
    const p = await makePerson(t.deps);
    const actor = await auth.actorFor(t.deps.db, p);
    const secret = await auth.startTotpEnrolment(t.deps, actor);
    await expect(auth.confirmTotp(t.deps, actor, { current: PASSWORD, code: '000000' })).rejects.toMatchObject({ code: 'MFA_CODE_WRONG' });
    const codes = await auth.confirmTotp(t.deps, actor, { current: PASSWORD, code: totpNow(secret, clock.now()) });
    expect(codes).toHaveLength(10);
    expect(await auth.unusedRecoveryCodes(t.deps, p.id)).toBe(10);

    const pending = await auth.login(t.deps, { email: p.email, password: PASSWORD, source: 'rc' });
    expect(pending.mfaPending).toBe(true);
    const loaded = (await auth.loadSession(t.deps, pending.session))!;
    const full = await auth.completeSecondFactor(t.deps, loaded, codes[0]!, 'rc');
    expect((await auth.loadSession(t.deps, full))!.mfaPending).toBe(false);
    expect(await auth.unusedRecoveryCodes(t.deps, p.id)).toBe(9);
    // The same recovery code a second time is refused.
    const again = await auth.login(t.deps, { email: p.email, password: PASSWORD, source: 'rc' });
    await expect(auth.completeSecondFactor(t.deps, (await auth.loadSession(t.deps, again.session))!, codes[0]!, 'rc')).rejects.toMatchObject({
      code: 'MFA_CODE_WRONG',
    });

    const admin = await makePerson(t.deps, { fedRole: 'admin' });
    await expect(auth.disableTotp(t.deps, await auth.actorFor(t.deps.db, admin), { current: PASSWORD, code: '123456' })).rejects.toMatchObject({
      code: 'TOTP_REQUIRED_FOR_ROLE',
    });
  });

  it('expires sessions after the idle limit and at the absolute limit', async () => {
    const p = await makePerson(t.deps);
    const token = await auth.createSession(t.deps, p.id, false);
    expect(await auth.loadSession(t.deps, token)).toBeDefined();
    clock.advance(t.deps.config.sessionIdleMs + 1000);
    expect(await auth.loadSession(t.deps, token)).toBeUndefined();
    const token2 = await auth.createSession(t.deps, p.id, false);
    // Stay active (touch every hour) until the absolute limit passes.
    for (let passed = 0; passed < t.deps.config.sessionMaxMs; passed += 3_600_000) {
      clock.advance(3_600_000);
      await auth.loadSession(t.deps, token2);
    }
    clock.advance(3_600_000);
    expect(await auth.loadSession(t.deps, token2)).toBeUndefined();
  });

  it('signs out everywhere else from the sessions page', async () => {
    const p = await makePerson(t.deps);
    const other = await auth.createSession(t.deps, p.id, false);
    const b = new InjectBrowser(t.app);
    // This test's clock is manual; sessions made through HTTP use the same one.
    await signIn(b, p);
    await b.get('/account/sessions');
    const res = await b.post('/account/sessions/end', {});
    expect(res.statusCode).toBe(303);
    expect(await auth.loadSession(t.deps, other)).toBeUndefined();
    expect((await b.get('/account')).statusCode).toBe(200);
  });
});
