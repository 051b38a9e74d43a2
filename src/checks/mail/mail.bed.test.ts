// MAIL-01…11 against real servers on loopback: smtp-server with and without
// STARTTLS (and one offering AUTH before TLS), implicit-TLS submission and IMAP,
// MTA-STS policies served over HTTPS by the web bed, and every DNS record
// (MX, SPF, DMARC, DKIM, TLSA, MTA-STS, TLS-RPT) in the DNS bed's signed zones.
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../../test/bed/bed.js';
import { hasOpenssl, testCa, type TestCa } from '../../../test/bed/ca.js';
import { DNS_BED_BINARIES, startDnsBed, type BedRecord, type DnsBed } from '../../../test/bed/dns/dns-bed.js';
import { startMailBed, type MailBed } from '../../../test/bed/mail/mail-bed.js';
import { issueBedCertificate } from '../../../test/bed/web/certs.js';
import { startWebBed, type WebBed } from '../../../test/bed/web/web-bed.js';
import { runAudit } from '../audit.js';
import type { AuditOptions, AuditReport, Status } from '../types.js';

const available = bedAvailable('mail test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);

const MX_GOOD = '127.0.25.1';
const MX_PLAIN = '127.0.25.2';
const MX_AUTH = '127.0.25.3';
const WEB = '127.0.80.1';

const dkimKey = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const policy = (mode: string, mx: string[]) => ({ headers: { 'content-type': 'text/plain' }, body: ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\r\n') });

describe.skipIf(!available)('mail checks on the loopback bed', () => {
  let ca: TestCa;
  let mail: MailBed;
  let web: WebBed;
  let dns: DnsBed;

  beforeAll(async () => {
    ca = await testCa();
    const cert = await issueBedCertificate(ca, [
      'mx-good.mail.test',
      'mx-bad.mail.test',
      'mx-auth.mail.test',
      'mx.unsigned.test',
      'mta-sts.good.mail.test',
      'mta-sts.sts-testing.mail.test',
      'mta-sts.sts-miss.mail.test',
    ]);
    mail = await startMailBed([
      { address: MX_GOOD, starttls: cert, submissions: cert, imaps: cert },
      { address: MX_PLAIN },
      { address: MX_AUTH, starttls: cert, authBeforeTls: true, imapLoginInClear: true },
    ]);
    web = await startWebBed({
      addresses: [WEB],
      credentials: cert,
      sites: {
        'mta-sts.good.mail.test': { paths: { '/.well-known/mta-sts.txt': policy('enforce', ['mx-good.mail.test']) } },
        'mta-sts.sts-testing.mail.test': { paths: { '/.well-known/mta-sts.txt': policy('testing', ['*.mail.test']) } },
        'mta-sts.sts-miss.mail.test': { paths: { '/.well-known/mta-sts.txt': policy('enforce', ['mx-bad.mail.test']) } },
      },
    });
    const spki = new X509Certificate(cert.leafDer).publicKey.export({ type: 'spki', format: 'der' });
    const tlsaGood = createHash('sha256').update(spki).digest('hex');
    const tlsa = `_${mail.ports.smtp}._tcp`;
    const r = (name: string, type: string, data: string): BedRecord => ({ name, type, data });
    const sts = (d: string) => [r(`_mta-sts.${d}`, 'TXT', 'v=STSv1; id=2026a1'), r(`mta-sts.${d}`, 'A', WEB)];
    const spfMany = Array.from({ length: 11 }, (_, i) => `include:i${i}.spf-many.mail.test`).join(' ');
    dns = await startDnsBed({
      zones: {
        'mail.test': {
          records: [
            r('mx-good', 'A', MX_GOOD),
            r('mx-bad', 'A', MX_GOOD),
            r('mx-plain', 'A', MX_PLAIN),
            r('mx-auth', 'A', MX_AUTH),
            // The served key, and the next one (rollover ready).
            r(`${tlsa}.mx-good`, 'TLSA', `3 1 1 ${tlsaGood}`),
            r(`${tlsa}.mx-good`, 'TLSA', `3 1 1 ${randomBytes(32).toString('hex')}`),
            r(`${tlsa}.mx-bad`, 'TLSA', `3 1 1 ${randomBytes(32).toString('hex')}`),

            r('good', 'MX', '10 mx-good'),
            r('good', 'TXT', 'v=spf1 mx -all'),
            r('_dmarc.good', 'TXT', 'v=DMARC1; p=reject; rua=mailto:dmarc@mail.test'),
            r('s2048._domainkey.good', 'TXT', `v=DKIM1; k=rsa; p=${dkimKey(2048)}`),
            r('_smtp._tls.good', 'TXT', 'v=TLSRPTv1; rua=mailto:tlsrpt@mail.test'),
            ...sts('good'),

            r('plain', 'MX', '10 mx-plain'),

            r('auth', 'MX', '10 mx-auth'),
            r('auth', 'TXT', 'v=spf1 +all'),
            r('_dmarc.auth', 'TXT', 'v=DMARC1; p=none'),
            r('s1024._domainkey.auth', 'TXT', `v=DKIM1; k=rsa; p=${dkimKey(1024)}`),

            r('spf-many', 'TXT', `v=spf1 ${spfMany} -all`),
            ...Array.from({ length: 11 }, (_, i) => r(`i${i}.spf-many`, 'TXT', 'v=spf1 ip4:192.0.2.1 -all')),
            r('spf-two', 'TXT', 'v=spf1 -all'),
            r('spf-two', 'TXT', 'v=spf1 mx ~all'),
            r('_dmarc.dmarc-bad', 'TXT', 'v=DMARC1; p=maybe'),

            r('sts-testing', 'MX', '10 mx-good'),
            ...sts('sts-testing'),
            r('sts-miss', 'MX', '10 mx-good'),
            ...sts('sts-miss'),

            r('dane-bad', 'MX', '10 mx-bad'),
            r('null', 'MX', '0 .'),
          ],
        },
        'unsigned.test': { signed: false, records: [r('@', 'MX', '10 mx'), r('mx', 'A', MX_GOOD)] },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await mail?.stop();
    await web?.stop();
    await dns?.stop();
  });

  const audit = (domain: string, extra: Partial<AuditOptions> = {}) =>
    runAudit(domain, {
      only: 'mail',
      resolver: dns.resolver,
      ca: [ca.rootPem],
      concurrency: 4,
      timeoutMs: 3000,
      allAddresses: false,
      allowPrivate: true,
      ports: { ...mail.ports, https: web.httpsPort },
      ...extra,
    });

  /** id → statuses of the MAIL checks (one per target; joined when a check has several). */
  function verdicts(report: AuditReport): Record<string, Status | string> {
    const out: Record<string, string[]> = {};
    for (const r of report.results) if (r.id.startsWith('MAIL-')) (out[r.id] ??= []).push(r.status);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join(',')]));
  }
  const find = (report: AuditReport, id: string) => report.results.find((r) => r.id === id)!;

  it('a well-run domain: STARTTLS with a good certificate, DANE, SPF, DMARC, DKIM, MTA-STS, TLS-RPT, implicit TLS', async () => {
    const report = await audit('good.mail.test', { dkimSelectors: ['s2048'] });
    expect(verdicts(report)).toEqual({
      'MAIL-01': 'pass',
      'MAIL-02': 'pass',
      'MAIL-03': 'pass',
      'MAIL-04': 'pass',
      'MAIL-05': 'info',
      'MAIL-06': 'pass',
      'MAIL-07': 'pass',
      'MAIL-08': 'pass',
      'MAIL-09': 'pass',
      'MAIL-10': 'pass',
      'MAIL-11': 'pass',
    });
    expect(find(report, 'MAIL-05').summary).toContain('2 usable TLSA records');
    expect(find(report, 'MAIL-08').summary).toBe('Selector "s2048" has a 2048-bit RSA key.');
    expect(find(report, 'MAIL-11').summary).toContain('Implicit TLS on submissions');
    // The mail endpoints had their TLS audited too, the STARTTLS one as an MX.
    const mxTls = report.results.filter((r) => r.id === 'TLS-01' && r.target === `mx-good.mail.test:${mail.ports.smtp} (${MX_GOOD})`);
    expect(mxTls.map((r) => r.status)).toEqual(['pass']);
    expect(report.results.some((r) => r.id === 'CERT-01' && r.target.includes(`:${mail.ports.smtps} `))).toBe(true);
  });

  it('no STARTTLS, no TLSA in a signed zone, no SPF, DMARC or DKIM', async () => {
    const report = await audit('plain.mail.test');
    expect(verdicts(report)).toEqual({
      'MAIL-01': 'pass',
      'MAIL-02': 'fail',
      'MAIL-03': 'fail',
      'MAIL-06': 'fail',
      'MAIL-07': 'fail',
      'MAIL-08': 'warn',
      'MAIL-09': 'info',
      'MAIL-10': 'info',
      'MAIL-11': 'info',
    });
    expect(find(report, 'MAIL-02').summary).toContain('does not offer STARTTLS');
    expect(find(report, 'MAIL-03').summary).toContain('publishes no TLSA record');
    expect(find(report, 'MAIL-06').summary).toBe('plain.mail.test publishes no SPF record.');
    expect(find(report, 'MAIL-07').summary).toBe('_dmarc.plain.mail.test has no DMARC record.');
  });

  it('AUTH before TLS, +all, DMARC p=none and a weak DKIM key', async () => {
    const report = await audit('auth.mail.test', { dkimSelectors: ['s1024', 'missing'] });
    const v = verdicts(report);
    expect(v['MAIL-02']).toBe('pass');
    expect(v['MAIL-06']).toBe('fail');
    expect(v['MAIL-07']).toBe('warn');
    expect(v['MAIL-08']).toBe('fail,fail');
    expect(v['MAIL-11']).toBe('fail');
    expect(find(report, 'MAIL-06').summary).toContain('+all');
    const dkim = report.results.filter((r) => r.id === 'MAIL-08').map((r) => r.summary).sort();
    expect(dkim).toEqual(['Selector "missing" has no DKIM key record.', 'Selector "s1024" has a 1024-bit RSA key; use at least 2048 bits.']);
    expect(find(report, 'MAIL-11').summary).toBe('Passwords are accepted before TLS on imap (' + mail.ports.imap + '), smtp (' + mail.ports.smtp + ').');
  });

  it('SPF with too many lookups, or two records; an invalid DMARC policy', async () => {
    const [many, two, dmarc] = await Promise.all([audit('spf-many.mail.test'), audit('spf-two.mail.test'), audit('dmarc-bad.mail.test')]);
    expect(find(many, 'MAIL-06')).toMatchObject({ status: 'fail', summary: expect.stringContaining('more than 10 DNS-querying terms') });
    expect(find(many, 'MAIL-06').evidence.facts).toMatchObject({ lookups: 11 });
    expect(find(two, 'MAIL-06')).toMatchObject({ status: 'fail', summary: 'spf-two.mail.test publishes 2 SPF records; receivers treat that as an error.' });
    expect(find(dmarc, 'MAIL-07')).toMatchObject({ status: 'fail', summary: expect.stringContaining('p=maybe') });
  });

  it('MTA-STS in testing mode, and a policy that misses an MX, warn', async () => {
    const [testing, miss] = await Promise.all([audit('sts-testing.mail.test'), audit('sts-miss.mail.test')]);
    expect(find(testing, 'MAIL-09')).toMatchObject({ status: 'warn', summary: expect.stringContaining('testing mode') });
    expect(find(miss, 'MAIL-09')).toMatchObject({ status: 'warn', summary: expect.stringContaining('mx-good.mail.test would be refused') });
  });

  it('a TLSA record that does not match the served certificate fails', async () => {
    const report = await audit('dane-bad.mail.test');
    const v = verdicts(report);
    expect([v['MAIL-02'], v['MAIL-03'], v['MAIL-04'], v['MAIL-05']]).toEqual(['pass', 'pass', 'fail', 'info']);
    expect(find(report, 'MAIL-04').summary).toContain('No TLSA record matches');
    expect(find(report, 'MAIL-05').summary).toContain('Only one usable TLSA record');
  });

  it('a Null MX passes; an MX in an unsigned zone makes DANE impossible (info)', async () => {
    const [nul, unsigned] = await Promise.all([audit('null.mail.test'), audit('unsigned.test')]);
    expect(find(nul, 'MAIL-01')).toMatchObject({ status: 'pass', summary: 'A valid Null MX says the domain receives no mail.' });
    expect(find(nul, 'MAIL-02').status).toBe('info');
    expect(find(unsigned, 'MAIL-03')).toMatchObject({ status: 'info', summary: expect.stringContaining('not signed') });
    expect(find(unsigned, 'MAIL-02').status).toBe('pass');
  });
});
