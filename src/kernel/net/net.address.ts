// Which IP addresses an outbound request may connect to. Pure: no network.
import ipaddr from 'ipaddr.js';

/** Ranges a test bed may reach when it turns on HEARTH_NET_ALLOW_PRIVATE. */
const testBedRanges = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

export interface AddressVerdict {
  ok: boolean;
  /** The address to connect to: IPv4-mapped IPv6 comes back as plain IPv4. */
  address: string;
  family: 4 | 6;
  /** ipaddr.js's name for the range, e.g. 'unicast', 'loopback', '6to4'. */
  range: string;
}

/**
 * Judges one resolved address. Everything that is not ordinary public unicast
 * is refused: loopback, private, link-local, CGNAT, unspecified, multicast,
 * documentation, 6to4, Teredo, NAT64 and the other special ranges ipaddr.js
 * knows. `allowPrivate` (test beds only) lets loopback and private ranges through,
 * never link-local (cloud metadata lives there), unspecified or multicast.
 */
export function checkAddress(raw: string, opts: { allowPrivate?: boolean } = {}): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns ::ffff:a.b.c.d into a.b.c.d, so the IPv4 rules apply to it.
    parsed = ipaddr.process(raw.replace(/^\[|\]$/g, ''));
  } catch {
    return { ok: false, address: raw, family: 4, range: 'invalid' };
  }
  const family = parsed.kind() === 'ipv4' ? 4 : 6;
  let range: string = parsed.range();
  // ipaddr.js calls the deprecated IPv4-compatible block ::a.b.c.d "unicast";
  // nothing public lives there, and some stacks route it to IPv4.
  if (parsed instanceof ipaddr.IPv6 && range === 'unicast' && parsed.match(ipaddr.IPv6.parse('::'), 96)) {
    range = 'ipv4Compatible';
  }
  const ok = range === 'unicast' || (opts.allowPrivate === true && testBedRanges.has(range));
  return { ok, address: parsed.toString(), family, range };
}
