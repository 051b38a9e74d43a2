// The fields of an X.509 certificate (RFC 5280) the checks judge, read from the
// DER ourselves: signature algorithm, key type and size, validity, names,
// basic constraints, OCSP address. Signatures are verified in chain.ts.
import { createHash } from 'node:crypto';
import { bitLength } from '../tls/bytes.js';
import { Der, DerParseError, inner, oidToString, readAlgorithm, readOid, readTime, smallInt, Tag, type DerNode } from './der.js';

export interface SignatureAlgorithm {
  oid: string;
  name: string;
  /** md5, sha1, sha256, … or "intrinsic" (EdDSA, ML-DSA), "unknown". */
  hash: string;
}

export interface PublicKeyInfo {
  type: 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'unknown';
  algorithmOid: string;
  /** RSA modulus or DSA prime size. */
  bits?: number;
  /** EC curve name ("P-256", "secp224r1", …) or its OID when unknown. */
  curve?: string;
  /** The subjectPublicKey BIT STRING's bits (for OCSP's issuerKeyHash). */
  keyBytes: Buffer;
  /** The whole SubjectPublicKeyInfo. */
  spki: Buffer;
}

export interface CertInfo {
  der: Buffer;
  tbs: Buffer;
  serial: Buffer;
  issuer: Buffer;
  subject: Buffer;
  issuerText: string;
  subjectText: string;
  notBefore: Date;
  notAfter: Date;
  signature: SignatureAlgorithm;
  signatureValue: Buffer;
  key: PublicKeyInfo;
  /** subjectAltName entries, when the extension is present. */
  san?: { dns: string[]; ip: string[] };
  ocspUrls: string[];
  /** basicConstraints cA. */
  ca: boolean;
  /** extendedKeyUsage OIDs, when present. */
  eku?: string[];
  selfIssued: boolean;
}

const SIG: Record<string, [string, string]> = {
  '1.2.840.113549.1.1.2': ['md2WithRSAEncryption', 'md2'],
  '1.2.840.113549.1.1.4': ['md5WithRSAEncryption', 'md5'],
  '1.2.840.113549.1.1.5': ['sha1WithRSAEncryption', 'sha1'],
  '1.3.14.3.2.29': ['sha1WithRSASignature', 'sha1'],
  '1.2.840.113549.1.1.14': ['sha224WithRSAEncryption', 'sha224'],
  '1.2.840.113549.1.1.11': ['sha256WithRSAEncryption', 'sha256'],
  '1.2.840.113549.1.1.12': ['sha384WithRSAEncryption', 'sha384'],
  '1.2.840.113549.1.1.13': ['sha512WithRSAEncryption', 'sha512'],
  '1.2.840.10045.4.1': ['ecdsa-with-SHA1', 'sha1'],
  '1.2.840.10045.4.3.1': ['ecdsa-with-SHA224', 'sha224'],
  '1.2.840.10045.4.3.2': ['ecdsa-with-SHA256', 'sha256'],
  '1.2.840.10045.4.3.3': ['ecdsa-with-SHA384', 'sha384'],
  '1.2.840.10045.4.3.4': ['ecdsa-with-SHA512', 'sha512'],
  '1.2.840.10040.4.3': ['dsa-with-sha1', 'sha1'],
  '2.16.840.1.101.3.4.3.1': ['dsa-with-sha224', 'sha224'],
  '2.16.840.1.101.3.4.3.2': ['dsa-with-sha256', 'sha256'],
  '1.3.101.112': ['Ed25519', 'intrinsic'],
  '1.3.101.113': ['Ed448', 'intrinsic'],
  '2.16.840.1.101.3.4.3.17': ['ML-DSA-44', 'intrinsic'],
  '2.16.840.1.101.3.4.3.18': ['ML-DSA-65', 'intrinsic'],
  '2.16.840.1.101.3.4.3.19': ['ML-DSA-87', 'intrinsic'],
};

export const HASH_OIDS: Record<string, string> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
  '1.3.132.0.33': 'P-224',
  '1.2.840.10045.3.1.1': 'P-192',
  '1.3.132.0.10': 'secp256k1',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
};

const RDN_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** RSASSA-PSS parameters name their hash; the default is SHA-1 (RFC 4055). */
export function pssHash(params: DerNode | undefined): string {
  if (!params || params.tag === Tag.null) return 'sha1';
  const d = inner(params, 'RSASSA-PSS-params');
  const h = d.optional(0);
  if (!h) return 'sha1';
  const alg = readAlgorithm(inner(h, 'PSS hashAlgorithm'), 'PSS hashAlgorithm');
  return HASH_OIDS[alg.oid] ?? 'unknown';
}

export function signatureAlgorithm(alg: { oid: string; params?: DerNode }): SignatureAlgorithm {
  if (alg.oid === '1.2.840.113549.1.1.10') {
    const hash = pssHash(alg.params);
    return { oid: alg.oid, name: `RSASSA-PSS with ${hash.toUpperCase()}`, hash };
  }
  const known = SIG[alg.oid];
  return known ? { oid: alg.oid, name: known[0], hash: known[1] } : { oid: alg.oid, name: alg.oid, hash: 'unknown' };
}

/** A Name as "CN=…, O=…" for people to read (not for comparison: that uses the DER). */
export function nameText(name: DerNode): string {
  const parts: string[] = [];
  const rdns = inner(name, 'Name');
  while (rdns.remaining) {
    const set = inner(rdns.expect(Tag.set, 'RDN'), 'RDN');
    while (set.remaining) {
      const atv = inner(set.expect(Tag.sequence, 'AttributeTypeAndValue'), 'AttributeTypeAndValue');
      const oid = readOid(atv);
      const v = atv.next();
      parts.push(`${RDN_NAMES[oid] ?? oid}=${v.value.toString(v.tag === Tag.utf8String ? 'utf8' : 'latin1')}`);
    }
  }
  return parts.join(', ');
}

function publicKeyInfo(spkiNode: DerNode): PublicKeyInfo {
  const d = inner(spkiNode, 'SubjectPublicKeyInfo');
  const alg = readAlgorithm(d, 'SubjectPublicKeyInfo algorithm');
  const bits = d.expect(Tag.bitString, 'subjectPublicKey');
  d.done();
  if (bits.value.length < 1 || bits.value[0] !== 0) throw new DerParseError('subjectPublicKey: unused bits');
  const keyBytes = Buffer.from(bits.value.subarray(1));
  const base = { algorithmOid: alg.oid, keyBytes, spki: Buffer.from(spkiNode.raw) };
  switch (alg.oid) {
    case '1.2.840.113549.1.1.1':
    case '1.2.840.113549.1.1.10': {
      const rsa = inner(new Der(keyBytes, 'RSAPublicKey').expect(Tag.sequence), 'RSAPublicKey');
      const modulus = rsa.expect(Tag.integer, 'modulus');
      return { ...base, type: alg.oid.endsWith('.1') ? 'rsa' : 'rsa-pss', bits: bitLength(modulus.value) };
    }
    case '1.2.840.10045.2.1': {
      if (!alg.params || alg.params.tag !== Tag.oid) return { ...base, type: 'ec', curve: 'explicit parameters' };
      const curveOid = oidToString(alg.params.value);
      return { ...base, type: 'ec', curve: CURVES[curveOid] ?? curveOid };
    }
    case '1.3.101.112':
      return { ...base, type: 'ed25519' };
    case '1.3.101.113':
      return { ...base, type: 'ed448' };
    case '1.2.840.10040.4.1': {
      let pbits: number | undefined;
      if (alg.params?.constructed) pbits = bitLength(inner(alg.params, 'Dss-Parms').expect(Tag.integer, 'p').value);
      return pbits === undefined ? { ...base, type: 'dsa' } : { ...base, type: 'dsa', bits: pbits };
    }
    default:
      return { ...base, type: 'unknown' };
  }
}

function ipText(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  if (b.length === 16) {
    const words: string[] = [];
    for (let i = 0; i < 16; i += 2) words.push(b.readUInt16BE(i).toString(16));
    return words.join(':');
  }
  return `invalid(${b.toString('hex')})`;
}

/** Parses a DER certificate; throws DerParseError when it is not one. */
export function parseCertificate(der: Buffer): CertInfo {
  const top = new Der(der, 'Certificate');
  const certNode = top.expect(Tag.sequence);
  top.done();
  const cert = inner(certNode, 'Certificate');
  const tbsNode = cert.expect(Tag.sequence, 'TBSCertificate');
  const outerAlg = readAlgorithm(cert, 'signatureAlgorithm');
  const sigBits = cert.expect(Tag.bitString, 'signatureValue');
  cert.done();

  const tbs = inner(tbsNode, 'TBSCertificate');
  const versionNode = tbs.optional(0);
  if (versionNode) {
    const v = smallInt(inner(versionNode, 'version').expect(Tag.integer));
    if (v > 2) throw new DerParseError(`unknown certificate version ${v + 1}`);
  }
  const serial = Buffer.from(tbs.expect(Tag.integer, 'serialNumber').value);
  readAlgorithm(tbs, 'TBSCertificate signature');
  const issuerNode = tbs.expect(Tag.sequence, 'issuer');
  const validity = inner(tbs.expect(Tag.sequence, 'validity'), 'validity');
  const notBefore = readTime(validity.next());
  const notAfter = readTime(validity.next());
  validity.done();
  const subjectNode = tbs.expect(Tag.sequence, 'subject');
  const key = publicKeyInfo(tbs.expect(Tag.sequence, 'subjectPublicKeyInfo'));
  tbs.optional(1);
  tbs.optional(2);
  const info: CertInfo = {
    der,
    tbs: Buffer.from(tbsNode.raw),
    serial,
    issuer: Buffer.from(issuerNode.raw),
    subject: Buffer.from(subjectNode.raw),
    issuerText: nameText(issuerNode),
    subjectText: nameText(subjectNode),
    notBefore,
    notAfter,
    signature: signatureAlgorithm(outerAlg),
    signatureValue: Buffer.from(sigBits.value.subarray(1)),
    key,
    ocspUrls: [],
    ca: false,
    selfIssued: issuerNode.raw.equals(subjectNode.raw),
  };
  const extsNode = tbs.optional(3);
  tbs.done();
  if (extsNode) {
    const exts = inner(inner(extsNode, 'extensions').expect(Tag.sequence), 'Extensions');
    const seen = new Set<string>();
    while (exts.remaining) {
      const e = inner(exts.expect(Tag.sequence, 'Extension'), 'Extension');
      const oid = readOid(e);
      if (seen.has(oid)) throw new DerParseError(`extension ${oid} appears twice`);
      seen.add(oid);
      let next = e.next();
      if (next.cls === 0 && next.tag === Tag.boolean) next = e.next();
      if (next.cls !== 0 || next.tag !== Tag.octetString) throw new DerParseError(`extension ${oid}: expected OCTET STRING`);
      e.done();
      readExtension(info, oid, next.value);
    }
  }
  return info;
}

function readExtension(info: CertInfo, oid: string, value: Buffer): void {
  const d = new Der(value, `extension ${oid}`);
  switch (oid) {
    case '2.5.29.17': {
      const names = inner(d.expect(Tag.sequence), 'subjectAltName');
      const san = { dns: [] as string[], ip: [] as string[] };
      while (names.remaining) {
        const n = names.next();
        if (n.cls === 2 && n.tag === 2) san.dns.push(n.value.toString('latin1'));
        else if (n.cls === 2 && n.tag === 7) san.ip.push(ipText(n.value));
      }
      info.san = san;
      break;
    }
    case '2.5.29.19': {
      const bc = inner(d.expect(Tag.sequence), 'basicConstraints');
      if (bc.remaining) {
        const first = bc.next();
        if (first.cls === 0 && first.tag === Tag.boolean) info.ca = first.value[0] !== 0;
      }
      break;
    }
    case '2.5.29.37': {
      const seq = inner(d.expect(Tag.sequence), 'extKeyUsage');
      const eku: string[] = [];
      while (seq.remaining) eku.push(readOid(seq));
      info.eku = eku;
      break;
    }
    case '1.3.6.1.5.5.7.1.1': {
      const seq = inner(d.expect(Tag.sequence), 'authorityInfoAccess');
      while (seq.remaining) {
        const ad = inner(seq.expect(Tag.sequence), 'AccessDescription');
        const method = readOid(ad);
        const loc = ad.next();
        if (method === '1.3.6.1.5.5.7.48.1' && loc.cls === 2 && loc.tag === 6) info.ocspUrls.push(loc.value.toString('latin1'));
      }
      break;
    }
    default:
      return;
  }
  d.done();
}

/** SHA-256 fingerprint in hex, for evidence and deduplication. */
export function fingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}
