// safeFetch against real HTTP servers on 127.0.0.1 only. Names are answered by a
// stub resolver (never real DNS); loopback is reachable only with allowPrivate,
// which is what lets a "public" name point at a local server here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { NetError } from './net.errors.js';
import { netOptions, safeFetch, type ConnectInfo, type Lookup, type ResolvedAddress, type SafeFetchOptions } from './safe-fetch.js';

interface TestServer {
  port: number;
  origin: string;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function startServer(handler: (req: IncomingMessage, res: ServerResponse, s: TestServer) => void): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    handler(req, res, s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const s: TestServer = {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A resolver that knows only the names a test gives it, and counts its calls. */
function stubLookup(table: Record<string, string[] | (() => string[])>): Lookup & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (host: string): Promise<ResolvedAddress[]> => {
    calls.push(host);
    const entry = table[host];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    const list = typeof entry === 'function' ? entry() : entry;
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(fn, { calls });
}

async function failure(p: Promise<unknown>): Promise<NetError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(NetError);
    return e as NetError;
  }
  throw new Error('expected the request to be refused');
}

describe('safeFetch', () => {
  let connections: ConnectInfo[] = [];
  const onConnect = (c: ConnectInfo) => connections.push(c);
  afterEach(() => {
    connections = [];
  });

  it('connects to the validated address, resolving the name exactly once', async () => {
    const s = await startServer((req, res) => res.end(`hello ${req.headers.host}`));
    // A rebinding resolver: first a loopback answer, then a forbidden one. Only the first may ever be used.
    let answers = 0;
    const lookup = stubLookup({ 'hearth.example': () => (answers++ === 0 ? ['127.0.0.1'] : ['169.254.169.254']) });
    const res = await safeFetch(`http://hearth.example:${s.port}/profile.json`, { lookup, onConnect, allowPrivate: true, allowedPorts: [s.port] });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(`hello hearth.example:${s.port}`);
    expect(res.finalUrl).toBe(`http://hearth.example:${s.port}/profile.json`);
    expect(res.redirects).toEqual([]);
    expect(lookup.calls).toEqual(['hearth.example']);
    expect(connections).toEqual([{ hostname: 'hearth.example', address: '127.0.0.1', port: s.port }]);
  });

  it('refuses a loopback target unless the test-bed setting allows it, without connecting', async () => {
    const s = await startServer((_req, res) => res.end('secret'));
    const lookup = stubLookup({ 'hearth.example': ['127.0.0.1'] });
    const e = await failure(safeFetch(`http://hearth.example:${s.port}/`, { lookup, onConnect, allowedPorts: [s.port] }));
    expect(e.code).toBe('NET_FORBIDDEN_ADDRESS');
    expect(e.status).toBe(422);
    const literal = await failure(safeFetch(`${s.origin}/`, { onConnect, allowedPorts: [s.port] }));
    expect(literal.code).toBe('NET_FORBIDDEN_ADDRESS');
    expect(connections).toEqual([]);
    expect(s.requests).toHaveLength(0);
  });

  describe('refuses every non-public address a name resolves to', () => {
    it.each([
      '0.0.0.0',
      '::',
      '127.0.0.1',
      '::1',
      '10.0.0.1',
      '10.200.3.4',
      '172.16.0.1',
      '172.31.9.9',
      '192.168.0.1',
      '100.64.0.1',
      '169.254.169.254',
      'fe80::1',
      'fc00::1',
      'fd00::53',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '2002:7f00:1::1',
      '2001:0:4136:e378::1',
      '64:ff9b::a00:1',
      '192.0.2.10',
      '224.0.0.251',
      '239.1.2.3',
    ])('%s', async (address) => {
      const lookup = stubLookup({ 'hearth.example': [address] });
      const e = await failure(safeFetch('https://hearth.example/federation.json', { lookup, onConnect }));
      expect(e.code).toBe('NET_FORBIDDEN_ADDRESS');
      expect(lookup.calls).toEqual(['hearth.example']);
      expect(connections).toEqual([]);
    });
  });

  it.each(['http://0.0.0.0/', 'http://[::]/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0x7f.1/', 'http://2130706433/', 'http://169.254.169.254/latest/meta-data/'])(
    'refuses the address literal %s without asking the resolver',
    async (url) => {
      const lookup = stubLookup({});
      const e = await failure(safeFetch(url, { lookup, onConnect }));
      expect(e.code).toBe('NET_FORBIDDEN_ADDRESS');
      expect(lookup.calls).toEqual([]);
      expect(connections).toEqual([]);
    },
  );

  it('refuses a name when any one of its addresses is forbidden', async () => {
    const s = await startServer((_req, res) => res.end('x'));
    // Even in test-bed mode a link-local (cloud metadata) address is refused.
    const lookup = stubLookup({ 'mixed.example': ['127.0.0.1', '169.254.169.254'] });
    const e = await failure(safeFetch(`http://mixed.example:${s.port}/`, { lookup, onConnect, allowPrivate: true, allowedPorts: [s.port] }));
    expect(e.code).toBe('NET_FORBIDDEN_ADDRESS');
    expect(connections).toEqual([]);
    expect(s.requests).toHaveLength(0);
  });

  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['gopher://hearth.example:70/_GET', 'scheme'],
    ['ftp://hearth.example/file', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['http://user:pass@hearth.example/', 'credentials'],
    ['http://user@hearth.example/', 'credentials'],
    ['http://hearth.example:8080/', 'port'],
    ['https://hearth.example:22/', 'port'],
    ['not a url', 'unparseable'],
  ])('refuses %s as a bad URL (%s) before resolving anything', async (url, reason) => {
    const lookup = stubLookup({ 'hearth.example': ['127.0.0.1'] });
    const e = await failure(safeFetch(url, { lookup, onConnect, allowPrivate: true }));
    expect(e.code).toBe('NET_BAD_URL');
    expect(e.details).toMatchObject({ reason });
    expect(lookup.calls).toEqual([]);
    expect(connections).toEqual([]);
  });

  it('follows a redirect, checking the new host again', async () => {
    const b = await startServer((_req, res) => res.end('moved here'));
    const a = await startServer((_req, res) => res.writeHead(301, { location: `http://b.example:${b.port}/final` }).end());
    const lookup = stubLookup({ 'a.example': ['127.0.0.1'], 'b.example': ['127.0.0.1'] });
    const res = await safeFetch(`http://a.example:${a.port}/start`, { lookup, onConnect, allowPrivate: true, allowedPorts: [a.port, b.port] });
    expect(res.body.toString()).toBe('moved here');
    expect(res.finalUrl).toBe(`http://b.example:${b.port}/final`);
    expect(res.redirects).toEqual([`http://a.example:${a.port}/start`]);
    expect(lookup.calls).toEqual(['a.example', 'b.example']);
    expect(connections.map((c) => c.port)).toEqual([a.port, b.port]);
  });

  it('refuses a redirect from an allowed name to a forbidden address', async () => {
    const a = await startServer((req, res) => {
      const to = req.url === '/by-name' ? 'http://metadata.example/latest/meta-data/' : 'http://169.254.169.254/latest/meta-data/';
      res.writeHead(302, { location: to }).end();
    });
    const lookup = stubLookup({ 'a.example': ['127.0.0.1'], 'metadata.example': ['169.254.169.254'] });
    const opts: SafeFetchOptions = { lookup, onConnect, allowPrivate: true, allowedPorts: [80, a.port] };
    expect((await failure(safeFetch(`http://a.example:${a.port}/by-name`, opts))).code).toBe('NET_FORBIDDEN_ADDRESS');
    expect((await failure(safeFetch(`http://a.example:${a.port}/by-literal`, opts))).code).toBe('NET_FORBIDDEN_ADDRESS');
    expect(lookup.calls).toEqual(['a.example', 'metadata.example', 'a.example']);
    // Only the first hop, twice, was ever connected to.
    expect(connections.map((c) => c.address)).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('refuses a redirect to another scheme', async () => {
    const a = await startServer((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const e = await failure(safeFetch(`${a.origin}/`, { allowPrivate: true, allowedPorts: [a.port] }));
    expect(e.code).toBe('NET_BAD_URL');
  });

  it('follows two redirects and refuses the third', async () => {
    const s = await startServer((req, res) => {
      const n = Number(req.url!.slice(1));
      if (n > 0) res.writeHead(307, { location: `/${n - 1}` }).end();
      else res.end('arrived');
    });
    const opts = { allowPrivate: true, allowedPorts: [s.port] };
    const ok = await safeFetch(`${s.origin}/2`, opts);
    expect(ok.body.toString()).toBe('arrived');
    expect(ok.redirects).toEqual([`${s.origin}/2`, `${s.origin}/1`]);
    s.requests.length = 0;
    const e = await failure(safeFetch(`${s.origin}/3`, opts));
    expect(e.code).toBe('NET_TOO_MANY_REDIRECTS');
    // /3 → /2 → /1 were asked; /0 never was.
    expect(s.requests.map((r) => r.url)).toEqual(['/3', '/2', '/1']);
    expect((await failure(safeFetch(`${s.origin}/1`, { ...opts, maxRedirects: 0 }))).code).toBe('NET_TOO_MANY_REDIRECTS');
  });

  it('turns a POST answered by 303 into a GET, and keeps credentials to their origin', async () => {
    const b = await startServer((req, res) => res.end(`${req.method} auth=${req.headers.authorization ?? 'none'}`));
    const a = await startServer((req, res) => {
      if (req.url === '/same') res.writeHead(303, { location: '/done' }).end();
      else if (req.url === '/done') res.end(`${req.method} auth=${req.headers.authorization ?? 'none'}`);
      else res.writeHead(303, { location: `${b.origin}/elsewhere` }).end();
    });
    const opts: SafeFetchOptions = { method: 'POST', body: '{}', headers: { authorization: 'Bearer s3cret' }, allowPrivate: true, allowedPorts: [a.port, b.port] };
    expect((await safeFetch(`${a.origin}/same`, opts)).body.toString()).toBe('GET auth=Bearer s3cret');
    expect((await safeFetch(`${a.origin}/other`, opts)).body.toString()).toBe('GET auth=none');
  });

  it('gives up on a server that never answers', async () => {
    const s = await startServer(() => {
      /* never responds */
    });
    const started = Date.now();
    const e = await failure(safeFetch(`${s.origin}/`, { allowPrivate: true, allowedPorts: [s.port], timeoutMs: 300 }));
    expect(e.code).toBe('NET_TIMEOUT');
    expect(e.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up on a body that trickles past the total timeout', async () => {
    const s = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const e = await failure(safeFetch(`${s.origin}/`, { allowPrivate: true, allowedPorts: [s.port], timeoutMs: 400 }));
    expect(e.code).toBe('NET_TIMEOUT');
  });

  it('reports a resolver failure and a refused connection with their own codes', async () => {
    expect((await failure(safeFetch('https://nowhere.example/', { lookup: stubLookup({}) }))).code).toBe('NET_DNS');
    expect((await failure(safeFetch('https://empty.example/', { lookup: stubLookup({ 'empty.example': [] }) }))).code).toBe('NET_DNS');
    const s = await startServer(() => {});
    const port = s.port;
    await s.close();
    expect((await failure(safeFetch(`http://127.0.0.1:${port}/`, { allowPrivate: true, allowedPorts: [port] }))).code).toBe('NET_CONNECT');
  });

  describe('body size cap', () => {
    it('accepts a body exactly at the cap', async () => {
      const s = await startServer((_req, res) => res.end(Buffer.alloc(4096, 'a')));
      const res = await safeFetch(`${s.origin}/`, { allowPrivate: true, allowedPorts: [s.port], maxBytes: 4096 });
      expect(res.body.length).toBe(4096);
    });

    it('aborts an endless body soon after the cap instead of buffering it', async () => {
      let sent = 0;
      let closed!: () => void;
      const closedPromise = new Promise<void>((r) => (closed = r));
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const s = await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        let open = true;
        res.on('close', () => {
          open = false;
          closed();
        });
        const pump = () => {
          while (open && res.write(chunk)) sent += chunk.length;
          if (open) {
            sent += chunk.length;
            res.once('drain', pump);
          }
        };
        pump();
      });
      const e = await failure(safeFetch(`${s.origin}/`, { allowPrivate: true, allowedPorts: [s.port], maxBytes: 64 * 1024, timeoutMs: 5_000 }));
      expect(e.code).toBe('NET_TOO_LARGE');
      // The server sees the connection closed: nothing keeps reading the rest.
      await closedPromise;
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    });

    it('refuses a declared length over the cap without waiting for the body', async () => {
      const s = await startServer((_req, res) => {
        res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        res.write('a little');
        // …and then nothing: only the declared length can end this quickly.
      });
      const started = Date.now();
      const e = await failure(safeFetch(`${s.origin}/`, { allowPrivate: true, allowedPorts: [s.port], timeoutMs: 5_000 }));
      expect(e.code).toBe('NET_TOO_LARGE');
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  it('takes private targets only from the test-bed setting, off by default', async () => {
    const off = loadConfig({ DATABASE_URL: 'sqlite::memory:' });
    const on = loadConfig({ DATABASE_URL: 'sqlite::memory:', HEARTH_NET_ALLOW_PRIVATE: '1' });
    expect(netOptions(off)).toEqual({ allowPrivate: false });
    expect(netOptions(on)).toEqual({ allowPrivate: true });
    const s = await startServer((_req, res) => res.end('test bed'));
    const lookup = stubLookup({ 'bed.test': ['127.0.0.1'] });
    expect((await failure(safeFetch(`http://bed.test:${s.port}/`, { ...netOptions(off), lookup, allowedPorts: [s.port] }))).code).toBe('NET_FORBIDDEN_ADDRESS');
    expect((await safeFetch(`http://bed.test:${s.port}/`, { ...netOptions(on), lookup, allowedPorts: [s.port] })).body.toString()).toBe('test bed');
  });

  // A throwaway certificate for hearth.example, made with the openssl command line.
  it.skipIf(!existsSync('/usr/bin/openssl'))('speaks TLS to the pinned address, checking the certificate against the URL’s name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-tls-'));
    try {
      execFileSync('/usr/bin/openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
        '-subj', '/CN=hearth.example', '-addext', 'subjectAltName=DNS:hearth.example',
      ], { stdio: 'ignore' });
      const cert = readFileSync(join(dir, 'cert.pem'));
      const server = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => res.end(`secure ${req.headers.host}`));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      try {
        const lookup = stubLookup({ 'hearth.example': ['127.0.0.1'], 'other.example': ['127.0.0.1'] });
        const opts = { lookup, onConnect, allowPrivate: true, allowedPorts: [port], ca: cert };
        const res = await safeFetch(`https://hearth.example:${port}/`, opts);
        expect(res.body.toString()).toBe(`secure hearth.example:${port}`);
        expect(connections).toEqual([{ hostname: 'hearth.example', address: '127.0.0.1', port }]);
        // The same server under a name its certificate does not carry is refused.
        expect((await failure(safeFetch(`https://other.example:${port}/`, opts))).code).toBe('NET_CONNECT');
        // Without the test CA the certificate is not trusted.
        expect((await failure(safeFetch(`https://hearth.example:${port}/`, { ...opts, ca: undefined }))).code).toBe('NET_CONNECT');
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
