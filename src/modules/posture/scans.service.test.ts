// Scanning's rules against a real database on both engines: what the scorecard
// reads (latestResultsFor, scanHistory), asking for scans and their limits, the
// hourly planning, what changed between scans, notices and their e-mail.
// Network work (proofs, audits) is in scans.bed.test.ts against the loopback bed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { addMember, makeOrg, makePerson, type TestPerson } from '../../../test/factories/index.js';
import { systemActor, type Actor } from '../../kernel/auth/actor.js';
import { listMemberships } from '../../kernel/auth/auth.repository.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { ManualClock, toTimestamp } from '../../kernel/time.js';
import type { Organisation } from '../federation/index.js';
import { declareAsset, setScanInterval } from './assets.service.js';
import * as repo from './scans.repository.js';
import {
  combineStatuses,
  diffStatuses,
  expiringCertificates,
  foundEndpoints,
  latestResultsFor,
  planDueScans,
  requestScan,
  runScan,
  scanHistory,
  DEMAND_LIMIT,
} from './scans.service.js';
import { notifyScanFindings } from './scans.notify.js';
import type { ResultStatus } from './scans.tables.js';

const DAY = 24 * 3_600_000;

describe('combining and comparing statuses', () => {
  it('combines a check over several targets: fail, then warn, then pass; error or info only when nothing was judged', () => {
    expect(combineStatuses(['pass', 'fail', 'warn'])).toBe('fail');
    expect(combineStatuses(['pass', 'warn', 'error'])).toBe('warn');
    expect(combineStatuses(['error', 'pass'])).toBe('pass');
    expect(combineStatuses(['info', 'error'])).toBe('error');
    expect(combineStatuses(['info'])).toBe('info');
    expect(combineStatuses([])).toBeUndefined();
  });

  it('tells newly failing, newly warning and fixed checks apart', () => {
    const before = new Map<string, ResultStatus>([['A-1', 'pass'], ['A-2', 'fail'], ['A-3', 'warn'], ['A-4', 'pass'], ['A-5', 'fail']]);
    const after = new Map<string, ResultStatus>([['A-1', 'fail'], ['A-2', 'fail'], ['A-3', 'pass'], ['A-4', 'warn'], ['A-5', 'pass'], ['A-6', 'fail']]);
    expect(diffStatuses(before, after)).toEqual({ newlyFailing: ['A-1', 'A-6'], fixed: ['A-3', 'A-5'], newlyWarning: ['A-4'] });
    // The first scan: everything failing is new.
    expect(diffStatuses(new Map(), after).newlyFailing).toEqual(['A-1', 'A-2', 'A-6']);
  });

  it('lists certificates that end within 21 days, not the ones already ended or far off', () => {
    const cert = (target: string, daysLeft: number) => ({ id: 'CERT-05', target, evidence: { facts: { daysLeft, notAfter: '2026-02-01T00:00:00.000Z' } } });
    expect(expiringCertificates([cert('a:443 (192.0.2.1)', 30), cert('b:443 (192.0.2.2)', 21), cert('c:443 (192.0.2.3)', 3), cert('d:443 (192.0.2.4)', -2), { id: 'TLS-01', target: 'x', evidence: {} }])).toEqual([
      { target: 'b:443 (192.0.2.2)', notAfter: '2026-02-01T00:00:00.000Z', daysLeft: 21 },
      { target: 'c:443 (192.0.2.3)', notAfter: '2026-02-01T00:00:00.000Z', daysLeft: 3 },
    ]);
  });

  it('finds web hosts, mail servers and name servers in the targets and in DNS-04', () => {
    const found = foundEndpoints(
      [
        { id: 'TLS-01', category: 'tls', target: 'example.org:443 (192.0.2.1)', evidence: {} },
        { id: 'TLS-01', category: 'tls', target: 'example.org:443 (2001:db8::1)', evidence: {} },
        { id: 'HTTP-03', category: 'http', target: 'example.org:443 (192.0.2.1)', evidence: {} },
        { id: 'TLS-01', category: 'tls', target: 'mx.example.org:25 (192.0.2.25)', evidence: {} },
        { id: 'MAIL-06', category: 'mail', target: 'example.org', evidence: {} },
        { id: 'DNS-04', category: 'dns', target: 'example.org', evidence: { facts: { nameServers: [{ name: 'NS1.example.org', v4: ['192.0.2.53'], v6: [] }] } } },
      ],
      {},
    );
    expect(found).toEqual([
      { kind: 'mail', name: 'mx.example.org', port: 25, address: '192.0.2.25' },
      { kind: 'nameserver', name: 'ns1.example.org', port: 53, address: '192.0.2.53' },
      { kind: 'web', name: 'example.org', port: 443, address: '192.0.2.1' },
      { kind: 'web', name: 'example.org', port: 443, address: '2001:db8::1' },
    ]);
  });
});

describe.each(engines)('scans and what the scorecard reads (%s)', (engine) => {
  let t: TestApp;
  let org: Organisation;
  let other: Organisation;
  let admin: TestPerson;
  let actor: Actor;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock, env: { HEARTH_NET_ALLOW_PRIVATE: '1' } });
    org = await makeOrg(t.deps);
    other = await makeOrg(t.deps);
    admin = await makePerson(t.deps, { name: 'Ada Admin' });
    await addMember(t.deps, org, admin, 'org_admin');
    actor = { kind: 'person', person: admin, memberships: await listMemberships(t.deps.db, admin.id) };
  });
  afterAll(async () => t.close());

  /** A verified domain, as a successful proof leaves it (the proofs themselves are network work). */
  const verifiedDomain = async (o: Organisation, name: string) => {
    const a = await declareAsset(t.deps, systemActor('test'), o.slug, { domain: name, dkimSelectors: [] });
    const now = toTimestamp(clock.now());
    await repo.updateAsset(t.deps.db, a.id, { verified_method: 'dns', verified_at: now, verify_checked_at: now });
    return (await repo.findAsset(t.deps.db, a.id))!;
  };

  /** A finished scan with these results, as runScan stores them. */
  const doneScan = async (asset: repo.Asset, at: Date, results: Array<[string, ResultStatus, string?]>) => {
    const id = newId();
    const ts = toTimestamp(at);
    const counts = { pass: 0, warn: 0, fail: 0, info: 0, error: 0 };
    for (const [, s] of results) counts[s]++;
    await repo.insertScan(t.deps.db, {
      id,
      org_id: asset.orgId,
      asset_id: asset.id,
      trigger: 'schedule',
      status: 'done',
      requested_by: null,
      created_at: ts,
      started_at: ts,
      finished_at: ts,
      duration_ms: 1000,
      pass_count: counts.pass,
      warn_count: counts.warn,
      fail_count: counts.fail,
      info_count: counts.info,
      error_count: counts.error,
      score_permille: 500,
      connections: 10,
      error: null,
    });
    await repo.insertResults(
      t.deps.db,
      results.map(([check, status, target]) => ({
        id: newId(),
        scan_id: id,
        check_id: check,
        category: 'http',
        status,
        target: target ?? asset.name,
        summary: `${check} is ${status}`,
        evidence: JSON.stringify({ received: 'HTTP/1.1 200', ...(status === 'error' ? { reason: 'timed out' } : {}) }),
      })),
    );
    return id;
  };

  it('gives the latest result per check over every domain of the organisation, with the scan time and evidence', async () => {
    const o = await makeOrg(t.deps);
    expect(await latestResultsFor(t.deps.db, o.id)).toEqual(new Map());
    const one = await verifiedDomain(o, 'one.example.org');
    const two = await verifiedDomain(o, 'two.example.org');
    const t1 = new Date('2026-02-01T10:00:00.000Z');
    const t2 = new Date('2026-02-08T10:00:00.000Z');
    await doneScan(one, t1, [['HTTP-03', 'fail'], ['HTTP-05', 'pass']]);
    const newest = await doneScan(one, t2, [['HTTP-03', 'pass', 'a:443 (192.0.2.1)'], ['HTTP-03', 'warn', 'b:443 (192.0.2.2)'], ['HTTP-05', 'pass'], ['HTTP-08', 'error']]);
    await doneScan(two, t1, [['HTTP-05', 'fail'], ['HTTP-06', 'info']]);
    // Another organisation's results never mix in.
    await doneScan(await verifiedDomain(other, 'one.example.org'), t2, [['HTTP-07', 'fail']]);

    const latest = await latestResultsFor(t.deps.db, o.id);
    expect([...latest.keys()].sort()).toEqual(['HTTP-03', 'HTTP-05', 'HTTP-06', 'HTTP-08']);
    expect(latest.get('HTTP-03')).toMatchObject({ status: 'warn', scannedAt: t2 });
    expect(latest.get('HTTP-03')!.results.map((r) => [r.domain, r.target, r.status, r.scanId])).toEqual([
      ['one.example.org', 'a:443 (192.0.2.1)', 'pass', newest],
      ['one.example.org', 'b:443 (192.0.2.2)', 'warn', newest],
    ]);
    // two.example.org's only scan fails HTTP-05: combined over the domains, it fails; its newest time is t2 (from one).
    expect(latest.get('HTTP-05')).toMatchObject({ status: 'fail', scannedAt: t2 });
    expect(latest.get('HTTP-06')!.status).toBe('info');
    expect(latest.get('HTTP-08')!.results[0]).toMatchObject({ status: 'error', reason: 'timed out', evidence: { received: 'HTTP/1.1 200' } });
  });

  it('gives the history since a time, oldest first, per scan and as the organisation stood after each', async () => {
    const o = await makeOrg(t.deps);
    const one = await verifiedDomain(o, 'one.example.org');
    const two = await verifiedDomain(o, 'two.example.org');
    await doneScan(one, new Date('2025-12-01T00:00:00.000Z'), [['HTTP-03', 'fail']]);
    const a = await doneScan(one, new Date('2026-01-05T00:00:00.000Z'), [['HTTP-03', 'fail'], ['HTTP-05', 'pass']]);
    const b = await doneScan(two, new Date('2026-01-06T00:00:00.000Z'), [['HTTP-03', 'pass'], ['HTTP-05', 'warn']]);
    const c = await doneScan(one, new Date('2026-01-12T00:00:00.000Z'), [['HTTP-03', 'pass'], ['HTTP-05', 'pass']]);
    const history = await scanHistory(t.deps.db, o.id, new Date('2026-01-01T00:00:00.000Z'));
    expect(history.map((h) => [h.scanId, h.domain, h.finishedAt.toISOString()])).toEqual([
      [a, 'one.example.org', '2026-01-05T00:00:00.000Z'],
      [b, 'two.example.org', '2026-01-06T00:00:00.000Z'],
      [c, 'one.example.org', '2026-01-12T00:00:00.000Z'],
    ]);
    expect(history.map((h) => h.checks)).toEqual([
      { 'HTTP-03': 'fail', 'HTTP-05': 'pass' },
      { 'HTTP-03': 'pass', 'HTTP-05': 'warn' },
      { 'HTTP-03': 'pass', 'HTTP-05': 'pass' },
    ]);
    // After b, one.example.org still fails HTTP-03; after c both pass it, and two still warns on HTTP-05.
    expect(history.map((h) => h.orgChecks)).toEqual([
      { 'HTTP-03': 'fail', 'HTTP-05': 'pass' },
      { 'HTTP-03': 'fail', 'HTTP-05': 'warn' },
      { 'HTTP-03': 'pass', 'HTTP-05': 'warn' },
    ]);
    expect(history[0]!.counts).toEqual({ pass: 1, warn: 0, fail: 1, info: 0, error: 0 });
  });

  it('refuses scans on demand of unproved domains, while one waits, from other organisations, and beyond the daily limit', async () => {
    const unproved = await declareAsset(t.deps, actor, org.slug, { domain: 'unproved.example.org', dkimSelectors: [] });
    await expect(requestScan(t.deps, actor, org.slug, unproved.id)).rejects.toMatchObject({ code: 'POSTURE_NOT_VERIFIED', status: 409 });
    const otherAdmin = await makePerson(t.deps);
    await addMember(t.deps, other, otherAdmin, 'org_admin');
    const outsider: Actor = { kind: 'person', person: otherAdmin, memberships: await listMemberships(t.deps.db, otherAdmin.id) };

    const domains = [];
    for (let i = 0; i <= DEMAND_LIMIT; i++) domains.push(await verifiedDomain(org, `d${i}.example.org`));
    await expect(requestScan(t.deps, outsider, org.slug, domains[0]!.id)).rejects.toMatchObject({ status: 403 });
    // orgB's admin cannot reach orgA's domain through orgB either.
    await expect(requestScan(t.deps, outsider, other.slug, domains[0]!.id)).rejects.toMatchObject({ code: 'POSTURE_ASSET_NOT_FOUND', status: 404 });

    const first = await requestScan(t.deps, actor, org.slug, domains[0]!.id);
    expect(first).toMatchObject({ status: 'queued', trigger: 'demand', requestedBy: admin.id });
    await expect(requestScan(t.deps, actor, org.slug, domains[0]!.id)).rejects.toMatchObject({ code: 'POSTURE_SCAN_PENDING' });
    const job = await t.deps.db.selectFrom('jobs').select(['kind', 'payload']).where('id', '=', `posture-scan:${first.id}`).executeTakeFirstOrThrow();
    expect(job).toEqual({ kind: 'posture.scan', payload: JSON.stringify({ scanId: first.id }) });

    for (let i = 1; i < DEMAND_LIMIT; i++) await requestScan(t.deps, actor, org.slug, domains[i]!.id);
    clock.advance(3_600_000);
    const refused = await requestScan(t.deps, actor, org.slug, domains[DEMAND_LIMIT]!.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    // The oldest of the six frees its place 24 hours after it was asked for: 23 hours from now.
    expect(refused).toMatchObject({ code: 'POSTURE_SCAN_RATE_LIMITED', status: 429, details: { retryAfter: 23 * 3600 } });
    clock.advance(23 * 3_600_000);
    expect((await requestScan(t.deps, actor, org.slug, domains[DEMAND_LIMIT]!.id)).status).toBe('queued');
  });

  it('plans scheduled scans of proved domains that are due, by each organisation’s interval, and never twice', async () => {
    const o = await makeOrg(t.deps);
    const fresh = await verifiedDomain(o, 'fresh.example.org');
    const recent = await verifiedDomain(o, 'recent.example.org');
    const old = await verifiedDomain(o, 'old.example.org');
    const lost = await verifiedDomain(o, 'lost.example.org');
    const unproved = await declareAsset(t.deps, actor, org.slug, { domain: 'plan-unproved.example.org', dkimSelectors: [] });
    await repo.updateAsset(t.deps.db, lost.id, { verify_lost_at: toTimestamp(clock.now()) });
    await doneScan(recent, new Date(clock.now().getTime() - 2 * DAY), [['HTTP-03', 'pass']]);
    await doneScan(old, new Date(clock.now().getTime() - 8 * DAY), [['HTTP-03', 'pass']]);
    await doneScan(lost, new Date(clock.now().getTime() - 30 * DAY), [['HTTP-03', 'pass']]);

    const planned = (await planDueScans(t.deps)).filter((s) => s.orgId === o.id);
    expect(planned.map((s) => s.assetId).sort()).toEqual([fresh.id, old.id].sort());
    expect(planned.every((s) => s.trigger === 'schedule' && s.status === 'queued')).toBe(true);
    expect((await planDueScans(t.deps)).filter((s) => s.orgId === o.id)).toEqual([]);
    expect((await planDueScans(t.deps)).some((s) => s.assetId === unproved.id)).toBe(false);

    // A daily interval makes the two-day-old scan due.
    await setScanInterval(t.deps, systemActor('test'), o.slug, { intervalDays: 1 });
    expect((await planDueScans(t.deps)).filter((s) => s.orgId === o.id).map((s) => s.assetId)).toEqual([recent.id]);
    const audited = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'posture.scans.planned').execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('ends scans whose job is gone, so they do not block the next ones', async () => {
    const o = await makeOrg(t.deps);
    const a = await verifiedDomain(o, 'stuck.example.org');
    const b = await verifiedDomain(o, 'waiting.example.org');
    const running = await requestScan(t.deps, systemActor('test'), o.slug, a.id);
    const queued = await requestScan(t.deps, systemActor('test'), o.slug, b.id);
    await repo.updateScan(t.deps.db, running.id, { status: 'running', started_at: toTimestamp(clock.now()) });
    clock.advance(31 * 60_000);
    await planDueScans(t.deps);
    expect(await repo.findScan(t.deps.db, running.id)).toMatchObject({ status: 'failed', error: 'POSTURE_SCAN_LOST' });
    expect((await repo.findScan(t.deps.db, queued.id))!.status).toBe('queued'); // a day for those still waiting
    clock.advance(DAY);
    const planned = await planDueScans(t.deps);
    expect(await repo.findScan(t.deps.db, queued.id)).toMatchObject({ status: 'failed', error: 'POSTURE_SCAN_LOST' });
    // Neither blocks its domain any more: the planning queues both again.
    expect(planned.filter((s) => s.orgId === o.id).map((s) => s.assetId).sort()).toEqual([a.id, b.id].sort());
  });

  it('skips a queued scan whose domain lost its proof, touching nothing', async () => {
    const o = await makeOrg(t.deps);
    const a = await verifiedDomain(o, 'skipped.example.org');
    const scan = await requestScan(t.deps, systemActor('test'), o.slug, a.id);
    await repo.updateAsset(t.deps.db, a.id, { verify_lost_at: toTimestamp(clock.now()) });
    const after = await runScan(t.deps, scan.id);
    expect(after).toMatchObject({ status: 'skipped', error: 'POSTURE_NOT_VERIFIED' });
    expect(await repo.listResultsOf(t.deps.db, [scan.id])).toEqual([]);
    expect(await t.deps.metrics.registry.getSingleMetricAsString('hearth_posture_scans_total')).toMatch(/trigger="demand",outcome="skipped"} 1/);
  });

  it('records notices and e-mails each org-admin in their language, telling a certificate once', async () => {
    const o = await makeOrg(t.deps);
    const es = await makePerson(t.deps, { name: 'Eva' });
    await t.deps.db.updateTable('people').set({ locale: 'es' }).where('id', '=', es.id).execute();
    const member = await makePerson(t.deps);
    await addMember(t.deps, o, es, 'org_admin');
    await addMember(t.deps, o, member, 'member');
    const a = await verifiedDomain(o, 'told.example.org');
    const scanId = await doneScan(a, clock.now(), [['CERT-05', 'warn']]);
    const cert = { target: 'told.example.org:443 (192.0.2.1)', notAfter: '2026-03-12T00:00:00.000Z', daysLeft: 9 };
    const scan = { id: scanId, assetId: a.id, orgId: o.id, domain: a.name };
    await t.deps.db.transaction().execute((trx) => notifyScanFindings(t.deps, trx, scan, ['HTTP-03', 'MAIL-07'], [cert]));
    await t.deps.db.transaction().execute((trx) => notifyScanFindings(t.deps, trx, scan, [], [cert]));

    const notices = await repo.listOpenNotices(t.deps.db, o.id);
    expect(notices.map((n) => n.kind).sort()).toEqual(['cert_expiring', 'newly_failing']);
    expect(notices.find((n) => n.kind === 'newly_failing')!.data).toMatchObject({ domain: 'told.example.org', checks: ['HTTP-03', 'MAIL-07'] });
    const mails = await t.deps.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).where('to_address', 'in', [es.email, member.email]).orderBy('subject').execute();
    // Only the org-admin, twice (two findings), never the plain member.
    expect(mails.map((m) => m.to_address)).toEqual([es.email, es.email]);
    expect(mails.some((m) => m.subject.includes('told.example.org') && m.body_text.includes('HTTP-03') && m.body_text.includes(`/orgs/${o.slug}/posture/scans/${scanId}`))).toBe(true);
    expect(mails.some((m) => m.subject.includes('told.example.org:443') && m.body_text.includes('9'))).toBe(true);
  });
});
