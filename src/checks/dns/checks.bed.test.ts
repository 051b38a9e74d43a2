// DNS-01…06 and CERT-06 against real servers: Knot serving a signed private
// `test.` tree and a validating unbound that trusts only our own key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../../test/bed/bed.js';
import { DNS_BED_ADDRESSES as A, DNS_BED_BINARIES, startDnsBed, type DnsBed } from '../../../test/bed/dns/dns-bed.js';
import { ConnectionLimiter } from '../net/limiter.js';
import type { CheckResult, Status } from '../types.js';
import { dnsChecks } from './checks.js';
import { createResolver } from './resolver.js';

const available = bedAvailable('DNS test bed', DNS_BED_BINARIES);

const caa = (value: string) => ({ name: '@', type: 'CAA', data: `0 issue "${value}"` });

describe.skipIf(!available)('DNS checks on the loopback bed', () => {
  let bed: DnsBed;

  beforeAll(async () => {
    bed = await startDnsBed({
      zones: {
        'good.test': { records: [caa('ca.test'), { name: 'www', type: 'A', data: '127.0.0.80' }] },
        'plain.test': { signed: false },
        'bogus.test': { bogus: true, records: [caa('ca.test')] },
        'island.test': { ds: false, records: [caa('ca.test')] },
        'insecure.test': { ds: 'unsupported-digest' },
        'old.test': { algorithm: 'RSASHA1', records: [caa('ca.test')] },
        'single.test': { nameServers: [{ name: 'ns1', v4: A.ns1 }], records: [caa('ca.test')] },
        'samenet.test': {
          nameServers: [
            { name: 'ns1', v4: A.ns1 },
            { name: 'ns2', v4: A.ns1b },
          ],
        },
        'stale.test': {
          nameServers: [
            { name: 'ns1', v4: A.ns1, v6: A.v6 },
            { name: 'ns2', v4: A.stale, serial: 7 },
          ],
        },
        'axfr.test': { openTransfer: true },
        'openrec.test': {
          nameServers: [
            { name: 'ns1', v4: A.ns1 },
            { name: 'ns2', v4: A.resolver },
          ],
        },
        'badcaa.test': { records: [{ name: '@', type: 'CAA', data: '0 issue "not a domain!"' }] },
      },
    });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  async function audit(domain: string, timeoutMs = 2000, allowPrivate = true) {
    const limiter = new ConnectionLimiter(2);
    const resolver = createResolver({ server: bed.resolver, timeoutMs, limiter });
    const results = await dnsChecks(domain, { resolver, limiter, timeoutMs, nsPort: bed.port, allowPrivate });
    return { results, limiter };
  }
  const byId = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));
  const statuses = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status])) as Record<string, Status>;

  it('signed and valid: every check passes, and the evidence shows why', async () => {
    const { results, limiter } = await audit('good.test');
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'pass', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'pass', 'CERT-06': 'pass' });
    const r = byId(results);
    expect(r['DNS-03']!.evidence.facts!.algorithms).toEqual(['13 ECDSAP256SHA256']);
    expect(r['DNS-04']!.evidence.facts!.networks).toEqual(expect.arrayContaining(['127.0.53.0/24', '127.0.54.0/24']));
    expect(r['CERT-06']!.summary).toContain('ca.test');
    expect(r['DNS-01']!.target).toBe('good.test');
    expect(limiter.opened).toBeGreaterThan(10); // UDP exchanges are counted too
  });

  it('a name below the apex is judged on its zone, CAA found by climbing', async () => {
    const r = byId((await audit('www.good.test')).results);
    expect(r['DNS-01']!.target).toBe('good.test');
    expect(r['DNS-01']!.status).toBe('pass');
    expect(r['CERT-06']!.status).toBe('pass');
    expect(r['CERT-06']!.evidence.facts!.foundAt).toBe('good.test');
  });

  it('unsigned: DNS-01 fails, validation and algorithms are info, no CAA warns', async () => {
    const { results } = await audit('plain.test');
    expect(statuses(results)).toEqual({ 'DNS-01': 'fail', 'DNS-02': 'info', 'DNS-03': 'info', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'pass', 'CERT-06': 'warn' });
    expect(byId(results)['DNS-01']!.summary).toMatch(/not signed/);
  });

  it('bogus (signatures corrupted): DNS-02 fails while the zone still looks signed', async () => {
    const { results } = await audit('bogus.test');
    const s = statuses(results);
    expect(s).toMatchObject({ 'DNS-01': 'pass', 'DNS-02': 'fail', 'DNS-03': 'pass', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'pass' });
    expect(byId(results)['DNS-02']!.summary).toMatch(/bogus/);
    // A validating resolver will not hand out the CAA set either: an honest error, not a pass or a warn.
    expect(s['CERT-06']).toBe('error');
    expect(byId(results)['CERT-06']!.reason).toMatch(/SERVFAIL/);
  });

  it('signed without a DS at the parent: DNS-01 fails, DNS-02 is insecure (info)', async () => {
    const { results } = await audit('island.test');
    expect(statuses(results)).toEqual({ 'DNS-01': 'fail', 'DNS-02': 'info', 'DNS-03': 'pass', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'pass', 'CERT-06': 'pass' });
    expect(byId(results)['DNS-01']!.summary).toMatch(/no DS/);
  });

  it('a DS no validator can use: insecure while a DS exists, DNS-02 fails', async () => {
    const { results } = await audit('insecure.test');
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'fail', 'DNS-03': 'pass', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'pass', 'CERT-06': 'warn' });
    expect(byId(results)['DNS-02']!.evidence.facts).toMatchObject({ rcode: 'NOERROR', ad: false, dsExists: true, parentSecure: true });
  });

  it('deprecated algorithm (RSASHA1, 5): DNS-03 warns, the zone still validates', async () => {
    const { results } = await audit('old.test');
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'warn', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'pass', 'CERT-06': 'pass' });
    expect(byId(results)['DNS-03']!.summary).toContain('5 (RSASHA1)');
  });

  it('a single name server: DNS-04 fails, DNS-05 warns', async () => {
    const { results } = await audit('single.test');
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'pass', 'DNS-04': 'fail', 'DNS-05': 'warn', 'DNS-06': 'pass', 'CERT-06': 'pass' });
  });

  it('two name servers in one /24: DNS-04 warns', async () => {
    const { results } = await audit('samenet.test');
    const r = byId(results);
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'pass', 'DNS-04': 'warn', 'DNS-05': 'warn', 'DNS-06': 'pass', 'CERT-06': 'warn' });
    expect(r['DNS-04']!.evidence.facts!.networks).toEqual(['127.0.53.0/24']);
    expect(r['DNS-05']!.status).toBe('warn'); // no AAAA at all
  });

  it('a name server serving another serial: DNS-06 warns', async () => {
    const { results } = await audit('stale.test');
    const r = byId(results);
    // ns2 (127.0.53.3) shares ns1's /24, and only ns1 has IPv6.
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'pass', 'DNS-04': 'warn', 'DNS-05': 'warn', 'DNS-06': 'warn', 'CERT-06': 'warn' });
    expect(r['DNS-06']!.summary).toMatch(/different SOA serials \(1, 7\)/);
  });

  it('zone transfer open to anyone: DNS-06 warns', async () => {
    const { results } = await audit('axfr.test');
    const r = byId(results);
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'pass', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'warn', 'CERT-06': 'warn' });
    expect(r['DNS-06']!.summary).toMatch(/zone transfer is open/i);
  });

  it('a name server that resolves for anyone: DNS-06 fails (open recursion)', async () => {
    const { results } = await audit('openrec.test');
    const r = byId(results);
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'pass', 'DNS-04': 'pass', 'DNS-05': 'warn', 'DNS-06': 'fail', 'CERT-06': 'warn' });
    expect(r['DNS-06']!.summary).toContain(A.resolver);
  });

  it('CAA present but invalid, and CAA absent: CERT-06 warns', async () => {
    const { results } = await audit('badcaa.test');
    expect(statuses(results)).toEqual({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-03': 'pass', 'DNS-04': 'pass', 'DNS-05': 'pass', 'DNS-06': 'pass', 'CERT-06': 'warn' });
    expect(byId(results)['CERT-06']!.summary).toMatch(/invalid/);
    expect(byId((await audit('plain.test')).results)['CERT-06']!.summary).toMatch(/No CAA/);
  });

  it('name servers at non-public addresses are not asked unless private addresses are allowed', async () => {
    const { results } = await audit('good.test', 2000, false);
    const r = byId(results);
    // What comes from the configured resolver is still judged…
    expect(statuses(results)).toMatchObject({ 'DNS-01': 'pass', 'DNS-02': 'pass', 'DNS-04': 'pass', 'CERT-06': 'pass' });
    // …but nothing is sent to the name servers themselves: an error, not a false warn.
    expect(r['DNS-05']!.status).toBe('error');
    expect(r['DNS-06']!.status).toBe('error');
    expect(r['DNS-06']!.reason).toMatch(/non-public/);
  });

  it('a domain that does not exist: every check is an error saying so', async () => {
    const { results } = await audit('nope.test');
    expect(results).toHaveLength(7);
    for (const r of results) {
      expect(r.status).toBe('error');
      expect(r.reason).toMatch(/NXDOMAIN/);
    }
  });

  it('a name with illegal characters: every check is an error, nothing is sent', async () => {
    const { results, limiter } = await audit('bad name!.test');
    expect(results.every((r) => r.status === 'error' && /DNS_BAD_NAME/.test(r.reason ?? ''))).toBe(true);
    expect(limiter.opened).toBe(0);
  });
});
