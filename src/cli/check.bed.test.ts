// `hearth check` against the loopback bed domain: exit statuses, the JSON
// report against its schema, the text report, and the progress line on a terminal.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../test/bed/bed.js';
import { hasOpenssl } from '../../test/bed/ca.js';
import { DNS_BED_BINARIES } from '../../test/bed/dns/dns-bed.js';
import { DOMAIN_BED, startDomainBed, type DomainBed } from '../../test/bed/web/domain-bed.js';
import { runHearth } from '../../test/helpers/cli.js';
import { validate } from '../../test/helpers/json-schema.js';
import type { AuditReport } from '../checks/types.js';
import { runCli } from './cli.js';

const available = bedAvailable('full-domain test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);
const schema = JSON.parse(readFileSync(new URL('../../docs/check-report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe.skipIf(!available)('hearth check on the bed domain', () => {
  let bed: DomainBed;
  beforeAll(async () => {
    bed = await startDomainBed({
      sites: { 'bare.test': { home: { body: '<!doctype html><title>bare</title>' } } },
      zones: { 'bare.test': { records: [{ name: '@', type: 'A', data: DOMAIN_BED.web }] } },
    });
  }, 60_000);
  afterAll(async () => {
    await bed?.stop();
  });

  it('--json: exit 0 when nothing fails, and the report matches the documented schema', async () => {
    const res = await runHearth(['check', bed.domain, ...bed.cliArgs, '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as AuditReport;
    expect(validate(schema, report)).toEqual([]);
    expect(report).toMatchObject({ format: 'hearth-check', version: 1, domain: 'full.test', overall: 1, options: { resolver: `${bed.dns.resolver.host}:${bed.dns.resolver.port}`, allAddresses: false } });
    expect(new Set(report.results.map((r) => r.category))).toEqual(new Set(['tls', 'cert', 'http', 'dns', 'mail', 'ipv6']));
  });

  it('text: by category with scores; no progress line when standard error is not a terminal', async () => {
    const res = await runHearth(['check', bed.domain, ...bed.cliArgs, '--only', 'mail']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^full\.test: overall 100 % \(mail; \d+\.\d s; \d+ connections\)$/);
    // Two MX addresses (IPv4 and IPv6): MAIL-02 and MAIL-04 once for each.
    expect(lines).toContain('Mail: 100 % (1 info, 12 pass)');
    expect(lines).toContain('  pass  MAIL-06 full.test: One valid SPF record ending in -all, with 1 DNS-querying term.');
    expect(lines.at(-2)).toBe('Nothing fails.');
  });

  it('exit 1 when something fails, failures first with one line of advice', async () => {
    const res = await runHearth(['check', 'bare.test', ...bed.cliArgs, '--only', 'web']);
    expect(res.code).toBe(1);
    const http = res.stdout.slice(res.stdout.indexOf('\nHTTP: '));
    const first = http.split('\n')[2]!;
    expect(first).toMatch(/^ {2}FAIL {2}HTTP-03 bare\.test:\d+ \(127\.0\.80\.2\): No Strict-Transport-Security header on the first HTTPS response\.$/);
    expect(http.split('\n')[3]).toBe('          advice: Send Strict-Transport-Security with max-age of at least one year.');
    expect(res.stdout).toMatch(/\n\d+ checks? fail\.\n$/);
  });

  it('a name that does not exist: a complete report of clear errors', async () => {
    const res = await runHearth(['check', 'nowhere.full.test', ...bed.cliArgs, '--json']);
    const report = JSON.parse(res.stdout) as AuditReport;
    expect(validate(schema, report)).toEqual([]);
    expect(report.results.length).toBeGreaterThan(40);
    expect(new Set(report.results.map((r) => r.reason))).toEqual(new Set(['nowhere.full.test does not exist (the resolver answered NXDOMAIN)']));
    // Nothing failed, but nothing could be measured either: a script must not read that as success.
    expect(res.code).toBe(2);
  });

  it('on a terminal, shows which host and port it is checking and how far it is, then clears the line', async () => {
    let err = '';
    let out = '';
    const stderr = Object.assign(
      new Writable({
        write(chunk, _enc, done) {
          err += String(chunk);
          done();
        },
      }),
      { isTTY: true },
    );
    const stdout = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const code = await runCli(['check', bed.domain, ...bed.cliArgs, '--only', 'web'], { stdout, stderr, env: {} });
    expect(code).toBe(0);
    expect(err).toMatch(new RegExp(`\\r\\x1b\\[K\\d+/\\d+ checking full\\.test:${bed.web.httpsPort} \\(127\\.0\\.80\\.2\\)`));
    expect(err.endsWith('\r\x1b[K')).toBe(true);
    expect(out).toContain('HTTP: 100 %');
  });
});
