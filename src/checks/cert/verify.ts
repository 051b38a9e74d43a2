// Verifies an X.509-style signature (certificate or OCSP response) with the
// signer's SubjectPublicKeyInfo. Weak algorithms are verified too: judging them
// is the checks' job, not the verifier's.
import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { SignatureAlgorithm } from './x509.js';

function family(oid: string): 'rsa' | 'pss' | 'ecdsa' | 'dsa' | 'eddsa' | 'unknown' {
  if (oid === '1.2.840.113549.1.1.10') return 'pss';
  if (oid.startsWith('1.2.840.113549.1.1.') || oid === '1.3.14.3.2.29') return 'rsa';
  if (oid.startsWith('1.2.840.10045.4.')) return 'ecdsa';
  if (oid === '1.2.840.10040.4.3' || oid === '2.16.840.1.101.3.4.3.1' || oid === '2.16.840.1.101.3.4.3.2') return 'dsa';
  if (oid === '1.3.101.112' || oid === '1.3.101.113' || oid.startsWith('2.16.840.1.101.3.4.3.1')) return 'eddsa';
  return 'unknown';
}

const keys = new WeakMap<Buffer, KeyObject>();

function keyOf(spki: Buffer): KeyObject {
  let k = keys.get(spki);
  if (!k) {
    k = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    keys.set(spki, k);
  }
  return k;
}

/** True when `signature` over `data` verifies with the key; false for a wrong signature or anything unsupported. */
export function verifySignature(data: Buffer, alg: SignatureAlgorithm, signature: Buffer, signerSpki: Buffer): boolean {
  try {
    const key = keyOf(signerSpki);
    switch (family(alg.oid)) {
      case 'rsa':
        return verify(alg.hash, data, key, signature);
      case 'pss':
        return verify(alg.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
      case 'ecdsa':
      case 'dsa':
        return verify(alg.hash, data, { key, dsaEncoding: 'der' }, signature);
      case 'eddsa':
        return verify(null, data, key, signature);
      default:
        return false;
    }
  } catch {
    return false;
  }
}
