// Malformed, truncated and random input for every parser of the web and mail
// checks: none may throw or hang. Fixed seed, bounded count, so a failure replays.
import { describe, expect, it } from 'vitest';
import { judgeCookies } from '../http/cookies.js';
import { judgeCsp, judgeFraming, judgeHsts, judgeReferrerPolicy } from '../http/headers.js';
import { judgeScripts, pageResources } from '../http/html.js';
import { judgeSecurityTxt } from '../http/security-txt.js';
import { judgeImapCapabilities, judgePop3Capabilities, parseEhlo } from './dialogue.js';
import { judgeDkimKey } from './dkim.js';
import { judgeDmarc } from './dmarc.js';
import { parseStsPolicy, parseStsRecord, parseTlsRpt, uncoveredMx } from './mta-sts.js';
import { evaluateSpf, judgeSpf, parseSpf } from './spf.js';
import { matchTlsa } from './tlsa.js';

const ITERATIONS = 2000;

/** mulberry32: a small seeded generator. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: T[]) => xs[int(xs.length)]! };
}

const SEEDS = [
  'v=spf1 a mx ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net exists:%{i}.x.example redirect=a.example ~all',
  'v=DMARC1; p=reject; sp=none; pct=50; rua=mailto:d@example.org; adkim=s',
  'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
  "default-src 'self'; script-src 'nonce-x' 'strict-dynamic'; object-src 'none'; base-uri 'none', frame-ancestors *",
  'max-age=31536000; includeSubDomains; preload',
  'sid=1; Secure; HttpOnly; SameSite=Lax; Max-Age=5',
  '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@b\nExpires: 2030-01-01T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\n',
  '<html><!-- x --><base href="//x"><script src="http://a/b" integrity=x></script><img src=\'https://t.example/p\'><script>"</script>',
  'version: STSv1\r\nmode: enforce\r\nmx: *.example.org\r\nmax_age: 86400\r\n',
  'v=TLSRPTv1; rua=mailto:a@b.example,https://r.example/x',
];
const ALPHABET = [';', '=', ':', ' ', '/', '%', '{', '}', '<', '>', '"', "'", '\n', '\r', '\u0000', '\u00ff', 'é', '-', '.', ',', '*', 'all', 'v=spf1 ', 'include:', '%{', '<script', '-->', 'max-age='];

function mutate(r: ReturnType<typeof rng>): string {
  const kind = r.int(4);
  if (kind === 0) return String.fromCharCode(...Array.from({ length: r.int(200) }, () => r.int(256)));
  const base = r.pick(SEEDS);
  if (kind === 1) return base.slice(0, r.int(base.length + 1)); // truncated
  let s = base;
  for (let i = r.int(8); i >= 0; i--) {
    const at = r.int(s.length + 1);
    s = r.next() < 0.5 ? s.slice(0, at) + r.pick(ALPHABET) + s.slice(at) : s.slice(0, at) + s.slice(at + 1 + r.int(5));
  }
  return kind === 2 ? s : s.repeat(1 + r.int(3));
}

describe('parsers under malformed input', () => {
  it(`never throw on ${ITERATIONS} mutated and random inputs`, () => {
    const r = rng(20260301);
    const now = new Date('2026-03-01T00:00:00Z');
    const started = Date.now();
    for (let i = 0; i < ITERATIONS; i++) {
      const s = mutate(r);
      parseSpf(s);
      judgeDmarc('example.org', [s]);
      judgeDkimKey('s', [s]);
      judgeCsp([s], [s]);
      judgeHsts([s]);
      judgeFraming([s], [s]);
      judgeReferrerPolicy([s]);
      judgeCookies([s, s]);
      judgeSecurityTxt({ status: 200, body: s }, now);
      judgeScripts(pageResources(s, 'https://example.org/', 'example.org'), 'example.org');
      uncoveredMx(parseStsPolicy(s), ['mx.example.org']);
      parseStsRecord(s);
      parseTlsRpt(s);
      parseEhlo(s.split('\n'));
      judgeImapCapabilities(s.split(' '));
      judgePop3Capabilities(s.split('\n'));
      matchTlsa([{ usage: r.int(4), selector: r.int(3), matchingType: r.int(4), data: Buffer.from(s) }], Buffer.from(s), [Buffer.from(s.slice(1))]);
    }
    // A pathological input must not make any parser crawl.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('the SPF walk ends on any records a zone could hold', async () => {
    const r = rng(7);
    for (let i = 0; i < 200; i++) {
      const records = new Map<string, string[]>();
      const names = ['example.org', 'a.example.org', 'b.example.org', 'c.example.org'];
      for (const n of names) records.set(n, [`v=spf1 ${Array.from({ length: r.int(6) }, () => r.pick(['include:a.example.org', 'include:b.example.org', 'redirect=c.example.org', 'a', 'mx', 'ptr', 'exists:x.example.org', '-all', '?all', mutate(r).slice(0, 30)])).join(' ')}`]);
      let queries = 0;
      const ev = await evaluateSpf('example.org', {
        txt: async (n) => (queries++, { rcode: 'NOERROR', records: records.get(n) ?? [] }),
        mx: async () => (queries++, { rcode: 'NOERROR', hosts: [] }),
        addresses: async () => (queries++, { rcode: 'NOERROR', count: r.int(2) }),
      });
      judgeSpf(ev);
      expect(queries).toBeLessThanOrEqual(25);
    }
  });
});
