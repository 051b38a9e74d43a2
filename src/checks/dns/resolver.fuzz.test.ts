// Fuzz-style: random bytes, truncations and bit flips of real answers fed to
// the response parser, and over UDP and TCP to the client. Nothing may escape
// but a DnsError, and nothing may hang. Fixed seed: failures reproduce.
import { describe, expect, it } from 'vitest';
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import * as packet from 'dns-packet';
import { ConnectionLimiter } from '../net/limiter.js';
import { DnsError, createResolver, parseMessage } from './resolver.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A response carrying most record types the checks read. */
function richResponse(id = 4242): Buffer {
  const name = 'zone.test';
  return packet.encode({
    type: 'response',
    id,
    flags: packet.RECURSION_AVAILABLE | packet.AUTHENTIC_DATA,
    questions: [{ type: 'SOA', name }],
    answers: [
      { type: 'SOA', name, ttl: 300, data: { mname: 'ns1.zone.test', rname: 'h.zone.test', serial: 9, refresh: 1, retry: 2, expire: 3, minimum: 4 } },
      { type: 'RRSIG', name, ttl: 300, data: { typeCovered: 'SOA', algorithm: 13, labels: 2, originalTTL: 300, expiration: 2, inception: 1, keyTag: 77, signersName: name, signature: Buffer.alloc(64, 7) } },
      { type: 'DNSKEY', name, ttl: 300, data: { flags: 257, algorithm: 13, key: Buffer.alloc(64, 1) } },
      { type: 'DS', name, ttl: 300, data: { keyTag: 77, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 2) } },
      { type: 'CAA', name, ttl: 300, data: { flags: 0, tag: 'issue', value: 'ca.test' } },
      { type: 'TXT', name, ttl: 300, data: ['v=spf1 -all', 'x'] },
      { type: 'MX', name, ttl: 300, data: { preference: 10, exchange: 'mail.zone.test' } },
      { type: 'TLSA', name: '_25._tcp.mail.zone.test', ttl: 300, data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 3) } },
      { type: 'AAAA', name: 'ns1.zone.test', ttl: 300, data: '2001:db8::1' },
    ],
    authorities: [
      { type: 'NS', name, ttl: 300, data: 'ns1.zone.test' },
      { type: 'NSEC', name, ttl: 300, data: { nextDomain: 'a.zone.test', rrtypes: ['A', 'NS', 'SOA', 'RRSIG'] } },
    ],
    additionals: [
      { type: 'A', name: 'ns1.zone.test', ttl: 300, data: '192.0.2.1' },
      { type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: packet.DNSSEC_OK, flag_do: true, options: [{ code: 12, length: 4 }] },
    ],
  });
}

function onlyDnsErrors(buf: Buffer): 'ok' | 'malformed' {
  try {
    parseMessage(buf);
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(DnsError);
    expect((err as DnsError).code).toBe('DNS_MALFORMED');
    return 'malformed';
  }
}

describe('parseMessage fuzz', () => {
  it('the rich response parses, and every truncation of it either parses or is DNS_MALFORMED', () => {
    const good = richResponse();
    const m = parseMessage(good);
    expect(m.response.answers.map((r) => r.type)).toEqual(['SOA', 'RRSIG', 'DNSKEY', 'DS', 'CAA', 'TXT', 'MX', 'TLSA', 'AAAA']);
    expect(m.response.additionals.map((r) => r.type)).toEqual(['A']); // OPT is not data
    let malformed = 0;
    for (let len = 0; len < good.length; len++) if (onlyDnsErrors(good.subarray(0, len)) === 'malformed') malformed++;
    expect(malformed).toBeGreaterThan(good.length / 2);
  });

  it('2,000 random messages and 2,000 mutated real answers: only DnsError, quickly', () => {
    const rand = prng(0x4e5f);
    const good = richResponse();
    const outcomes = { ok: 0, malformed: 0 };
    const t0 = Date.now();
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(rand() * 600);
      const buf = Buffer.alloc(len);
      for (let j = 0; j < len; j++) buf[j] = Math.floor(rand() * 256);
      // Plausible headers reach deeper into the parser: small counts, sometimes.
      if (len >= 12 && rand() < 0.5) for (const off of [4, 6, 8, 10]) buf.writeUInt16BE(Math.floor(rand() * 4), off);
      outcomes[onlyDnsErrors(buf)]++;
    }
    for (let i = 0; i < 2000; i++) {
      const buf = Buffer.from(good);
      const flips = 1 + Math.floor(rand() * 8);
      for (let f = 0; f < flips; f++) {
        const at = 12 + Math.floor(rand() * (buf.length - 12));
        buf[at] = rand() < 0.5 ? buf[at]! ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256);
      }
      const cut = rand() < 0.3 ? buf.subarray(0, Math.floor(rand() * buf.length)) : buf;
      outcomes[onlyDnsErrors(cut)]++;
    }
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.malformed).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('garbage over UDP and TCP ends in a DnsError within the timeout', async () => {
    const rand = prng(7);
    const junk = () => {
      const b = Buffer.alloc(Math.floor(rand() * 300));
      for (let j = 0; j < b.length; j++) b[j] = Math.floor(rand() * 256);
      return b;
    };
    const udp = createSocket('udp4');
    udp.on('message', (msg, rinfo) => {
      // Sometimes keep the id and question so the garbage is "for us".
      const b = junk();
      if (b.length > 12 && rand() < 0.5) msg.copy(b, 0, 0, Math.min(msg.length, b.length));
      udp.send(b, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    const tcp = createServer((s) => {
      s.on('error', () => {});
      s.once('data', () => s.end(junk()));
    });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    try {
      const limiter = new ConnectionLimiter(64);
      const udpRes = createResolver({ server: { host: '127.0.0.1', port: (udp.address() as AddressInfo).port }, timeoutMs: 200, limiter });
      const tcpRes = createResolver({ server: { host: '127.0.0.1', port: (tcp.address() as AddressInfo).port }, timeoutMs: 200, limiter });
      const t0 = Date.now();
      const outcomes = await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => udpRes.query(`n${i}.test`, 'A').then(() => 'answer', (e: unknown) => e)),
        ...Array.from({ length: 40 }, (_, i) => tcpRes.query(`n${i}.test`, 'A', { tcp: true }).then(() => 'answer', (e: unknown) => e)),
      ]);
      expect(Date.now() - t0).toBeLessThan(2000);
      for (const o of outcomes) if (o !== 'answer') expect(o).toBeInstanceOf(DnsError);
      expect(outcomes.filter((o) => o instanceof DnsError).length).toBeGreaterThan(60);
    } finally {
      udp.close();
      tcp.close();
    }
  });
});
