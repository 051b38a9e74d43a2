import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, PASSWORD, signIn, unique } from '../../../test/factories/index.js';
import { listMemberships } from '../../kernel/auth/auth.repository.js';

describe.each(engines)('organisations and invitations over HTTP (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  const auditActions = async (targetId: string) =>
    (await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', targetId).execute()).map((r) => r.action);

  it('lets a coordinator create an organisation, and keeps the typed values when the slug is taken', async () => {
    const coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    const b = new InjectBrowser(t.app);
    await signIn(b, coordinator);
    await b.get('/orgs/new');
    const bad = await b.post('/orgs/new', { name: 'Sin Fronteras', slug: 'Not valid!' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('lower-case letters');
    expect(bad.body).toContain('value="Sin Fronteras"');
    const slug = unique('sf');
    const ok = await b.post('/orgs/new', { name: 'Sin Fronteras', slug });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/orgs/${slug}`);
    const page = await b.get(`/orgs/${slug}`);
    expect(page.body).toContain('<h1 dir="auto">Sin Fronteras</h1>');
    expect(page.body).toContain('The organisation is created.');
    await b.get('/orgs/new');
    const dup = await b.post('/orgs/new', { name: 'Another', slug });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('already uses this short name');
    expect(dup.body).toContain('value="Another"');
  });

  it('runs the whole invitation path without SMTP: link shown once, account created, member listed', async () => {
    const org = await makeOrg(t.deps, { name: 'Radio Libre' });
    const orgAdmin = await makePerson(t.deps);
    await addMember(t.deps, org, orgAdmin, 'org_admin');
    const admin = new InjectBrowser(t.app);
    await signIn(admin, orgAdmin);
    await admin.get(`/orgs/${org.slug}/invite`);
    const invalid = await admin.post(`/orgs/${org.slug}/invite`, { email: 'not an address', role: 'member' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('value="not an address"');
    const email = `${unique('new')}@example.org`;
    const res = await admin.post(`/orgs/${org.slug}/invite`, { email, role: 'member' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('does not send e-mail');
    const link = /value="(http:\/\/localhost:8080\/invite\/[A-Za-z0-9_-]+)"/.exec(res.body)![1]!;
    const path = new URL(link).pathname;

    const guest = new InjectBrowser(t.app);
    const open = await guest.get(path);
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('Join Radio Libre');
    const weak = await guest.post(`${path}/register`, { displayName: 'Rosa', password: 'password' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('value="Rosa"');
    const joined = await guest.post(`${path}/register`, { displayName: 'Rosa', password: PASSWORD });
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe(`/orgs/${org.slug}`);
    const orgPage = await guest.get(`/orgs/${org.slug}`);
    expect(orgPage.body).toContain('Welcome to Radio Libre.');
    expect(orgPage.body).toContain('Rosa');
    // Single use: the link is spent.
    const again = await new InjectBrowser(t.app).get(path);
    expect(again.statusCode).toBe(410);
    const person = await t.deps.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    expect(await listMemberships(t.deps.db, person.id)).toEqual([{ orgId: org.id, role: 'member' }]);
    expect(await auditActions(person.id)).toEqual(expect.arrayContaining(['auth.person.created', 'federation.invitation.accepted']));
  });

  it('lets an existing person accept while signed in, and refuses a withdrawn invitation', async () => {
    const org = await makeOrg(t.deps);
    const orgAdmin = await makePerson(t.deps);
    await addMember(t.deps, org, orgAdmin, 'org_admin');
    const invitee = await makePerson(t.deps);
    const admin = new InjectBrowser(t.app);
    await signIn(admin, orgAdmin);
    await admin.get(`/orgs/${org.slug}/invite`);
    const res = await admin.post(`/orgs/${org.slug}/invite`, { email: invitee.email, role: 'org_admin' });
    const path = new URL(/value="(http[^"]+\/invite\/[^"]+)"/.exec(res.body)![1]!).pathname;

    const b = new InjectBrowser(t.app);
    const anon = await b.get(path);
    expect(anon.body).toContain('Sign in to accept');
    await signIn(b, invitee);
    await b.get(path);
    const accepted = await b.post(path, {});
    expect(accepted.statusCode).toBe(303);
    expect(await listMemberships(t.deps.db, invitee.id)).toEqual([{ orgId: org.id, role: 'org_admin' }]);

    // A second invitation, withdrawn before use.
    await admin.get(`/orgs/${org.slug}/invite`);
    const second = await admin.post(`/orgs/${org.slug}/invite`, { email: `${unique('w')}@example.org`, role: 'member' });
    const secondPath = new URL(/value="(http[^"]+\/invite\/[^"]+)"/.exec(second.body)![1]!).pathname;
    const orgPage = await admin.get(`/orgs/${org.slug}`);
    const revokeAction = /action="(\/orgs\/[^"]+\/invitations\/[^"]+\/revoke)"/.exec(orgPage.body)![1]!;
    expect((await admin.post(revokeAction, {})).statusCode).toBe(303);
    expect((await new InjectBrowser(t.app).get(secondPath)).statusCode).toBe(410);
  });

  it('keeps the last org-admin, lets an org-admin remove a member after confirmation', async () => {
    const org = await makeOrg(t.deps);
    const orgAdmin = await makePerson(t.deps);
    const member = await makePerson(t.deps, { name: 'Removable' });
    await addMember(t.deps, org, orgAdmin, 'org_admin');
    await addMember(t.deps, org, member, 'member');
    const b = new InjectBrowser(t.app);
    await signIn(b, orgAdmin);
    const demoteSelf = await b.submit(`/orgs/${org.slug}`, `/orgs/${org.slug}/members/${orgAdmin.id}/role`, { role: 'member' });
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.body).toContain('needs at least one admin');
    const confirm = await b.get(`/orgs/${org.slug}/members/${member.id}/remove`);
    expect(confirm.body).toContain('Remove Removable from');
    const removed = await b.post(`/orgs/${org.slug}/members/${member.id}/remove`, { confirm: 'yes' });
    expect(removed.statusCode).toBe(303);
    expect(await listMemberships(t.deps.db, member.id)).toEqual([]);
    expect(await auditActions(member.id)).toContain('federation.member.removed');
  });

  it('never lets an org-admin of one organisation manage another', async () => {
    const [orgA, orgB] = [await makeOrg(t.deps), await makeOrg(t.deps)];
    const adminB = await makePerson(t.deps);
    const memberA = await makePerson(t.deps);
    await addMember(t.deps, orgB, adminB, 'org_admin');
    await addMember(t.deps, orgA, memberA, 'member');
    const b = new InjectBrowser(t.app);
    await signIn(b, adminB);
    await b.get('/');
    expect((await b.post(`/orgs/${orgA.slug}/members/${memberA.id}/role`, { role: 'org_admin' })).statusCode).toBe(403);
    expect((await b.post(`/orgs/${orgA.slug}/members/${memberA.id}/remove`, { confirm: 'yes' })).statusCode).toBe(403);
    expect((await b.post(`/orgs/${orgA.slug}/invite`, { email: 'x@example.org', role: 'org_admin' })).statusCode).toBe(403);
    expect(await listMemberships(t.deps.db, memberA.id)).toEqual([{ orgId: orgA.id, role: 'member' }]);
  });
});
