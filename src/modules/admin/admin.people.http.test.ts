import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, unique, type TestPerson } from '../../../test/factories/index.js';
import { insertPerson, findPersonRow, countSessionsOf } from '../../../src/kernel/auth/auth.repository.js';
import { newId } from '../../../src/kernel/ids.js';
import { toTimestamp } from '../../../src/kernel/time.js';

/** The rows of the first table body on a page. */
const bodyRows = (html: string) => (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr>/g)?.length ?? 0;

describe.each(engines)('admin: people pages (%s)', (engine) => {
  let t: TestApp;
  let admin: TestPerson;
  let adminB: InjectBrowser;
  let plainB: InjectBrowser;
  let orgAdminB: InjectBrowser;
  let coordinatorB: InjectBrowser;
  let member: TestPerson;
  let orgSlug: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await makePerson(t.deps, { fedRole: 'admin', name: 'Ada Admin' });
    adminB = new InjectBrowser(t.app);
    await signIn(adminB, admin);
    plainB = new InjectBrowser(t.app);
    await signIn(plainB, await makePerson(t.deps));
    const org = await makeOrg(t.deps, { name: 'Colectiva Norte' });
    orgSlug = org.slug;
    const orgAdmin = await makePerson(t.deps);
    await addMember(t.deps, org, orgAdmin, 'org_admin');
    orgAdminB = new InjectBrowser(t.app);
    await signIn(orgAdminB, orgAdmin);
    coordinatorB = new InjectBrowser(t.app);
    await signIn(coordinatorB, await makePerson(t.deps, { fedRole: 'coordinator' }));
    member = await makePerson(t.deps, { name: 'Marta <b>Miembro</b>' });
    await addMember(t.deps, org, member, 'member');
  });
  afterAll(async () => t.close());

  const auditOf = (action: string, targetId: string) =>
    t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();

  async function expectRefused(path: string) {
    const anon = await new InjectBrowser(t.app).get(path);
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    for (const b of [plainB, orgAdminB, coordinatorB]) expect((await b.get(path)).statusCode).toBe(403);
  }

  describe('the /admin overview', () => {
    it('is for federation admins only', async () => {
      await expectRefused('/admin');
    });

    it('links to people, the audit log and jobs', async () => {
      const res = await adminB.get('/admin');
      expect(res.statusCode).toBe(200);
      for (const href of ['/admin/people', '/admin/audit', '/admin/jobs']) expect(res.body).toContain(`href="${href}"`);
    });
  });

  describe('GET /admin/people', () => {
    it('is for federation admins only', async () => {
      await expectRefused('/admin/people');
    });

    it('lists people with role, status and two-step verification in a captioned table', async () => {
      const res = await adminB.get('/admin/people');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<caption>People with an account</caption>');
      expect(res.body).toContain('<th scope="col">Federation role</th>');
      const adminRow = new RegExp(`${admin.email}</td><td>Federation admin</td><td>Active</td><td>On</td>`);
      expect(res.body).toMatch(adminRow);
      expect(res.body).toContain(`${member.email}</td><td>None</td><td>Active</td><td>Off</td>`);
      // Names are escaped.
      expect(res.body).toContain('Marta &lt;b>Miembro&lt;/b>');
      expect(res.body).not.toContain('<b>Miembro</b>');
    });

    it('searches by name or address and pages with the search kept', async () => {
      const tag = unique('crowd').toLowerCase();
      const now = toTimestamp(new Date());
      for (let i = 0; i < 51; i++) {
        await insertPerson(t.deps.db, {
          id: newId(),
          email: `${tag}-${String(i).padStart(2, '0')}@example.org`,
          display_name: `Crowd ${i}`,
          pronouns: null,
          locale: null,
          time_zone: null,
          password_hash: 'not-a-usable-hash',
          fed_role: null,
          status: 'active',
          totp_secret: null,
          totp_last_step: null,
          totp_enabled_at: null,
          created_at: now,
          updated_at: now,
        });
      }
      const first = await adminB.get(`/admin/people?q=${tag}`);
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain(`People matching “${tag}”`);
      expect(bodyRows(first.body)).toBe(50);
      expect(first.body).not.toContain(member.email);
      const next = /<a href="([^"]+)" rel="next">/.exec(first.body)![1]!.replace(/&amp;/g, '&');
      expect(next).toBe(`/admin/people?q=${tag}&after=${encodeURIComponent(`${tag}-49@example.org`)}`);
      const second = await adminB.get(next);
      expect(bodyRows(second.body)).toBe(1);
      expect(second.body).toContain(`${tag}-50@example.org`);
      expect(second.body).toContain(`href="/admin/people?q=${tag}"`); // back to the first page

      const byName = await adminB.get(`/admin/people?q=${encodeURIComponent('marta <b>')}`);
      expect(byName.body).toContain(member.email);
    });

    it('shows an empty state when no one matches', async () => {
      const res = await adminB.get('/admin/people?q=zz-no-such-person-zz');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('No one matches this search.');
    });

    it('shows the form again for a search that is too long', async () => {
      const res = await adminB.get(`/admin/people?q=${'x'.repeat(101)}`);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Use at most 100 characters.');
    });
  });

  describe('GET /admin/people/:id', () => {
    it('is for federation admins only', async () => {
      await expectRefused(`/admin/people/${member.id}`);
    });

    it('shows the person, their organisations and roles, and the forms', async () => {
      const res = await adminB.get(`/admin/people/${member.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(member.email);
      expect(res.body).toContain('<caption>Organisations of Marta &lt;b>Miembro&lt;/b></caption>');
      expect(res.body).toMatch(new RegExp(`<a href="/orgs/${orgSlug}"[^>]*>Colectiva Norte</a></th><td>Member</td>`));
      expect(res.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+Z">/);
      expect(res.body).toContain(`action="/admin/people/${member.id}/role"`);
      expect(res.body).toContain(`href="/admin/people/${member.id}/suspend"`);
      expect(res.body).toContain(`href="/admin/audit?email=${encodeURIComponent(member.email)}"`);
    });

    it('answers 404 for an unknown id', async () => {
      const res = await adminB.get('/admin/people/no-such-id');
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('There is no such person.');
    });
  });

  describe('POST /admin/people/:id/role', () => {
    it('refuses a form without a CSRF token, and non-admins', async () => {
      const p = await makePerson(t.deps);
      await adminB.get(`/admin/people/${p.id}`);
      expect((await adminB.post(`/admin/people/${p.id}/role`, { role: 'coordinator' }, { csrf: false })).statusCode).toBe(403);
      for (const b of [plainB, orgAdminB, coordinatorB]) {
        await b.get('/account');
        expect((await b.post(`/admin/people/${p.id}/role`, { role: 'admin' })).statusCode).toBe(403);
      }
      expect((await findPersonRow(t.deps.db, p.id))!.fed_role).toBeNull();
      expect(await auditOf('auth.role.changed', p.id)).toHaveLength(0);
    });

    it('shows the page again for a role that is not offered', async () => {
      const p = await makePerson(t.deps);
      await adminB.get(`/admin/people/${p.id}`);
      const res = await adminB.post(`/admin/people/${p.id}/role`, { role: 'emperor' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Choose one of the options offered.');
      expect((await findPersonRow(t.deps.db, p.id))!.fed_role).toBeNull();
    });

    it('changes the federation role and records it', async () => {
      const p = await makePerson(t.deps);
      await adminB.get(`/admin/people/${p.id}`);
      const res = await adminB.post(`/admin/people/${p.id}/role`, { role: 'coordinator' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/people/${p.id}`);
      expect((await adminB.get(res.headers.location!)).body).toContain('The federation role is changed.');
      expect((await findPersonRow(t.deps.db, p.id))!.fed_role).toBe('coordinator');
      const entries = await auditOf('auth.role.changed', p.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.actor_id).toBe(admin.id);
      expect(JSON.parse(entries[0]!.data)).toEqual({ from: null, to: 'coordinator' });
    });
  });

  describe('suspending and reinstating', () => {
    it('shows a confirmation page to federation admins only', async () => {
      const p = await makePerson(t.deps, { name: 'Sol Suspendable' });
      await expectRefused(`/admin/people/${p.id}/suspend`);
      const res = await adminB.get(`/admin/people/${p.id}/suspend`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`Suspend Sol Suspendable (${p.email})?`);
      expect(res.body).toContain(`action="/admin/people/${p.id}/suspend"`);
    });

    it('refuses a suspension without a CSRF token, or by a non-admin', async () => {
      const p = await makePerson(t.deps);
      await adminB.get(`/admin/people/${p.id}/suspend`);
      expect((await adminB.post(`/admin/people/${p.id}/suspend`, { confirm: 'yes' }, { csrf: false })).statusCode).toBe(403);
      for (const b of [plainB, orgAdminB]) {
        await b.get('/account');
        expect((await b.post(`/admin/people/${p.id}/suspend`, { confirm: 'yes' })).statusCode).toBe(403);
        expect((await b.post(`/admin/people/${p.id}/reinstate`, {})).statusCode).toBe(403);
      }
      expect((await findPersonRow(t.deps.db, p.id))!.status).toBe('active');
    });

    it('suspends: the person is signed out at once and cannot sign in; reinstating lets them back', async () => {
      const p = await makePerson(t.deps, { name: 'Vera Victim' });
      const victim = new InjectBrowser(t.app);
      await signIn(victim, p);
      expect((await victim.get('/account')).statusCode).toBe(200);

      await adminB.get(`/admin/people/${p.id}/suspend`);
      const res = await adminB.post(`/admin/people/${p.id}/suspend`, { confirm: 'yes' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/people/${p.id}`);
      const page = await adminB.get(res.headers.location!);
      expect(page.body).toContain('Vera Victim is suspended and signed out everywhere.');
      expect(page.body).toContain(`action="/admin/people/${p.id}/reinstate"`);

      expect((await findPersonRow(t.deps.db, p.id))!.status).toBe('suspended');
      expect(await countSessionsOf(t.deps.db, p.id)).toBe(0);
      const next = await victim.get('/account');
      expect(next.statusCode).toBe(303);
      expect(next.headers.location).toBe('/login?next=%2Faccount');
      const entries = await auditOf('auth.person.suspended', p.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.actor_id).toBe(admin.id);
      expect(JSON.parse(entries[0]!.data)).toEqual({ sessionsEnded: 1 });
      await expect(signIn(new InjectBrowser(t.app), p)).rejects.toThrow('403');

      const back = await adminB.post(`/admin/people/${p.id}/reinstate`, {});
      expect(back.statusCode).toBe(303);
      expect((await adminB.get(back.headers.location!)).body).toContain('Vera Victim can sign in again.');
      expect((await findPersonRow(t.deps.db, p.id))!.status).toBe('active');
      expect(await auditOf('auth.person.reinstated', p.id)).toHaveLength(1);
      await signIn(new InjectBrowser(t.app), p);
    });

    it('shows a refusal to suspend oneself as a message, not a crash', async () => {
      const own = await adminB.get(`/admin/people/${admin.id}`);
      expect(own.body).toContain('This is your own account');
      expect(own.body).not.toContain(`href="/admin/people/${admin.id}/suspend"`);
      await adminB.get(`/admin/people/${admin.id}/suspend`);
      const res = await adminB.post(`/admin/people/${admin.id}/suspend`, { confirm: 'yes' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/people/${admin.id}`);
      const page = await adminB.get(res.headers.location!);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<p class="flash flash-error" role="alert">You cannot suspend yourself.<\/p>/);
      expect((await findPersonRow(t.deps.db, admin.id))!.status).toBe('active');
      expect(await auditOf('auth.person.suspended', admin.id)).toHaveLength(0);
    });

    it('requires the confirmation field', async () => {
      const p = await makePerson(t.deps);
      await adminB.get(`/admin/people/${p.id}/suspend`);
      expect((await adminB.post(`/admin/people/${p.id}/suspend`, {})).statusCode).toBe(422);
      expect((await findPersonRow(t.deps.db, p.id))!.status).toBe('active');
    });
  });
});

describe.each(engines)('admin: the last federation admin (%s)', (engine) => {
  // A database of its own: the case needs exactly one active admin.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  it('cannot give up the role: the refusal is shown as a message', async () => {
    const admin = await makePerson(t.deps, { fedRole: 'admin' });
    const b = new InjectBrowser(t.app);
    await signIn(b, admin);
    await b.get(`/admin/people/${admin.id}`);
    const res = await b.post(`/admin/people/${admin.id}/role`, { role: 'none' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/people/${admin.id}`);
    const page = await b.get(res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The federation needs at least one active admin.');
    expect((await findPersonRow(t.deps.db, admin.id))!.fed_role).toBe('admin');

    // With a second admin the first may step down, and lands outside the admin pages.
    const other = await makePerson(t.deps, { fedRole: 'admin' });
    const ok = await b.post(`/admin/people/${admin.id}/role`, { role: 'none' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/');
    expect((await findPersonRow(t.deps.db, admin.id))!.fed_role).toBeNull();
    expect((await b.get('/admin')).statusCode).toBe(403);
    expect(other.fedRole).toBe('admin');
  });
});
