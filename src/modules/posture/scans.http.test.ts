// Posture scanning's pages and API without the network: for each route the
// refusals (401, 403, 422) before what it does, the limits (429), and the
// export. Proofs and scans against real servers are in scans.bed.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, PASSWORD, signIn, type TestPerson } from '../../../test/factories/index.js';
import { systemActor, type Actor } from '../../kernel/auth/actor.js';
import { listMemberships } from '../../kernel/auth/auth.repository.js';
import { createApiToken } from '../../kernel/auth/tokens.service.js';
import { newId } from '../../kernel/ids.js';
import { ManualClock, nowTs } from '../../kernel/time.js';
import { exportOrganisation, type Organisation } from '../federation/index.js';
import { declareAsset } from './assets.service.js';
import * as repo from './scans.repository.js';

describe.each(engines)('posture scanning pages and API (%s)', (engine) => {
  let t: TestApp;
  let org: Organisation;
  let orgB: Organisation;
  let admin: TestPerson;
  let member: TestPerson;
  let adminB: TestPerson;
  const clock = new ManualClock(new Date('2026-04-01T09:00:00.000Z'));

  beforeAll(async () => {
    // A production-like hub: loopback and private targets are not allowed.
    t = await createTestApp(engine, { clock });
    org = await makeOrg(t.deps, { name: 'Radio Libre' });
    orgB = await makeOrg(t.deps, { name: 'Mesh Sur' });
    admin = await makePerson(t.deps, { name: 'Ada Admin' });
    member = await makePerson(t.deps, { name: 'Mia Member' });
    adminB = await makePerson(t.deps, { name: 'Bea Admin' });
    await addMember(t.deps, org, admin, 'org_admin');
    await addMember(t.deps, org, member, 'member');
    await addMember(t.deps, orgB, adminB, 'org_admin');
  });
  afterAll(async () => t.close());

  const browser = async (p?: TestPerson) => {
    const b = new InjectBrowser(t.app);
    if (p) await signIn(b, p);
    return b;
  };
  const actorOf = async (p: TestPerson): Promise<Actor> => ({ kind: 'person', person: p, memberships: await listMemberships(t.deps.db, p.id) });
  const base = () => `/orgs/${org.slug}/posture`;
  const tokenFor = async (p: TestPerson, scope: 'read' | 'write' = 'write') => (await createApiToken(t.deps, await actorOf(p), { name: 'posture', scope, expiresInDays: 1, current: PASSWORD })).secret;
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, token?: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  it('sends people who are signed out to sign in, and refuses people of other organisations', async () => {
    const anon = await browser();
    const res = await anon.get(`${base()}/assets`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`${base()}/assets`)}`);
    expect((await api('GET', `/api/v1/orgs/${org.slug}/posture/assets`)).statusCode).toBe(401);
    const b = await browser(adminB);
    expect((await b.get(`${base()}/assets`)).statusCode).toBe(403);
    await b.get(`/orgs/${orgB.slug}/posture/assets`);
    expect((await b.post(`${base()}/assets`, { domain: 'theirs.example.org', dkimSelectors: '' })).statusCode).toBe(403);
    expect((await api('GET', `/api/v1/orgs/${org.slug}/posture/assets`, await tokenFor(adminB))).statusCode).toBe(403);
    // A federation admin of no organisation does not see a member's scans either.
    const fedAdmin = await makePerson(t.deps, { fedRole: 'admin' });
    expect((await api('GET', `/api/v1/orgs/${org.slug}/posture/results`, await tokenFor(fedAdmin))).statusCode).toBe(403);
  });

  it('lets members read but not change, and refuses a form without its CSRF token', async () => {
    const m = await browser(member);
    const page = await m.get(`${base()}/assets`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="domain"');
    expect(page.body).not.toContain('name="intervalDays"');
    expect(page.body).toContain('Scheduled scans run every 7 days.');
    expect((await m.post(`${base()}/assets`, { domain: 'member.example.org', dkimSelectors: '' })).statusCode).toBe(403);
    const a = await browser(admin);
    await a.get(`${base()}/assets`);
    expect((await a.post(`${base()}/assets`, { domain: 'nocsrf.example.org', dkimSelectors: '' }, { csrf: false })).statusCode).toBe(403);
  });

  it('checks what is declared, keeps what was typed, and refuses names that cannot be public', async () => {
    const a = await browser(admin);
    await a.get(`${base()}/assets`);
    for (const [domain, message] of [
      ['', 'This field is required.'],
      ['192.0.2.10', 'Enter a domain name like example.org'],
      ['bad_label.example.org', 'Enter a domain name like example.org'],
      ['router.local', 'This name cannot exist on the public internet'],
      ['full.test', 'This name cannot exist on the public internet'],
    ] as const) {
      const res = await a.post(`${base()}/assets`, { domain, dkimSelectors: 'sel1' });
      expect(res.statusCode, domain).toBe(422);
      expect(res.body, domain).toContain(message);
      expect(res.body).toContain('value="sel1"');
    }
    const sel = await a.post(`${base()}/assets`, { domain: 'ok.example.org', dkimSelectors: 'not/a/selector' });
    expect(sel.statusCode).toBe(422);
    expect(sel.body).toContain('at most 10 DKIM selectors');
    const ok = await a.post(`${base()}/assets`, { domain: 'https://Exämple.ORG/path', dkimSelectors: 'sel1, sel2' });
    expect(ok.statusCode).toBe(303);
    const asset = (await repo.listDomainAssets(t.deps.db, org.id)).find((x) => x.name === 'xn--exmple-cua.org')!;
    expect(asset).toMatchObject({ dkimSelectors: ['sel1', 'sel2'], verifiedAt: null });
    expect(asset.challengeToken).toMatch(/^hearth-[a-z2-7]{26}$/);
    expect(ok.headers.location).toBe(`${base()}/assets/${asset.id}`);
  });

  it('limits proof lookups per organisation, answering 429 before looking', async () => {
    const a = await browser(admin);
    await a.get(`${base()}/assets`);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await a.post(`${base()}/assets/no-such-asset/verify`, { method: 'dns' })).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses[10]).toBe(429);
    // Another organisation's budget is its own.
    const b = await browser(adminB);
    await b.get(`/orgs/${orgB.slug}/posture/assets`);
    expect((await b.post(`/orgs/${orgB.slug}/posture/assets/no-such-asset/verify`, { method: 'dns' })).statusCode).toBe(404);
    // An invalid method is refused (a fresh organisation, under its own limit).
    const o = await makeOrg(t.deps);
    const adminO = await makePerson(t.deps);
    await addMember(t.deps, o, adminO, 'org_admin');
    const asset = await declareAsset(t.deps, systemActor('test'), o.slug, { domain: 'method.example.org', dkimSelectors: [] });
    const c = await browser(adminO);
    await c.get(`/orgs/${o.slug}/posture/assets/${asset.id}`);
    expect((await c.post(`/orgs/${o.slug}/posture/assets/${asset.id}/verify`, { method: 'carrier-pigeon' })).statusCode).toBe(422);
  });

  it('sets the scan interval, refusing intervals it does not offer', async () => {
    const a = await browser(admin);
    await a.get(`${base()}/assets`);
    const bad = await a.post(`${base()}/interval`, { intervalDays: '3' });
    expect(bad.statusCode).toBe(422);
    const ok = await a.post(`${base()}/interval`, { intervalDays: '14' });
    expect(ok.statusCode).toBe(303);
    expect((await a.get(`${base()}/assets`)).body).toContain('<option value="14" selected>');
    const token = await tokenFor(admin);
    expect((await api('PUT', `/api/v1/orgs/${org.slug}/posture/settings`, token, { intervalDays: 0 })).statusCode).toBe(422);
    expect((await api('PUT', `/api/v1/orgs/${org.slug}/posture/settings`, token, { intervalDays: 30 })).json()).toEqual({ intervalDays: 30 });
    const read = await tokenFor(admin, 'read');
    expect((await api('PUT', `/api/v1/orgs/${org.slug}/posture/settings`, read, { intervalDays: 7 })).statusCode).toBe(403);
    const audited = await t.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'posture.scan_interval.changed').where('org_id', '=', org.id).execute();
    expect(audited.map((r) => (JSON.parse(r.data) as { intervalDays: number }).intervalDays)).toEqual([14, 30]);
  });

  it('declares, reads, changes and removes domains through the API, and never shows another organisation’s', async () => {
    const token = await tokenFor(admin);
    expect((await api('POST', `/api/v1/orgs/${org.slug}/posture/assets`, token, { domain: 'x' })).statusCode).toBe(422);
    expect((await api('POST', `/api/v1/orgs/${org.slug}/posture/assets`, token, { nodomain: true })).statusCode).toBe(422);
    const made = await api('POST', `/api/v1/orgs/${org.slug}/posture/assets`, token, { domain: 'api.example.org', dkimSelectors: ['s1'] });
    expect(made.statusCode).toBe(201);
    const asset = made.json() as { id: string; state: string; challenge: { token: string; dnsName: string; fileUrl: string } };
    expect(asset).toMatchObject({ state: 'unverified', challenge: { dnsName: '_hearth-challenge.api.example.org', fileUrl: 'https://api.example.org/.well-known/hearth-challenge.txt' } });
    expect((await api('POST', `/api/v1/orgs/${org.slug}/posture/assets`, token, { domain: 'API.example.org.' })).statusCode).toBe(409);

    const list = (await api('GET', `/api/v1/orgs/${org.slug}/posture/assets`, await tokenFor(member, 'read'))).json() as { items: Array<{ domain: string }> };
    expect(list.items.map((i) => i.domain)).toContain('api.example.org');
    const patched = await api('PATCH', `/api/v1/orgs/${org.slug}/posture/assets/${asset.id}`, token, { dkimSelectors: ['s2', 's3'] });
    expect(patched.json()).toMatchObject({ dkimSelectors: ['s2', 's3'] });
    expect((await api('PATCH', `/api/v1/orgs/${org.slug}/posture/assets/${asset.id}`, token, { dkimSelectors: ['bad selector'] })).statusCode).toBe(422);

    // Scans of an unproved domain are refused; so is another organisation's domain, as "not found".
    const scan = await api('POST', `/api/v1/orgs/${org.slug}/posture/assets/${asset.id}/scans`, token);
    expect(scan.statusCode).toBe(409);
    expect(scan.json()).toMatchObject({ error: { code: 'POSTURE_NOT_VERIFIED' } });
    const tokenB = await tokenFor(adminB);
    expect((await api('GET', `/api/v1/orgs/${orgB.slug}/posture/assets/${asset.id}`, tokenB)).statusCode).toBe(404);
    expect((await api('DELETE', `/api/v1/orgs/${orgB.slug}/posture/assets/${asset.id}`, tokenB)).statusCode).toBe(404);
    expect((await api('DELETE', `/api/v1/orgs/${org.slug}/posture/assets/${asset.id}`, tokenB)).statusCode).toBe(403);

    expect((await api('DELETE', `/api/v1/orgs/${org.slug}/posture/assets/${asset.id}`, token)).json()).toEqual({ removed: asset.id });
    expect((await api('GET', `/api/v1/orgs/${org.slug}/posture/assets/${asset.id}`, token)).statusCode).toBe(404);
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', asset.id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['posture.asset.declared', 'posture.asset.updated', 'posture.asset.removed']);
  });

  it('changes a domain’s DKIM selectors, saying which field is wrong', async () => {
    const asset = await declareAsset(t.deps, systemActor('test'), org.slug, { domain: 'dkim.example.org', dkimSelectors: ['old'] });
    const a = await browser(admin);
    const url = `${base()}/assets/${asset.id}`;
    await a.get(url);
    const bad = await a.post(`${url}/settings`, { dkimSelectors: 'a b c d e f g h i j k' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<p class="error" id="f-dkimSelectors-error">Enter at most 10 DKIM selectors/);
    expect(bad.body).toContain('value="a b c d e f g h i j k"');
    expect((await a.post(`${url}/settings`, { dkimSelectors: 'mail2026, old' })).statusCode).toBe(303);
    expect((await repo.findAsset(t.deps.db, asset.id))!.dkimSelectors).toEqual(['mail2026', 'old']);
    // A refused scan is said at the top of the page.
    const refused = await a.post(`${url}/scan`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toMatch(/<h1>dkim\.example\.org<\/h1><p class="form-error" role="alert">This domain is not scanned/);
  });

  it('removes a domain only after confirmation, with its scans', async () => {
    const asset = await declareAsset(t.deps, systemActor('test'), org.slug, { domain: 'gone.example.org', dkimSelectors: [] });
    const a = await browser(admin);
    const confirm = await a.get(`${base()}/assets/${asset.id}/remove`);
    expect(confirm.body).toContain('Remove gone.example.org with all its scans and results?');
    expect((await a.post(`${base()}/assets/${asset.id}/remove`, {})).statusCode).toBe(422);
    expect(await repo.findAsset(t.deps.db, asset.id)).toBeDefined();
    const done = await a.post(`${base()}/assets/${asset.id}/remove`, { confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(await repo.findAsset(t.deps.db, asset.id)).toBeUndefined();
  });

  it('shows a scan with its results, evidence and changes to members, and lets org-admins dismiss notices', async () => {
    const asset = await declareAsset(t.deps, systemActor('test'), org.slug, { domain: 'shown.example.org', dkimSelectors: [] });
    const now = nowTs(clock);
    const scanId = newId();
    await repo.insertScan(t.deps.db, {
      id: scanId, org_id: org.id, asset_id: asset.id, trigger: 'demand', status: 'done', requested_by: admin.id, created_at: now, started_at: now, finished_at: now,
      duration_ms: 2500, pass_count: 1, warn_count: 0, fail_count: 1, info_count: 0, error_count: 0, score_permille: 500, connections: 4, error: null,
    });
    await repo.insertResults(t.deps.db, [
      { id: newId(), scan_id: scanId, check_id: 'HTTP-03', category: 'http', status: 'fail', target: 'shown.example.org:443 (192.0.2.7)', summary: 'No <b>HSTS</b> header.', evidence: JSON.stringify({ sent: 'GET / HTTP/1.1', received: 'HTTP/1.1 200 OK' }) },
      { id: newId(), scan_id: scanId, check_id: 'TLS-01', category: 'tls', status: 'pass', target: 'shown.example.org:443 (192.0.2.7)', summary: 'TLS 1.2 and 1.3 only.', evidence: JSON.stringify({ facts: { offered: ['TLSv1.3'] } }) },
    ]);
    const noticeId = newId();
    await repo.insertNotice(t.deps.db, { id: noticeId, org_id: org.id, asset_id: asset.id, scan_id: scanId, kind: 'newly_failing', data: JSON.stringify({ domain: asset.name, checks: ['HTTP-03'] }), created_at: now, dismissed_at: null, dismissed_by: null });

    const m = await browser(member);
    const page = await m.get(`${base()}/scans/${scanId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No &lt;b>HSTS&lt;/b> header.'); // escaped, never markup
    expect(page.body).toContain('<span class="status-tag status-fail">Fail</span>');
    expect(page.body).toContain('<details><summary>Evidence</summary>');
    expect(page.body).toContain('GET / HTTP/1.1');
    expect(page.body).toContain('This is the first scan of this domain');
    expect(page.body).toContain('Newly failing (1)');
    const overview = await m.get(`${base()}/assets`);
    expect(overview.body).toContain('shown.example.org: one check newly fails (HTTP-03).');
    expect(overview.body).not.toContain(`/notices/${noticeId}/dismiss`);

    const json = (await api('GET', `/api/v1/orgs/${org.slug}/posture/scans/${scanId}`, await tokenFor(member, 'read'))).json() as { results: unknown[]; changes: unknown };
    expect(json.results).toHaveLength(2);
    expect(json.changes).toEqual({ newlyFailing: ['HTTP-03'], newlyWarning: [], fixed: [] });
    const latest = (await api('GET', `/api/v1/orgs/${org.slug}/posture/results`, await tokenFor(member, 'read'))).json() as { items: Array<{ checkId: string; status: string }> };
    expect(latest.items.map((i) => [i.checkId, i.status])).toEqual([
      ['TLS-01', 'pass'],
      ['HTTP-03', 'fail'],
    ]);

    const a = await browser(admin);
    await a.get(`${base()}/assets`);
    expect((await m.post(`${base()}/notices/${noticeId}/dismiss`, {}, { csrf: a.csrf() })).statusCode).toBe(403);
    expect((await a.post(`${base()}/notices/${noticeId}/dismiss`, {})).statusCode).toBe(303);
    expect((await a.get(`${base()}/assets`)).body).not.toContain('one check newly fails');
    const notices = (await api('GET', `/api/v1/orgs/${org.slug}/posture/notices`, await tokenFor(admin, 'read'))).json() as { items: unknown[] };
    expect(notices.items).toEqual([]);
  });

  it('puts the organisation’s domains, scans, results and notices in its export', async () => {
    const data = await exportOrganisation(t.deps, systemActor('test'), org.slug);
    const part = data.modules.postureScans as { intervalDays: number; assets: Array<{ domain: string; challengeToken: string }>; scans: Array<{ results: unknown[] }>; notices: unknown[] };
    expect(part.intervalDays).toBe(30);
    expect(part.assets.map((a) => a.domain)).toContain('shown.example.org');
    expect(part.scans.some((s) => s.results.length === 2)).toBe(true);
    expect(part.notices.length).toBeGreaterThan(0);
    const other = await exportOrganisation(t.deps, systemActor('test'), orgB.slug);
    expect((other.modules.postureScans as { assets: unknown[] }).assets).toEqual([]);
  });
});
