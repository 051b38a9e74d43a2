// One complete test-bed domain, `full.test`: a signed zone with web hosts (the
// domain and www, IPv4 and IPv6), an MX with STARTTLS, DANE, implicit-TLS
// client ports, SPF, DMARC, DKIM, MTA-STS, TLS-RPT and CAA. Used by the full
// audit test, the CLI test and the benchmark. Extra zones can ride along.
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditOptions } from '../../../src/checks/types.js';
import { tempDir, type TempDir } from '../bed.js';
import { testCa, type TestCa } from '../ca.js';
import { startDnsBed, type BedRecord, type BedZone, type DnsBed } from '../dns/dns-bed.js';
import { startMailBed, type MailBed } from '../mail/mail-bed.js';
import { issueBedCertificate } from './certs.js';
import { startWebBed, type Site, type WebBed } from './web-bed.js';

export const DOMAIN_BED = { domain: 'full.test', web: '127.0.80.2', mx: '127.0.25.5', v6: '::1', dkimSelector: 'bed2026' } as const;

export const GOOD_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface DomainBed {
  domain: string;
  ca: TestCa;
  dns: DnsBed;
  web: WebBed;
  mail: MailBed;
  /** Everything runAudit needs to audit the bed (add `only`, `onProgress`, … as wished). */
  options: AuditOptions;
  /** The same as `hearth check` flags (after the domain). */
  cliArgs: string[];
  stop(): Promise<void>;
}

export interface DomainBedExtras {
  /** More sites on the bed's web server (host → site), e.g. for a failing scenario. */
  sites?: Record<string, Site>;
  /** More zones in the DNS bed. */
  zones?: Record<string, BedZone>;
  /** More records in the domain's own zone (a proof-of-control TXT record, say). */
  records?: BedRecord[];
  /**
   * The site served for the domain and www instead of the one on which every
   * check passes. The bed keeps the object: a test changes it (its headers, its
   * paths) to swap the server's configuration between two scans.
   */
  home?: Site;
}

export async function startDomainBed(extras: DomainBedExtras = {}): Promise<DomainBed> {
  const { domain, web: WEB, mx: MX, v6, dkimSelector } = DOMAIN_BED;
  const ca = await testCa();
  const names = [domain, `www.${domain}`, `mx.${domain}`, `mta-sts.${domain}`, ...Object.keys(extras.sites ?? {})];
  const cert = await issueBedCertificate(ca, names);
  const started: Array<{ stop(): Promise<void> }> = [];
  let dir: TempDir | undefined;
  const stop = async () => {
    for (const s of started.reverse()) await s.stop();
    dir?.remove();
  };
  try {
    const securityTxt = { headers: { 'content-type': 'text/plain' }, body: `Contact: mailto:security@${domain}\nExpires: ${new Date(Date.now() + 200 * 86_400_000).toISOString()}\n` };
    const home: Site = extras.home ?? { home: { headers: GOOD_HEADERS, body: '<!doctype html><title>full</title><script src="/app.js"></script>' } };
    if (!extras.home) home.paths = { '/.well-known/security.txt': securityTxt };
    const web = await startWebBed({
      addresses: [WEB, v6],
      credentials: cert,
      sites: {
        [domain]: home,
        [`www.${domain}`]: home,
        [`mta-sts.${domain}`]: { paths: { '/.well-known/mta-sts.txt': { headers: { 'content-type': 'text/plain' }, body: `version: STSv1\nmode: enforce\nmx: mx.${domain}\nmax_age: 604800\n` } } },
        ...extras.sites,
      },
    });
    started.push(web);
    const mail = await startMailBed([MX, v6].map((address) => ({ address, starttls: cert, submissions: cert, imaps: cert })));
    started.push(mail);
    const spki = new X509Certificate(cert.leafDer).publicKey.export({ type: 'spki', format: 'der' });
    const dkim = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const r = (name: string, type: string, data: string): BedRecord => ({ name, type, data });
    const dual = (name: string, v4: string) => [r(name, 'A', v4), r(name, 'AAAA', v6)];
    const dns = await startDnsBed({
      zones: {
        [domain]: {
          records: [
            ...dual('@', WEB),
            ...dual('www', WEB),
            ...dual('mta-sts', WEB),
            ...dual('mx', MX),
            r('@', 'MX', '10 mx'),
            r(`_${mail.ports.smtp}._tcp.mx`, 'TLSA', `3 1 1 ${createHash('sha256').update(spki).digest('hex')}`),
            r('@', 'TXT', 'v=spf1 mx -all'),
            r('_dmarc', 'TXT', `v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`),
            r(`${dkimSelector}._domainkey`, 'TXT', `v=DKIM1; k=rsa; p=${dkim}`),
            r('_mta-sts', 'TXT', 'v=STSv1; id=2026bed'),
            r('_smtp._tls', 'TXT', `v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`),
            r('@', 'CAA', '0 issue "ca.test"'),
            ...(extras.records ?? []),
          ],
        },
        ...extras.zones,
      },
    });
    started.push(dns);
    dir = tempDir('hearth-domain-bed-');
    const caFile = join(dir.path, 'root.pem');
    writeFileSync(caFile, ca.rootPem);
    const ports = { ...mail.ports, https: web.httpsPort, http: web.httpPort, dns: dns.port };
    const options: AuditOptions = {
      resolver: dns.resolver,
      ca: [ca.rootPem],
      concurrency: 2,
      timeoutMs: 3000,
      allAddresses: false,
      allowPrivate: true,
      ports,
      dkimSelectors: [dkimSelector],
    };
    const cliArgs = [
      '--resolver',
      `${dns.resolver.host}:${dns.resolver.port}`,
      '--ca',
      caFile,
      '--timeout',
      '3',
      '--allow-private',
      '--dkim-selector',
      dkimSelector,
      ...Object.entries(ports).flatMap(([k, v]) => ['--port', `${k}=${v}`]),
    ];
    return { domain, ca, dns, web, mail, options, cliArgs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
