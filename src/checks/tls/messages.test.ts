import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bitLength, TlsParseError } from './bytes.js';
import {
  alertName,
  buildClientHello,
  buildSslv2ClientHello,
  Ext,
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
import { groups, SIGALGS_ALL, sigalgHash, SSLv3, suites, suitesFor, TLSv1, TLSv1_2, TLSv1_3, X25519 } from './registry.js';
import { maxEarlyData } from './session.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const rep = (byte: string, n: number) => byte.repeat(n);

/** The handshake body inside a one-record ClientHello. */
function helloBody(record: Buffer): Buffer {
  expect(record[0]).toBe(22);
  expect(record.readUInt16BE(3)).toBe(record.length - 5);
  expect(record[5]).toBe(1);
  expect(record.readUIntBE(6, 3)).toBe(record.length - 9);
  return record.subarray(9);
}

describe('ClientHello', () => {
  it('round-trips a TLS 1.2 hello with the extensions the scan relies on', () => {
    const record = buildClientHello({ version: TLSv1_2, suites: [0xc02f, 0x009c], serverName: 'mail.example.org.', groups: [29, 23], sigalgs: SIGALGS_ALL, compression: [1, 0] });
    expect(record.readUInt16BE(1)).toBe(TLSv1);
    const ch = parseClientHello(helloBody(record));
    expect(ch.legacyVersion).toBe(TLSv1_2);
    expect(ch.suites).toEqual([0xc02f, 0x009c]);
    expect(ch.compression).toEqual([1, 0]);
    expect(ch.serverName).toBe('mail.example.org');
    expect(ch.groups).toEqual([29, 23]);
    expect(ch.sigalgs).toEqual(SIGALGS_ALL);
    expect(ch.versions).toBeUndefined();
    for (const e of [Ext.extendedMasterSecret, Ext.renegotiationInfo, Ext.statusRequest, Ext.sessionTicket, Ext.ecPointFormats]) expect(ch.extensions.has(e)).toBe(true);
    expect(ch.extensions.get(Ext.renegotiationInfo)).toEqual(hex('00'));
    expect(ch.extensions.get(Ext.statusRequest)).toEqual(hex('01 0000 0000'));
  });

  it('asks for TLS 1.3 through supported_versions with a real X25519 key share', () => {
    const a = parseClientHello(helloBody(buildClientHello({ version: TLSv1_3, suites: suitesFor(TLSv1_3), groups: [X25519] })));
    const b = parseClientHello(helloBody(buildClientHello({ version: TLSv1_3, suites: suitesFor(TLSv1_3), groups: [X25519] })));
    expect(a.legacyVersion).toBe(TLSv1_2);
    expect(a.versions).toEqual([TLSv1_3]);
    expect(a.sessionId).toHaveLength(32);
    expect(a.compression).toEqual([0]);
    expect(a.keyShares).toHaveLength(1);
    const share = a.keyShares![0]!;
    expect(share.group).toBe(X25519);
    expect(share.key).toHaveLength(32);
    // A valid public key, fresh for each hello.
    expect(createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: share.key.toString('base64url') }, format: 'jwk' }).asymmetricKeyType).toBe('x25519');
    expect(share.key.equals(b.keyShares![0]!.key)).toBe(false);
    expect(a.extensions.has(Ext.pskKeyExchangeModes)).toBe(true);
  });

  it('sends an empty key_share when asked, so the server must name its group', () => {
    const ch = parseClientHello(helloBody(buildClientHello({ version: TLSv1_3, suites: [0x1301], groups: [23, 24], keyShares: [] })));
    expect(ch.keyShares).toEqual([]);
    expect(ch.groups).toEqual([23, 24]);
  });

  it('makes SSLv3 hellos without extensions, with the renegotiation SCSV', () => {
    const record = buildClientHello({ version: SSLv3, suites: [0x000a], serverName: 'example.org', groups: [23] });
    expect(record.readUInt16BE(1)).toBe(SSLv3);
    const ch = parseClientHello(helloBody(record));
    expect(ch.legacyVersion).toBe(SSLv3);
    expect(ch.suites).toEqual([0x000a, 0x00ff]);
    expect(ch.extensions.size).toBe(0);
  });

  it('leaves SNI out for IP literals', () => {
    const ch = parseClientHello(helloBody(buildClientHello({ version: TLSv1_2, suites: [0xc02f], serverName: '192.0.2.1' })));
    expect(ch.extensions.has(Ext.serverName)).toBe(false);
  });

  it('builds an SSLv2 CLIENT-HELLO with every SSLv2 cipher kind', () => {
    const challenge = Buffer.alloc(16, 7);
    const h = buildSslv2ClientHello(challenge);
    expect(h.readUInt16BE(0)).toBe(0x8000 | (h.length - 2));
    expect([...h.subarray(2, 11)]).toEqual([1, 0, 2, 0, 21, 0, 0, 0, 16]);
    expect(h.subarray(h.length - 16)).toEqual(challenge);
  });
});

describe('ServerHello', () => {
  const random = rep('11', 32);
  const sid = `20${rep('22', 32)}`;

  it('reads a TLS 1.2 ServerHello: suite, compression, renegotiation_info, EMS, status_request', () => {
    const body = hex(`0303 ${random} ${sid} c02f 00 0013 ff01000100 00170000 00050000 000b00020100`);
    const sh = parseServerHello(body);
    expect(sh).toMatchObject({ version: TLSv1_2, suite: 0xc02f, compression: 0, extendedMasterSecret: true, statusRequest: true, helloRetryRequest: false });
    expect(sh.renegotiationInfo).toEqual(Buffer.alloc(0));
    expect(sh.extensions).toEqual([0xff01, 23, 5, 11]);
  });

  it('reads a ServerHello without extensions (SSLv3, old TLS) and one that compresses', () => {
    const sh = parseServerHello(hex(`0300 ${random} 00 000a 01`));
    expect(sh).toMatchObject({ version: SSLv3, suite: 0x000a, compression: 1, extendedMasterSecret: false });
    expect(sh.renegotiationInfo).toBeUndefined();
  });

  it('takes the version from supported_versions and the group from key_share in TLS 1.3', () => {
    const sh = parseServerHello(hex(`0303 ${random} ${sid} 1302 00 002e 002b00020304 00330024001d0020${rep('ab', 32)}`));
    expect(sh).toMatchObject({ version: TLSv1_3, legacyVersion: TLSv1_2, suite: 0x1302, keyShareGroup: 29, helloRetryRequest: false });
  });

  it('recognises a HelloRetryRequest by its random and reads the group it asks for', () => {
    const hrr = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';
    const sh = parseServerHello(hex(`0303 ${hrr} ${sid} 1301 00 000c 002b00020304 003300020017`));
    expect(sh).toMatchObject({ helloRetryRequest: true, version: TLSv1_3, keyShareGroup: 23, suite: 0x1301 });
  });

  it.each([
    ['a truncated random', `0303 ${rep('11', 20)}`],
    ['a session id longer than 32 bytes', `0303 ${random} 21${rep('22', 33)} c02f 00`],
    ['an extension sent twice', `0303 ${random} 00 c02f 00 0008 00170000 00170000`],
    ['an extension longer than its block', `0303 ${random} 00 c02f 00 0004 00170005`],
    ['trailing bytes after the extensions', `0303 ${random} 00 c02f 00 0004 00170000 ff`],
    ['a HelloRetryRequest without TLS 1.3', `0303 cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c 00 1301 00 0006 003300020017`],
  ])('refuses %s with TlsParseError', (_what, bytes) => {
    expect(() => parseServerHello(hex(bytes))).toThrow(TlsParseError);
  });
});

describe('server messages after the ServerHello', () => {
  it('reads the certificate chain in order', () => {
    const body = hex('00000c 000003 aabbcc 000003 ddeeff');
    expect(parseCertificate(body)).toEqual([hex('aabbcc'), hex('ddeeff')]);
    expect(() => parseCertificate(hex('000004 000000 00'))).toThrow(TlsParseError);
    expect(() => parseCertificate(hex('000003 000000'))).toThrow(TlsParseError);
  });

  it('reads the curve and the TLS 1.2 signature scheme of an ECDHE key exchange', () => {
    const body = hex(`03 001d 20 ${rep('01', 32)} 0804 0004 deadbeef`);
    expect(parseServerKeyExchange(body, 'ecdhe', TLSv1_2, true)).toEqual({ kind: 'ecdhe', curveType: 3, group: 29, sigalg: 0x0804 });
  });

  it('measures the DH prime, and knows TLS 1.0 signatures carry no scheme', () => {
    const p = `0080${'ff'.repeat(128)}`; // 1024 bits
    const body = hex(`${p} 0001 02 0002 1234 0004 deadbeef`);
    const ske = parseServerKeyExchange(body, 'dhe', TLSv1, true);
    expect(ske).toMatchObject({ kind: 'dhe', primeBits: 1024 });
    expect(ske.sigalg).toBeUndefined();
    // A leading zero byte does not count.
    expect(parseServerKeyExchange(hex('0003 00ffff 0001 02 0001 05'), 'dhe', TLSv1_2, false)).toMatchObject({ primeBits: 16 });
    expect(() => parseServerKeyExchange(hex(`${p} 0001 02 0002 1234 0804 0004 dead`), 'dhe', TLSv1_2, true)).toThrow(TlsParseError);
  });

  it('reads a stapled OCSP response and alerts', () => {
    expect(parseCertificateStatus(hex('01 000003 300100'))).toEqual(hex('300100'));
    expect(() => parseCertificateStatus(hex('02 000000'))).toThrow(TlsParseError);
    expect(parseAlert(hex('0228'))).toEqual({ level: 2, description: 40 });
    expect(alertName(70)).toBe('protocol_version');
    expect(() => parseAlert(hex('0928'))).toThrow(TlsParseError);
  });

  it('reads an SSLv2 SERVER-HELLO, waiting for the whole record', () => {
    const body = hex('04 00 01 0002 0002 0006 0004 abcd 010080 0700c0 01020304');
    const record = Buffer.concat([hex((0x8000 | body.length).toString(16)), body]);
    expect(parseSslv2ServerHello(record.subarray(0, 10))).toBeUndefined();
    expect(parseSslv2ServerHello(record)).toEqual({ version: 2, ciphers: [0x010080, 0x0700c0], certificate: hex('abcd') });
  });
});

describe('record and handshake framing', () => {
  it('reassembles records split across reads and messages split across records', () => {
    const rr = new RecordReader();
    const hr = new HandshakeReader();
    const msg = hex(`0e000000 0b000006 000003 aabbcc`);
    const stream = Buffer.concat([hex('160303 0005'), msg.subarray(0, 5), hex('160303'), hex(`00${(msg.length - 5).toString(16).padStart(2, '0')}`), msg.subarray(5)]);
    const records = [...rr.push(stream.subarray(0, 7)), ...rr.push(stream.subarray(7))];
    expect(records).toHaveLength(2);
    const messages = records.flatMap((r) => hr.push(r.fragment));
    expect(messages.map((m) => m.type)).toEqual([14, 11]);
    expect(hr.pending).toBe(0);
  });

  it('refuses what is not a TLS record', () => {
    expect(() => new RecordReader().push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(TlsParseError);
    expect(() => new RecordReader().push(hex('160403 0001 00'))).toThrow(TlsParseError);
    expect(() => new RecordReader().push(hex('160303 ffff'))).toThrow(TlsParseError);
    expect(() => new HandshakeReader(100).push(hex('0b 0000ff'))).toThrow(TlsParseError);
  });
});

describe('the registry: how suites, groups and signatures are rated', () => {
  it.each([
    [0x1301, 'good'],
    [0xc02f, 'good'],
    [0xcca9, 'good'],
    [0xc027, 'phase-out'],
    [0x009e, 'phase-out'],
    [0xc013, 'insecure'],
    [0x009c, 'insecure'],
    [0x000a, 'insecure'],
    [0x0005, 'insecure'],
    [0x0003, 'insecure'],
    [0x00a6, 'insecure'],
    [0xc010, 'insecure'],
    [0xc031, 'insecure'],
  ])('suite %i is %s', (code, rating) => {
    expect(suites.get(code)!.rating).toBe(rating);
  });

  it('rates groups and hashes', () => {
    expect(groups.get(29)!.rating).toBe('good');
    expect(groups.get(0x11ec)!.rating).toBe('good');
    expect(groups.get(0x0100)!.rating).toBe('insecure');
    expect(groups.get(0x0101)!.rating).toBe('phase-out');
    expect(groups.get(21)!.rating).toBe('insecure');
    expect(sigalgHash(0x0201)).toBe('sha1');
    expect(sigalgHash(0x0101)).toBe('md5');
    expect(sigalgHash(0x0804)).toBe('sha256');
    expect(sigalgHash(0x0807)).toBe('intrinsic');
    expect(bitLength(hex('0001ff'))).toBe(9);
  });
});

describe('TLS 1.3 session tickets', () => {
  it('reads max_early_data ([15]) from Node’s session blob and from bare DER', () => {
    // SEQUENCE { INTEGER 1, INTEGER 0x0304, OCTET STRING 1301, [15] { INTEGER 12345 } }
    const seq = hex('3011 020101 02020304 04021301 af04 02023039');
    expect(maxEarlyData(seq)).toBe(12345);
    const wrapped = Buffer.concat([Buffer.from('\0nodejs:tls:session:1\0', 'latin1'), hex('0009'), Buffer.from('localhost'), seq]);
    expect(maxEarlyData(wrapped)).toBe(12345);
    expect(maxEarlyData(hex('3007 020101 02020304'))).toBe(0);
  });
});
