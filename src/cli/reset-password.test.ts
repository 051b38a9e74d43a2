import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/helpers/db.js';
import { createCliTestbed, runHearth, type CliTestbed } from '../../test/helpers/cli.js';
import { makePerson, PASSWORD } from '../../test/factories/index.js';
import { verifyPassword } from '../kernel/auth/password.js';
import { countSessionsOf, findPersonRow } from '../kernel/auth/auth.repository.js';
import { createSession, loadSession } from '../kernel/auth/auth.service.js';

const NEW_PASSWORD = 'a quite different passphrase';

describe.each(engines)('hearth reset-password (%s)', (engine) => {
  let t: CliTestbed;
  beforeAll(async () => {
    t = await createCliTestbed(engine);
  });
  afterAll(async () => t.close());

  it('answers an unknown e-mail address with one line and exit status 1', async () => {
    const res = await runHearth(['reset-password', '--email', 'nobody-here@example.org'], { env: t.env });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('hearth reset-password: there is no account with this e-mail address\n');
  });

  it('refuses a common password and keeps the old one and the sessions', async () => {
    const p = await makePerson(t.deps);
    await createSession(t.deps, p.id, false);
    const res = await runHearth(['reset-password', '--email', p.email, '--password-stdin'], { env: t.env, stdin: '12345678\n' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^hearth reset-password: password refused: .*most common.*\n$/);
    const row = (await findPersonRow(t.deps.db, p.id))!;
    expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(true);
    expect(await countSessionsOf(t.deps.db, p.id)).toBe(1);
  });

  it('sets the password from standard input and ends every session', async () => {
    const p = await makePerson(t.deps, { name: 'Locked Out' });
    const other = await makePerson(t.deps);
    const sessions = [await createSession(t.deps, p.id, false), await createSession(t.deps, p.id, false)];
    const othersSession = await createSession(t.deps, other.id, false);

    const res = await runHearth(['reset-password', '--email', p.email, '--password-stdin'], { env: t.env, stdin: `${NEW_PASSWORD}\n` });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`New password set for "Locked Out" <${p.email}>; 2 sessions ended.\n`);

    const row = (await findPersonRow(t.deps.db, p.id))!;
    expect(await verifyPassword(row.password_hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(false);
    for (const s of sessions) expect(await loadSession(t.deps, s)).toBeUndefined();
    // Nobody else is signed out.
    expect(await loadSession(t.deps, othersSession)).toBeDefined();
    const entry = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.password.reset_by_admin').where('target_id', '=', p.id).executeTakeFirst();
    expect(JSON.parse(entry!.data)).toMatchObject({ sessionsEnded: 2, system: 'cli' });
  });

  it('generates a password when none is given and prints it once; --json for scripts', async () => {
    const p = await makePerson(t.deps);
    const text = await runHearth(['reset-password', '--email', p.email], { env: t.env });
    expect(text.code).toBe(0);
    const generated = /Password: (\S+)/.exec(text.stdout)![1]!;
    expect(await verifyPassword((await findPersonRow(t.deps.db, p.id))!.password_hash, generated)).toBe(true);

    await createSession(t.deps, p.id, false);
    const json = await runHearth(['reset-password', '--email', p.email, '--json'], { env: t.env });
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { id: string; email: string; sessionsEnded: number; password: string };
    expect(out).toMatchObject({ id: p.id, email: p.email, sessionsEnded: 1 });
    expect(out.password).not.toBe(generated);
    expect(await verifyPassword((await findPersonRow(t.deps.db, p.id))!.password_hash, out.password)).toBe(true);
  });

  it('says so when the account is suspended', async () => {
    const p = await makePerson(t.deps, { status: 'suspended' });
    const res = await runHearth(['reset-password', '--email', p.email, '--password-stdin'], { env: t.env, stdin: NEW_PASSWORD });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('this account is suspended');
  });
});
