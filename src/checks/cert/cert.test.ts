// CERT-01…05 and the OCSP staple judge, on the throwaway CA's certificates
// (chains as a server would send them), plus RFC 9525 name matching.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../../test/bed/bed.js';
import { BED_HOST, testCa, type TestCa } from '../../../test/bed/ca.js';
import { judgeStaple } from '../tls/ocsp.js';
import { auditCertificates, type CertAuditInput } from './checks.js';
import { dnsIdMatches, matchHost } from './names.js';
import { parseCertificate } from './x509.js';

const DAY = 86_400_000;

describe('RFC 9525 name matching', () => {
  it.each([
    ['example.org', 'example.org', true],
    ['EXAMPLE.org.', 'example.ORG', true],
    ['*.example.org', 'www.example.org', true],
    ['*.example.org', 'a.b.example.org', false],
    ['*.example.org', 'example.org', false],
    ['w*.example.org', 'www.example.org', false],
    ['www.*.org', 'www.example.org', false],
    ['*.org', 'example.org', false],
    ['*', 'localhost', false],
    ['xn--bcher-kva.example', 'bücher.example', true],
  ])('%s matches %s: %s', (presented, reference, match) => {
    expect(dnsIdMatches(presented, reference)).toBe(match);
  });

  it('matches IP references only against iPAddress entries, never the CN', () => {
    expect(matchHost('127.0.0.1', { dns: ['127.0.0.1'], ip: [] }).match).toBe(false);
    expect(matchHost('::1', { dns: [], ip: ['0:0:0:0:0:0:0:1'] })).toEqual({ match: true, matchedBy: 'IP:0:0:0:0:0:0:0:1' });
    expect(matchHost('example.org', undefined).match).toBe(false);
  });
});

const available = bedAvailable('certificate checks (throwaway CA)', ['openssl']);

describe.skipIf(!available)('certificate checks on the throwaway CA', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await testCa();
  }, 60_000);

  const run = (leaf: keyof TestCa['leaves'], o: Partial<CertAuditInput> = {}) => {
    const a = auditCertificates({ chain: ca.leaves[leaf].served, host: BED_HOST, kind: 'https', ca: [ca.rootPem], now: new Date(), target: leaf, ...o });
    return { ...a, status: Object.fromEntries(a.results.map((r) => [r.id, r.status])), summary: Object.fromEntries(a.results.map((r) => [r.id, r.summary])) };
  };

  it('reads the fields it judges from the DER', () => {
    const c = parseCertificate(ca.leaves.ocsp.served[0]!);
    expect(c.san).toEqual({ dns: [BED_HOST, `*.${BED_HOST}`], ip: [] });
    expect(c.ocspUrls).toEqual(['http://ocsp.hearth.test/']);
    expect(c.key).toMatchObject({ type: 'rsa', bits: 3072 });
    expect(c.signature).toMatchObject({ name: 'ecdsa-with-SHA256', hash: 'sha256' });
    expect(c.ca).toBe(false);
    expect(c.eku).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(parseCertificate(ca.leaves.ecdsa.served[0]!).key).toMatchObject({ type: 'ec', curve: 'P-256' });
    expect(parseCertificate(ca.leaves.good.served[1]!).ca).toBe(true);
  });

  it('passes a complete chain to the extra anchor, and fails it without the anchor', () => {
    expect(run('good').status).toEqual({ 'CERT-01': 'pass', 'CERT-02': 'pass', 'CERT-03': 'pass', 'CERT-04': 'pass', 'CERT-05': 'pass' });
    const untrusted = run('good', { ca: [] });
    expect(untrusted.status['CERT-01']).toBe('fail');
    expect(untrusted.summary['CERT-01']).toContain('Hearth Test Root');
  });

  it('tells self-signed, untrusted root and missing intermediate apart', () => {
    expect(run('self-signed').summary['CERT-01']).toBe('The certificate is self-signed.');
    expect(run('untrusted-root').summary['CERT-01']).toContain('a root that is not trusted');
    expect(run('missing-intermediate').summary['CERT-01']).toContain('incomplete');
    for (const leaf of ['self-signed', 'untrusted-root', 'missing-intermediate'] as const) expect(run(leaf).status['CERT-01']).toBe('fail');
  });

  it('reports chain and name problems on an MX as info, unless DANE-TA is used', () => {
    expect(run('missing-intermediate', { kind: 'mail' }).status['CERT-01']).toBe('info');
    expect(run('wrong-name', { kind: 'mail' }).status['CERT-02']).toBe('info');
    expect(run('wrong-name', { kind: 'mail', dane: true }).status['CERT-02']).toBe('fail');
    expect(run('missing-intermediate', { kind: 'mail', dane: true }).status['CERT-01']).toBe('fail');
    // With DANE-TA the TLSA record is the anchor: a complete chain to a private root passes.
    expect(run('untrusted-root', { kind: 'mail', dane: true }).status['CERT-01']).toBe('pass');
  });

  it('rates key strength', () => {
    expect(run('rsa1024').status['CERT-03']).toBe('fail');
    expect(run('rsa2048').status['CERT-03']).toBe('warn');
    expect(run('good').summary['CERT-03']).toBe('RSA key of 3072 bits.');
    expect(run('ecdsa').status['CERT-03']).toBe('pass');
  });

  it('fails a SHA-1 signature on the leaf', () => {
    expect(run('sha1').status['CERT-04']).toBe('fail');
    expect(run('sha1').summary['CERT-04']).toContain('ecdsa-with-SHA1');
  });

  it('applies the validity thresholds: > 21 days pass, 8–21 warn, ≤ 7 fail', () => {
    const notAfter = parseCertificate(ca.leaves.good.served[0]!).notAfter.getTime();
    const at = (daysLeft: number) => run('good', { now: new Date(notAfter - daysLeft * DAY) }).status['CERT-05'];
    expect(at(22)).toBe('pass');
    expect(at(21)).toBe('warn');
    expect(at(8.5)).toBe('warn');
    expect(at(7)).toBe('fail');
    expect(at(-1)).toBe('fail');
    expect(run('expiring-10d').status['CERT-05']).toBe('warn');
    expect(run('expired').summary['CERT-05']).toContain('expired');
    expect(run('not-yet-valid').summary['CERT-05']).toContain('not valid yet');
  });

  it('reports a leaf that does not parse as error, never as a verdict', () => {
    const a = auditCertificates({ chain: [Buffer.from('not a certificate')], host: BED_HOST, kind: 'https', now: new Date(), target: 'x' });
    expect(a.results.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error', 'error']);
    expect(a.results[0]!.reason).toContain('does not parse');
  });

  describe('OCSP staples', () => {
    const staple = (name: 'ocsp' | 'ocsp-revoked') => readFileSync(ca.leaves[name].ocsp!);
    const leafOf = (name: 'ocsp' | 'ocsp-revoked' | 'good') => parseCertificate(ca.leaves[name].served[0]!);
    const issuer = () => parseCertificate(ca.leaves.ocsp.served[1]!);

    it('accepts a current "good" response signed by the issuer', () => {
      const v = judgeStaple(staple('ocsp'), leafOf('ocsp'), issuer(), new Date());
      expect(v).toMatchObject({ valid: true, certStatus: 'good', problems: [] });
      expect(v.signedBy).toContain('Hearth Test Intermediate');
    });

    it('refuses revoked, expired, foreign, tampered and unverifiable responses', () => {
      expect(judgeStaple(staple('ocsp-revoked'), leafOf('ocsp-revoked'), issuer(), new Date()).problems).toEqual(['the certificate\'s status is "revoked"']);
      expect(judgeStaple(staple('ocsp'), leafOf('ocsp'), issuer(), new Date(Date.now() + 30 * DAY)).problems[0]).toContain('expired');
      expect(judgeStaple(staple('ocsp'), leafOf('good'), issuer(), new Date()).problems[0]).toContain('another certificate');
      const tampered = Buffer.from(staple('ocsp'));
      // One bit of the signed response data (the responder's name) changed: the signature no longer holds.
      tampered[tampered.indexOf(Buffer.from('Hearth Test Intermediate')) + 1]! ^= 1;
      expect(judgeStaple(tampered, leafOf('ocsp'), issuer(), new Date()).problems).toEqual(['the signature does not verify with the issuer or a responder it delegated to']);
      expect(judgeStaple(staple('ocsp'), leafOf('ocsp'), undefined, new Date()).valid).toBe(false);
      expect(judgeStaple(Buffer.from('garbage'), leafOf('ocsp'), issuer(), new Date()).problems[0]).toContain('not a valid OCSP response');
    });
  });
});
