// Building ClientHellos and parsing what a server sends back in the clear:
// records, ServerHello (and HelloRetryRequest), Certificate, ServerKeyExchange,
// CertificateStatus, alerts, and the SSLv2 SERVER-HELLO. Enough of RFC 5246,
// RFC 8446 and the SSLv2 draft to learn what a server offers, not to finish a
// handshake.
import { createECDH, generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { bitLength, list16, Reader, TlsParseError, u16, u24, u8, vec } from './bytes.js';
import { SCSV_RENEGOTIATION, SECP256R1, SSLV2_CIPHERS, SSLv3, TLSv1, TLSv1_2, TLSv1_3, X25519 } from './registry.js';

export const ContentType = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
export const HandshakeType = {
  clientHello: 1,
  serverHello: 2,
  newSessionTicket: 4,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateStatus: 22,
} as const;
export const Ext = {
  serverName: 0,
  statusRequest: 5,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  alpn: 16,
  encryptThenMac: 22,
  extendedMasterSecret: 23,
  sessionTicket: 35,
  earlyData: 42,
  supportedVersions: 43,
  pskKeyExchangeModes: 45,
  keyShare: 51,
  renegotiationInfo: 0xff01,
} as const;

/** Compression methods: null, and DEFLATE (RFC 3749) offered to see whether a server accepts it (TLS-06). */
export const COMPRESSION_NULL = 0;
export const COMPRESSION_DEFLATE = 1;

// SHA-256 of "HelloRetryRequest": the random of a ServerHello that is really an HRR (RFC 8446 §4.1.3).
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

export interface ClientHelloOptions {
  /** The version to ask for: SSLv3 … TLS 1.3 (TLS 1.3 through supported_versions). */
  version: number;
  suites: readonly number[];
  /** SNI; left out for IP literals and empty names. */
  serverName?: string;
  groups?: readonly number[];
  sigalgs?: readonly number[];
  /** TLS 1.3: groups to send a real key share for (x25519, secp256r1); [] asks the server to pick by HelloRetryRequest. */
  keyShares?: readonly number[];
  compression?: readonly number[];
  /** Ask for an OCSP staple (status_request). Default true. */
  statusRequest?: boolean;
  alpn?: readonly string[];
  random?: Buffer;
  sessionId?: Buffer;
}

function ext(type: number, body: Buffer): Buffer {
  return Buffer.concat([u16(type), vec(2, body)]);
}

/** A fresh public key for a key_share entry; the private half is thrown away (we never finish the handshake). */
export function keyShareFor(group: number): Buffer {
  if (group === X25519) {
    const spki = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' });
    return Buffer.from(spki.subarray(spki.length - 32));
  }
  if (group === SECP256R1) {
    const ecdh = createECDH('prime256v1');
    return ecdh.generateKeys(); // uncompressed point, as TLS 1.3 requires
  }
  throw new RangeError(`no key share generator for group ${group}`);
}

/** The handshake message (without record header). */
export function clientHelloBody(o: ClientHelloOptions): Buffer {
  const tls13 = o.version === TLSv1_3;
  const legacyVersion = tls13 ? TLSv1_2 : o.version;
  const random = o.random ?? randomBytes(32);
  // TLS 1.3 middlebox compatibility: a non-empty legacy session id (RFC 8446 §D.4).
  const sessionId = o.sessionId ?? (tls13 ? randomBytes(32) : Buffer.alloc(0));
  const suites = o.version === SSLv3 ? [...o.suites, SCSV_RENEGOTIATION] : [...o.suites];
  const compression = tls13 ? [COMPRESSION_NULL] : (o.compression ?? [COMPRESSION_NULL]);

  const exts: Buffer[] = [];
  // SSLv3 hellos carry no extensions (some SSLv3 stacks choke on them); the SCSV stands in for renegotiation_info.
  if (o.version !== SSLv3) {
    const name = o.serverName?.replace(/\.$/, '');
    if (name && isIP(name) === 0) {
      const host = Buffer.from(name, 'ascii');
      exts.push(ext(Ext.serverName, vec(2, u8(0), vec(2, host))));
    }
    if (o.groups?.length) {
      exts.push(ext(Ext.supportedGroups, list16(o.groups)));
      exts.push(ext(Ext.ecPointFormats, vec(1, u8(0))));
    }
    if (o.version >= TLSv1_2 && o.sigalgs?.length) exts.push(ext(Ext.signatureAlgorithms, list16(o.sigalgs)));
    if (o.statusRequest ?? true) exts.push(ext(Ext.statusRequest, Buffer.concat([u8(1), u16(0), u16(0)])));
    if (o.alpn?.length) exts.push(ext(Ext.alpn, vec(2, ...o.alpn.map((p) => vec(1, Buffer.from(p, 'ascii'))))));
    exts.push(ext(Ext.sessionTicket, Buffer.alloc(0)));
    exts.push(ext(Ext.extendedMasterSecret, Buffer.alloc(0)));
    exts.push(ext(Ext.renegotiationInfo, vec(1)));
    if (tls13) {
      exts.push(ext(Ext.supportedVersions, list16([TLSv1_3], 1)));
      exts.push(ext(Ext.pskKeyExchangeModes, vec(1, u8(1))));
      const shares = (o.keyShares ?? [X25519]).map((g) => Buffer.concat([u16(g), vec(2, keyShareFor(g))]));
      exts.push(ext(Ext.keyShare, vec(2, ...shares)));
    }
  }

  const body = Buffer.concat([
    u16(legacyVersion),
    random,
    vec(1, sessionId),
    list16(suites),
    vec(1, Buffer.from(compression)),
    ...(exts.length ? [vec(2, ...exts)] : []),
  ]);
  return Buffer.concat([u8(HandshakeType.clientHello), u24(body.length), body]);
}

/** A ClientHello in one TLS record, ready to write to the socket. */
export function buildClientHello(o: ClientHelloOptions): Buffer {
  const hs = clientHelloBody(o);
  // Record version: 1.0 for TLS (what real clients send), 3.0 for the SSLv3 probe.
  return Buffer.concat([u8(ContentType.handshake), u16(o.version === SSLv3 ? SSLv3 : TLSv1), vec(2, hs)]);
}

/** An SSLv2 CLIENT-HELLO offering every SSLv2 cipher kind: only an SSLv2 server answers with SERVER-HELLO. */
export function buildSslv2ClientHello(challenge: Buffer = randomBytes(16)): Buffer {
  const specs = Buffer.concat([...SSLV2_CIPHERS.keys()].map((k) => Buffer.from([k >> 16, (k >> 8) & 0xff, k & 0xff])));
  const body = Buffer.concat([u8(1), u16(0x0002), u16(specs.length), u16(0), u16(challenge.length), specs, challenge]);
  return Buffer.concat([u16(0x8000 | body.length), body]);
}

export interface ClientHello {
  legacyVersion: number;
  random: Buffer;
  sessionId: Buffer;
  suites: number[];
  compression: number[];
  /** Extension bodies by type, in the order sent. */
  extensions: Map<number, Buffer>;
  serverName?: string;
  groups?: number[];
  sigalgs?: number[];
  /** supported_versions, when sent. */
  versions?: number[];
  keyShares?: Array<{ group: number; key: Buffer }>;
}

/** Parses a ClientHello body (after the 4-byte handshake header): the test bed's servers read ours with it. */
export function parseClientHello(body: Buffer): ClientHello {
  const r = new Reader(body, 'ClientHello');
  const legacyVersion = r.u16();
  const random = r.bytes(32);
  const sid = r.vec(1, 'session id');
  if (sid.remaining > 32) throw new TlsParseError('ClientHello: session id longer than 32 bytes');
  const sessionId = sid.rest();
  const suitesR = r.vec(2, 'cipher_suites');
  if (suitesR.remaining % 2 !== 0 || suitesR.remaining === 0) throw new TlsParseError('ClientHello: bad cipher_suites length');
  const suites: number[] = [];
  while (suitesR.remaining) suites.push(suitesR.u16());
  const compR = r.vec(1, 'compression_methods');
  const compression = [...compR.rest()];
  if (compression.length === 0) throw new TlsParseError('ClientHello: no compression method');
  const ch: ClientHello = { legacyVersion, random, sessionId, suites, compression, extensions: new Map() };
  if (r.remaining === 0) return ch;
  const exts = r.vec(2, 'ClientHello extensions');
  r.done();
  const list = (data: Reader, lenBytes: 1 | 2, what: string) => {
    const v = data.vec(lenBytes, what);
    if (v.remaining % 2 !== 0) throw new TlsParseError(`${what}: odd length`);
    const out: number[] = [];
    while (v.remaining) out.push(v.u16());
    data.done();
    return out;
  };
  while (exts.remaining) {
    const type = exts.u16();
    const data = exts.vec(2, `ClientHello extension ${type}`);
    if (ch.extensions.has(type)) throw new TlsParseError(`ClientHello: extension ${type} sent twice`);
    const start = data.offset;
    switch (type) {
      case Ext.serverName: {
        const names = data.vec(2, 'server_name list');
        while (names.remaining) {
          const kind = names.u8();
          const name = names.vec(2, 'host_name').rest();
          if (kind === 0) ch.serverName = name.toString('latin1');
        }
        data.done();
        break;
      }
      case Ext.supportedGroups:
        ch.groups = list(data, 2, 'supported_groups');
        break;
      case Ext.signatureAlgorithms:
        ch.sigalgs = list(data, 2, 'signature_algorithms');
        break;
      case Ext.supportedVersions:
        ch.versions = list(data, 1, 'supported_versions');
        break;
      case Ext.keyShare: {
        const shares = data.vec(2, 'key_share');
        ch.keyShares = [];
        while (shares.remaining) ch.keyShares.push({ group: shares.u16(), key: shares.vec(2, 'key_exchange').rest() });
        data.done();
        break;
      }
      default:
        data.rest();
    }
    ch.extensions.set(type, body.subarray(start, data.offset));
  }
  return ch;
}

// ── Records ──────────────────────────────────────────────────────────────

export interface TlsRecord {
  type: number;
  version: number;
  fragment: Buffer;
}

const MAX_RECORD = 16384 + 2048;

/**
 * Splits a byte stream into records as data arrives. Anything that is not a
 * TLS record header (wrong type, version or length) throws TlsParseError.
 */
export class RecordReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): TlsRecord[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: TlsRecord[] = [];
    for (;;) {
      if (this.buf.length < 5) break;
      const type = this.buf[0]!;
      const version = this.buf.readUInt16BE(1);
      const length = this.buf.readUInt16BE(3);
      if (type < 20 || type > 23) throw new TlsParseError(`not a TLS record: content type ${type}`);
      if (version >> 8 !== 3 || (version & 0xff) > 4) throw new TlsParseError(`not a TLS record: version 0x${version.toString(16)}`);
      if (length > MAX_RECORD) throw new TlsParseError(`record too long: ${length} bytes`);
      if (this.buf.length < 5 + length) break;
      out.push({ type, version, fragment: Buffer.from(this.buf.subarray(5, 5 + length)) });
      this.buf = this.buf.subarray(5 + length);
    }
    return out;
  }

  get pending(): number {
    return this.buf.length;
  }
}

export interface HandshakeMessage {
  type: number;
  body: Buffer;
}

/** Reassembles handshake messages that span records, or share one. */
export class HandshakeReader {
  private buf: Buffer = Buffer.alloc(0);
  /** Refuse absurd messages rather than buffer them (a certificate chain fits in far less). */
  constructor(private readonly maxMessage = 256 * 1024) {}

  push(fragment: Buffer): HandshakeMessage[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, fragment]) : fragment;
    const out: HandshakeMessage[] = [];
    while (this.buf.length >= 4) {
      const type = this.buf[0]!;
      const length = this.buf.readUIntBE(1, 3);
      if (length > this.maxMessage) throw new TlsParseError(`handshake message ${type} too long: ${length} bytes`);
      if (this.buf.length < 4 + length) break;
      out.push({ type, body: Buffer.from(this.buf.subarray(4, 4 + length)) });
      this.buf = this.buf.subarray(4 + length);
    }
    return out;
  }

  get pending(): number {
    return this.buf.length;
  }
}

// ── Server messages ──────────────────────────────────────────────────────

export interface ServerHello {
  /** The negotiated version: supported_versions when present, else legacy_version. */
  version: number;
  legacyVersion: number;
  helloRetryRequest: boolean;
  sessionId: Buffer;
  suite: number;
  compression: number;
  /** Extension types in the order the server sent them. */
  extensions: number[];
  /** renegotiation_info payload (RFC 5746), when present. */
  renegotiationInfo?: Buffer;
  extendedMasterSecret: boolean;
  /** status_request acknowledged: a CertificateStatus follows (TLS ≤ 1.2). */
  statusRequest: boolean;
  /** key_share: the group of the server's share, or the group an HRR asks for. */
  keyShareGroup?: number;
  alpn?: string;
}

export function parseServerHello(body: Buffer): ServerHello {
  const r = new Reader(body, 'ServerHello');
  const legacyVersion = r.u16();
  const random = r.bytes(32);
  const sessionIdR = r.vec(1, 'ServerHello session id');
  if (sessionIdR.remaining > 32) throw new TlsParseError('ServerHello: session id longer than 32 bytes');
  const sessionId = sessionIdR.rest();
  const suite = r.u16();
  const compression = r.u8();
  const helloRetryRequest = random.equals(HRR_RANDOM);
  const sh: ServerHello = {
    version: legacyVersion,
    legacyVersion,
    helloRetryRequest,
    sessionId,
    suite,
    compression,
    extensions: [],
    extendedMasterSecret: false,
    statusRequest: false,
  };
  if (r.remaining === 0) return sh; // extensions are optional before TLS 1.3
  const exts = r.vec(2, 'ServerHello extensions');
  r.done();
  const seen = new Set<number>();
  while (exts.remaining > 0) {
    const type = exts.u16();
    const data = exts.vec(2, `ServerHello extension ${type}`);
    if (seen.has(type)) throw new TlsParseError(`ServerHello: extension ${type} sent twice`);
    seen.add(type);
    sh.extensions.push(type);
    switch (type) {
      case Ext.supportedVersions:
        sh.version = data.u16();
        data.done();
        break;
      case Ext.keyShare:
        sh.keyShareGroup = data.u16();
        if (helloRetryRequest) data.done();
        else {
          data.vec(2, 'key_share key');
          data.done();
        }
        break;
      case Ext.renegotiationInfo:
        sh.renegotiationInfo = data.vec(1, 'renegotiation_info').rest();
        data.done();
        break;
      case Ext.extendedMasterSecret:
        sh.extendedMasterSecret = true;
        data.done();
        break;
      case Ext.statusRequest:
        sh.statusRequest = true;
        data.done();
        break;
      case Ext.alpn: {
        const list = data.vec(2, 'ALPN');
        sh.alpn = list.vec(1, 'ALPN protocol').rest().toString('latin1');
        list.done();
        data.done();
        break;
      }
      default:
        data.rest();
    }
  }
  if (helloRetryRequest && sh.version !== TLSv1_3) throw new TlsParseError('HelloRetryRequest without TLS 1.3 in supported_versions');
  return sh;
}

/** TLS ≤ 1.2 Certificate: the DER certificates, leaf first, as the server sent them. */
export function parseCertificate(body: Buffer): Buffer[] {
  const r = new Reader(body, 'Certificate');
  const list = r.vec(3, 'certificate_list');
  r.done();
  const certs: Buffer[] = [];
  while (list.remaining > 0) {
    const der = list.vec(3, 'certificate').rest();
    if (der.length === 0) throw new TlsParseError('Certificate: empty certificate entry');
    certs.push(der);
  }
  return certs;
}

export type ServerKeyExchange =
  | { kind: 'ecdhe'; curveType: number; group?: number; sigalg?: number }
  | { kind: 'dhe'; primeBits: number; generator: Buffer; sigalg?: number }
  | { kind: 'rsa-export'; modulusBits: number; sigalg?: number };

/**
 * ServerKeyExchange for the negotiated suite's key exchange. `signed` says whether
 * a signature follows; in TLS 1.2 it starts with the signature scheme (RFC 5246 §7.4.3).
 */
export function parseServerKeyExchange(body: Buffer, kx: 'ecdhe' | 'dhe' | 'rsa-export', version: number, signed: boolean): ServerKeyExchange {
  const r = new Reader(body, 'ServerKeyExchange');
  let out: ServerKeyExchange;
  if (kx === 'ecdhe') {
    const curveType = r.u8();
    if (curveType === 3) {
      const group = r.u16();
      r.vec(1, 'ECDH public key');
      out = { kind: 'ecdhe', curveType, group };
    } else {
      // Explicit curves (types 1 and 2) are deprecated; say so without parsing them.
      r.rest();
      return { kind: 'ecdhe', curveType };
    }
  } else if (kx === 'dhe') {
    const p = r.vec(2, 'dh_p').rest();
    const g = r.vec(2, 'dh_g').rest();
    r.vec(2, 'dh_Ys');
    if (p.length === 0) throw new TlsParseError('ServerKeyExchange: empty DH prime');
    out = { kind: 'dhe', primeBits: bitLength(p), generator: g };
  } else {
    const m = r.vec(2, 'rsa_modulus').rest();
    r.vec(2, 'rsa_exponent');
    out = { kind: 'rsa-export', modulusBits: bitLength(m) };
  }
  if (signed) {
    if (version >= TLSv1_2) out.sigalg = r.u16();
    r.vec(2, 'signature');
  }
  r.done();
  return out;
}

/** CertificateStatus (RFC 6066 §8): the DER OCSPResponse. */
export function parseCertificateStatus(body: Buffer): Buffer {
  const r = new Reader(body, 'CertificateStatus');
  const type = r.u8();
  if (type !== 1) throw new TlsParseError(`CertificateStatus: unknown status type ${type}`);
  const resp = r.vec(3, 'OCSPResponse').rest();
  r.done();
  return resp;
}

export interface Alert {
  level: number;
  description: number;
}

export function parseAlert(fragment: Buffer): Alert {
  const r = new Reader(fragment, 'alert');
  const level = r.u8();
  const description = r.u8();
  r.done();
  if (level !== 1 && level !== 2) throw new TlsParseError(`alert: unknown level ${level}`);
  return { level, description };
}

const ALERTS: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  22: 'record_overflow',
  40: 'handshake_failure',
  42: 'bad_certificate',
  47: 'illegal_parameter',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  120: 'no_application_protocol',
};

export function alertName(description: number): string {
  return ALERTS[description] ?? `alert ${description}`;
}

// ── SSLv2 ───────────────────────────────────────────────────────────────

export interface Sslv2ServerHello {
  version: number;
  ciphers: number[];
  certificate: Buffer;
}

/** Whether the first bytes of a reply look like an SSLv2 record (2-byte header with the high bit set). */
export function looksLikeSslv2(first: Buffer): boolean {
  return first.length >= 3 && (first[0]! & 0x80) !== 0 && (first[2] === 4 || first[2] === 0);
}

/** An SSLv2 ERROR message (type 0): the server speaks SSLv2 framing but refuses. */
export function isSslv2Error(first: Buffer): boolean {
  return first.length >= 3 && (first[0]! & 0x80) !== 0 && first[2] === 0;
}

/** An SSLv2 record carrying SERVER-HELLO; returns undefined until `buf` holds the whole record. */
export function parseSslv2ServerHello(buf: Buffer): Sslv2ServerHello | undefined {
  if (buf.length < 2) return undefined;
  if ((buf[0]! & 0x80) === 0) throw new TlsParseError('SSLv2: expected a 2-byte record header');
  const length = ((buf[0]! & 0x7f) << 8) | buf[1]!;
  if (buf.length < 2 + length) return undefined;
  const r = new Reader(buf, 'SSLv2 SERVER-HELLO', 2, 2 + length);
  const type = r.u8();
  if (type !== 4) throw new TlsParseError(`SSLv2: message type ${type}, expected SERVER-HELLO (4)`);
  r.u8(); // session id hit
  r.u8(); // certificate type
  const version = r.u16();
  const certLen = r.u16();
  const specLen = r.u16();
  const connIdLen = r.u16();
  if (specLen % 3 !== 0) throw new TlsParseError('SSLv2: cipher specs length is not a multiple of 3');
  const certificate = r.bytes(certLen);
  const specs = r.bytes(specLen);
  r.bytes(connIdLen);
  r.done();
  const ciphers: number[] = [];
  for (let i = 0; i < specs.length; i += 3) ciphers.push((specs[i]! << 16) | (specs[i + 1]! << 8) | specs[i + 2]!);
  return { version, ciphers, certificate };
}

