// A scripted "legacy" TLS server for what no OpenSSL on this machine will
// serve any more: SSLv2 and SSLv3, 3DES, RC4, EXPORT and anonymous suites,
// DEFLATE compression, a ServerHello without renegotiation_info or
// extended_master_secret, tiny DH groups. It answers a ClientHello with a
// believable first flight (ServerHello, Certificate, ServerKeyExchange with a
// random "signature", ServerHelloDone) and then waits: no handshake here ever
// completes, which is all the raw probes need. Loopback only.
import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { u16, u24, u8, vec } from '../../../src/checks/tls/bytes.js';
import { ContentType, Ext, HandshakeReader, HandshakeType, parseClientHello, RecordReader } from '../../../src/checks/tls/messages.js';
import { SSLV2_CIPHERS, suites as suiteInfo, TLSv1_2 } from '../../../src/checks/tls/registry.js';
import { freePort } from '../bed.js';
import type { BedServer } from './servers.js';

export interface FakeTlsConfig {
  /** Versions spoken, SSLv3 (0x0300) to TLS 1.2; TLS 1.3 is never negotiated here. */
  versions: number[];
  /** Answer SSLv2 CLIENT-HELLOs with a SERVER-HELLO. */
  sslv2?: boolean;
  /** Suites in the server's preference order. */
  suites: number[];
  /** Choose by the server's order (true) or the client's (false). */
  serverOrder: boolean;
  /** Accept DEFLATE when the client offers it. */
  compression?: boolean;
  renegotiationInfo: boolean;
  extendedMasterSecret: boolean;
  /** DER certificates, leaf first. */
  certificates: Buffer[];
  /** Prime size of the DHE group. */
  dhBits?: number;
  /** Curves for ECDHE, in preference order. */
  curves?: number[];
  /** TLS 1.2 signature schemes for the key exchange, in preference order. */
  sigalgs?: number[];
}

function record(type: number, version: number, body: Buffer): Buffer {
  return Buffer.concat([u8(type), u16(version), vec(2, body)]);
}

function handshake(type: number, body: Buffer): Buffer {
  return Buffer.concat([u8(type), u24(body.length), body]);
}

function alert(version: number, description: number): Buffer {
  return record(ContentType.alert, version, Buffer.from([2, description]));
}

/** An odd number of exactly `bits` bits: it looks like a prime to a scanner that only measures it. */
function fakePrime(bits: number): Buffer {
  const p = randomBytes(Math.ceil(bits / 8));
  const top = bits % 8 === 0 ? 8 : bits % 8;
  p[0] = (p[0]! & ((1 << top) - 1)) | (1 << (top - 1));
  p[p.length - 1]! |= 1;
  return p;
}

function answer(cfg: FakeTlsConfig, body: Buffer): Buffer {
  const ch = parseClientHello(body);
  const top = Math.max(...cfg.versions);
  // supported_versions offering only TLS 1.3 leaves nothing we speak.
  if (ch.versions && !ch.versions.some((v) => v <= TLSv1_2 && cfg.versions.includes(v))) return alert(TLSv1_2, 70);
  const version = Math.min(ch.legacyVersion, top);
  if (!cfg.versions.includes(version)) return alert(Math.min(top, ch.legacyVersion), 70);
  const usable = (s: number) => {
    const info = suiteInfo.get(s);
    if (!info || info.tls13) return false;
    if (version < TLSv1_2 && /_(GCM|CCM|SHA256|SHA384)|CHACHA/.test(info.name)) return false;
    if (info.kx === 'ECDHE' && !(cfg.curves ?? []).some((c) => ch.groups?.includes(c))) return false;
    return true;
  };
  const common = (cfg.serverOrder ? cfg.suites.filter((s) => ch.suites.includes(s)) : ch.suites.filter((s) => cfg.suites.includes(s))).filter(usable);
  const suite = common[0];
  if (suite === undefined) return alert(version, 40);
  const info = suiteInfo.get(suite)!;

  const exts: Buffer[] = [];
  const clientRi = ch.extensions.has(Ext.renegotiationInfo) || ch.suites.includes(0x00ff);
  if (cfg.renegotiationInfo && clientRi) exts.push(Buffer.concat([u16(Ext.renegotiationInfo), vec(2, vec(1))]));
  if (cfg.extendedMasterSecret && ch.extensions.has(Ext.extendedMasterSecret)) exts.push(Buffer.concat([u16(Ext.extendedMasterSecret), vec(2)]));
  const compression = cfg.compression && ch.compression.includes(1) ? 1 : 0;
  const serverHello = Buffer.concat([u16(version), randomBytes(32), vec(1, randomBytes(32)), u16(suite), u8(compression), ...(exts.length ? [vec(2, ...exts)] : [])]);

  const flight: Buffer[] = [handshake(HandshakeType.serverHello, serverHello)];
  if (info.kx !== 'anon') flight.push(handshake(HandshakeType.certificate, vec(3, ...cfg.certificates.map((c) => vec(3, c)))));
  const signature = (): Buffer => {
    if (info.kx === 'anon') return Buffer.alloc(0);
    if (version < TLSv1_2) return vec(2, randomBytes(64));
    const scheme = (cfg.sigalgs ?? [0x0401]).find((s) => ch.sigalgs?.includes(s) ?? s === 0x0201) ?? (cfg.sigalgs ?? [0x0401])[0]!;
    return Buffer.concat([u16(scheme), vec(2, randomBytes(64))]);
  };
  if (info.kx === 'ECDHE' || info.name.includes('ECDH_anon')) {
    const curve = (cfg.curves ?? []).find((c) => ch.groups?.includes(c)) ?? 23;
    flight.push(handshake(HandshakeType.serverKeyExchange, Buffer.concat([u8(3), u16(curve), vec(1, randomBytes(65)), signature()])));
  } else if (info.kx === 'DHE' || info.name.includes('DH_anon')) {
    const bits = cfg.dhBits ?? 2048;
    flight.push(handshake(HandshakeType.serverKeyExchange, Buffer.concat([vec(2, fakePrime(bits)), vec(2, u8(2)), vec(2, randomBytes(Math.ceil(bits / 8))), signature()])));
  } else if (info.name.includes('EXPORT')) {
    flight.push(handshake(HandshakeType.serverKeyExchange, Buffer.concat([vec(2, fakePrime(512)), vec(2, Buffer.from([1, 0, 1])), signature()])));
  }
  flight.push(handshake(HandshakeType.serverHelloDone, Buffer.alloc(0)));
  return record(ContentType.handshake, version, Buffer.concat(flight));
}

function sslv2ServerHello(cfg: FakeTlsConfig): Buffer {
  const cert = cfg.certificates[0] ?? Buffer.alloc(0);
  const specs = Buffer.concat([...SSLV2_CIPHERS.keys()].slice(0, 3).map((k) => Buffer.from([k >> 16, (k >> 8) & 0xff, k & 0xff])));
  const connId = randomBytes(16);
  const body = Buffer.concat([u8(4), u8(0), u8(1), u16(0x0002), u16(cert.length), u16(specs.length), u16(connId.length), cert, specs, connId]);
  return Buffer.concat([u16(0x8000 | body.length), body]);
}

function serve(cfg: FakeTlsConfig, s: Socket): void {
  const records = new RecordReader();
  const hs = new HandshakeReader();
  let first = true;
  s.on('data', (chunk: Buffer) => {
    try {
      if (first) {
        first = false;
        // SSLv2 CLIENT-HELLO: 2-byte header with the high bit set, message type 1.
        if ((chunk[0]! & 0x80) !== 0 && chunk[2] === 1) {
          if (cfg.sslv2) s.write(sslv2ServerHello(cfg));
          else s.end();
          return;
        }
      }
      for (const rec of records.push(chunk)) {
        // A client that goes on (ChangeCipherSpec, ClientKeyExchange) would wait for us in vain: hang up.
        if (rec.type !== ContentType.handshake) return void s.destroy();
        for (const m of hs.push(rec.fragment)) {
          if (m.type !== HandshakeType.clientHello) return void s.destroy();
          s.write(answer(cfg, m.body));
        }
      }
    } catch {
      s.destroy();
    }
  });
}

export async function startFakeTlsServer(address: string, cfg: FakeTlsConfig): Promise<BedServer> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    serve(cfg, s);
  });
  const port = await freePort([address]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return {
    address,
    port,
    output: () => '',
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

