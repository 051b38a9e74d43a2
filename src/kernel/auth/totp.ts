import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string, issuer = 'Hearth'): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), period: PERIOD, digits: 6, algorithm: 'SHA1' }).toString();
}

/**
 * The time step a code belongs to (±1 step for clock drift), or undefined.
 * Callers refuse a step at or before the last one accepted, so a code cannot be replayed.
 */
export function matchTotp(secret: string, code: string, now: Date): number | undefined {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return undefined;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD, digits: 6, algorithm: 'SHA1' });
  const delta = totp.validate({ token: clean, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The current code, for tests and the e2e flow. */
export function totpNow(secret: string, now: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: now.getTime() });
}
