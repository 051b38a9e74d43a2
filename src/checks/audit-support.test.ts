import { describe, expect, it } from 'vitest';
import { addressAllowed, AuditInputError, isIpv4Mapped, normalizeDomain, pickAddresses } from './audit-support.js';

describe('domain names an audit accepts', () => {
  it.each([
    ['Example.ORG', 'example.org'],
    ['example.org.', 'example.org'],
    ['  mail.example.org ', 'mail.example.org'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['a-b.c-d.test', 'a-b.c-d.test'],
    [`${'a'.repeat(63)}.org`, `${'a'.repeat(63)}.org`],
  ])('%s → %s', (input, ascii) => {
    expect(normalizeDomain(input)).toBe(ascii);
  });

  it.each([
    ['', 'it is empty'],
    ['exa mple.org', 'characters that cannot appear'],
    ['example.org/path', 'characters that cannot appear'],
    ['user@example.org', 'characters that cannot appear'],
    ['example.org:443', 'characters that cannot appear'],
    ['a_b.example.org', 'only letters, digits and inner hyphens'],
    ['-a.example.org', 'only letters, digits and inner hyphens'],
    ['a-.example.org', 'only letters, digits and inner hyphens'],
    ['a..example.org', 'an empty label'],
    ['localhost', 'at least two labels'],
    ['192.0.2.1', 'looks like an IP address'],
    [`${'a'.repeat(64)}.org`, 'longer than 63 characters'],
    [`${'abcdefghi.'.repeat(26)}org`, 'longer than 253 characters'],
    ['xn--zz.example', 'not valid Punycode'],
    ['exa\u0000mple.org', 'characters that cannot appear'],
  ])('refuses %j: %s', (input, why) => {
    expect(() => normalizeDomain(input)).toThrow(AuditInputError);
    expect(() => normalizeDomain(input)).toThrow(why);
  });
});

describe('addresses a scan may touch', () => {
  it('only public unicast, unless private addresses are allowed', () => {
    expect(addressAllowed('192.0.2.1', false)).toBe(false); // documentation range
    expect(addressAllowed('8.8.8.8', false)).toBe(true);
    expect(addressAllowed('2001:4860:4860::8888', false)).toBe(true);
    for (const a of ['127.0.0.1', '10.1.2.3', '::1', '::ffff:8.8.8.8', '0.0.0.0', '169.254.1.1', 'fe80::1', '100.64.0.1']) expect(addressAllowed(a, false)).toBe(false);
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('not-an-address', true)).toBe(false);
  });

  it('knows IPv4-mapped IPv6', () => {
    expect(isIpv4Mapped('::ffff:192.0.2.1')).toBe(true);
    expect(isIpv4Mapped('2001:db8::1')).toBe(false);
    expect(isIpv4Mapped('junk')).toBe(false);
  });

  it('picks the first IPv4 and the first IPv6, or all', () => {
    const a = { v4: ['192.0.2.1', '192.0.2.2'], v6: ['2001:db8::1'] };
    expect(pickAddresses(a, false)).toEqual(['192.0.2.1', '2001:db8::1']);
    expect(pickAddresses(a, true)).toEqual(['192.0.2.1', '192.0.2.2', '2001:db8::1']);
    expect(pickAddresses({ v4: [], v6: ['2001:db8::1'] }, false)).toEqual(['2001:db8::1']);
  });
});
