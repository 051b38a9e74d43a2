// The DNS judges as pure functions, fed with records.
import { describe, expect, it } from 'vitest';
import { algorithmStatus, judgeAlgorithms, judgeCaa, judgeHygiene, judgeIpv6, judgeRedundancy, judgeSigned, judgeValidation, networkOf, validCaaIssue, type ServerProbe } from './checks.js';

describe('DNS-01 judgeSigned', () => {
  const ds = [{ keyTag: 1, algorithm: 13, digestType: 2 }];
  const sig = [{ typeCovered: 'SOA', algorithm: 13, keyTag: 1 }];
  it('passes with DS and an RRSIG on the SOA; fails otherwise, saying what is missing', () => {
    expect(judgeSigned({ ds, soaSignatures: sig }).status).toBe('pass');
    expect(judgeSigned({ ds: [], soaSignatures: [] })).toMatchObject({ status: 'fail', summary: expect.stringMatching(/not signed/) });
    expect(judgeSigned({ ds: [], soaSignatures: sig })).toMatchObject({ status: 'fail', summary: expect.stringMatching(/no DS/) });
    expect(judgeSigned({ ds, soaSignatures: [] })).toMatchObject({ status: 'fail', summary: expect.stringMatching(/no signature/) });
  });
});

describe('DNS-02 judgeValidation', () => {
  const base = { rcode: 'NOERROR', ad: false, dataWithCd: true, dsExists: true };
  it('secure passes, bogus fails', () => {
    expect(judgeValidation({ ...base, ad: true }).status).toBe('pass');
    expect(judgeValidation({ ...base, rcode: 'SERVFAIL' })).toMatchObject({ status: 'fail', summary: expect.stringMatching(/bogus/) });
  });
  it('insecure while a DS exists fails, when the resolver is seen to validate the parent', () => {
    expect(judgeValidation({ ...base, parentSecure: true }).status).toBe('fail');
  });
  it('is an error, not a verdict, when the resolver does not validate or fails even with CD', () => {
    expect(judgeValidation({ ...base, parentSecure: false })).toMatchObject({ status: 'error', reason: expect.stringMatching(/validat/) });
    expect(judgeValidation({ ...base, rcode: 'SERVFAIL', dataWithCd: false }).status).toBe('error');
    expect(judgeValidation({ ...base, rcode: 'REFUSED' }).status).toBe('error');
  });
  it('an unsigned zone (no DS) is info: DNS-01 already fails it', () => {
    expect(judgeValidation({ ...base, dsExists: false }).status).toBe('info');
  });
});

describe('DNS-03 algorithms (RFC 8624)', () => {
  it('classifies every algorithm in the catalogue', () => {
    for (const a of [8, 13, 14, 15, 16]) expect(algorithmStatus(a)).toBe('pass');
    for (const a of [5, 7, 10]) expect(algorithmStatus(a)).toBe('warn');
    for (const a of [1, 3, 6, 12]) expect(algorithmStatus(a)).toBe('fail');
    expect(algorithmStatus(253)).toBe('warn'); // private algorithm: not recommended either
  });
  it('the worst algorithm over DNSKEY and DS wins; nothing signed is info', () => {
    expect(judgeAlgorithms({ dnskey: [13], ds: [13] }).status).toBe('pass');
    expect(judgeAlgorithms({ dnskey: [13, 5], ds: [13] })).toMatchObject({ status: 'warn', summary: expect.stringContaining('5 (RSASHA1)') });
    expect(judgeAlgorithms({ dnskey: [8], ds: [1] })).toMatchObject({ status: 'fail', summary: expect.stringContaining('1 (RSAMD5)') });
    expect(judgeAlgorithms({ dnskey: [12, 7], ds: [] }).status).toBe('fail');
    expect(judgeAlgorithms({ dnskey: [], ds: [] }).status).toBe('info');
  });
});

describe('networkOf', () => {
  it('is the /24 of IPv4 and the /48 of IPv6', () => {
    expect(networkOf('192.0.2.77')).toBe('192.0.2.0/24');
    expect(networkOf('2001:db8:aa:1::53')).toBe('2001:db8:aa::/48');
    expect(networkOf('2001:db8:aa:ffff:1:2:3:4')).toBe('2001:db8:aa::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf('::ffff:192.0.2.1')).toBe('0:0:0::/48');
    expect(networkOf('not an address')).toBeUndefined();
  });
});

describe('DNS-04 judgeRedundancy', () => {
  const ns = (name: string, v4: string[], v6: string[] = []) => ({ name, v4, v6 });
  it('one name server fails, two in one /24 warn, two /24s pass', () => {
    expect(judgeRedundancy([ns('a', ['192.0.2.1'])]).status).toBe('fail');
    expect(judgeRedundancy([ns('a', ['192.0.2.1']), ns('b', ['192.0.2.2'])]).status).toBe('warn');
    expect(judgeRedundancy([ns('a', ['192.0.2.1']), ns('b', ['198.51.100.2'])]).status).toBe('pass');
  });
  it('IPv6 /48s count, and so do servers that share no network at all', () => {
    expect(judgeRedundancy([ns('a', [], ['2001:db8:1::1']), ns('b', [], ['2001:db8:2::1'])]).status).toBe('pass');
    expect(judgeRedundancy([ns('a', [], ['2001:db8:1::1']), ns('b', [], ['2001:db8:1:5::1'])]).status).toBe('warn');
    expect(judgeRedundancy([ns('a', ['192.0.2.1']), ns('b', [], ['2001:db8:2::1'])]).status).toBe('pass');
    expect(judgeRedundancy([ns('a', ['192.0.2.1'], ['2001:db8:1::1']), ns('b', ['192.0.2.9'], ['2001:db8:1::2'])]).status).toBe('warn');
  });
  it('a name server without addresses does not count; none at all is an error', () => {
    expect(judgeRedundancy([ns('a', ['192.0.2.1']), ns('b', [])]).status).toBe('fail');
    expect(judgeRedundancy([ns('a', []), ns('b', [])]).status).toBe('error');
    expect(judgeRedundancy([]).status).toBe('error');
  });
});

describe('DNS-05 judgeIpv6', () => {
  it('passes with two name servers answering over IPv6, warns otherwise', () => {
    const s = (name: string, v6: string[], answered: string[]) => ({ name, v6, answered });
    expect(judgeIpv6([s('a', ['2001:db8::1'], ['2001:db8::1']), s('b', ['2001:db8::2'], ['2001:db8::2'])]).status).toBe('pass');
    expect(judgeIpv6([s('a', ['2001:db8::1'], ['2001:db8::1']), s('b', ['2001:db8::2'], [])])).toMatchObject({ status: 'warn', summary: expect.stringMatching(/1 of 2/) });
    expect(judgeIpv6([s('a', ['::ffff:192.0.2.1'], ['::ffff:192.0.2.1']), s('b', ['::ffff:192.0.2.2'], ['::ffff:192.0.2.2'])]).status).toBe('warn');
    expect(judgeIpv6([s('a', [], []), s('b', [], [])]).status).toBe('warn');
    // Addresses we were not allowed to ask say nothing either way.
    expect(judgeIpv6([s('a', ['2001:db8::1'], ['2001:db8::1']), { ...s('b', ['fd00::2'], []), skipped: ['fd00::2'] }]).status).toBe('error');
  });
});

describe('DNS-06 judgeHygiene', () => {
  const p = (address: string, serial: number | undefined, openRecursion = false): ServerProbe => ({ nameServer: `ns-${address}`, address, serial, soa: 'NOERROR', openRecursion, recursion: '' });
  const closed = [{ nameServer: 'ns', address: '192.0.2.1', open: false, result: 'REFUSED' }];
  it('passes when serials agree and recursion and transfers are refused', () => {
    expect(judgeHygiene({ servers: [p('192.0.2.1', 5), p('192.0.2.2', 5)], transfers: closed, probeName: 'test' }).status).toBe('pass');
  });
  it('warns on differing serials and on an open transfer, fails on open recursion', () => {
    expect(judgeHygiene({ servers: [p('192.0.2.1', 5), p('192.0.2.2', 6)], transfers: closed, probeName: 'test' })).toMatchObject({ status: 'warn', summary: expect.stringMatching(/serials \(5, 6\)/) });
    expect(judgeHygiene({ servers: [p('192.0.2.1', 5)], transfers: [{ ...closed[0]!, open: true }], probeName: 'test' })).toMatchObject({ status: 'warn', summary: expect.stringMatching(/transfer/) });
    expect(judgeHygiene({ servers: [p('192.0.2.1', 5), p('192.0.2.2', 6, true)], transfers: closed, probeName: 'test' }).status).toBe('fail');
  });
  it('is an error when no name server answered', () => {
    const silent: ServerProbe = { nameServer: 'ns', address: '192.0.2.1', soa: 'DNS_TIMEOUT', recursion: 'DNS_TIMEOUT' };
    expect(judgeHygiene({ servers: [silent], transfers: [], probeName: 'test' }).status).toBe('error');
    expect(judgeHygiene({ servers: [], transfers: [], probeName: 'test' }).status).toBe('error');
  });
});

describe('CERT-06 CAA', () => {
  it('validates issue values per RFC 8659 §4.2', () => {
    for (const v of ['ca.test', 'letsencrypt.org', 'ca.test; account=123', 'ca.test;validationmethods=dns-01', ';', '', ' ca.test ']) expect(validCaaIssue(v)).toBe(true);
    for (const v of ['not a domain!', 'ca.test; =x', 'ca..test', '-ca.test', 'ca.test; a=b c']) expect(validCaaIssue(v)).toBe(false);
  });
  it('passes with a valid issue property, warns when absent, invalid, or blocked by a critical unknown tag', () => {
    expect(judgeCaa({ records: [{ flags: 0, tag: 'issue', value: 'ca.test' }], foundAt: 'x.test' }).status).toBe('pass');
    expect(judgeCaa({ records: [{ flags: 0, tag: 'issue', value: ';' }] })).toMatchObject({ status: 'pass', summary: expect.stringContaining('(nobody)') });
    expect(judgeCaa({ records: [] }).status).toBe('warn');
    expect(judgeCaa({ records: [{ flags: 0, tag: 'issue', value: 'bad value!' }] }).status).toBe('warn');
    expect(judgeCaa({ records: [{ flags: 0, tag: 'iodef', value: 'mailto:x@ca.test' }] }).summary).toMatch(/no issue property/);
    expect(judgeCaa({ records: [{ flags: 0, tag: 'issue', value: 'ca.test' }, { flags: 128, tag: 'futuretag', value: 'x' }] }).status).toBe('warn');
  });
});
