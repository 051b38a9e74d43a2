// The acceptance flow against the loopback test bed, through the pages
// as an org-admin uses them, on both engines: declare a domain → prove control
// (a DNS record and a file) → the scheduled scan runs through the job queue →
// the results show what fails → the server's configuration is fixed → the next
// scheduled scan shows it fixed and the trend moves. Then bad input, another
// organisation that cannot see any of it, and a proof that is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../../test/bed/bed.js';
import { hasOpenssl } from '../../../test/bed/ca.js';
import { DNS_BED_BINARIES } from '../../../test/bed/dns/dns-bed.js';
import { startPostureBed, type PostureBed } from '../../../test/bed/posture-bed.js';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, type TestPerson } from '../../../test/factories/index.js';
import { startWorker } from '../../kernel/jobs/worker.js';
import { ManualClock } from '../../kernel/time.js';
import type { Organisation } from '../federation/index.js';
import * as repo from './scans.repository.js';
import { latestResultsFor, planDueScans, runScan, scanHistory } from './scans.service.js';
import { verifyAsset } from './assets.service.js';
import { systemActor } from '../../kernel/auth/actor.js';
import { newId } from '../../kernel/ids.js';
import { nowTs } from '../../kernel/time.js';

const available = bedAvailable('posture test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The text of a page's <main>, tags and spacing removed, for "what a person reads" assertions. */
const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describe.skipIf(!available)('posture scanning against the loopback bed', () => {
  describe.each(engines)('%s', (engine) => {
    let t: TestApp;
    let bed: PostureBed;
    let org: Organisation;
    let orgB: Organisation;
    let admin: TestPerson;
    let member: TestPerson;
    let adminB: TestPerson;
    let assetId: string;
    let token: string;
    const clock = new ManualClock(new Date());

    const browserOf = async (p: TestPerson) => {
      const b = new InjectBrowser(t.app);
      await signIn(b, p);
      return b;
    };
    const drain = () => startWorker({ db: t.deps.db, clock, log: t.deps.log, registry: t.deps.jobs, metrics: t.deps.metrics }, false).drain();
    const assetsUrl = () => `/orgs/${org.slug}/posture/assets`;

    beforeAll(async () => {
      t = await createTestApp(engine, { clock, env: { HEARTH_NET_ALLOW_PRIVATE: '1' } });
      org = await makeOrg(t.deps, { name: 'Radio Libre' });
      orgB = await makeOrg(t.deps, { name: 'Mesh Sur' });
      admin = await makePerson(t.deps, { name: 'Ada Admin' });
      member = await makePerson(t.deps, { name: 'Mia Member' });
      adminB = await makePerson(t.deps, { name: 'Bea Admin' });
      await addMember(t.deps, org, admin, 'org_admin');
      await addMember(t.deps, org, member, 'member');
      await addMember(t.deps, orgB, adminB, 'org_admin');
      // The schedules are installed at the first drain; from then on they fire by the clock.
      await drain();
    });
    afterAll(async () => {
      await bed?.stop();
      await t?.close();
    });

    it('declares a domain and shows the token and both ways to prove control', async () => {
      const b = await browserOf(admin);
      await b.get(assetsUrl());
      const bad = await b.post(assetsUrl(), { domain: 'https://not a domain/', dkimSelectors: '' });
      expect(bad.statusCode).toBe(422);
      expect(mainText(bad.body)).toContain('Enter a domain name like example.org');
      const res = await b.post(assetsUrl(), { domain: 'FULL.test.', dkimSelectors: 'bed2026' });
      expect(res.statusCode).toBe(303);
      assetId = String(res.headers.location).split('/').pop()!;
      const page = await b.get(String(res.headers.location));
      const text = mainText(page.body);
      expect(text).toContain('is declared. Now prove that your organisation controls it.');
      expect(text).toContain('Not proved yet');
      expect(text).toContain('_hearth-challenge.full.test');
      token = /hearth-[a-z2-7]{26}/.exec(text)![0];
      // Twice is refused, saying why.
      await b.get(assetsUrl());
      const again = await b.post(assetsUrl(), { domain: 'full.test', dkimSelectors: '' });
      expect(again.statusCode).toBe(409);
      expect(mainText(again.body)).toContain('already declared this domain');
      // Nothing is scanned before the proof.
      await b.get(`${assetsUrl()}/${assetId}`);
      expect(mainText(page.body)).not.toContain('Scan now');
      const early = await b.post(`${assetsUrl()}/${assetId}/scan`, {});
      expect(early.statusCode).toBe(409);
      expect(mainText(early.body)).toContain('its control is not proved');

      // The admin publishes the token: the bed starts with the TXT record and the file, and a
      // second zone whose record carries someone else's token.
      bed = await startPostureBed({
        dnsToken: token,
        httpToken: token,
        zones: { 'wrong.test': { records: [{ name: '_hearth-challenge', type: 'TXT', data: 'hearth-aaaaaaaaaaaaaaaaaaaaaaaaaa' }] } },
      });
      Object.assign(t.deps, bed.deps);
    });

    it('refuses a record with the wrong token and an unreachable file, with clear messages, changing nothing', async () => {
      const b = await browserOf(admin);
      await b.get(assetsUrl());
      const wrong = await b.post(assetsUrl(), { domain: 'wrong.test', dkimSelectors: '' });
      const wrongUrl = String(wrong.headers.location);
      await b.get(wrongUrl);
      const dns = await b.post(`${wrongUrl}/verify`, { method: 'dns' });
      expect(dns.statusCode).toBe(422);
      expect(mainText(dns.body)).toContain('The TXT record at _hearth-challenge.wrong.test does not hold the token Hearth issued for wrong.test');
      const http = await b.post(`${wrongUrl}/verify`, { method: 'http' });
      expect(http.statusCode).toBe(422);
      expect(mainText(http.body)).toContain('Hearth could not reach the proof for wrong.test');
      const stored = await repo.findAsset(t.deps.db, wrongUrl.split('/').pop()!);
      expect(stored).toMatchObject({ verifiedAt: null, verifiedMethod: null });
    });

    it('proves control by the DNS record and by the file', async () => {
      const b = await browserOf(admin);
      const url = `${assetsUrl()}/${assetId}`;
      await b.get(url);
      const dns = await b.post(`${url}/verify`, { method: 'dns' });
      expect(dns.statusCode).toBe(303);
      let page = mainText((await b.get(url)).body);
      expect(page).toContain('The DNS record proves that you control full.test');
      expect(page).toContain('Proved by DNS record');
      const http = await b.post(`${url}/verify`, { method: 'http' });
      expect(http.statusCode).toBe(303);
      page = mainText((await b.get(url)).body);
      expect(page).toContain('Proved by file');
      const audited = await t.deps.db.selectFrom('audit_log').select(['action', 'data']).where('target_id', '=', assetId).orderBy('seq').execute();
      expect(audited.map((a) => [a.action, (JSON.parse(a.data) as { method?: string }).method ?? null])).toEqual([
        ['posture.asset.declared', null],
        ['posture.asset.verified', 'dns'],
        ['posture.asset.verified', 'http'],
      ]);
    });

    it('runs the scheduled scan through the job queue and shows what fails, with evidence, to the organisation', async () => {
      clock.advance(HOUR); // the hourly planning comes round
      await drain();
      const scans = await repo.listScans(t.deps.db, { orgId: org.id, assetId, limit: 10 });
      expect(scans.map((s) => [s.trigger, s.status])).toEqual([['schedule', 'done']]);
      const scan = scans[0]!;
      expect(scan.counts.fail).toBeGreaterThan(0);

      const latest = await latestResultsFor(t.deps.db, org.id);
      expect(latest.get('HTTP-03')!.status).toBe('fail');
      expect(latest.get('TLS-01')!.status).toBe('pass');
      expect(latest.get('MAIL-08')!.status).toBe('pass'); // the declared DKIM selector was checked
      expect(latest.get('DNS-01')!.status).toBe('pass');

      const b = await browserOf(admin);
      const page = mainText((await b.get(`/orgs/${org.slug}/posture/scans/${scan.id}`)).body);
      expect(page).toContain('This is the first scan of this domain');
      expect(page).toContain('Newly failing (1) HTTP-03 — HSTS');
      expect(page).toMatch(/HTTP-03 — HSTS Fail full\.test:\d+ \(127\.0\.80\.2\)/);
      expect(page).toContain('Evidence');
      // The asset lists what the scan found under the domain.
      const asset = mainText((await b.get(`${assetsUrl()}/${assetId}`)).body);
      expect(asset).toMatch(/Web host full\.test \d+ 127\.0\.80\.2/);
      expect(asset).toMatch(/Mail server mx\.full\.test \d+ 127\.0\.25\.5/);
      expect(asset).toMatch(/Name server ns1\.full\.test \d+ 127\.0\.53\.1/);
      // The org-admins are told, on the page and by e-mail; members see the results too.
      const overview = mainText((await b.get(assetsUrl())).body);
      expect(overview).toContain('full.test: one check newly fails (HTTP-03).');
      const mail = await t.deps.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', admin.email).execute();
      expect(mail.some((m) => m.subject.includes('full.test') && m.body_text.includes('HTTP-03: HSTS'))).toBe(true);
      expect((await t.deps.db.selectFrom('mail_outbox').select('id').where('to_address', '=', member.email).execute()).length).toBe(0);
      const m = await browserOf(member);
      expect((await m.get(`/orgs/${org.slug}/posture/scans/${scan.id}`)).statusCode).toBe(200);
      expect(mainText(m.lastHtml)).not.toContain('Scan now');

      const metrics = await t.deps.metrics.registry.metrics();
      expect(metrics).toMatch(/hearth_posture_scans_total\{trigger="schedule",outcome="done"\} 1/);
      expect(metrics).toMatch(/hearth_posture_failed_checks_total\{check="HTTP-03"\} 1/);
      expect(metrics).toMatch(/hearth_posture_scan_duration_seconds_count 1/);
    });

    it('shows nothing of it to another organisation', async () => {
      const scan = (await repo.listScans(t.deps.db, { orgId: org.id, limit: 1 }))[0]!;
      const b = await browserOf(adminB);
      expect((await b.get(`/orgs/${org.slug}/posture/scans/${scan.id}`)).statusCode).toBe(403);
      expect((await b.get(`/orgs/${org.slug}/posture/assets/${assetId}`)).statusCode).toBe(403);
      expect((await b.get(`/api/v1/orgs/${org.slug}/posture/results`)).statusCode).toBe(403);
      // Through its own organisation, another's scan does not exist.
      expect((await b.get(`/orgs/${orgB.slug}/posture/scans/${scan.id}`)).statusCode).toBe(404);
      expect((await b.get(`/api/v1/orgs/${orgB.slug}/posture/scans/${scan.id}`)).statusCode).toBe(404);
      const results = await b.get(`/api/v1/orgs/${orgB.slug}/posture/results`);
      expect(results.json()).toEqual({ items: [] });
    });

    it('after the server is fixed, the next scheduled scan shows it fixed and the trend moves', async () => {
      const first = (await repo.listScans(t.deps.db, { orgId: org.id, assetId, limit: 1 }))[0]!;
      bed.fixHsts();
      clock.advance(7 * DAY);
      await drain();
      const scans = await repo.listScans(t.deps.db, { orgId: org.id, assetId, limit: 10 });
      expect(scans.map((s) => [s.trigger, s.status])).toEqual([
        ['schedule', 'done'],
        ['schedule', 'done'],
      ]);
      const second = scans[0]!;
      expect(second.counts.fail).toBe(first.counts.fail - 2); // HTTP-03 on full.test and www.full.test
      expect(second.score!).toBeGreaterThan(first.score!);

      const b = await browserOf(admin);
      const page = mainText((await b.get(`/orgs/${org.slug}/posture/scans/${second.id}`)).body);
      expect(page).toContain('Compared with the scan of');
      expect(page).toMatch(/Fixed \(1\) HTTP-03 — HSTS/);
      expect(page).not.toContain('Newly failing');
      expect((await latestResultsFor(t.deps.db, org.id)).get('HTTP-03')!.status).toBe('pass');
      const history = await scanHistory(t.deps.db, org.id, new Date(clock.now().getTime() - 30 * DAY));
      expect(history.map((h) => h.orgChecks['HTTP-03'])).toEqual(['fail', 'pass']);
      expect(history[1]!.score!).toBeGreaterThan(history[0]!.score!);
    });

    it('pauses scans and tells the org-admins when a proof is lost', async () => {
      // Another organisation also runs full.test (say, a shared host) and proves it by the file alone.
      const b = await browserOf(adminB);
      await b.get(`/orgs/${orgB.slug}/posture/assets`);
      const declared = await b.post(`/orgs/${orgB.slug}/posture/assets`, { domain: 'full.test', dkimSelectors: '' });
      const urlB = String(declared.headers.location);
      const tokenB = /hearth-[a-z2-7]{26}/.exec(mainText((await b.get(urlB)).body))![0];
      expect(tokenB).not.toBe(token);
      bed.serveChallenge(tokenB);
      expect((await b.post(`${urlB}/verify`, { method: 'http' })).statusCode).toBe(303);
      // Then the file goes away. The daily re-check finds neither proof for orgB (the TXT
      // record holds orgA's token); orgA's DNS record still holds.
      bed.serveChallenge(undefined);
      clock.advance(DAY);
      await drain();
      const assetB = (await repo.findAsset(t.deps.db, urlB.split('/').pop()!))!;
      expect(assetB.verifyLostAt).not.toBeNull();
      expect(assetB.verifyError).toBe('POSTURE_PROOF_NOT_FOUND');
      const assetA = (await repo.findAsset(t.deps.db, assetId))!;
      expect(assetA).toMatchObject({ verifyLostAt: null, verifiedMethod: 'dns' });

      expect(mainText((await b.get(urlB)).body)).toContain('Proof lost, scans paused');
      expect(mainText((await b.get(`/orgs/${orgB.slug}/posture/assets`)).body)).toContain('full.test: the proof of control was lost; scans are paused.');
      const mail = await t.deps.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', adminB.email).execute();
      expect(mail.some((m) => m.subject === 'Scans of full.test are paused: its proof of control was lost' && m.body_text.includes(urlB))).toBe(true);
      await b.get(urlB);
      expect((await b.post(`${urlB}/scan`, {})).statusCode).toBe(409);
      expect((await planDueScans(t.deps)).some((s) => s.assetId === assetB.id)).toBe(false);
      const done = await repo.listScans(t.deps.db, { orgId: orgB.id, limit: 10 });
      expect(done.filter((s) => s.status === 'done')).toEqual([]);

      // The file comes back: proved again, scans resume and the notice is done with.
      bed.serveChallenge(tokenB);
      await b.get(urlB);
      expect((await b.post(`${urlB}/verify`, { method: 'http' })).statusCode).toBe(303);
      expect(await repo.findAsset(t.deps.db, assetB.id)).toMatchObject({ verifyLostAt: null, verifiedMethod: 'http' });
      expect(mainText((await b.get(`/orgs/${orgB.slug}/posture/assets`)).body)).not.toContain('the proof of control was lost');
      expect((await planDueScans(t.deps)).some((s) => s.assetId === assetB.id)).toBe(true);
      bed.serveChallenge(undefined);
    });

    it('without the test-bed setting, neither proves nor scans a domain that points to loopback addresses', async () => {
      const prod = await createTestApp(engine, { clock });
      try {
        Object.assign(prod.deps, bed.deps);
        const o = await makeOrg(prod.deps);
        // A production hub refuses to declare .test names at all; the row is made directly to go further.
        const now = nowTs(clock);
        const id = newId();
        await repo.insertAsset(prod.deps.db, {
          id, org_id: o.id, parent_id: null, kind: 'domain', name: 'full.test', port: null, address: null, challenge_token: token,
          verified_method: null, verified_at: null, verify_checked_at: null, verify_lost_at: null, verify_error: null, dkim_selectors: '',
          created_by: null, created_at: now, updated_at: now, last_seen_at: null,
        });
        const seen = bed.bed.web.requests.length;
        // The TXT record carries the right token, but the domain's addresses are loopback ones.
        await expect(verifyAsset(prod.deps, systemActor('test'), o.slug, id, 'dns')).rejects.toMatchObject({ code: 'POSTURE_PRIVATE_ADDRESS', values: { address: '127.0.80.2' } });
        // The file is never fetched: the address is refused before connecting.
        bed.serveChallenge(token);
        await expect(verifyAsset(prod.deps, systemActor('test'), o.slug, id, 'http')).rejects.toMatchObject({ code: 'POSTURE_PRIVATE_ADDRESS' });
        expect(bed.bed.web.requests.length).toBe(seen);

        // A domain proved while public that now points to loopback: the scan connects to none of it.
        await repo.updateAsset(prod.deps.db, id, { verified_method: 'dns', verified_at: now, verify_checked_at: now });
        const scanId = newId();
        await repo.insertScan(prod.deps.db, {
          id: scanId, org_id: o.id, asset_id: id, trigger: 'cli', status: 'queued', requested_by: null, created_at: now, started_at: null, finished_at: null,
          duration_ms: null, pass_count: 0, warn_count: 0, fail_count: 0, info_count: 0, error_count: 0, score_permille: null, connections: null, error: null,
        });
        const scan = await runScan(prod.deps, scanId);
        expect(scan!.status).toBe('done');
        const results = await repo.listResultsOf(prod.deps.db, [scanId]);
        const endpoints = results.filter((r) => / \(/.test(r.target));
        expect(endpoints.length).toBeGreaterThan(0);
        for (const r of endpoints) expect(r, `${r.checkId} ${r.target}`).toMatchObject({ status: 'error', reason: expect.stringContaining('not a public unicast address') });
        expect(bed.bed.web.requests.length).toBe(seen);
      } finally {
        bed.serveChallenge(undefined);
        await prod.close();
      }
    });
  });
});
