// Reading an organisation's OpenPGP public key: one key, public only, not
// revoked, not expired, with a valid self-signature and a subkey that can
// encrypt (advisories for AMBER and above are encrypted to it). Pure apart
// from the library; the library is loaded on first use, not at start-up.
import { validationFailed } from '../../kernel/errors.js';

/** Longest armored key accepted; real keys with many signatures stay far below. */
export const OPENPGP_MAX_LENGTH = 64 * 1024;
/** RSA below this many bits is refused as too weak. */
const MIN_RSA_BITS = 2048;

export interface OpenPgpKeyInfo {
  /** Re-armored by the library: the comment and line endings of the paste are not kept. */
  armored: string;
  /** Upper-case hex, without spaces (40 characters for v4 keys, 64 for v6). */
  fingerprint: string;
  /** For people: "RSA 4096", "Ed25519", "ECDSA (NIST P-256)". */
  algorithm: string;
  expiresAt: Date | null;
  createdAt: Date;
}

export type OpenPgpProblem = 'UNPARSEABLE' | 'MULTIPLE' | 'PRIVATE' | 'REVOKED' | 'EXPIRED' | 'WEAK' | 'NO_ENCRYPTION';

const fail = (problem: OpenPgpProblem, field: string) =>
  validationFailed({ [field]: `error.PROFILE_OPENPGP_${problem}` }, `PROFILE_OPENPGP_${problem}`);

interface AlgorithmInfo {
  algorithm: string;
  bits?: number;
  curve?: string;
}

export function describeAlgorithm(info: AlgorithmInfo): string {
  const a = info.algorithm;
  if (a.startsWith('rsa')) return `RSA ${info.bits ?? '?'}`;
  if (a === 'dsa') return `DSA ${info.bits ?? '?'}`;
  if (a === 'ed25519' || (a === 'eddsaLegacy' && /25519/.test(info.curve ?? ''))) return 'Ed25519';
  if (a === 'ed448') return 'Ed448';
  if (a === 'ecdsa') return `ECDSA (${info.curve ?? '?'})`;
  return info.curve ? `${a} (${info.curve})` : a;
}

/**
 * Parse an armored public key, or throw a 422 naming `field` with the reason:
 * PROFILE_OPENPGP_UNPARSEABLE, _MULTIPLE, _PRIVATE, _REVOKED, _EXPIRED, _WEAK, _NO_ENCRYPTION.
 */
export async function parsePublicKey(text: string, now: Date, field = 'openpgpKey'): Promise<OpenPgpKeyInfo> {
  if (text.length > OPENPGP_MAX_LENGTH) throw fail('UNPARSEABLE', field);
  if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(text)) throw fail('PRIVATE', field);
  // The library reads the first armored block only; a second one would be dropped without a word.
  if ((text.match(/-----BEGIN PGP PUBLIC KEY BLOCK-----/g) ?? []).length > 1) throw fail('MULTIPLE', field);
  const openpgp = await import('openpgp');
  let keys: Awaited<ReturnType<typeof openpgp.readKeys>>;
  try {
    keys = await openpgp.readKeys({ armoredKeys: text.trim() });
  } catch {
    throw fail('UNPARSEABLE', field);
  }
  if (keys.length !== 1) throw fail(keys.length === 0 ? 'UNPARSEABLE' : 'MULTIPLE', field);
  const key = keys[0]!;
  if (key.isPrivate()) throw fail('PRIVATE', field);
  if (await key.isRevoked(undefined, undefined, now)) throw fail('REVOKED', field);
  try {
    await key.verifyPrimaryKey(now);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/revoked/i.test(message)) throw fail('REVOKED', field);
    if (/expired/i.test(message)) throw fail('EXPIRED', field);
    throw fail('UNPARSEABLE', field);
  }
  const expiry = await key.getExpirationTime();
  const expiresAt = expiry instanceof Date ? expiry : null;
  if (expiresAt && expiresAt <= now) throw fail('EXPIRED', field);
  const info = key.getAlgorithmInfo() as AlgorithmInfo;
  if (info.algorithm.startsWith('rsa') && (info.bits ?? 0) < MIN_RSA_BITS) throw fail('WEAK', field);
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    throw fail('NO_ENCRYPTION', field);
  }
  return {
    armored: key.armor(),
    fingerprint: key.getFingerprint().toUpperCase(),
    algorithm: describeAlgorithm(info),
    expiresAt,
    createdAt: key.getCreationTime(),
  };
}

/** "ABCD 1234 …": groups of four, as people compare fingerprints aloud. */
export function formatFingerprint(fpr: string): string {
  return fpr.replace(/(.{4})(?=.)/g, '$1 ');
}
