// The web part of the loopback test bed: one HTTPS and one plain-HTTP server
// (node:https / node:http) on every address given, at the same two ports,
// answering for each site by its Host header. Each site is a small declarative
// description of what it sends, so a scenario reads like the checks it exercises.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { freePort } from '../bed.js';
import { GOOD_TLS } from './certs.js';

export interface Page {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export interface Site {
  /** The HTTPS home page (and its response headers). */
  home?: Page;
  /** Any other path, e.g. '/.well-known/security.txt' or '/.well-known/mta-sts.txt'. */
  paths?: Record<string, Page>;
  /**
   * Plain HTTP: 'same' redirects to https://<this host>/, 'other:<host>' to
   * https://<host>/, 'none' serves the page without redirect. Default 'same'.
   */
  plain?: 'same' | `other:${string}` | 'none';
  /** What the site answers instead when reached over IPv6 (V6-03). */
  overIpv6?: Partial<Site>;
}

export interface WebBedSpec {
  /** Loopback addresses to listen on (e.g. 127.0.80.1 and ::1). */
  addresses: string[];
  /** Host name → site. */
  sites: Record<string, Site>;
  /** The key and certificate chain (PEM) served for every name (its SANs should cover them). */
  credentials: { key: string; cert: string };
}

export interface WebBed {
  httpsPort: number;
  httpPort: number;
  /** Requests seen, as "host path" (to assert what the audit asked). */
  requests: string[];
  stop(): Promise<void>;
}

const bareHost = (hostHeader: string | undefined) => (hostHeader ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();

function send(res: ServerResponse, page: Page): void {
  res.statusCode = page.status ?? 200;
  for (const [name, value] of Object.entries(page.headers ?? {})) res.setHeader(name, value);
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(page.body ?? '');
}

export async function startWebBed(spec: WebBedSpec): Promise<WebBed> {
  const sites = new Map(Object.entries(spec.sites).map(([h, s]) => [h.toLowerCase(), s]));
  const requests: string[] = [];
  const siteFor = (req: IncomingMessage): Site | undefined => {
    const site = sites.get(bareHost(req.headers.host));
    if (!site) return undefined;
    const v6 = req.socket.localAddress?.includes(':') && !req.socket.localAddress.startsWith('::ffff:');
    return v6 && site.overIpv6 ? { ...site, ...site.overIpv6 } : site;
  };
  const httpsPort = await freePort(spec.addresses);
  const httpPort = await freePort(spec.addresses);

  const secure = (req: IncomingMessage, res: ServerResponse) => {
    const host = bareHost(req.headers.host);
    requests.push(`https ${host} ${req.url}`);
    const site = siteFor(req);
    if (!site) return send(res, { status: 421, body: 'no such site here' });
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') return send(res, site.home ?? { body: '<!doctype html><title>home</title>' });
    const page = site.paths?.[path];
    return send(res, page ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' });
  };
  const plain = (req: IncomingMessage, res: ServerResponse) => {
    const host = bareHost(req.headers.host);
    requests.push(`http ${host} ${req.url}`);
    const site = siteFor(req);
    if (!site) return send(res, { status: 421, body: 'no such site here' });
    const mode = site.plain ?? 'same';
    if (mode === 'none') return send(res, site.home ?? { body: '<!doctype html><title>home</title>' });
    const to = mode === 'same' ? host : mode.slice('other:'.length);
    return send(res, { status: 301, headers: { location: `https://${to}:${httpsPort}${req.url ?? '/'}` }, body: '' });
  };

  const servers: Array<http.Server | https.Server> = [];
  const listen = (server: http.Server | https.Server, host: string, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    for (const address of spec.addresses) {
      const s = https.createServer({ key: spec.credentials.key, cert: spec.credentials.cert, ...GOOD_TLS }, secure);
      // Good practice, and what TLS-08 asks: no renegotiation started by clients.
      s.on('secureConnection', (socket: TLSSocket) => socket.disableRenegotiation());
      const p = http.createServer(plain);
      // Keep-alive would hold sockets open after the audit: every answer closes.
      for (const server of [s, p]) {
        server.keepAliveTimeout = 1;
        servers.push(server);
      }
      await listen(s, address, httpsPort);
      await listen(p, address, httpPort);
    }
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw err;
  }
  return {
    httpsPort,
    httpPort,
    requests,
    async stop() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
