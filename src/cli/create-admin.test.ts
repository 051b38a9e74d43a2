import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/helpers/db.js';
import { createCliTestbed, runHearth, type CliTestbed } from '../../test/helpers/cli.js';
import { makePerson, unique, PASSWORD } from '../../test/factories/index.js';
import { verifyPassword } from '../kernel/auth/password.js';
import { findPersonRowByEmail } from '../kernel/auth/auth.repository.js';

const oneLine = (s: string) => s.endsWith('\n') && !s.slice(0, -1).includes('\n');

describe.each(engines)('hearth create-admin (%s)', (engine) => {
  let t: CliTestbed;
  beforeAll(async () => {
    t = await createCliTestbed(engine);
  });
  afterAll(async () => t.close());

  it('refuses an e-mail address that already has an account, changing nothing', async () => {
    const existing = await makePerson(t.deps);
    const res = await runHearth(['create-admin', '--email', existing.email.toUpperCase(), '--name', 'Another'], { env: t.env });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('hearth create-admin: an account with this e-mail already exists\n');
    const row = await findPersonRowByEmail(t.deps.db, existing.email);
    expect(row!.fed_role).toBeNull();
    expect(row!.display_name).toBe('Test Person');
  });

  it.each([
    ['password\n', 'most common'],
    ['short\n', 'at least 8 characters'],
    ['\n', 'at least 8 characters'],
  ])('refuses the password %j from standard input in one line', async (stdin, message) => {
    const email = `${unique('weak')}@example.org`;
    const res = await runHearth(['create-admin', '--email', email, '--name', 'Weak', '--password-stdin'], { env: t.env, stdin });
    expect(res.code).toBe(1);
    expect(oneLine(res.stderr)).toBe(true);
    expect(res.stderr).toMatch(/^hearth create-admin: password refused: /);
    expect(res.stderr).toContain(message);
    expect(await findPersonRowByEmail(t.deps.db, email)).toBeUndefined();
  });

  it('refuses the e-mail address itself as the password', async () => {
    const email = `${unique('self')}@example.org`;
    const res = await runHearth(['create-admin', '--email', email, '--name', 'Self', '--password-stdin'], { env: t.env, stdin: `${email}\n` });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Do not use your name or e-mail address');
  });

  it('creates an admin with a generated password shown once, and reminds of TOTP', async () => {
    const email = `${unique('root')}@example.org`;
    const res = await runHearth(['create-admin', '--email', email, '--name', 'Root Admin'], { env: t.env });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Created federation admin "Root Admin" <${email}>.`);
    expect(res.stdout).toContain('shown only now');
    expect(res.stdout).toContain('two-step verification (TOTP)');
    const password = /Password: (\S+)/.exec(res.stdout)![1]!;
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    expect(res.stdout.split(password)).toHaveLength(2);

    const row = (await findPersonRowByEmail(t.deps.db, email))!;
    expect(row.fed_role).toBe('admin');
    expect(row.status).toBe('active');
    expect(row.totp_enabled_at).toBeNull();
    expect(await verifyPassword(row.password_hash, password)).toBe(true);
    const entry = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.person.created').where('target_id', '=', row.id).executeTakeFirst();
    expect(JSON.parse(entry!.data)).toMatchObject({ fedRole: 'admin', system: 'cli' });
  });

  it('takes the password from the first line of standard input and never prints it', async () => {
    const email = `${unique('piped')}@example.org`;
    const res = await runHearth(['create-admin', '--email', email, '--name', 'Piped', '--password-stdin'], {
      env: t.env,
      stdin: `${PASSWORD}\r\nsecond line is ignored\n`,
    });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain(PASSWORD);
    expect(res.stdout).not.toContain('Password:');
    const row = (await findPersonRowByEmail(t.deps.db, email))!;
    expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(true);
  });

  it('prints JSON for scripts', async () => {
    const email = `${unique('json')}@example.org`;
    const res = await runHearth(['create-admin', '--email', email, '--name', 'Scripted', '--json'], { env: t.env });
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { id: string; email: string; fedRole: string; password: string; mustEnrolTotp: boolean };
    expect(out).toMatchObject({ email, displayName: 'Scripted', fedRole: 'admin', mustEnrolTotp: true });
    const row = (await findPersonRowByEmail(t.deps.db, email))!;
    expect(row.id).toBe(out.id);
    expect(await verifyPassword(row.password_hash, out.password)).toBe(true);
  });
});
