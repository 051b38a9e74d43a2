// SSRF-safe outbound HTTP for everything Hearth fetches on a person's behalf
// (self-description files, webhooks). The rules, from SECURITY-NOTES:
//   1. WHATWG URL; http/https only; ports 80/443 unless the caller allows others;
//      no user:pass@ in the URL.
//   2. Resolve the name ONCE and refuse the request when any address is not
//      public unicast (ipaddr.js ranges, IPv4-mapped IPv6 unwrapped first).
//   3. Connect to exactly the addresses validated, through undici's connect
//      lookup hook: the socket never resolves the name again, so a DNS answer
//      that changes between check and connect (rebinding) cannot redirect it.
//   4. Redirects followed here, each hop checked like the first, at most 2 by
//      default; a total timeout and a connect timeout; the body is streamed and
//      the request aborted as soon as it passes the size cap.
// Node's global fetch and libraries wrapping http.Agent skip step 3; use this.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import type { Config } from '../../config.js';
import { version } from '../../version.js';
import { checkAddress } from './net.address.js';
import { NetError } from './net.errors.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has; `dns.lookup(host, { all: true })` unless a test injects its own. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true });

export interface ConnectInfo {
  hostname: string;
  /** The peer address of the socket actually opened. */
  address: string;
  port: number;
}

export interface SafeFetchOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Test beds only (HEARTH_NET_ALLOW_PRIVATE): loopback and private targets are allowed. */
  allowPrivate?: boolean;
  /** Ports a URL may name; default 80 and 443. */
  allowedPorts?: readonly number[];
  /** Redirects followed before giving up with NET_TOO_MANY_REDIRECTS; default 2. */
  maxRedirects?: number;
  /** Body size cap in bytes; default 1 MiB. */
  maxBytes?: number;
  /** Whole request, every hop included; default 10 s. */
  timeoutMs?: number;
  /** Establishing one TCP/TLS connection; default 5 s. */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  /** Certificates to trust instead of the system's (the test bed's throwaway CA). */
  ca?: string | Buffer;
  lookup?: Lookup;
  /** Called with each socket opened (tests use it to see where connections go). */
  onConnect?: (info: ConnectInfo) => void;
}

export interface SafeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  finalUrl: string;
  /** The URLs that answered with a redirect, in order; empty when there was none. */
  redirects: string[];
}

export const SAFE_FETCH_DEFAULTS = {
  allowedPorts: [80, 443] as readonly number[],
  maxRedirects: 2,
  maxBytes: 1024 * 1024,
  timeoutMs: 10_000,
  connectTimeoutMs: 5_000,
};

/** The options every caller takes from configuration. */
export function netOptions(config: Pick<Config, 'netAllowPrivate'>): Pick<SafeFetchOptions, 'allowPrivate'> {
  return { allowPrivate: config.netAllowPrivate };
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// Credentials the caller meant for one origin never follow a redirect to another.
const originBoundHeaders = ['authorization', 'cookie', 'proxy-authorization'];

export async function safeFetch(url: string, opts: SafeFetchOptions = {}): Promise<SafeResponse> {
  const maxRedirects = opts.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const maxBytes = opts.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes;
  const timeoutMs = opts.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;

  let target = parseTarget(url, opts);
  let method: 'GET' | 'HEAD' | 'POST' = opts.method ?? 'GET';
  let body = opts.body;
  let headers = requestHeaders(opts.headers);
  const redirects: string[] = [];

  try {
    for (;;) {
      const addresses = await resolveTarget(target, opts, signal);
      const agent = pinnedAgent(target, addresses, opts, maxBytes);
      try {
        const res = await request(target.href, {
          dispatcher: agent,
          method,
          headers,
          body: body ?? null,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const location = res.headers.location;
        if (redirectStatuses.has(res.statusCode) && typeof location === 'string' && location !== '') {
          discard(res.body);
          if (redirects.length >= maxRedirects) throw new NetError('NET_TOO_MANY_REDIRECTS', { max: maxRedirects });
          redirects.push(target.href);
          const next = parseTarget(resolveLocation(location, target), opts);
          // 303 always, and 301/302 after a POST, continue as GET without a body (as browsers do).
          if (res.statusCode === 303 || (method === 'POST' && (res.statusCode === 301 || res.statusCode === 302))) {
            method = method === 'HEAD' ? 'HEAD' : 'GET';
            body = undefined;
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'content-type' && k !== 'content-length'));
          }
          if (next.origin !== target.origin) headers = withoutOriginBound(headers);
          target = next;
          continue;
        }
        let data: Buffer;
        if (method === 'HEAD') {
          discard(res.body);
          data = Buffer.alloc(0);
        } else data = await readCapped(res.body, maxBytes, res.headers['content-length']);
        return { status: res.statusCode, headers: res.headers, body: data, finalUrl: target.href, redirects };
      } finally {
        await agent.destroy().catch(() => {});
      }
    }
  } catch (err) {
    throw classify(err, timeout, opts.signal);
  }
}

function parseTarget(raw: string, opts: SafeFetchOptions): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new NetError('NET_BAD_URL', { reason: 'unparseable' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new NetError('NET_BAD_URL', { reason: 'scheme' });
  // Credentials in a URL end up in logs and in the Authorization header of whoever answers.
  if (u.username !== '' || u.password !== '') throw new NetError('NET_BAD_URL', { reason: 'credentials' });
  if (u.hostname === '') throw new NetError('NET_BAD_URL', { reason: 'host' });
  const port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
  if (!(opts.allowedPorts ?? SAFE_FETCH_DEFAULTS.allowedPorts).includes(port)) throw new NetError('NET_BAD_URL', { reason: 'port' });
  u.hash = '';
  return u;
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new NetError('NET_BAD_URL', { reason: 'redirect' });
  }
}

/** Every address of the target, each judged; one forbidden address refuses the whole request. */
async function resolveTarget(target: URL, opts: SafeFetchOptions, signal: AbortSignal): Promise<ResolvedAddress[]> {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let found: ResolvedAddress[];
  if (isIP(host) !== 0) {
    found = [{ address: host, family: isIP(host) }];
  } else {
    try {
      found = await abortable((opts.lookup ?? systemLookup)(host), signal);
    } catch (err) {
      if (signal.aborted) throw err;
      throw new NetError('NET_DNS', { host }, { cause: err });
    }
    if (found.length === 0) throw new NetError('NET_DNS', { host });
  }
  return found.map((a) => {
    const verdict = checkAddress(a.address, { allowPrivate: opts.allowPrivate === true });
    if (!verdict.ok) throw new NetError('NET_FORBIDDEN_ADDRESS', { host });
    return { address: verdict.address, family: verdict.family };
  });
}

/**
 * A one-request agent whose sockets can only reach `addresses`: the lookup hook
 * answers from the validated list instead of asking DNS again. TLS still checks
 * the certificate against the URL's host name (SNI and verification use it).
 */
function pinnedAgent(target: URL, addresses: ResolvedAddress[], opts: SafeFetchOptions, maxBytes: number): Agent {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const connect = buildConnector({
    lookup: pinned,
    timeout: opts.connectTimeoutMs ?? SAFE_FETCH_DEFAULTS.connectTimeoutMs,
    ...(opts.ca !== undefined ? { ca: opts.ca } : {}),
  });
  return new Agent({
    connections: 1,
    // A second wall behind readCapped: undici itself stops past the cap.
    maxResponseSize: maxBytes,
    connect(options, callback) {
      connect(options, (...args) => {
        const socket = args[1];
        if (socket && opts.onConnect) {
          opts.onConnect({ hostname: target.hostname, address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 });
        }
        callback(...args);
      });
    },
  });
}

async function readCapped(stream: Dispatcher.ResponseData['body'], maxBytes: number, declared: string | string[] | undefined): Promise<Buffer> {
  // A declared length over the cap is refused before reading anything.
  if (typeof declared === 'string' && Number(declared) > maxBytes) {
    discard(stream);
    throw new NetError('NET_TOO_LARGE', { max: maxBytes });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      discard(stream);
      throw new NetError('NET_TOO_LARGE', { max: maxBytes });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Drops a body we will not read; undici reports the early end as an error nobody needs. */
function discard(stream: Dispatcher.ResponseData['body']): void {
  stream.on('error', () => {});
  stream.destroy();
}

function requestHeaders(given: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { 'user-agent': `Hearth/${version}`, 'accept-encoding': 'identity' };
  for (const [k, v] of Object.entries(given)) {
    const name = k.toLowerCase();
    // The Host header always follows the URL; content encodings we would not decode.
    if (name === 'host' || name === 'accept-encoding') continue;
    out[name] = v;
  }
  return out;
}

function withoutOriginBound(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !originBoundHeaders.includes(k)));
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Every failure leaves as a NetError with a stable code, except the caller's own abort. */
function classify(err: unknown, timeout: AbortSignal, callerSignal: AbortSignal | undefined): unknown {
  if (err instanceof NetError) return err;
  if (timeout.aborted) return new NetError('NET_TIMEOUT', {}, { cause: err });
  if (callerSignal?.aborted) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && timeoutCodes.has(code)) return new NetError('NET_TIMEOUT', {}, { cause: err });
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new NetError('NET_TOO_LARGE', {}, { cause: err });
  return new NetError('NET_CONNECT', {}, { cause: err });
}
