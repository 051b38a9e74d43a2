// Test material for member profiles: OpenPGP keys made on the spot, multipart
// bodies as a browser sends them, tiny images, and a loopback HTTP server
// standing in for a member's own web server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as openpgp from 'openpgp';
import type { ResolvedAddress } from '../../src/kernel/net/safe-fetch.js';

export interface TestKeys {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
}

/** A fresh Ed25519/X25519 key pair that never expires. */
export async function makeKey(opts: { date?: Date; expiresInSeconds?: number } = {}): Promise<TestKeys> {
  const { publicKey, privateKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Security team', email: 'security@example.org' }],
    format: 'armored',
    ...(opts.date ? { date: opts.date } : {}),
    keyExpirationTime: opts.expiresInSeconds ?? 0,
  });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  return { publicKey, privateKey, fingerprint: key.getFingerprint().toUpperCase() };
}

/** A key whose expiry lies in the past. */
export const makeExpiredKey = () => makeKey({ date: new Date('2020-01-01T00:00:00Z'), expiresInSeconds: 3600 });

/** The public half of a key that has been revoked. */
export async function makeRevokedKey(): Promise<string> {
  const { privateKey } = await makeKey();
  const { publicKey } = await openpgp.revokeKey({ key: await openpgp.readPrivateKey({ armoredKey: privateKey }), format: 'armored' });
  return publicKey;
}

/** The smallest valid PNG (1×1, transparent). */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1), Buffer.from([0xff, 0xd9])]);
export const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([30, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(22, 0)]);
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

export type Part = { name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer };

/** A multipart/form-data body, parts in the order given (browsers send fields in document order). */
export function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----hearth${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.contentType}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface FileServer {
  port: number;
  /** What the next requests get: status, body, extra headers; by path. */
  routes: Map<string, { status?: number; body: string | Buffer; headers?: Record<string, string> }>;
  requests: string[];
  close(): Promise<void>;
}

/** A member's web server on loopback, answering from `routes`. */
export async function startFileServer(): Promise<FileServer> {
  const routes: FileServer['routes'] = new Map();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const r = routes.get(req.url ?? '');
    if (!r) {
      res.writeHead(404).end('not here');
      return;
    }
    res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
    res.end(r.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    routes,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A resolver that knows only the names given, each pointing at loopback; never asks real DNS. */
export function stubLookup(names: string[], address = '127.0.0.1') {
  const calls: string[] = [];
  const lookup = async (host: string): Promise<ResolvedAddress[]> => {
    calls.push(host);
    if (!names.includes(host)) throw Object.assign(new Error(`no such name ${host}`), { code: 'ENOTFOUND' });
    return [{ address, family: 4 }];
  };
  return Object.assign(lookup, { calls });
}
