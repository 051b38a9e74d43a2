// The DNS client against small fake servers written here: truncation and TCP
// fallback, spoofed and malformed answers, silence, refusals, EDNS flags.
import { afterEach, describe, expect, it } from 'vitest';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import * as packet from 'dns-packet';
import { ConnectionLimiter } from '../net/limiter.js';
import { dnsChecks } from './checks.js';
import { DnsError, addressesOf, createResolver, normaliseName, parseResolvConf, probeZoneTransfer, txtOf } from './resolver.js';

const HOST = '127.0.0.1';
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

type Decoded = packet.DecodedPacket;

function reply(q: Decoded, extra: Partial<packet.Packet> = {}): Buffer {
  return packet.encode({ type: 'response', id: q.id, flags: packet.RECURSION_AVAILABLE, questions: q.questions, ...extra });
}

/** A UDP server: `handler` gets each query and sends what it likes. */
async function udpServer(handler: (q: Decoded, send: (b: Buffer) => void, raw: Buffer) => void, port = 0): Promise<{ port: number; queries: Decoded[]; sock: UdpSocket }> {
  const sock = createSocket('udp4');
  const queries: Decoded[] = [];
  sock.on('message', (msg, rinfo) => {
    const q = packet.decode(msg);
    queries.push(q);
    handler(q, (b) => sock.send(b, rinfo.port, rinfo.address), msg);
  });
  await new Promise<void>((resolve) => sock.bind(port, HOST, resolve));
  cleanups.push(() => sock.close());
  return { port: (sock.address() as AddressInfo).port, queries, sock };
}

/** A TCP server with RFC 7766 framing; `handler` writes raw bytes (framing included). */
async function tcpServer(handler: (q: Decoded, sock: Socket) => void, port = 0): Promise<{ port: number; queries: Decoded[]; server: Server }> {
  const queries: Decoded[] = [];
  const server = createServer((sock) => {
    let buf = Buffer.alloc(0);
    sock.on('error', () => {});
    sock.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      const q = packet.decode(buf.subarray(2, 2 + buf.readUInt16BE(0)));
      queries.push(q);
      handler(q, sock);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
  cleanups.push(() => server.close());
  return { port: (server.address() as AddressInfo).port, queries, server };
}

const framed = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
const a = (name: string, ip: string) => ({ type: 'A' as const, name, ttl: 60, data: ip });

function resolverAt(port: number, timeoutMs = 1000) {
  const limiter = new ConnectionLimiter(2);
  return { limiter, resolver: createResolver({ server: { host: HOST, port }, timeoutMs, limiter }) };
}

async function dnsError(p: Promise<unknown>): Promise<DnsError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DnsError);
    return err as DnsError;
  }
  throw new Error('expected a DnsError');
}

describe('resolver over UDP', () => {
  it('asks with RD and EDNS0; DO only when DNSSEC is asked, CD on request', async () => {
    const srv = await udpServer((q, send) => send(reply(q, { answers: [a(q.questions![0]!.name, '192.0.2.1')] })));
    const { resolver, limiter } = resolverAt(srv.port);
    const plain = await resolver.query('Example.TEST.', 'A');
    expect(plain.answers).toEqual([{ name: 'Example.TEST', type: 'A', ttl: 60, data: '192.0.2.1' }]);
    expect(plain.ra).toBe(true);
    await resolver.query('example.test', 'A', { dnssec: true, cd: true, rd: false });
    const [q1, q2] = srv.queries;
    const opt = (q: Decoded) => q.additionals!.find((x) => x.type === 'OPT') as packet.OptAnswer;
    expect([q1!.flag_rd, q1!.flag_cd, opt(q1!).flag_do, opt(q1!).udpPayloadSize]).toEqual([true, false, false, 1232]);
    expect([q2!.flag_rd, q2!.flag_cd, opt(q2!).flag_do]).toEqual([false, true, true]);
    expect(limiter.opened).toBe(2);
  });

  it('falls back to TCP when the UDP answer is truncated, through the limiter', async () => {
    const tcp = await tcpServer((q, sock) => sock.end(framed(reply(q, { answers: [a('big.test', '192.0.2.1'), a('big.test', '192.0.2.2'), a('big.test', '192.0.2.3')] }))));
    const udp = await udpServer((q, send) => send(reply(q, { flags: packet.TRUNCATED_RESPONSE })), tcp.port);
    const { resolver, limiter } = resolverAt(udp.port);
    const res = await resolver.query('big.test', 'A');
    expect(res.tc).toBe(false);
    expect(res.answers.map((x) => x.data)).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3']);
    expect(udp.queries).toHaveLength(1);
    expect(tcp.queries).toHaveLength(1);
    expect(limiter.opened).toBe(2); // one UDP exchange, one TCP connection
  });

  it('ignores answers with another id, another question or from another port, and takes the real one', async () => {
    const other = createSocket('udp4');
    await new Promise<void>((r) => other.bind(0, HOST, r));
    cleanups.push(() => other.close());
    const srv = await udpServer((q, send, _raw) => {
      const [question] = q.questions!;
      send(packet.encode({ type: 'response', id: (q.id! + 1) & 0xffff, questions: q.questions, answers: [a(question!.name, '6.6.6.1')] }));
      send(packet.encode({ type: 'response', id: q.id, questions: [{ name: 'evil.test', type: 'A' }], answers: [a('evil.test', '6.6.6.2')] }));
      send(packet.encode({ type: 'query', id: q.id, questions: q.questions, answers: [a(question!.name, '6.6.6.3')] }));
      send(Buffer.from('garbage that is not DNS'));
      setTimeout(() => send(reply(q, { answers: [a(question!.name, '192.0.2.7')] })), 30);
    });
    // An off-path "spoofer" with the right id, from the wrong port.
    srv.sock.on('message', (msg, rinfo) => {
      const q = packet.decode(msg);
      other.send(reply(q, { answers: [a(q.questions![0]!.name, '6.6.6.4')] }), rinfo.port, rinfo.address);
    });
    const { resolver } = resolverAt(srv.port);
    const res = await resolver.query('target.test', 'A');
    expect(res.answers.map((x) => x.data)).toEqual(['192.0.2.7']);
  });

  it('a server that never answers: DNS_TIMEOUT within the timeout, after a bounded number of sends', async () => {
    const srv = await udpServer(() => {});
    const { resolver } = resolverAt(srv.port, 300);
    const t0 = Date.now();
    const err = await dnsError(resolver.query('silent.test', 'A'));
    const took = Date.now() - t0;
    expect(err.code).toBe('DNS_TIMEOUT');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(800);
    expect(srv.queries.length).toBe(3);
  });

  it('only garbage comes back: DNS_MALFORMED, not a timeout', async () => {
    const srv = await udpServer((q, send) => send(reply(q, { answers: [a('x.test', '192.0.2.1')] }).subarray(0, 20)));
    const { resolver } = resolverAt(srv.port, 300);
    expect((await dnsError(resolver.query('x.test', 'A'))).code).toBe('DNS_MALFORMED');
  });

  it('a closed UDP port (ICMP port unreachable): DNS_REFUSED at once, not a timeout', async () => {
    const probe = createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, HOST, r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(r));
    const { resolver } = resolverAt(port, 2000);
    const t0 = Date.now();
    expect((await dnsError(resolver.query('x.test', 'A'))).code).toBe('DNS_REFUSED');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('retries once without EDNS0 when an old server answers FORMERR', async () => {
    const srv = await udpServer((q, send) => {
      const edns = q.additionals!.some((x) => x.type === 'OPT');
      send(edns ? packet.encode({ type: 'response', id: q.id, flags: 1, questions: q.questions }) : reply(q, { answers: [a('old.test', '192.0.2.9')] }));
    });
    const { resolver } = resolverAt(srv.port);
    const res = await resolver.query('old.test', 'A');
    expect(res.answers.map((x) => x.data)).toEqual(['192.0.2.9']);
    expect(srv.queries).toHaveLength(2);
  });

  it('refuses to send an illegal name', async () => {
    const srv = await udpServer((q, send) => send(reply(q)));
    const { resolver, limiter } = resolverAt(srv.port);
    for (const bad of ['bad name.test', 'a..b', '-lead.test', `${'a'.repeat(64)}.test`, `${'abc.'.repeat(70)}test`, 'semi;colon.test', '']) {
      expect((await dnsError(resolver.query(bad, 'A'))).code).toBe('DNS_BAD_NAME');
    }
    expect((await dnsError(resolver.query('x.test', 'NOPE'))).code).toBe('DNS_BAD_TYPE');
    expect(limiter.opened).toBe(0);
    expect(normaliseName('bücher.test.')).toBe('xn--bcher-kva.test');
    expect(normaliseName('_25._tcp.mail.test')).toBe('_25._tcp.mail.test');
  });

  it('addressesOf and txtOf read A/AAAA and joined TXT strings', async () => {
    const srv = await udpServer((q, send) => {
      const { name, type } = q.questions![0]!;
      if (type === 'A') return send(reply(q, { answers: [a(name, '192.0.2.1')] }));
      if (type === 'AAAA') return send(reply(q, { answers: [{ type: 'AAAA', name, ttl: 60, data: '2001:db8::1' }] }));
      send(reply(q, { answers: [{ type: 'TXT', name, ttl: 60, data: ['v=spf1 ', 'include:x.test -all'] }, { type: 'TXT', name, ttl: 60, data: 'other' }] }));
    });
    const { resolver } = resolverAt(srv.port);
    expect(await addressesOf(resolver, 'h.test')).toEqual({ v4: ['192.0.2.1'], v6: ['2001:db8::1'] });
    expect(await txtOf(resolver, 'h.test')).toEqual(['v=spf1 include:x.test -all', 'other']);
  });
});

describe('resolver over TCP', () => {
  it('a closed port: DNS_REFUSED', async () => {
    const srv = await tcpServer(() => {});
    const port = srv.port;
    await new Promise<void>((r) => srv.server.close(() => r()));
    const { resolver } = resolverAt(port);
    expect((await dnsError(resolver.query('x.test', 'A', { tcp: true }))).code).toBe('DNS_REFUSED');
  });

  it('a server that promises more bytes than it sends: DNS_MALFORMED on close, DNS_TIMEOUT when it stalls', async () => {
    const closing = await tcpServer((q, sock) => sock.end(Buffer.concat([Buffer.from([0x01, 0x00]), reply(q)])));
    expect((await dnsError(resolverAt(closing.port).resolver.query('x.test', 'A', { tcp: true }))).code).toBe('DNS_MALFORMED');
    const stalling = await tcpServer((q, sock) => sock.write(Buffer.concat([Buffer.from([0x01, 0x00]), reply(q)])));
    const t0 = Date.now();
    expect((await dnsError(resolverAt(stalling.port, 300).resolver.query('x.test', 'A', { tcp: true }))).code).toBe('DNS_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(800);
  });

  it('probeZoneTransfer: open when the server starts with the SOA, closed on REFUSED', async () => {
    const soa = { type: 'SOA' as const, name: 'z.test', ttl: 60, data: { mname: 'ns.z.test', rname: 'h.z.test', serial: 3 } };
    const open = await tcpServer((q, sock) => sock.end(framed(reply(q, { answers: [soa, a('www.z.test', '192.0.2.1')] }))));
    const limiter = new ConnectionLimiter(2);
    expect(await probeZoneTransfer({ limiter, timeoutMs: 1000 }, { host: HOST, port: open.port }, 'z.test')).toEqual({ open: true, rcode: 'NOERROR', records: 2 });
    expect(open.queries[0]!.questions![0]!.type).toBe('AXFR');
    const refused = await tcpServer((q, sock) => sock.end(framed(packet.encode({ type: 'response', id: q.id, flags: 5, questions: q.questions }))));
    expect(await probeZoneTransfer({ limiter, timeoutMs: 1000 }, { host: HOST, port: refused.port }, 'z.test')).toMatchObject({ open: false, rcode: 'REFUSED' });
    expect(limiter.opened).toBe(2);
  });
});

describe('the checks when the resolver does not answer', () => {
  it('every check reports error with DNS_TIMEOUT, within the timeout', async () => {
    const srv = await udpServer(() => {});
    const { resolver, limiter } = resolverAt(srv.port, 300);
    const t0 = Date.now();
    const results = await dnsChecks('example.test', { resolver, limiter, timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(results.map((r) => r.id)).toEqual(['DNS-01', 'DNS-02', 'DNS-03', 'DNS-04', 'DNS-05', 'DNS-06', 'CERT-06']);
    for (const r of results) {
      expect(r.status).toBe('error');
      expect(r.reason).toMatch(/DNS_TIMEOUT/);
    }
  });
});

describe('parseResolvConf', () => {
  it('takes nameserver lines with IP addresses, in order, on port 53', () => {
    const text = '# comment\nsearch lan\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\nnameserver not-an-ip\n  nameserver 2001:db8::53\n';
    expect(parseResolvConf(text)).toEqual([
      { host: '192.0.2.53', port: 53 },
      { host: 'fe80::1', port: 53 },
      { host: '2001:db8::53', port: 53 },
    ]);
  });
});
