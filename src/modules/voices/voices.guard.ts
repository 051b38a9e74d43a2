// Abuse limits for anonymous answers, without knowing who anyone is.
//
// - A signed form token (HMAC under the server secret) carries the campaign,
//   the moment the form was shown and a random id. An answer needs one that is
//   old enough (a person reads and writes; a script posts at once), young enough,
//   and unused: its id is remembered in the database until it would have expired,
//   so several web processes agree.
// - A per-source limit keyed by HMAC(key of the day, address or IPv6 /64). The
//   key is random, lives only in this process's memory and is replaced every
//   24 hours together with every count: nothing stored, nothing to reverse.
//   Loopback sources are not limited: onion-service traffic arrives from the
//   local Tor daemon, where one bucket would lock every Tor user out together
//   (Tor's own proof-of-work defence and the budgets cover it).
// - Hourly budgets per campaign and for all campaigns together live in the
//   database beside the answers (voices.service.ts), counted in the answer's transaction.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { Clock } from '../../kernel/time.js';

export const TOKEN_MIN_FILL_MS = 3_000;
export const TOKEN_MAX_AGE_MS = 4 * 3_600_000;
/** Submissions (accepted or refused) per source and window. */
export const SOURCE_LIMIT = 20;
export const SOURCE_WINDOW_MS = 10 * 60_000;
const KEY_LIFETIME_MS = 24 * 3_600_000;
/** Sources remembered at most; beyond it the oldest windows are dropped first. */
const MAX_SOURCES = 200_000;

export type TokenProblem = 'invalid' | 'too_fast' | 'expired';

export interface VerifiedToken {
  /** What marks the token as used: stored until `expiresAt`. */
  id: string;
  issuedAt: number;
  expiresAt: Date;
}

const b64 = (b: Buffer) => b.toString('base64url');

export class FormTokens {
  private readonly key: Buffer;
  constructor(
    secret: string,
    private readonly clock: Clock,
    readonly minFillMs = TOKEN_MIN_FILL_MS,
    readonly maxAgeMs = TOKEN_MAX_AGE_MS,
  ) {
    this.key = createHmac('sha256', secret).update('hearth voices form token v1').digest();
  }

  private sign(text: string): string {
    return b64(createHmac('sha256', this.key).update(text).digest());
  }

  /** A token for one showing of one campaign's form. */
  issue(campaignId: string): string {
    const body = `v1.${campaignId}.${this.clock.now().getTime().toString(36)}.${b64(randomBytes(16))}`;
    return `${body}.${this.sign(body)}`;
  }

  verify(token: unknown, campaignId: string): VerifiedToken | TokenProblem {
    if (typeof token !== 'string' || token.length > 300) return 'invalid';
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') return 'invalid';
    const [, campaign, issued, nonce, sig] = parts as [string, string, string, string, string];
    const expected = Buffer.from(this.sign(parts.slice(0, 4).join('.')));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    if (campaign !== campaignId) return 'invalid';
    const issuedAt = parseInt(issued, 36);
    const now = this.clock.now().getTime();
    if (!Number.isSafeInteger(issuedAt) || issuedAt > now + 60_000) return 'invalid';
    if (now - issuedAt < this.minFillMs) return 'too_fast';
    if (now - issuedAt > this.maxAgeMs) return 'expired';
    return { id: `t:${nonce}`, issuedAt, expiresAt: expiryHour(issuedAt + this.maxAgeMs) };
  }
}

/**
 * The hour after `ms`, so a stored expiry does not tell when the form was shown
 * (which an access log could match with an address).
 */
export function expiryHour(ms: number): Date {
  const hour = 3_600_000;
  return new Date(Math.ceil(ms / hour) * hour);
}

/** The start of the hour `d` falls in: the only arrival time an answer keeps. */
export function hourOf(d: Date): Date {
  const hour = 3_600_000;
  return new Date(Math.floor(d.getTime() / hour) * hour);
}

/**
 * The part of an address that identifies one source: an IPv4 address (also when
 * mapped into IPv6), or an IPv6 /64 (one subscriber's network); undefined for
 * loopback and for anything unparseable.
 */
export function sourceOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address);
  } catch {
    return undefined;
  }
  if (ip.range() === 'loopback') return undefined;
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4);
  return parts.map((p) => p.toString(16)).join(':') + '::/64';
}

interface Window {
  n: number;
  resetAt: number;
}

/** Counts per source in memory only, under a key of the day. */
export class SourceLimiter {
  private key = randomBytes(32);
  private keyBorn: number;
  private windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    readonly limit = SOURCE_LIMIT,
    readonly windowMs = SOURCE_WINDOW_MS,
  ) {
    this.keyBorn = clock.now().getTime();
  }

  /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
  hit(address: string | undefined): number {
    const source = sourceOf(address);
    if (source === undefined) return 0;
    const now = this.clock.now().getTime();
    if (now - this.keyBorn >= KEY_LIFETIME_MS || now < this.keyBorn) this.rotate(now);
    const id = createHmac('sha256', this.key).update(source).digest('base64url').slice(0, 22);
    let w = this.windows.get(id);
    if (!w || w.resetAt <= now) {
      if (w) this.windows.delete(id);
      w = { n: 0, resetAt: now + this.windowMs };
      if (this.windows.size >= MAX_SOURCES) this.prune(now);
      this.windows.set(id, w);
    }
    w.n++;
    return w.n > this.limit ? Math.max(1, Math.ceil((w.resetAt - now) / 1000)) : 0;
  }

  /** A new key of the day; every count made under the old one is forgotten with it. */
  rotate(now = this.clock.now().getTime()): void {
    this.key = randomBytes(32);
    this.keyBorn = now;
    this.windows = new Map();
  }

  get size(): number {
    return this.windows.size;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still full: drop the oldest (Map keeps insertion order).
    for (const k of this.windows.keys()) {
      if (this.windows.size < MAX_SOURCES) break;
      this.windows.delete(k);
    }
  }
}
