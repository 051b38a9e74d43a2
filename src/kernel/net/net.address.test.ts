// The address rules alone: no packets, only ipaddr.js arithmetic.
import { describe, expect, it } from 'vitest';
import { checkAddress } from './net.address.js';

describe('checkAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fdff:1234::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:7f00:1', 'loopback'],
    ['2002:7f00:1::1', '6to4'],
    ['2002:0808:0808::1', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['64:ff9b::808:808', 'rfc6052'],
    ['192.0.2.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::7f00:1', 'ipv4Compatible'],
    ['not an address', 'invalid'],
  ])('refuses %s (%s)', (address, range) => {
    const v = checkAddress(address);
    expect(v.ok).toBe(false);
    expect(v.range).toBe(range);
  });

  it.each([['93.184.215.14'], ['1.1.1.1'], ['2606:4700::1111'], ['2a01:4f8::1']])('accepts public unicast %s', (address) => {
    expect(checkAddress(address)).toMatchObject({ ok: true, range: 'unicast' });
  });

  it('unwraps IPv4-mapped IPv6 so the address connected to is the one judged', () => {
    expect(checkAddress('::ffff:1.1.1.1')).toEqual({ ok: true, address: '1.1.1.1', family: 4, range: 'unicast' });
    expect(checkAddress('[::1]')).toMatchObject({ ok: false, address: '::1', family: 6 });
  });

  it('lets a test bed reach loopback and private ranges, but never link-local, unspecified or multicast', () => {
    for (const a of ['127.0.0.1', '::1', '10.0.0.1', '192.168.0.2', 'fd00::2', '100.64.0.3', '::ffff:127.0.0.1']) {
      expect(checkAddress(a, { allowPrivate: true }).ok, a).toBe(true);
    }
    for (const a of ['169.254.169.254', 'fe80::1', '0.0.0.0', '::', '224.0.0.1', '2002:7f00:1::1', '64:ff9b::7f00:1']) {
      expect(checkAddress(a, { allowPrivate: true }).ok, a).toBe(false);
    }
  });
});
