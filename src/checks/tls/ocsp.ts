// Judging a stapled OCSP response (RFC 6960) for TLS-11: it must be a
// successful basic response about this very certificate, signed by its issuer
// (or by a responder the issuer delegated to), current, and "good".
import { createHash } from 'node:crypto';
import { Der, DerParseError, inner, readAlgorithm, readOid, readTime, smallInt, Tag } from '../cert/der.js';
import { verifySignature } from '../cert/verify.js';
import { type CertInfo, HASH_OIDS, parseCertificate, signatureAlgorithm } from '../cert/x509.js';

export interface OcspStapleVerdict {
  valid: boolean;
  certStatus?: 'good' | 'revoked' | 'unknown';
  problems: string[];
  producedAt?: string;
  thisUpdate?: string;
  nextUpdate?: string;
  signedBy?: string;
}

const STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', '(4)', 'sigRequired', 'unauthorized'];
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const SKEW_MS = 5 * 60_000;

interface Single {
  hashOid: string;
  issuerNameHash: Buffer;
  issuerKeyHash: Buffer;
  serial: Buffer;
  status: 'good' | 'revoked' | 'unknown';
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface ParsedOcsp {
  responseStatus: number;
  tbs?: Buffer;
  signature?: { alg: ReturnType<typeof signatureAlgorithm>; value: Buffer };
  producedAt?: Date;
  responses: Single[];
  certs: Buffer[];
}

/** Parses an OCSPResponse; throws DerParseError when it is not one. */
export function parseOcspResponse(der: Buffer): ParsedOcsp {
  const top = new Der(der, 'OCSPResponse');
  const resp = inner(top.expect(Tag.sequence), 'OCSPResponse');
  top.done();
  const responseStatus = smallInt(resp.expect(Tag.enumerated, 'responseStatus'));
  const out: ParsedOcsp = { responseStatus, responses: [], certs: [] };
  const bytesNode = resp.optional(0);
  resp.done();
  if (!bytesNode) return out;
  const rb = inner(inner(bytesNode, 'responseBytes').expect(Tag.sequence), 'ResponseBytes');
  const type = readOid(rb, 'responseType');
  if (type !== '1.3.6.1.5.5.7.48.1.1') throw new DerParseError(`OCSP: response type ${type} is not basic`);
  const basicDer = rb.expect(Tag.octetString, 'response').value;
  rb.done();
  const basic = inner(new Der(basicDer, 'BasicOCSPResponse').expect(Tag.sequence), 'BasicOCSPResponse');
  const tbsNode = basic.expect(Tag.sequence, 'ResponseData');
  const alg = signatureAlgorithm(readAlgorithm(basic));
  const sig = basic.expect(Tag.bitString, 'signature');
  if (sig.value.length < 1 || sig.value[0] !== 0) throw new DerParseError('OCSP: signature has unused bits');
  const certsNode = basic.optional(0);
  basic.done();
  if (certsNode) {
    const seq = inner(inner(certsNode, 'certs').expect(Tag.sequence), 'certs');
    while (seq.remaining) out.certs.push(Buffer.from(seq.expect(Tag.sequence, 'certificate').raw));
  }
  out.tbs = Buffer.from(tbsNode.raw);
  out.signature = { alg, value: Buffer.from(sig.value.subarray(1)) };

  const tbs = inner(tbsNode, 'ResponseData');
  tbs.optional(0); // version
  const responder = tbs.next();
  if (responder.cls !== 2 || (responder.tag !== 1 && responder.tag !== 2)) throw new DerParseError('OCSP: bad responderID');
  out.producedAt = readTime(tbs.expect(Tag.generalizedTime, 'producedAt'));
  const list = inner(tbs.expect(Tag.sequence, 'responses'), 'responses');
  tbs.optional(1);
  tbs.done();
  while (list.remaining) {
    const sr = inner(list.expect(Tag.sequence, 'SingleResponse'), 'SingleResponse');
    const id = inner(sr.expect(Tag.sequence, 'CertID'), 'CertID');
    const hashOid = readAlgorithm(id, 'CertID hashAlgorithm').oid;
    const issuerNameHash = Buffer.from(id.expect(Tag.octetString, 'issuerNameHash').value);
    const issuerKeyHash = Buffer.from(id.expect(Tag.octetString, 'issuerKeyHash').value);
    const serial = Buffer.from(id.expect(Tag.integer, 'serialNumber').value);
    id.done();
    const st = sr.next();
    if (st.cls !== 2 || st.tag > 2) throw new DerParseError('OCSP: bad certStatus');
    const status = st.tag === 0 ? 'good' : st.tag === 1 ? 'revoked' : 'unknown';
    const thisUpdate = readTime(sr.expect(Tag.generalizedTime, 'thisUpdate'));
    const nextNode = sr.optional(0);
    const single: Single = { hashOid, issuerNameHash, issuerKeyHash, serial, status, thisUpdate };
    if (nextNode) single.nextUpdate = readTime(inner(nextNode, 'nextUpdate').expect(Tag.generalizedTime));
    sr.optional(1);
    sr.done();
    out.responses.push(single);
  }
  return out;
}

/**
 * Whether a staple is valid for `leaf` at `now`. `issuer` is the certificate
 * that signed the leaf (from the served chain or the trust store); without it
 * the signature cannot be checked and the staple is not called valid.
 */
export function judgeStaple(der: Buffer, leaf: CertInfo, issuer: CertInfo | undefined, now: Date): OcspStapleVerdict {
  const problems: string[] = [];
  let parsed: ParsedOcsp;
  try {
    parsed = parseOcspResponse(der);
  } catch (err) {
    return { valid: false, problems: [`the staple is not a valid OCSP response: ${(err as Error).message}`] };
  }
  if (parsed.responseStatus !== 0) {
    return { valid: false, problems: [`OCSP response status ${STATUS[parsed.responseStatus] ?? parsed.responseStatus}`] };
  }
  const single = parsed.responses.find((r) => r.serial.equals(leaf.serial));
  const verdict: OcspStapleVerdict = { valid: false, problems };
  if (parsed.producedAt) verdict.producedAt = parsed.producedAt.toISOString();
  if (!single) {
    problems.push('the response is about another certificate (no matching serial number)');
    return verdict;
  }
  verdict.certStatus = single.status;
  verdict.thisUpdate = single.thisUpdate.toISOString();
  if (single.nextUpdate) verdict.nextUpdate = single.nextUpdate.toISOString();
  if (single.status !== 'good') problems.push(`the certificate's status is "${single.status}"`);
  if (single.thisUpdate.getTime() > now.getTime() + SKEW_MS) problems.push('thisUpdate is in the future');
  if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime() - SKEW_MS) problems.push(`the response expired at ${single.nextUpdate.toISOString()}`);

  if (!issuer) {
    problems.push("the issuer's certificate is not available, so the signature cannot be checked");
    return verdict;
  }
  const hash = HASH_OIDS[single.hashOid];
  if (hash) {
    const keyHash = createHash(hash).update(issuer.key.keyBytes).digest();
    if (!keyHash.equals(single.issuerKeyHash)) problems.push('the response names another issuer key');
  }
  const { tbs, signature } = parsed;
  let signedBy: string | undefined;
  if (tbs && signature && verifySignature(tbs, signature.alg, signature.value, issuer.key.spki)) signedBy = issuer.subjectText;
  else if (tbs && signature) {
    for (const der of parsed.certs) {
      let responder: CertInfo;
      try {
        responder = parseCertificate(der);
      } catch {
        continue;
      }
      const delegated =
        responder.issuer.equals(issuer.subject) &&
        verifySignature(responder.tbs, responder.signature, responder.signatureValue, issuer.key.spki) &&
        (responder.eku ?? []).includes(OCSP_SIGNING);
      if (delegated && verifySignature(tbs, signature.alg, signature.value, responder.key.spki)) {
        signedBy = `${responder.subjectText} (delegated responder)`;
        break;
      }
    }
  }
  if (signedBy) verdict.signedBy = signedBy;
  else problems.push('the signature does not verify with the issuer or a responder it delegated to');
  verdict.valid = problems.length === 0;
  return verdict;
}
