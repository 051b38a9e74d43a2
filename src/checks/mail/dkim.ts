// DKIM key records (RFC 6376 §3.6.1; Ed25519 in RFC 8463): the key type and,
// for RSA, the modulus size read from the p= SubjectPublicKeyInfo.
import { createPublicKey } from 'node:crypto';

export interface DkimKey {
  keyType: string;
  /** RSA modulus in bits. */
  bits?: number;
  /** p= is empty: the key has been revoked. */
  revoked: boolean;
  errors: string[];
}

export function parseDkimKey(record: string): DkimKey {
  const errors: string[] = [];
  const tags: Record<string, string> = {};
  for (const part of record.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      errors.push(`"${trimmed.slice(0, 40)}" is not a tag=value pair`);
      continue;
    }
    tags[trimmed.slice(0, eq).trim().toLowerCase()] = trimmed.slice(eq + 1).trim();
  }
  if (tags.v !== undefined && tags.v !== 'DKIM1') errors.push(`v=${tags.v} is not DKIM1`);
  const keyType = (tags.k ?? 'rsa').toLowerCase();
  const key: DkimKey = { keyType, revoked: false, errors };
  if (tags.p === undefined) {
    errors.push('p= (the public key) is missing');
    return key;
  }
  const b64 = tags.p.replace(/\s+/g, '');
  if (b64 === '') {
    key.revoked = true;
    return key;
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    errors.push('p= is not base64');
    return key;
  }
  const der = Buffer.from(b64, 'base64');
  if (keyType === 'ed25519') {
    if (der.length !== 32) errors.push(`an Ed25519 key is 32 bytes, p= holds ${der.length}`);
    return key;
  }
  if (keyType !== 'rsa') {
    errors.push(`k=${tags.k} is not a key type DKIM defines (rsa, ed25519)`);
    return key;
  }
  // RFC 6376 says SubjectPublicKeyInfo; some publish a bare RSAPublicKey (PKCS#1), which verifiers also accept.
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const k = createPublicKey({ key: der, format: 'der', type });
      if (k.asymmetricKeyType !== 'rsa') {
        errors.push(`k=rsa but p= holds a ${k.asymmetricKeyType ?? 'unknown'} key`);
        return key;
      }
      const bits = k.asymmetricKeyDetails?.modulusLength;
      if (bits !== undefined) key.bits = bits;
      return key;
    } catch {
      // try the next encoding
    }
  }
  errors.push('p= does not hold an RSA public key');
  return key;
}

/** MAIL-08 for one declared selector: RSA ≥ 2048 or Ed25519 passes; anything else fails. */
export function judgeDkimKey(selector: string, records: string[]): { status: 'pass' | 'fail'; summary: string; key?: DkimKey } {
  const dkim = records.filter((r) => /^\s*(v\s*=\s*DKIM1|k\s*=|p\s*=)/i.test(r) || /;\s*p\s*=/i.test(r));
  if (dkim.length === 0) return { status: 'fail', summary: `Selector "${selector}" has no DKIM key record.` };
  if (dkim.length > 1) return { status: 'fail', summary: `Selector "${selector}" has ${dkim.length} key records; verifiers may pick either.` };
  const key = parseDkimKey(dkim[0]!);
  if (key.errors.length > 0) return { status: 'fail', summary: `Selector "${selector}": ${key.errors.join('; ')}.`, key };
  if (key.revoked) return { status: 'fail', summary: `Selector "${selector}" is revoked (empty p=).`, key };
  if (key.keyType === 'ed25519') return { status: 'pass', summary: `Selector "${selector}" has an Ed25519 key.`, key };
  if ((key.bits ?? 0) < 2048) return { status: 'fail', summary: `Selector "${selector}" has a ${key.bits}-bit RSA key; use at least 2048 bits.`, key };
  return { status: 'pass', summary: `Selector "${selector}" has a ${key.bits}-bit RSA key.`, key };
}
