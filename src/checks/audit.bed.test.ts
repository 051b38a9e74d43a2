// A whole audit of one test-bed domain (web + mail + DNS + IPv6) through
// runAudit: every group runs, progress is reported, the budget is honoured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../test/bed/bed.js';
import { hasOpenssl } from '../../test/bed/ca.js';
import { DNS_BED_BINARIES } from '../../test/bed/dns/dns-bed.js';
import { startDomainBed, type DomainBed } from '../../test/bed/web/domain-bed.js';
import { GROUP_IDS, runAudit } from './audit.js';
import type { CheckResult } from './types.js';

const available = bedAvailable('full-domain test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);

const line = (r: CheckResult) => `${r.id} ${r.status} ${r.target}: ${r.summary}`;

describe.skipIf(!available)('a full audit of the bed domain', () => {
  let bed: DomainBed;
  beforeAll(async () => {
    bed = await startDomainBed();
  }, 60_000);
  afterAll(async () => {
    await bed?.stop();
  });

  it('runs every group; a well-configured domain has nothing failing and nothing it could not check', async () => {
    const progress: Array<{ target: string; done: number; total: number }> = [];
    const report = await runAudit(bed.domain, { ...bed.options, onProgress: (p) => progress.push(p) });
    const ids = new Set(report.results.map((r) => r.id));
    for (const id of Object.values(GROUP_IDS).flat()) expect(ids.has(id), `${id} missing`).toBe(true);
    expect(report.results.filter((r) => r.status === 'fail' || r.status === 'error').map(line)).toEqual([]);
    expect(report.results.filter((r) => r.status === 'warn').map(line)).toEqual([]);
    for (const c of report.categories) expect(c.score, c.category).toBe(1);
    expect(report.overall).toBe(1);
    expect(report.connections).toBeGreaterThan(20);

    // Progress names host:port targets and ends with every planned unit done.
    expect(progress.some((p) => p.target === `${bed.domain}:${bed.web.httpsPort} (127.0.80.2)`)).toBe(true);
    expect(progress.some((p) => p.target.startsWith(`mx.${bed.domain}:${bed.mail.ports.smtp} `))).toBe(true);
    for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
  });

  it('tests the first IPv4 and IPv6 address for TLS, HTTP on the first; every address with allAddresses', async () => {
    const targets = (rs: CheckResult[], id: string) => rs.filter((r) => r.id === id && r.target.startsWith(`${bed.domain}:`)).map((r) => r.target).sort();
    const https = (a: string) => `${bed.domain}:${bed.web.httpsPort} (${a})`;
    const first = await runAudit(bed.domain, { ...bed.options, only: 'web' });
    expect(targets(first.results, 'TLS-01')).toEqual([https('127.0.80.2'), https('::1')]);
    expect(targets(first.results, 'HTTP-03')).toEqual([https('127.0.80.2')]);
    const all = await runAudit(bed.domain, { ...bed.options, only: 'web', allAddresses: true });
    expect(targets(all.results, 'HTTP-03')).toEqual([https('127.0.80.2'), https('::1')]);
    expect(all.options.allAddresses).toBe(true);
  });

  it('refuses loopback addresses unless they are allowed, saying how to allow them', async () => {
    const report = await runAudit(bed.domain, { ...bed.options, only: 'web', allowPrivate: false });
    const http = report.results.filter((r) => r.id === 'HTTP-01');
    expect(http.length).toBeGreaterThan(0);
    for (const r of http) expect(r).toMatchObject({ status: 'error', reason: expect.stringContaining('--allow-private') });
    expect(report.results.filter((r) => r.status !== 'error')).toEqual([]);
  });

  it('a budget that runs out ends the unfinished checks as errors and still returns a complete report', async () => {
    const report = await runAudit(bed.domain, { ...bed.options, only: 'web', budgetMs: 1 });
    const byId = new Map(report.results.map((r) => [r.id, r]));
    for (const id of GROUP_IDS.web) expect(byId.has(id), `${id} missing`).toBe(true);
    const errors = report.results.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.reason).toContain('time budget (0 s) ran out');
    expect(report.durationMs).toBeLessThan(2000);
  });
});
