// One HTTP/1.1 request to an address the audit resolved itself: node:http(s)
// connects to the IP literal (no system lookup ever happens), with Host and SNI
// set to the name. Every connection goes through the limiter; connect, idle and
// total timeouts; the body is capped.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates, type TLSSocket } from 'node:tls';
import type { ConnectionLimiter } from '../net/limiter.js';
import { hostPort } from '../audit-support.js';

export interface HttpRequest {
  /** The name: Host header and SNI. */
  host: string;
  /** The address to connect to (resolved by the audit). */
  address: string;
  port: number;
  tls: boolean;
  /** Path and query, starting with "/". */
  path: string;
}

export interface HttpClientContext {
  limiter: ConnectionLimiter;
  timeoutMs: number;
  /** Extra trust anchors (PEM), added to Node's roots. */
  ca?: string[];
}

export interface HttpResponse {
  url: string;
  status: number;
  /** Every header line in order, names in lower case. */
  headers: Array<[string, string]>;
  body: Buffer;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
  /** For HTTPS: whether the certificate verified against the roots (and the extra anchors). */
  tlsAuthorized?: boolean;
  tlsError?: string;
}

export type HttpFailure = 'refused' | 'timeout' | 'reset' | 'tls' | 'protocol' | 'certificate' | 'other';

export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: HttpFailure,
  ) {
    super(message);
  }
}

export const MAX_BODY_BYTES = 512 * 1024;

export const headerValues = (res: HttpResponse, name: string) => res.headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);

export function requestUrl(req: HttpRequest): string {
  const defaultPort = req.tls ? 443 : 80;
  const authority = req.port === defaultPort ? req.host : hostPort(req.host, req.port);
  return `${req.tls ? 'https' : 'http'}://${authority}${req.path}`;
}

function classify(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message || code || 'request failed';
  if (code === 'ECONNREFUSED') return new HttpError('connection refused', 'refused');
  if (code === 'ECONNRESET' || code === 'EPIPE') return new HttpError('connection reset by the server', 'reset');
  if (code === 'ETIMEDOUT') return new HttpError('timed out', 'timeout');
  if (code.startsWith('HPE_')) return new HttpError(`not a valid HTTP response (${message})`, 'protocol');
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/.test(code)) return new HttpError(`certificate not valid: ${message}`, 'certificate');
  if (code.startsWith('ERR_SSL') || code === 'EPROTO' || /SSL|TLS/.test(message)) return new HttpError(`TLS handshake failed: ${message}`, 'tls');
  return new HttpError(message, 'other');
}

/**
 * Sends GET and reads the answer. With `verify`, the certificate must be valid
 * for the name (MTA-STS policies); without, the answer is read whatever the
 * certificate (the certificate checks judge it) and weak TLS is accepted.
 */
export function httpGet(ctx: HttpClientContext, req: HttpRequest, opts: { verify?: boolean; maxBody?: number } = {}): Promise<HttpResponse> {
  const maxBody = opts.maxBody ?? MAX_BODY_BYTES;
  const url = requestUrl(req);
  return ctx.limiter.with(req.address, () => new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err: unknown, res?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(idle);
      if (err) reject(classify(err));
      else resolve(res!);
    };
    const defaultPort = req.tls ? 443 : 80;
    const headers = {
      Host: req.port === defaultPort ? req.host : hostPort(req.host, req.port),
      'User-Agent': 'hearth-check/1',
      Accept: 'text/html,text/plain;q=0.9,*/*;q=0.8',
      'Accept-Encoding': 'identity',
      Connection: 'close',
    };
    const base = { host: req.address, port: req.port, path: req.path, method: 'GET', headers, setHost: false, agent: false as const };
    const verify = opts.verify === true;
    const request = req.tls
      ? https.request({
          ...base,
          servername: isIP(req.host) ? '' : req.host,
          ca: ctx.ca && ctx.ca.length > 0 ? [...rootCertificates, ...ctx.ca] : undefined,
          rejectUnauthorized: verify,
          // Header checks must still read a weakly configured server; its TLS is judged elsewhere.
          ...(verify ? {} : { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' }),
        })
      : http.request(base);
    // A hard ceiling on the whole exchange, and an idle timer: no answer (then no new bytes) within timeoutMs.
    const total = setTimeout(() => request.destroy(new HttpError(`no complete answer within ${(2 * ctx.timeoutMs) / 1000} s`, 'timeout')), 2 * ctx.timeoutMs);
    let idle = setTimeout(() => request.destroy(new HttpError(`no answer within ${ctx.timeoutMs / 1000} s`, 'timeout')), ctx.timeoutMs);
    const stillAlive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => request.destroy(new HttpError(`the answer stalled for ${ctx.timeoutMs / 1000} s`, 'timeout')), ctx.timeoutMs);
    };
    request.on('error', (err) => finish(err));
    request.on('response', (res) => {
      stillAlive();
      const socket = res.socket as TLSSocket | null;
      const tlsInfo = req.tls && socket ? { tlsAuthorized: socket.authorized === true, ...(socket.authorizationError ? { tlsError: String(socket.authorizationError) } : {}) } : {};
      const headerList: Array<[string, string]> = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headerList.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
      const done = (truncated: boolean) =>
        finish(undefined, { url, status: res.statusCode ?? 0, headers: headerList, body: Buffer.concat(chunks), truncated, ...tlsInfo });
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        stillAlive();
        const room = maxBody - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        if (size >= maxBody) {
          done(true);
          request.destroy();
        }
      });
      res.on('end', () => done(false));
      res.on('error', (err) => finish(err));
      res.on('aborted', () => done(true));
    });
    request.end();
  }));
}

/** Follows up to `hops` redirects that stay on the same host and scheme (the address stays valid); returns every response. */
export async function httpGetFollowing(ctx: HttpClientContext, req: HttpRequest, hops = 3, get = httpGet): Promise<HttpResponse[]> {
  const chain: HttpResponse[] = [];
  let current = req;
  for (let i = 0; ; i++) {
    const res = await get(ctx, current);
    chain.push(res);
    const location = headerValues(res, 'location')[0];
    if (i >= hops || res.status < 300 || res.status > 399 || !location) return chain;
    let next: URL;
    try {
      next = new URL(location, res.url);
    } catch {
      return chain;
    }
    const sameScheme = (next.protocol === 'https:') === current.tls && (next.protocol === 'https:' || next.protocol === 'http:');
    const nextPort = next.port === '' ? (current.tls ? 443 : 80) : Number(next.port);
    // Ports the bed remaps (a high port for 443) still count as the same service when the URL names the default.
    const samePort = nextPort === current.port || next.port === '';
    if (next.hostname.toLowerCase() !== current.host.toLowerCase() || !sameScheme || !samePort) return chain;
    current = { ...current, path: `${next.pathname}${next.search}` };
  }
}
