// Optional proof of work for browsers with JavaScript, in the ALTCHA protocol
// (altcha-lib, v1 challenges: SHA-256, a salt carrying its expiry, an HMAC
// signature). The page carries the challenge in a data attribute; a small
// script from our own origin (public/voices-pow.js) solves it and fills in a
// hidden field. A solved, unused challenge lets an answer skip moderation;
// without JavaScript the answer is still taken and waits for a moderator.
// Used challenges are remembered (beside used form tokens) until they expire.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import { publicDir } from '../../paths.js';
import type { Clock } from '../../kernel/time.js';
import { expiryHour } from './voices.guard.js';

export const POW_FIELD = 'altcha';
/** About a second or two of hashing in a browser; nothing for a person, a cost for a flood. */
export const POW_MAX_NUMBER = 50_000;
const POW_LIFETIME_MS = 2 * 3_600_000;

export interface PowChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export class ProofOfWork {
  private readonly key: string;
  constructor(
    secret: string,
    private readonly clock: Clock,
    readonly maxNumber = POW_MAX_NUMBER,
  ) {
    this.key = createHmac('sha256', secret).update('hearth voices proof of work v1').digest('hex');
  }

  async challenge(): Promise<PowChallenge> {
    const c = await createChallenge({ hmacKey: this.key, maxNumber: this.maxNumber, expires: new Date(this.clock.now().getTime() + POW_LIFETIME_MS) });
    return { algorithm: c.algorithm, challenge: c.challenge, maxnumber: c.maxnumber ?? this.maxNumber, salt: c.salt, signature: c.signature };
  }

  /**
   * A solved challenge of ours that has not expired: its id (to remember as used)
   * and when it may be forgotten. Anything else is undefined: the answer then
   * simply is not verified.
   */
  async verify(payload: unknown): Promise<{ id: string; expiresAt: Date } | undefined> {
    if (typeof payload !== 'string' || payload === '' || payload.length > 2000) return undefined;
    let expires: number;
    let challenge: string;
    try {
      const decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { challenge?: unknown };
      if (typeof decoded.challenge !== 'string') return undefined;
      challenge = decoded.challenge;
      expires = Number(extractParams(payload).expires) * 1000;
    } catch {
      return undefined;
    }
    // Expiry is judged by our clock, not the library's.
    if (!Number.isFinite(expires) || expires < this.clock.now().getTime()) return undefined;
    if (!(await verifySolution(payload, this.key, false))) return undefined;
    return { id: `p:${challenge}`, expiresAt: expiryHour(expires) };
  }
}

/** The browser script, served from our origin under a name that changes with its content. */
export function powScript(): { body: Buffer; href: string } {
  const body = readFileSync(resolve(publicDir, 'voices-pow.js'));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, href: `/voices/pow.js?v=${hash}` };
}
