// HTTP-01…10 against real servers on loopback: node:https/node:http serving one
// site per scenario (test/bed/web), names resolved through the DNS bed's
// validating resolver, certificates from the bed's test CA.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../../test/bed/bed.js';
import { hasOpenssl, testCa, type TestCa } from '../../../test/bed/ca.js';
import { DNS_BED_BINARIES, startDnsBed, type DnsBed } from '../../../test/bed/dns/dns-bed.js';
import { issueBedCertificate } from '../../../test/bed/web/certs.js';
import { startWebBed, type Site, type WebBed } from '../../../test/bed/web/web-bed.js';
import { runAudit } from '../audit.js';
import type { AuditReport, Status } from '../types.js';

const available = bedAvailable('web test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);

const WEB = '127.0.80.1';
/** Accepts connections and never says a word. */
const STALL = '127.0.80.9';
/** Nothing listens here. */
const CLOSED = '127.0.80.10';

const day = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();
const html = (body: string) => `<!doctype html><html lang="en"><head><title>bed</title></head><body>${body}</body></html>`;

const GOOD_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'set-cookie': '__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
};
const SECURITY_TXT = (expires: string) => ({
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: `Contact: mailto:security@web.test\nExpires: ${expires}\nPreferred-Languages: en, es\n`,
});
const full: Site = {
  home: { headers: GOOD_HEADERS, body: html('<script src="/app.js"></script><script src="https://static.full.web.test/x.js"></script>') },
  paths: { '/.well-known/security.txt': SECURITY_TXT(inDays(180)) },
};
const with_ = (headers: Record<string, string>, body = html('<p>hello</p>')): Site => ({ home: { headers: { ...GOOD_HEADERS, ...headers }, body }, paths: full.paths! });

const SITES: Record<string, Site> = {
  'full.web.test': full,
  'www.full.web.test': full,
  'none.web.test': { home: { body: html('<p>plain</p>') } },
  'weakcsp.web.test': with_(
    { 'content-security-policy': "default-src 'self' 'unsafe-inline'; frame-ancestors 'self'", 'referrer-policy': 'unsafe-url' },
    html('<script src="https://cdn.example.net/lib.js"></script>'),
  ),
  'hsts-short.web.test': with_({ 'strict-transport-security': 'max-age=86400' }),
  'hsts-mid.web.test': with_({ 'strict-transport-security': 'max-age=20000000' }),
  'noredirect.web.test': { ...with_({}), plain: 'none' },
  'otherhost.web.test': { ...with_({}), plain: 'other:full.web.test' },
  'cookie.web.test': with_({ 'set-cookie': 'session=s3cr3t-session-value; Path=/' }),
  'sectxt-expired.web.test': { ...with_({}), paths: { '/.well-known/security.txt': SECURITY_TXT(inDays(-3)) } },
  'scripts.web.test': with_({}, html('<script src="http://scripts.web.test/app.js"></script>')),
};

describe.skipIf(!available)('HTTP checks on the loopback bed', () => {
  let ca: TestCa;
  let web: WebBed;
  let dns: DnsBed;
  let stall: Server;
  const stalled = new Set<Socket>();

  beforeAll(async () => {
    ca = await testCa();
    const cert = await issueBedCertificate(ca, [...Object.keys(SITES), 'stall.web.test']);
    web = await startWebBed({ addresses: [WEB], sites: SITES, credentials: cert });
    stall = createServer((s) => {
      stalled.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((resolve) => stall.listen(web.httpsPort, STALL, resolve));
    const a = (name: string, address = WEB) => ({ name, type: 'A', data: address });
    dns = await startDnsBed({
      zones: {
        'web.test': {
          records: [...Object.keys(SITES).map((h) => a(h.replace(/\.web\.test$/, ''))), a('stall', STALL), a('closed', CLOSED)],
        },
      },
    });
  });
  afterAll(async () => {
    for (const s of stalled) s.destroy();
    await new Promise((r) => stall?.close(r));
    await web?.stop();
    await dns?.stop();
  });

  const audit = (domain: string, timeoutMs = 3000) =>
    runAudit(domain, {
      only: 'web',
      resolver: dns.resolver,
      ca: [ca.rootPem],
      concurrency: 4,
      timeoutMs,
      allAddresses: false,
      allowPrivate: true,
      ports: { https: web.httpsPort, http: web.httpPort },
    });

  /** id → status for the results about `host` (HTTP checks only, unless a prefix is given). */
  function verdicts(report: AuditReport, host: string, prefix = 'HTTP-'): Record<string, Status> {
    const out: Record<string, Status> = {};
    for (const r of report.results) {
      if (!r.id.startsWith(prefix) || !r.target.startsWith(`${host}:`)) continue;
      expect(out[r.id], `${r.id} reported twice for ${host}`).toBeUndefined();
      out[r.id] = r.status;
    }
    return out;
  }
  const summary = (report: AuditReport, id: string) => report.results.find((r) => r.id === id)?.summary ?? '';

  it('full headers: every HTTP check passes, on the domain and on www', async () => {
    const report = await audit('full.web.test');
    const all = { 'HTTP-01': 'pass', 'HTTP-02': 'pass', 'HTTP-03': 'pass', 'HTTP-04': 'pass', 'HTTP-05': 'pass', 'HTTP-06': 'pass', 'HTTP-07': 'pass', 'HTTP-08': 'pass', 'HTTP-09': 'pass', 'HTTP-10': 'pass' };
    expect(verdicts(report, 'full.web.test')).toEqual(all);
    expect(verdicts(report, 'www.full.web.test')).toEqual(all);
    // The TLS engineer's audit ran on the same endpoints, trusting the bed's root.
    const tls = verdicts(report, 'full.web.test', 'CERT-');
    expect(tls['CERT-01']).toBe('pass');
    expect(tls['CERT-02']).toBe('pass');
    expect(verdicts(report, 'full.web.test', 'TLS-')['TLS-01']).toBe('pass');
    const hsts = report.results.find((r) => r.id === 'HTTP-03')!;
    expect(hsts.evidence.facts).toMatchObject({ maxAge: 63072000, includeSubDomains: true });
    expect(hsts.evidence.sent).toContain('GET / HTTP/1.1 Host: full.web.test');
  });

  it('no headers at all', async () => {
    const report = await audit('none.web.test');
    expect(verdicts(report, 'none.web.test')).toEqual({
      'HTTP-01': 'pass',
      'HTTP-02': 'pass',
      'HTTP-03': 'fail',
      'HTTP-04': 'warn',
      'HTTP-05': 'warn',
      'HTTP-06': 'info',
      'HTTP-07': 'warn',
      'HTTP-08': 'warn',
      'HTTP-09': 'pass',
      'HTTP-10': 'pass',
    });
    expect(summary(report, 'HTTP-08')).toBe('No /.well-known/security.txt (HTTP 404).');
  });

  it('a weak CSP, a leaky Referrer-Policy and a third-party script without SRI', async () => {
    const report = await audit('weakcsp.web.test');
    const v = verdicts(report, 'weakcsp.web.test');
    expect([v['HTTP-04'], v['HTTP-06'], v['HTTP-07'], v['HTTP-10']]).toEqual(['warn', 'pass', 'fail', 'warn']);
    expect(summary(report, 'HTTP-04')).toContain("'unsafe-inline'");
    expect(summary(report, 'HTTP-04')).toContain("object-src is not 'none'");
    expect(summary(report, 'HTTP-07')).toContain('unsafe-url');
    expect(summary(report, 'HTTP-10')).toContain('https://cdn.example.net/lib.js');
  });

  it('HSTS too short fails, shorter than a year warns', async () => {
    const [short, mid] = await Promise.all([audit('hsts-short.web.test'), audit('hsts-mid.web.test')]);
    expect(verdicts(short, 'hsts-short.web.test')['HTTP-03']).toBe('fail');
    expect(summary(short, 'HTTP-03')).toContain('max-age=86400');
    expect(verdicts(mid, 'hsts-mid.web.test')['HTTP-03']).toBe('warn');
  });

  it('plain HTTP without a redirect fails; a redirect to another host warns', async () => {
    const [none, other] = await Promise.all([audit('noredirect.web.test'), audit('otherhost.web.test')]);
    expect(verdicts(none, 'noredirect.web.test')['HTTP-02']).toBe('fail');
    expect(summary(none, 'HTTP-02')).toContain('without redirecting');
    expect(verdicts(other, 'otherhost.web.test')['HTTP-02']).toBe('warn');
    expect(summary(other, 'HTTP-02')).toContain('full.web.test');
  });

  it('a session cookie without Secure and HttpOnly fails', async () => {
    const report = await audit('cookie.web.test');
    expect(verdicts(report, 'cookie.web.test')['HTTP-09']).toBe('fail');
    expect(summary(report, 'HTTP-09')).toContain('session (a session cookie) lacks Secure and HttpOnly');
    // The evidence names the cookie and its attributes, never its value.
    expect(report.results.find((r) => r.id === 'HTTP-09')!.evidence.received).toContain('set-cookie: session=…; Path=/');
    expect(JSON.stringify(report)).not.toContain('s3cr3t-session-value');
  });

  it('an expired security.txt warns', async () => {
    const report = await audit('sectxt-expired.web.test');
    expect(verdicts(report, 'sectxt-expired.web.test')['HTTP-08']).toBe('warn');
    expect(summary(report, 'HTTP-08')).toContain('expired on');
  });

  it('a script over plain HTTP fails', async () => {
    const report = await audit('scripts.web.test');
    expect(verdicts(report, 'scripts.web.test')['HTTP-10']).toBe('fail');
  });

  it('a closed HTTPS port fails HTTP-01; the header checks cannot run', async () => {
    const report = await audit('closed.web.test');
    const v = verdicts(report, 'closed.web.test');
    expect(v['HTTP-01']).toBe('fail');
    expect(v['HTTP-02']).toBe('info');
    for (const id of ['HTTP-03', 'HTTP-04', 'HTTP-05', 'HTTP-06', 'HTTP-07', 'HTTP-08', 'HTTP-09', 'HTTP-10']) expect(v[id]).toBe('error');
    expect(report.results.find((r) => r.id === 'HTTP-05')!.reason).toBe('no HTTPS response (connection refused)');
  });

  it('an endpoint that stalls ends as errors within the timeout, and the report completes', async () => {
    const started = Date.now();
    const report = await audit('stall.web.test', 1000);
    const elapsed = Date.now() - started;
    const v = verdicts(report, 'stall.web.test');
    expect(v['HTTP-01']).toBe('error');
    expect(report.results.find((r) => r.id === 'HTTP-01' && r.target.startsWith('stall.'))!.reason).toContain('no answer within 1 s');
    for (const r of report.results.filter((x) => x.id.startsWith('TLS-'))) expect(r.status).toBe('error');
    // A few timeouts at most (handshake, HTTP, the TLS audit's own deadline), never a hang.
    expect(elapsed).toBeLessThan(15_000);
  });
});
