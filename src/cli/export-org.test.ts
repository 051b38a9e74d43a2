import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/helpers/db.js';
import { createCliTestbed, runHearth, type CliTestbed } from '../../test/helpers/cli.js';
import { addMember, makeOrg, makePerson } from '../../test/factories/index.js';
import { registerExportContributor, type Organisation, type OrgExport } from '../modules/federation/index.js';
import { createSession, startTotpEnrolment } from '../kernel/auth/auth.service.js';
import { inviteToOrganisation, revokeInvitation } from '../modules/federation/federation.service.js';
import { systemActor } from '../kernel/auth/actor.js';
import type { TestPerson } from '../../test/factories/index.js';

// Stands in for a later module (governance, solidarity, …) adding its part of the export.
registerExportContributor('example', async (db, org) => {
  const rows = await db.selectFrom('memberships').select('person_id').where('org_id', '=', org.id).execute();
  return { slug: org.slug, memberships: rows.length };
});

describe('export contributors', () => {
  it('are registered once per module name', () => {
    expect(() => registerExportContributor('example', async () => null)).toThrow('already registered');
  });
});

describe.each(engines)('hearth export-org (%s)', (engine) => {
  let t: CliTestbed;
  let org: Organisation;
  let otherOrg: Organisation;
  let admin: TestPerson;
  let member: TestPerson;
  let outsider: TestPerson;
  let inviteLink: string;

  beforeAll(async () => {
    t = await createCliTestbed(engine);
    org = await makeOrg(t.deps, { name: 'Rosa Net' });
    otherOrg = await makeOrg(t.deps, { name: 'Other Collective' });
    admin = await makePerson(t.deps, { name: 'Ada Admin', totp: true });
    member = await makePerson(t.deps, { name: 'Mo Member' });
    outsider = await makePerson(t.deps, { name: 'Olga Outsider' });
    await addMember(t.deps, org, admin, 'org_admin');
    await addMember(t.deps, org, member);
    await addMember(t.deps, otherOrg, outsider);
    // Secrets that must stay behind: sessions, a TOTP secret, invitation tokens.
    await createSession(t.deps, member.id, false);
    await startTotpEnrolment(t.deps, { kind: 'person', person: member, memberships: [{ orgId: org.id, role: 'member' }] });
    const cli = systemActor('test');
    inviteLink = (await inviteToOrganisation(t.deps, cli, org.slug, { email: 'newcomer@example.org', role: 'member' })).link;
    const withdrawn = await inviteToOrganisation(t.deps, cli, org.slug, { email: 'withdrawn@example.org', role: 'org_admin' });
    await revokeInvitation(t.deps, cli, org.slug, withdrawn.invitation.id);
    await inviteToOrganisation(t.deps, cli, otherOrg.slug, { email: 'elsewhere@example.org', role: 'member' });
  });
  afterAll(async () => t.close());

  it('answers an unknown organisation with one line and exit status 1', async () => {
    const res = await runHearth(['export-org', 'no-such-org'], { env: t.env });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('hearth export-org: there is no organisation with the short name "no-such-org"\n');
  });

  it('writes everything about the organisation as JSON on standard output, and no secret', async () => {
    const res = await runHearth(['export-org', org.slug], { env: t.env });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const data = JSON.parse(res.stdout) as OrgExport;
    expect(data.format).toBe('hearth-org-export');
    expect(data.version).toBe(1);
    expect(Date.parse(data.exportedAt)).not.toBeNaN();
    expect(data.organisation).toMatchObject({ id: org.id, slug: org.slug, name: 'Rosa Net', status: 'active' });

    expect(data.members.map((m) => [m.displayName, m.role]).sort()).toEqual([
      ['Ada Admin', 'org_admin'],
      ['Mo Member', 'member'],
    ]);
    expect(Object.keys(data.members[0]!).sort()).toEqual(['displayName', 'personId', 'pronouns', 'role', 'since']);

    expect(data.invitations.map((i) => i.email).sort()).toEqual(['newcomer@example.org', 'withdrawn@example.org']);
    expect(data.invitations.find((i) => i.email === 'withdrawn@example.org')!.revokedAt).not.toBeNull();

    const actions = data.audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['federation.org.created', 'federation.invitation.created', 'federation.invitation.revoked']));
    expect(data.audit.every((a, i) => i === 0 || a.seq > data.audit[i - 1]!.seq)).toBe(true);
    // Every module registers a part; this test's own stands for them.
    expect(data.modules.example).toEqual({ slug: org.slug, memberships: 2 });

    // Nothing of the other organisation, nor of people outside this one.
    expect(res.stdout).not.toContain(otherOrg.id);
    expect(res.stdout).not.toContain('elsewhere@example.org');
    expect(res.stdout).not.toContain(outsider.id);
    // No credentials, second factors, sessions or tokens; no member e-mail addresses.
    for (const forbidden of ['password', 'totp', 'token', 'session', 'hash_', 'id_hash', 'secret', 'recovery']) {
      expect(res.stdout.toLowerCase()).not.toContain(forbidden);
    }
    const row = await t.deps.db.selectFrom('people').selectAll().where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(res.stdout).not.toContain(row.password_hash);
    expect(res.stdout).not.toContain(row.totp_secret!);
    expect(res.stdout).not.toContain(member.email);
    expect(res.stdout).not.toContain(inviteLink.split('/').pop()!);
    const tokenHashes = await t.deps.db.selectFrom('invitations').select('token_hash').where('org_id', '=', org.id).execute();
    for (const { token_hash } of tokenHashes) expect(res.stdout).not.toContain(token_hash);
  });

  it('records the export in the audit log, so the next export shows it', async () => {
    await runHearth(['export-org', org.slug], { env: t.env });
    const res = await runHearth(['export-org', org.slug], { env: t.env });
    const data = JSON.parse(res.stdout) as OrgExport;
    const exported = data.audit.filter((a) => a.action === 'federation.org.exported');
    expect(exported.length).toBeGreaterThanOrEqual(2);
    expect(exported.at(-1)!.data).toMatchObject({ system: 'cli', members: 2, invitations: 2 });
  });

  it('writes to --out readable by its owner only, and never over an existing file', async () => {
    const out = join(t.dir, `${org.slug}.json`);
    const res = await runHearth(['export-org', org.slug, '--out', out], { env: t.env });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^exported "Rosa Net" to ${out}: 2 members, 2 invitations, \\d+ audit entries\\n$`));
    const data = JSON.parse(await readFile(out, 'utf8')) as OrgExport;
    expect(data.organisation.slug).toBe(org.slug);
    expect((await stat(out)).mode & 0o777).toBe(0o600);

    const auditBefore = await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'federation.org.exported').execute();
    const again = await runHearth(['export-org', org.slug, '--out', out], { env: t.env });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`hearth export-org: ${out} already exists; choose another --out\n`);
    // A refused export did no work and left no record.
    const auditAfter = await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'federation.org.exported').execute();
    expect(auditAfter).toHaveLength(auditBefore.length);
  });

  it('leaves no file behind when the organisation is unknown', async () => {
    const out = join(t.dir, 'unknown.json');
    const res = await runHearth(['export-org', 'no-such-org', '--out', out], { env: t.env });
    expect(res.code).toBe(1);
    await expect(stat(out)).rejects.toThrow();
  });
});
