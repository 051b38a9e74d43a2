// Small pieces the audit's groups share: building results, the domain-name
// rules, which addresses a scan may touch, and the progress counter.
import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import ipaddr from 'ipaddr.js';
import { entry } from './catalog.js';
import type { Resolver } from './dns/resolver.js';
import type { HttpRequest, HttpResponse } from './http/client.js';
import type { ConnectionLimiter } from './net/limiter.js';
import type { TlsEndpoint, TlsFacts } from './tls/endpoint.js';
import type { CheckResult, Evidence, Status } from './types.js';

/** A result for catalogue check `id`; the category comes from the catalogue. */
export function result(id: string, status: Status, target: string, summary: string, evidence: Evidence = {}, reason?: string): CheckResult {
  const r: CheckResult = { id, category: entry(id).category, status, target, summary, evidence };
  if (reason !== undefined) r.reason = reason;
  return r;
}

/** A check that could not run: status "error" with the reason, never a guess. */
export function errorResult(id: string, target: string, reason: string, evidence: Evidence = {}): CheckResult {
  return result(id, 'error', target, `Could not check: ${reason}`, evidence, reason);
}

/** Any thrown value as one line of text. */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return (err.message || (err as { code?: string }).code || err.name).replace(/\s*\n\s*/g, ' ');
  return String(err);
}

/** Why the audit cannot run at all (the CLI's exit status 2): a bad name, a resolver that never answers. */
export class AuditInputError extends Error {
  constructor(
    message: string,
    readonly kind: 'domain' | 'resolver',
  ) {
    super(message);
  }
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The domain in its ASCII (A-label) form, lower case, without a trailing dot;
 * throws AuditInputError for anything that is not a host name of at least two labels.
 */
export function normalizeDomain(input: string): string {
  const shown = JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input);
  const bad = (why: string) => new AuditInputError(`${shown} is not a valid domain name: ${why}`, 'domain');
  let name = input.trim();
  if (name === '') throw bad('it is empty');
  if (name.length > 1024) throw bad('it is longer than 253 characters');
  // Control characters, spaces and the like are refused before IDNA can map them away.
  if (/[\u0000-\u0020\u007f/\\@:?#[\]%]/.test(name)) throw bad('it contains characters that cannot appear in a host name');
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (/[^\u0000-\u007f]/.test(name)) {
    const ascii = domainToASCII(name);
    if (ascii === '') throw bad('it is not a valid internationalised name (IDNA)');
    name = ascii;
  }
  name = name.toLowerCase();
  if (name.length > 253) throw bad('it is longer than 253 characters');
  const labels = name.split('.');
  if (labels.length < 2) throw bad('it needs at least two labels (like example.org)');
  for (const label of labels) {
    if (label === '') throw bad('it has an empty label');
    if (label.length > 63) throw bad(`the label "${label.slice(0, 20)}…" is longer than 63 characters`);
    if (!LABEL.test(label)) throw bad(`the label "${label}" may hold only letters, digits and inner hyphens`);
    // A valid A-label decodes to a non-ASCII U-label that encodes back to itself; Node returns bad ones unchanged.
    if (label.startsWith('xn--')) {
      const unicode = domainToUnicode(label);
      if (unicode === '' || unicode === label || domainToASCII(unicode) !== label) throw bad(`the label "${label}" is not valid Punycode`);
    }
  }
  if (/^[0-9]+$/.test(labels.at(-1)!)) throw bad('it looks like an IP address, not a domain');
  return name;
}

/**
 * Whether a scan may connect to this address: only public unicast addresses,
 * unless the caller allowed private ones (a test bed, an internal network).
 */
export function addressAllowed(address: string, allowPrivate: boolean): boolean {
  if (isIP(address) === 0) return false;
  if (allowPrivate) return true;
  return ipaddr.parse(address).range() === 'unicast';
}

/** An IPv6 address that only wraps an IPv4 one (::ffff:a.b.c.d) does not count as IPv6. */
export function isIpv4Mapped(address: string): boolean {
  try {
    const a = ipaddr.parse(address);
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress();
  } catch {
    return false;
  }
}

/** "host:port" with IPv6 literals in brackets. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The target text every result uses for an endpoint: "mail.example.org:25 (192.0.2.1)". */
export function endpointTarget(host: string, port: number, address: string): string {
  return `${hostPort(host, port)} (${address})`;
}

/** Counts planned and finished units of work for the progress line. */
export class Progress {
  private done = 0;
  private total = 0;
  private closed = false;
  constructor(private readonly report?: (p: { target: string; done: number; total: number }) => void) {}

  plan(n: number): void {
    this.total += n;
  }

  /** Run one planned unit, reporting its target when it starts and when it ends. */
  async step<T>(target: string, fn: () => Promise<T>): Promise<T> {
    this.emit(target);
    try {
      return await fn();
    } finally {
      this.done++;
      this.emit(target);
    }
  }

  /** After the report is made, work still winding down reports nothing. */
  close(): void {
    this.closed = true;
  }

  private emit(target: string): void {
    if (this.closed) return;
    try {
      this.report?.({ target, done: this.done, total: Math.max(this.total, this.done) });
    } catch {
      // A broken progress callback must not break the audit.
    }
  }
}

/** Every service port the audit may contact, after the caller's overrides. */
export interface Ports {
  https: number;
  http: number;
  smtp: number;
  submission: number;
  smtps: number;
  imaps: number;
  pop3s: number;
  imap: number;
  pop3: number;
  /** Where authoritative name servers are asked. */
  dns: number;
}

export const standardPorts: Ports = { https: 443, http: 80, smtp: 25, submission: 587, smtps: 465, imaps: 993, pop3s: 995, imap: 143, pop3: 110, dns: 53 };

export interface Addresses {
  v4: string[];
  v6: string[];
  /** The A query's response code ("NOERROR", "NXDOMAIN", …). */
  rcode: string;
  /** The resolver did not answer (timeout, network error): the name's addresses are unknown, not absent. */
  error?: string;
}

/** What every group of the audit shares: the resolver, the politeness limiter, and memos so no exchange is repeated. */
export interface AuditContext {
  domain: string;
  resolver: Resolver;
  limiter: ConnectionLimiter;
  timeoutMs: number;
  ca?: string[];
  now: Date;
  allAddresses: boolean;
  allowPrivate: boolean;
  ports: Ports;
  dkimSelectors: string[];
  progress: Progress;
  /** The name's addresses through the configured resolver (IPv4-mapped IPv6 left out), once per name. */
  addresses(name: string): Promise<Addresses>;
  /** One promise per key: what one exchange learned serves every check that needs it. */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** One HTTP exchange per request (shared by the HTTP and IPv6 checks). */
  http(req: HttpRequest, opts?: { verify?: boolean }): Promise<HttpResponse>;
  /**
   * The TLS engineer's audit of one endpoint, once per endpoint. `results` is
   * empty for every caller after the first, so no result is reported twice.
   */
  tls(ep: TlsEndpoint): Promise<{ results: CheckResult[]; facts: TlsFacts }>;
}

/** Which addresses of a name to test: the first IPv4 and the first IPv6, or all of them. */
export function pickAddresses(a: Pick<Addresses, 'v4' | 'v6'>, all: boolean): string[] {
  if (all) return [...a.v4, ...a.v6];
  return [a.v4[0], a.v6[0]].filter((x): x is string => x !== undefined);
}

/** The reason a scan refuses an address, for the "error" result that says so. */
export const refusedAddress = (address: string) =>
  `${address} is not a public unicast address; auditing loopback or private addresses must be allowed explicitly (--allow-private)`;
