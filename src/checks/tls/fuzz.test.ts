// Malformed input, fed to every parser a server's bytes reach: mutations of
// valid messages (truncated, bytes flipped, inserted, lengths maxed) and plain
// random bytes, from a fixed seed. Each parser may only return, or throw its
// typed parse error; nothing may hang. A last round sends mutated server
// flights over loopback to the raw probe itself.
import { createServer, type Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCertificates } from '../cert/checks.js';
import { DerParseError } from '../cert/der.js';
import { parseCertificate as parseX509 } from '../cert/x509.js';
import { ConnectionLimiter } from '../net/limiter.js';
import { TlsParseError, u16, u24, u8, vec } from './bytes.js';
import {
  buildClientHello,
  HandshakeReader,
  parseAlert,
  parseCertificate,
  parseCertificateStatus,
  parseClientHello,
  parseServerHello,
  parseServerKeyExchange,
  parseSslv2ServerHello,
  RecordReader,
} from './messages.js';
import { judgeStaple, parseOcspResponse } from './ocsp.js';
import { Budget, probe } from './probe.js';
import { SIGALGS_ALL, suitesFor, TLSv1, TLSv1_2, TLSv1_3 } from './registry.js';
import { maxEarlyData } from './session.js';

const ITERATIONS = 2000;

/** mulberry32: small, fast, and the same sequence on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, bytes };
}

type Rng = ReturnType<typeof prng>;

function mutate(rng: Rng, input: Buffer): Buffer {
  const b = Buffer.from(input);
  switch (rng.int(6)) {
    case 0:
      return b.subarray(0, rng.int(b.length + 1));
    case 1: {
      for (let i = 0, n = 1 + rng.int(4); i < n && b.length; i++) b[rng.int(b.length)] = rng.int(256);
      return b;
    }
    case 2: {
      const at = rng.int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), rng.bytes(1 + rng.int(8)), b.subarray(at)]);
    }
    case 3: {
      const at = rng.int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + rng.int(8)))]);
    }
    case 4: {
      // Max out what may be a length field.
      if (b.length >= 2) {
        const at = rng.int(b.length - 1);
        b[at] = 0xff;
        b[at + 1] = 0xff;
      }
      return b;
    }
    default:
      return rng.bytes(rng.int(300));
  }
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// A small DER writer, enough to build a structurally valid OCSP response to mutate.
const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const len = body.length < 0x80 ? Buffer.from([body.length]) : body.length < 0x100 ? Buffer.from([0x81, body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...p: Buffer[]) => tlv(0x30, ...p);
const oid = (h: string) => tlv(0x06, hex(h));
const time = (s: string) => tlv(0x18, Buffer.from(s, 'latin1'));
const ocspSample = seq(
  tlv(0x0a, hex('00')),
  tlv(
    0xa0,
    seq(
      oid('2b0601050507300101'),
      tlv(
        0x04,
        seq(
          seq(
            tlv(0xa2, tlv(0x04, Buffer.alloc(20, 1))),
            time('20260101000000Z'),
            seq(seq(seq(seq(oid('2b0e03021a'), tlv(0x05)), tlv(0x04, Buffer.alloc(20, 2)), tlv(0x04, Buffer.alloc(20, 3)), tlv(0x02, hex('1002'))), tlv(0x80), time('20260101000000Z'), tlv(0xa0, time('20260108000000Z')))),
          ),
          seq(oid('2a8648ce3d040302')),
          tlv(0x03, hex('00'), Buffer.alloc(70, 9)),
        ),
      ),
    ),
  ),
);

const random = '11'.repeat(32);
const serverHello12 = hex(`0303 ${random} 00 c02f 00 0013 ff01000100 00170000 00050000 000b00020100`);
const serverHello13 = hex(`0303 ${random} 20${'22'.repeat(32)} 1302 00 002e 002b00020304 00330024001d0020${'ab'.repeat(32)}`);
const certMsg = hex('00000c 000003 aabbcc 000003 ddeeff');
const ske = hex(`03 001d 20 ${'01'.repeat(32)} 0804 0004 deadbeef`);
const skeDh = hex(`0010 ${'ff'.repeat(16)} 0001 02 0002 1234 0004 deadbeef`);
const skeRsa = hex(`0010 ${'c3'.repeat(16)} 0003 010001 0401 0004 deadbeef`);
const sslv2 = hex('8014 04 00 01 0002 0002 0003 0004 abcd 010080 01020304');
const clientHello = buildClientHello({ version: TLSv1_3, suites: suitesFor(TLSv1_3), serverName: 'example.org', groups: [29, 23], sigalgs: SIGALGS_ALL }).subarray(9);
const rootDer = Buffer.from(rootCertificates[0]!.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
const session = hex('3011 020101 02020304 04021301 af04 02023039');

function onlyTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof TlsParseError || err instanceof DerParseError) return;
    throw err;
  }
}

describe('fuzz: parsers meet malformed bytes', () => {
  const cases: Array<[string, Buffer, (b: Buffer) => unknown]> = [
    ['ServerHello (TLS 1.2)', serverHello12, parseServerHello],
    ['ServerHello (TLS 1.3)', serverHello13, parseServerHello],
    ['ClientHello', clientHello, parseClientHello],
    ['Certificate', certMsg, parseCertificate],
    ['ServerKeyExchange (ECDHE)', ske, (b) => parseServerKeyExchange(b, 'ecdhe', TLSv1_2, true)],
    ['ServerKeyExchange (DHE, TLS 1.0)', skeDh, (b) => parseServerKeyExchange(b, 'dhe', TLSv1, true)],
    ['ServerKeyExchange (RSA export)', skeRsa, (b) => parseServerKeyExchange(b, 'rsa-export', TLSv1_2, true)],
    ['CertificateStatus', hex('01 000003 300100'), parseCertificateStatus],
    ['alert', hex('0228'), parseAlert],
    ['SSLv2 SERVER-HELLO', sslv2, parseSslv2ServerHello],
    ['records', hex(`160303 0004 0e000000 150303 0002 0228`), (b) => new RecordReader().push(b)],
    ['handshake framing', hex('0e000000 0b000003 aabbcc'), (b) => new HandshakeReader(4096).push(b)],
    ['X.509 certificate', rootDer, parseX509],
    ['OCSP response', ocspSample, parseOcspResponse],
    ['TLS session', session, maxEarlyData],
  ];

  it.each(cases)('%s: only returns or throws its typed error', (_name, sample, parse) => {
    const rng = prng(0x4ea47);
    expect(() => parse(sample)).not.toThrow();
    const started = Date.now();
    for (let i = 0; i < ITERATIONS; i++) onlyTyped(() => parse(mutate(rng, sample)));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('never throws from the certificate and staple judges, whatever the bytes', () => {
    const rng = prng(7);
    const leaf = parseX509(rootDer);
    for (let i = 0; i < ITERATIONS / 4; i++) {
      const verdict = judgeStaple(mutate(rng, ocspSample), leaf, leaf, new Date());
      expect(verdict.valid).toBe(false);
      const audit = auditCertificates({ chain: [mutate(rng, rootDer)], host: 'example.org', kind: 'https', now: new Date(), target: 'fuzz' });
      expect(audit.results).toHaveLength(5);
    }
  });
});

describe('fuzz: the raw probe meets mutated server flights on loopback', () => {
  const flight = Buffer.concat([
    u8(22),
    u16(TLSv1_2),
    vec(2, u8(2), u24(serverHello12.length), serverHello12, u8(11), u24(certMsg.length), certMsg, u8(12), u24(ske.length), ske, hex('0e000000')),
  ]);
  const rng = prng(0xbad5eed);
  let next: Buffer = flight;
  let port = 0;
  const server = createServer((s: Socket) => {
    s.on('error', () => {});
    s.once('data', () => s.end(next));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers every mutation with an outcome, within the timeout', async () => {
    const env = { limiter: new ConnectionLimiter(2), timeoutMs: 500, budget: new Budget(1000) };
    const hello = buildClientHello({ version: TLSv1_2, suites: [0xc02f], groups: [29] });
    const kinds = new Set<string>();
    for (let i = 0; i < 150; i++) {
      next = i === 0 ? flight : mutate(rng, flight);
      const t0 = Date.now();
      const out = await probe({ address: '127.0.0.1', port }, env, hello);
      expect(Date.now() - t0).toBeLessThan(1500);
      expect(['hello', 'alert', 'closed', 'error']).toContain(out.kind);
      if (i === 0) expect(out).toMatchObject({ kind: 'hello', complete: true, ske: { group: 29 } });
      kinds.add(out.kind);
    }
    expect(kinds.has('error')).toBe(true);
  });
});
