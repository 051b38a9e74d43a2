// docs/check-report.schema.json describes what runAudit returns: checked here
// against a real report (a name that does not exist, audited through the DNS
// bed: every check present, as an error) and against broken variants.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../test/bed/bed.js';
import { DNS_BED_BINARIES, startDnsBed, type DnsBed } from '../../test/bed/dns/dns-bed.js';
import { validate } from '../../test/helpers/json-schema.js';
import { GROUP_IDS, runAudit } from './audit.js';
import type { AuditReport } from './types.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/check-report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** What a script reads: the report as JSON (undefined fields vanish). */
const check = (value: unknown) => validate(schema, JSON.parse(JSON.stringify(value)));

const sample = (): AuditReport => ({
  format: 'hearth-check',
  version: 1,
  domain: 'example.test',
  startedAt: '2026-03-01T10:00:00.000Z',
  durationMs: 812,
  options: { only: 'mail', resolver: '[::1]:5353', allAddresses: false },
  results: [
    { id: 'MAIL-06', category: 'mail', status: 'pass', target: 'example.test', summary: 'One valid SPF record.', evidence: { sent: 'TXT example.test', facts: { lookups: 2 } } },
    { id: 'MAIL-02', category: 'mail', status: 'error', target: 'mx.example.test:25 (127.0.0.1)', summary: 'Could not check: timeout', evidence: {}, reason: 'timeout' },
  ],
  categories: (['tls', 'cert', 'http', 'dns', 'mail', 'ipv6'] as const).map((category) => ({ category, score: undefined, counts: { pass: 0, warn: 0, fail: 0, info: 0, error: 0 } })),
  overall: 1,
  connections: 3,
});

describe('the report schema', () => {
  it('accepts a well-formed report, with and without the optional parts', () => {
    expect(check(sample())).toEqual([]);
    const minimal = { ...sample(), options: { allAddresses: true }, results: [] } as Partial<AuditReport>;
    delete minimal.overall;
    expect(check(minimal)).toEqual([]);
  });

  it('names what is wrong in a broken report', () => {
    const noReason = sample();
    delete noReason.results[1]!.reason;
    expect(check(noReason)).toEqual(['$.results[1]: missing reason']);
    expect(check({ ...sample(), version: 2 })).toEqual(['$.version: expected 1']);
    const badStatus = sample();
    (badStatus.results[0] as { status: string }).status = 'ok';
    expect(check(badStatus)[0]).toContain('$.results[0].status: "ok" is not one of');
    expect(check({ ...sample(), extra: true })).toEqual(['$: unexpected property extra']);
    expect(check({ ...sample(), overall: 1.5 })).toEqual(['$.overall: above 1']);
    expect(check({ ...sample(), startedAt: 'yesterday' })).toEqual(['$.startedAt: not a date-time']);
    const badId = sample();
    badId.results[0]!.id = 'SPF';
    expect(check(badId)[0]).toContain('does not match');
  });
});

const available = bedAvailable('DNS test bed', DNS_BED_BINARIES);

describe.skipIf(!available)('a real report', () => {
  let bed: DnsBed;
  beforeAll(async () => {
    bed = await startDnsBed({ zones: { 'exists.test': { records: [{ name: '@', type: 'A', data: '127.0.80.1' }] } } });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('for a name that does not exist: complete, every check an error that says why, and valid', async () => {
    const report = await runAudit('missing.exists.test', { concurrency: 2, timeoutMs: 1000, allAddresses: false, resolver: bed.resolver });
    const ids = Object.values(GROUP_IDS).flat();
    expect(report.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const r of report.results) {
      expect(r.status).toBe('error');
      expect(r.reason).toBe('missing.exists.test does not exist (the resolver answered NXDOMAIN)');
    }
    expect(report.overall).toBeUndefined();
    expect(check(report)).toEqual([]);
  });
});
