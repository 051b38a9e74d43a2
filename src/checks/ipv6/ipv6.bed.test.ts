// V6-01…03 against real servers: the web bed listens on 127.0.80.1 and ::1 and
// can answer differently over IPv6; names come from the DNS bed.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable, freePort } from '../../../test/bed/bed.js';
import { hasOpenssl, testCa, type TestCa } from '../../../test/bed/ca.js';
import { DNS_BED_BINARIES, startDnsBed, type DnsBed } from '../../../test/bed/dns/dns-bed.js';
import { issueBedCertificate } from '../../../test/bed/web/certs.js';
import { startWebBed, type Site, type WebBed } from '../../../test/bed/web/web-bed.js';
import { runAudit } from '../audit.js';
import type { AuditReport, CheckResult } from '../types.js';

const available = bedAvailable('IPv6 test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);

const WEB = '127.0.80.1';
const MX = '127.0.25.9';
const page = (text: string) => `<!doctype html><title>v6</title><p>${text}</p>`;
const headers = { 'strict-transport-security': 'max-age=31536000', 'x-content-type-options': 'nosniff' };
const site: Site = { home: { headers, body: page('the same page whichever way you come') } };

describe.skipIf(!available)('IPv6 checks on the loopback bed', () => {
  let ca: TestCa;
  let web: WebBed;
  let dns: DnsBed;
  let smtp: Server;
  let smtpPort: number;

  beforeAll(async () => {
    ca = await testCa();
    const cert = await issueBedCertificate(ca, ['same6.v6.test', 'diff6.v6.test']);
    web = await startWebBed({
      addresses: [WEB, '::1'],
      credentials: cert,
      sites: {
        'same6.v6.test': site,
        'diff6.v6.test': { ...site, overIpv6: { home: { headers: {}, body: page('a different, much longer page served only to IPv6 visitors, by another machine entirely') } } },
      },
    });
    // An "SMTP" port that answers over IPv4 only (nothing listens on ::1 there).
    smtpPort = await freePort([MX, '::1']);
    smtp = createServer((s) => {
      s.on('error', () => {});
      s.end('220 bed\r\n');
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, MX, resolve));
    const r = (name: string, type: string, data: string) => ({ name, type, data });
    dns = await startDnsBed({
      zones: {
        'v6.test': {
          records: [
            r('same6', 'A', WEB),
            r('same6', 'AAAA', '::1'),
            r('diff6', 'A', WEB),
            r('diff6', 'AAAA', '::1'),
            r('v4only', 'A', WEB),
            r('mapped', 'A', WEB),
            r('mapped', 'AAAA', `::ffff:${WEB}`),
            r('mailv6', 'MX', '10 mx6'),
            r('mx6', 'A', MX),
            r('mx6', 'AAAA', '::1'),
          ],
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => smtp?.close(r));
    await web?.stop();
    await dns?.stop();
  });

  const audit = (domain: string) =>
    runAudit(domain, {
      only: 'ipv6',
      resolver: dns.resolver,
      ca: [ca.rootPem],
      concurrency: 4,
      timeoutMs: 2000,
      allAddresses: false,
      allowPrivate: true,
      ports: { https: web.httpsPort, http: web.httpPort, smtp: smtpPort },
    });
  const about = (report: AuditReport, id: string, host: string): CheckResult | undefined => report.results.find((r) => r.id === id && r.target === host);

  it('a name with AAAA serving the same content passes V6-01…03; its name servers have IPv6 too', async () => {
    const report = await audit('same6.v6.test');
    expect(about(report, 'V6-01', 'same6.v6.test')?.status).toBe('pass');
    expect(about(report, 'V6-01', 'ns1.v6.test')?.status).toBe('pass');
    expect(about(report, 'V6-01', 'ns2.v6.test')?.status).toBe('pass');
    expect(about(report, 'V6-02', 'same6.v6.test')).toMatchObject({ status: 'pass', summary: `The same services answer over IPv6: https (${web.httpsPort}), http (${web.httpPort}).` });
    expect(about(report, 'V6-03', 'same6.v6.test')?.status).toBe('pass');
    expect(report.results.filter((r) => r.status === 'fail' || r.status === 'error')).toEqual([]);
  });

  it('a name whose IPv6 answer differs warns V6-03, naming the differences', async () => {
    const report = await audit('diff6.v6.test');
    const v = about(report, 'V6-03', 'diff6.v6.test')!;
    expect(v.status).toBe('warn');
    expect(v.summary).toContain('strict-transport-security: "max-age=31536000" over IPv4, "(none)" over IPv6');
    expect(v.evidence.facts?.differences).toEqual(expect.arrayContaining([expect.stringMatching(/^body \d+ bytes over IPv4, \d+ over IPv6$/)]));
    expect(about(report, 'V6-02', 'diff6.v6.test')?.status).toBe('pass');
  });

  it('no AAAA, or only an IPv4-mapped one, fails V6-01', async () => {
    const [v4only, mapped] = await Promise.all([audit('v4only.v6.test'), audit('mapped.v6.test')]);
    expect(about(v4only, 'V6-01', 'v4only.v6.test')).toMatchObject({ status: 'fail', summary: 'The web host v4only.v6.test has no IPv6 address.' });
    expect(about(mapped, 'V6-01', 'mapped.v6.test')?.status).toBe('fail');
    // Nothing to compare without IPv6.
    expect(v4only.results.filter((r) => r.id !== 'V6-01')).toEqual([]);
  });

  it('a mail service reachable over IPv4 only fails V6-02', async () => {
    const report = await audit('mailv6.v6.test');
    expect(about(report, 'V6-01', 'mx6.v6.test')?.status).toBe('pass');
    expect(about(report, 'V6-02', 'mx6.v6.test')).toMatchObject({ status: 'fail', summary: `Reachable over IPv4 but not over IPv6: smtp (${smtpPort}).` });
  });
});
