import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/time.js';
import { FormTokens, SourceLimiter, expiryHour, hourOf, sourceOf } from './voices.guard.js';

describe('form tokens', () => {
  const clock = new ManualClock(new Date('2026-03-01T08:20:00.000Z'));
  const tokens = new FormTokens('server-secret', clock);

  it('accept a token for its campaign once old enough, until its maximum age', () => {
    const token = tokens.issue('camp1');
    expect(tokens.verify(token, 'camp1')).toBe('too_fast');
    clock.advance(3_000);
    const ok = tokens.verify(token, 'camp1');
    expect(typeof ok).toBe('object');
    // The stored expiry is rounded up to the hour: it does not tell when the form was shown.
    expect(ok).toMatchObject({ expiresAt: new Date('2026-03-01T13:00:00.000Z') });
    clock.advance(4 * 3_600_000);
    expect(tokens.verify(token, 'camp1')).toBe('expired');
  });

  it('refuse other campaigns, other secrets, altered and malformed tokens', () => {
    const token = tokens.issue('camp1');
    clock.advance(5_000);
    expect(tokens.verify(token, 'camp2')).toBe('invalid');
    expect(new FormTokens('another-secret', clock).verify(token, 'camp1')).toBe('invalid');
    const parts = token.split('.');
    parts[2] = (parseInt(parts[2]!, 36) - 60_000).toString(36);
    expect(tokens.verify(parts.join('.'), 'camp1')).toBe('invalid');
    for (const bad of [undefined, 42, '', 'v1', 'v1.a.b.c.d', 'x'.repeat(400)]) expect(tokens.verify(bad, 'camp1')).toBe('invalid');
  });

  it('give each showing its own id', () => {
    const a = tokens.issue('c');
    const b = tokens.issue('c');
    clock.advance(5_000);
    const va = tokens.verify(a, 'c');
    const vb = tokens.verify(b, 'c');
    expect(typeof va === 'object' && typeof vb === 'object' && va.id !== vb.id).toBe(true);
  });
});

describe('sources', () => {
  it('are an IPv4 address, or an IPv6 /64; loopback and nonsense are no source', () => {
    expect(sourceOf('203.0.113.9')).toBe('203.0.113.9');
    expect(sourceOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(sourceOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('127.0.0.1')).toBeUndefined();
    expect(sourceOf('::1')).toBeUndefined();
    expect(sourceOf('not an address')).toBeUndefined();
    expect(sourceOf(undefined)).toBeUndefined();
  });

  it('are limited per window, forgotten when the key of the day is replaced', () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00.000Z'));
    const limiter = new SourceLimiter(clock, 2, 60_000);
    expect([limiter.hit('192.0.2.1'), limiter.hit('192.0.2.1')]).toEqual([0, 0]);
    expect(limiter.hit('192.0.2.1')).toBe(60);
    clock.advance(61_000);
    expect(limiter.hit('192.0.2.1')).toBe(0);
    limiter.hit('192.0.2.1');
    expect(limiter.hit('192.0.2.1')).toBeGreaterThan(0);
    clock.advance(24 * 3_600_000);
    // A new key and nothing remembered from the day before.
    expect(limiter.hit('192.0.2.2')).toBe(0);
    expect(limiter.size).toBe(1);
  });
});

describe('times kept', () => {
  it('are whole hours', () => {
    expect(hourOf(new Date('2026-03-01T08:59:59.999Z')).toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(expiryHour(Date.parse('2026-03-01T08:00:00.001Z')).toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });
});
