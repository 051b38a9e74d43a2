// Parsing OpenPGP keys and telling image types from their bytes: pure functions.
import { describe, expect, it } from 'vitest';
import { JPEG, makeExpiredKey, makeKey, makeRevokedKey, PNG, SVG, WEBP } from '../../../test/helpers/profiles.js';
import { sniffImage } from './profile.image.js';
import { describeAlgorithm, formatFingerprint, parsePublicKey } from './profile.openpgp.js';

const problem = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { code: string; details: { fields: Record<string, unknown> } }) => `${e.code} ${Object.keys(e.details.fields).join()}`,
  );

describe('OpenPGP public keys', () => {
  it('reads fingerprint, algorithm and expiry, and re-armors the key', async () => {
    const key = await makeKey({ expiresInSeconds: 3 * 365 * 86_400 });
    const info = await parsePublicKey(`\n  ${key.publicKey}\n`, new Date());
    expect(info.fingerprint).toBe(key.fingerprint);
    expect(info.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(info.algorithm).toBe('Ed25519');
    expect(info.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 2 * 365 * 86_400_000);
    expect(info.armored).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    // Valid when checked before it expires, refused after.
    const later = new Date(info.expiresAt!.getTime() + 1000);
    expect(await problem(parsePublicKey(key.publicKey, later))).toBe('PROFILE_OPENPGP_EXPIRED openpgpKey');
  });

  it('refuses what is not one usable public key, naming the field given', async () => {
    const a = await makeKey();
    const b = await makeKey();
    expect(await problem(parsePublicKey('', new Date()))).toBe('PROFILE_OPENPGP_UNPARSEABLE openpgpKey');
    expect(await problem(parsePublicKey('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----', new Date(), 'key'))).toBe('PROFILE_OPENPGP_UNPARSEABLE key');
    expect(await problem(parsePublicKey(a.privateKey, new Date()))).toBe('PROFILE_OPENPGP_PRIVATE openpgpKey');
    expect(await problem(parsePublicKey(`${a.publicKey}\n${b.publicKey}`, new Date()))).toBe('PROFILE_OPENPGP_MULTIPLE openpgpKey');
    expect(await problem(parsePublicKey((await makeExpiredKey()).publicKey, new Date()))).toBe('PROFILE_OPENPGP_EXPIRED openpgpKey');
    expect(await problem(parsePublicKey(await makeRevokedKey(), new Date()))).toBe('PROFILE_OPENPGP_REVOKED openpgpKey');
    expect(await problem(parsePublicKey('x'.repeat(70_000), new Date()))).toBe('PROFILE_OPENPGP_UNPARSEABLE openpgpKey');
  });

  it('names algorithms as people know them and groups fingerprints by four', () => {
    expect(describeAlgorithm({ algorithm: 'rsaEncryptSign', bits: 4096 })).toBe('RSA 4096');
    expect(describeAlgorithm({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' })).toBe('Ed25519');
    expect(describeAlgorithm({ algorithm: 'ecdsa', curve: 'nistP256' })).toBe('ECDSA (nistP256)');
    expect(formatFingerprint('ABCD1234ABCD1234')).toBe('ABCD 1234 ABCD 1234');
  });
});

describe('logo types from the bytes', () => {
  it('knows PNG, JPEG and WebP by their signatures, and nothing else', () => {
    expect(sniffImage(PNG)).toEqual({ contentType: 'image/png', ext: 'png' });
    expect(sniffImage(JPEG)).toEqual({ contentType: 'image/jpeg', ext: 'jpg' });
    expect(sniffImage(WEBP)).toEqual({ contentType: 'image/webp', ext: 'webp' });
    expect(sniffImage(SVG)).toBeUndefined();
    expect(sniffImage(Buffer.from('GIF89a' + 'x'.repeat(30)))).toBeUndefined();
    expect(sniffImage(PNG.subarray(0, 10))).toBeUndefined();
    // RIFF that is not WebP (a WAV file).
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(16)]))).toBeUndefined();
  });
});
