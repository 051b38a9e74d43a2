// CERT-01…05 from the chain a server sent (DER, leaf first).
import { errorResult, result } from '../audit-support.js';
import type { CheckResult } from '../types.js';
import { AnchorStore, buildChain, certsFromPem, type ChainResult, systemAnchors } from './chain.js';
import { DerParseError } from './der.js';
import { matchHost } from './names.js';
import { type CertInfo, fingerprint, parseCertificate } from './x509.js';

export interface CertAuditInput {
  /** DER certificates as served, leaf first. */
  chain: Buffer[];
  /** The name the client asked for (SNI) and must find in the certificate. */
  host: string;
  kind: 'https' | 'mail' | 'other';
  /** The MX publishes DANE-TA records: chain completeness and name are judged as on the web. */
  dane?: boolean;
  /** Extra trust anchors (PEM). */
  ca?: string[];
  now: Date;
  target: string;
}

export interface CertAudit {
  results: CheckResult[];
  leaf?: CertInfo;
  /** The leaf's issuer, when the chain or the trust store has it (for OCSP). */
  issuer?: CertInfo;
  chain?: ChainResult;
}

const DAY = 86_400_000;
const extraStores = new Map<string, AnchorStore>();

function extraAnchors(ca: string[] | undefined): AnchorStore[] {
  if (!ca?.length) return [];
  const key = ca.join('\n');
  let store = extraStores.get(key);
  if (!store) {
    store = new AnchorStore(
      ca.flatMap((p) => certsFromPem(p)),
      'extra trust anchors',
    );
    if (extraStores.size > 16) extraStores.clear();
    extraStores.set(key, store);
  }
  return [store];
}

function describe(c: CertInfo): Record<string, unknown> {
  return {
    subject: c.subjectText,
    issuer: c.issuerText,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    signature: c.signature.name,
    key: c.key.type + (c.key.bits ? ` ${c.key.bits}` : '') + (c.key.curve ? ` ${c.key.curve}` : ''),
    sha256: fingerprint(c.der),
  };
}

export function auditCertificates(input: CertAuditInput): CertAudit {
  const { target, now } = input;
  const ids = ['CERT-01', 'CERT-02', 'CERT-03', 'CERT-04', 'CERT-05'];
  if (input.chain.length === 0) return { results: ids.map((id) => errorResult(id, target, 'the server sent no certificate')) };
  const served: CertInfo[] = [];
  for (const [i, der] of input.chain.entries()) {
    try {
      served.push(parseCertificate(der));
    } catch (err) {
      if (i === 0) {
        const why = err instanceof DerParseError ? err.message : String(err);
        return { results: ids.map((id) => errorResult(id, target, `the leaf certificate does not parse: ${why}`)) };
      }
      // A broken extra certificate is reported by the chain check (it cannot be used).
    }
  }
  const leaf = served[0]!;
  const leafFacts = describe(leaf);
  const results: CheckResult[] = [];
  const mail = input.kind === 'mail';

  // CERT-01: chain to a trusted root.
  const chain = buildChain(served, [systemAnchors(), ...extraAnchors(input.ca)], now);
  const pathFacts = { served: served.map((c) => c.subjectText), path: chain.path.map((c) => c.subjectText), anchor: chain.anchorFrom, problems: chain.problems };
  const unparsed = input.chain.length - served.length;
  {
    let ok = chain.status === 'trusted' && chain.problems.length === 0;
    let summary: string;
    if (chain.status === 'trusted') {
      summary = ok
        ? `The chain leads to "${chain.path.at(-1)!.subjectText}" in the ${chain.anchorFrom}.`
        : `The chain reaches a trusted root, but: ${chain.problems.join('; ')}.`;
    } else if (chain.status === 'self-signed') {
      summary = 'The certificate is self-signed.';
    } else if (chain.status === 'untrusted-root') {
      summary = `The chain ends at "${chain.path.at(-1)!.subjectText}", a root that is not trusted.`;
    } else {
      summary = `The chain is incomplete: the issuer "${chain.missingIssuer}" was neither sent nor found among the trusted roots (a missing intermediate certificate?).`;
    }
    if (unparsed) summary += ` ${unparsed} served certificate(s) could not be parsed.`;
    // With DANE-TA the TLSA record, not a public root, is the anchor: the chain must still be complete (RFC 7671 §5.2.2).
    if (mail && input.dane && chain.status === 'untrusted-root' && chain.problems.length === 0) {
      ok = true;
      summary = `The chain is complete up to "${chain.path.at(-1)!.subjectText}", which DANE-TA designates (MAIL-04 checks the match).`;
    }
    const status = ok ? 'pass' : mail && !input.dane ? 'info' : 'fail';
    if (status === 'info') summary += ' On an MX without DANE this is reported, not scored (senders do not check it).';
    results.push(result('CERT-01', status, target, summary, { received: `${input.chain.length} certificate(s)`, facts: pathFacts }));
  }

  // CERT-02: the host name is in subjectAltName.
  {
    const m = matchHost(input.host, leaf.san);
    const names = leaf.san ? [...leaf.san.dns.map((d) => `DNS:${d}`), ...leaf.san.ip.map((i) => `IP:${i}`)] : [];
    const facts = { host: input.host, subjectAltName: names };
    if (m.match) {
      results.push(result('CERT-02', 'pass', target, `The certificate names ${input.host} (${m.matchedBy}).`, { facts }));
    } else {
      const why = leaf.san ? `none of its names (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) matches ${input.host}` : 'it has no subjectAltName';
      const status = mail && !input.dane ? 'info' : 'fail';
      results.push(result('CERT-02', status, target, `The certificate does not name ${input.host}: ${why}.`, { facts }));
    }
  }

  // CERT-03: key strength.
  {
    const k = leaf.key;
    const facts = { key: leafFacts.key };
    let status: 'pass' | 'warn' | 'fail' | 'error';
    let summary: string;
    if (k.type === 'rsa' || k.type === 'rsa-pss') {
      const bits = k.bits ?? 0;
      status = bits >= 3072 ? 'pass' : bits >= 2048 ? 'warn' : 'fail';
      summary = `RSA key of ${bits} bits${status === 'pass' ? '.' : status === 'warn' ? ' (3072 or more recommended).' : ' — too weak.'}`;
    } else if (k.type === 'ec') {
      const nist = ['P-256', 'P-384', 'P-521'];
      const strongOther = ['brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1', 'secp256k1'];
      status = nist.includes(k.curve ?? '') ? 'pass' : strongOther.includes(k.curve ?? '') ? 'warn' : 'fail';
      summary = `ECDSA key on ${k.curve}${status === 'pass' ? '.' : status === 'warn' ? ' (not a curve most clients accept).' : ' — too weak or non-standard.'}`;
    } else if (k.type === 'ed25519' || k.type === 'ed448') {
      status = 'pass';
      summary = `${k.type === 'ed25519' ? 'Ed25519' : 'Ed448'} key.`;
    } else if (k.type === 'dsa') {
      status = 'fail';
      summary = 'DSA key: obsolete.';
    } else {
      status = 'error';
      summary = `Unrecognised key algorithm ${k.algorithmOid}.`;
    }
    results.push(status === 'error' ? errorResult('CERT-03', target, summary, { facts }) : result('CERT-03', status, target, summary, { facts }));
  }

  // CERT-04: signature algorithms of the leaf and the intermediates (a root's self-signature does not matter).
  {
    const signed = chain.path.filter((c, i) => i === 0 || (!c.selfIssued && i < chain.path.length - (chain.status === 'trusted' ? 1 : 0)));
    const weak = signed.filter((c) => ['md2', 'md5', 'sha1'].includes(c.signature.hash));
    const unknown = signed.filter((c) => c.signature.hash === 'unknown');
    const facts = { signatures: signed.map((c) => `${c.subjectText}: ${c.signature.name}`) };
    if (weak.length) {
      results.push(result('CERT-04', 'fail', target, `Signed with ${weak.map((c) => `${c.signature.name} ("${c.subjectText}")`).join(', ')}.`, { facts }));
    } else if (unknown.length) {
      results.push(errorResult('CERT-04', target, `unrecognised signature algorithm ${unknown[0]!.signature.oid}`, { facts }));
    } else {
      results.push(result('CERT-04', 'pass', target, `Signed with ${leaf.signature.name}.`, { facts }));
    }
  }

  // CERT-05: validity. > 21 days pass, 8–21 warn, ≤ 7 fail (our thresholds).
  {
    const left = (leaf.notAfter.getTime() - now.getTime()) / DAY;
    const facts = { notBefore: leafFacts.notBefore, notAfter: leafFacts.notAfter, daysLeft: Math.floor(left) };
    if (leaf.notBefore.getTime() > now.getTime()) {
      results.push(result('CERT-05', 'fail', target, `The certificate is not valid yet (from ${leafFacts.notBefore}).`, { facts }));
    } else if (left <= 0) {
      results.push(result('CERT-05', 'fail', target, `The certificate expired on ${leafFacts.notAfter}.`, { facts }));
    } else {
      const days = Math.floor(left);
      const status = left > 21 ? 'pass' : left > 7 ? 'warn' : 'fail';
      results.push(result('CERT-05', status, target, `The certificate expires in ${days} day${days === 1 ? '' : 's'} (${leafFacts.notAfter}).`, { facts }));
    }
  }

  const issuer = chain.path[1] ?? (chain.status === 'self-signed' ? leaf : undefined);
  return issuer ? { results, leaf, issuer, chain } : { results, leaf, chain };
}
