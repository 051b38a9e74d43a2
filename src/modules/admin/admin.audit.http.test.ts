import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, unique, type TestPerson } from '../../../test/factories/index.js';
import { audit } from '../../../src/kernel/audit/audit.js';
import { type Actor, anonymous, systemActor } from '../../../src/kernel/auth/actor.js';
import { actorFor } from '../../../src/kernel/auth/auth.service.js';
import { updatePerson } from '../../../src/kernel/auth/auth.repository.js';
import { translator } from '../../../src/kernel/i18n/i18n.js';
import type { Organisation } from '../federation/federation.repository.js';

const bodyRows = (html: string) => (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr>/g)?.length ?? 0;
const unescape = (href: string) => href.replace(/&amp;/g, '&');

describe.each(engines)('admin: GET /admin/audit (%s)', (engine) => {
  let t: TestApp;
  let admin: TestPerson;
  let adminB: InjectBrowser;
  let plainB: InjectBrowser;
  let orgAdminB: InjectBrowser;
  let actor: TestPerson;
  let org: Organisation;
  const tag = unique('t').replace('-', '');

  const record = (who: Actor, action: string, details: Parameters<typeof audit>[3] = {}) =>
    t.deps.db.transaction().execute((trx) => audit(trx, who, action, details));

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await makePerson(t.deps, { fedRole: 'admin' });
    // Times are shown in the reader's zone.
    await updatePerson(t.deps.db, admin.id, { time_zone: 'Asia/Tokyo' });
    adminB = new InjectBrowser(t.app);
    await signIn(adminB, admin);
    plainB = new InjectBrowser(t.app);
    await signIn(plainB, await makePerson(t.deps));
    org = await makeOrg(t.deps, { name: 'Tejido Sur' });
    const orgAdmin = await makePerson(t.deps);
    await addMember(t.deps, org, orgAdmin, 'org_admin');
    orgAdminB = new InjectBrowser(t.app);
    await signIn(orgAdminB, orgAdmin);
    actor = await makePerson(t.deps, { name: 'Iris <i>Actor</i>' });
  });
  afterAll(async () => t.close());

  it('is for federation admins only, whatever the filter', async () => {
    for (const path of ['/admin/audit', '/admin/audit?from=not-a-date']) {
      const anon = await new InjectBrowser(t.app).get(path);
      expect(anon.statusCode).toBe(303);
      expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      for (const b of [plainB, orgAdminB]) expect((await b.get(path)).statusCode).toBe(403);
    }
  });

  it('shows entries newest first with who, action, target and data, in a captioned table', async () => {
    const who = await actorFor(t.deps.db, actor);
    await record(who, `${tag}.first`, { targetType: 'person', targetId: admin.id, orgId: org.id, data: { note: '<script>alert(1)</script>' } });
    await record(anonymous, `${tag}.second`);
    await record(systemActor('cli'), `${tag}.third`, { targetType: 'invitation', targetId: 'inv-123' });
    const res = await adminB.get(`/admin/audit?action=${tag}.`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>Audit log entries, newest first</caption>');
    expect(res.body).toContain('<th scope="col">Who</th>');
    expect(bodyRows(res.body)).toBe(3);
    const order = [`${tag}.third`, `${tag}.second`, `${tag}.first`].map((a) => res.body.indexOf(`<code>${a}</code>`));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    // Who: a name (escaped) linking to the person, someone not signed in, the system.
    expect(res.body).toContain(`<a href="/admin/people/${actor.id}" dir="auto">Iris &lt;i>Actor&lt;/i></a>`);
    expect(res.body).toContain('Someone not signed in');
    expect(res.body).toContain('System (cli)');
    // Target: the person acted on, the organisation, or the raw reference.
    expect(res.body).toContain(`<a href="/admin/people/${admin.id}" dir="auto">Test Person</a>`);
    expect(res.body).toContain('in Tejido Sur');
    expect(res.body).toContain('invitation inv-123');
    // Data is shown, escaped.
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(res.body).not.toContain('<script>alert(1)');
  });

  it('shows times in the reader’s time zone inside <time datetime>', async () => {
    await record(systemActor('test'), `${tag}.timed`);
    const at = (await t.deps.db.selectFrom('audit_log').select('at').where('action', '=', `${tag}.timed`).executeTakeFirstOrThrow()).at;
    const res = await adminB.get(`/admin/audit?action=${tag}.timed`);
    const tokyo = translator('en', 'Asia/Tokyo').dateTime(new Date(at));
    expect(res.body).toContain(`<time datetime="${at}">${tokyo}</time>`);
    expect(tokyo).not.toBe(translator('en', 'UTC').dateTime(new Date(at)));
    expect(res.body).toContain('in your time zone (Asia/Tokyo)');
  });

  it('filters by the address of who acted, and by organisation', async () => {
    const who = await actorFor(t.deps.db, actor);
    const other = await makeOrg(t.deps);
    await record(who, `${tag}.mine`, { orgId: other.id });
    await record(systemActor('test'), `${tag}.notmine`, { orgId: other.id });
    const byPerson = await adminB.get(`/admin/audit?action=${tag}.&email=${encodeURIComponent(actor.email)}`);
    expect(byPerson.statusCode).toBe(200);
    expect(byPerson.body).toContain(`<code>${tag}.mine</code>`);
    expect(byPerson.body).not.toContain(`<code>${tag}.notmine</code>`);
    const byOrg = await adminB.get(`/admin/audit?org=${other.slug}`);
    expect(bodyRows(byOrg.body)).toBe(3); // created, mine, notmine
    expect(byOrg.body).toContain(`<code>${tag}.notmine</code>`);
    // The filter stays in the form.
    expect(byOrg.body).toContain(`value="${other.slug}"`);
  });

  it('filters by days, the last one included', async () => {
    await record(systemActor('test'), `${tag}.old`);
    await t.deps.db.updateTable('audit_log').set({ at: '2020-05-01T12:00:00.000Z' }).where('action', '=', `${tag}.old`).execute();
    const hit = await adminB.get(`/admin/audit?action=${tag}.old&from=2020-05-01&to=2020-05-01`);
    expect(bodyRows(hit.body)).toBe(1);
    const miss = await adminB.get(`/admin/audit?action=${tag}.old&from=2020-05-02`);
    expect(miss.body).toContain('No entries match.');
  });

  it('shows the form again with a message for an invalid date or an unknown person (422)', async () => {
    const bad = await adminB.get('/admin/audit?from=2026-02-30&to=yesterday');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a day as yyyy-mm-dd, for example 2026-03-08.');
    expect(bad.body).toContain('2 fields need your attention.');
    expect(bad.body).not.toContain('<table');
    const nobody = await adminB.get('/admin/audit?email=nobody-here%40example.org&org=no-such-org');
    expect(nobody.statusCode).toBe(422);
    expect(nobody.body).toContain('No account has this e-mail address.');
    expect(nobody.body).toContain('No organisation has this short name.');
    expect(nobody.body).toContain('value="nobody-here@example.org"');
  });

  it('shows an empty state when nothing matches', async () => {
    const res = await adminB.get(`/admin/audit?action=${tag}.nothing`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No entries match.');
    expect(res.body).not.toContain('rel="next"');
  });

  it('pages with a link that keeps the filters', async () => {
    await t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 53; i++) await audit(trx, systemActor('test'), `${tag}.bulk`, { data: { i } });
    });
    const first = await adminB.get(`/admin/audit?action=${tag}.bulk&from=2020-01-01`);
    expect(bodyRows(first.body)).toBe(50);
    expect(first.body).toContain('{&quot;i&quot;:52}');
    const next = unescape(/<a href="([^"]+)" rel="next">/.exec(first.body)![1]!);
    expect(next).toMatch(new RegExp(`^/admin/audit\\?action=${tag}\\.bulk&from=2020-01-01&before=\\d+$`));
    const second = await adminB.get(next);
    expect(second.statusCode).toBe(200);
    expect(bodyRows(second.body)).toBe(3);
    expect(second.body).toContain('{&quot;i&quot;:0}');
    expect(second.body).not.toContain('{&quot;i&quot;:3}');
    expect(second.body).not.toContain('rel="next"');
    expect(unescape(second.body)).toContain(`href="/admin/audit?action=${tag}.bulk&from=2020-01-01">First page</a>`);
  });

  it('records the admin’s own actions, which then appear in the log', async () => {
    const target = await makePerson(t.deps);
    await adminB.get(`/admin/people/${target.id}`);
    expect((await adminB.post(`/admin/people/${target.id}/role`, { role: 'coordinator' })).statusCode).toBe(303);
    const res = await adminB.get(`/admin/audit?action=auth.role.changed&email=${encodeURIComponent(admin.email)}`);
    expect(bodyRows(res.body)).toBe(1);
    expect(res.body).toContain(`<a href="/admin/people/${target.id}" dir="auto">`);
    expect(res.body).toContain('{&quot;from&quot;:null,&quot;to&quot;:&quot;coordinator&quot;}');
  });
});
