// A small DNS client for the check engine: dns-packet over UDP, TCP when the
// answer is truncated (or when asked), EDNS0 with the DO bit for DNSSEC. Every
// exchange goes through the ConnectionLimiter, keyed by the server's address.
// Answers whose id, source or question do not match what we asked are ignored
// (an off-path spoofer has to guess all three), and every way a reply can be
// broken ends in a DnsError, never in anything else.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { isIP, connect as tcpConnect } from 'node:net';
import { randomInt } from 'node:crypto';
import { domainToASCII } from 'node:url';
import * as packet from 'dns-packet';
import type { ResolverAddress } from '../types.js';
import type { ConnectionLimiter } from '../net/limiter.js';

export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  /** As dns-packet decodes it (a string for A/AAAA/NS/CNAME, an object for MX/SOA/CAA/…, Buffers for TXT). */
  data: unknown;
}

export interface DnsResponse {
  rcode: string;
  /** Authenticated Data: the (validating) resolver checked the DNSSEC chain. */
  ad: boolean;
  tc: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
  /** Authoritative Answer. Set by our client; optional so hand-built responses in tests stay short. */
  aa?: boolean;
  /** Recursion Available. */
  ra?: boolean;
}

export interface QueryOptions {
  /** Ask for DNSSEC records (EDNS0 DO bit). */
  dnssec?: boolean;
  /** Ask this server instead of the resolver's own. */
  server?: ResolverAddress;
  /** Go straight to TCP. */
  tcp?: boolean;
  /** Checking Disabled: a validating resolver hands over data even when validation fails. */
  cd?: boolean;
  /** Recursion Desired; true unless set to false (authoritative servers are asked with false). */
  rd?: boolean;
}

export interface Resolver {
  query(name: string, type: string, o?: QueryOptions): Promise<DnsResponse>;
}

export type DnsErrorCode =
  | 'DNS_TIMEOUT' // no (valid) answer within the timeout
  | 'DNS_MALFORMED' // an answer came but could not be parsed, or did not match the question over TCP
  | 'DNS_REFUSED' // the server's port refused the connection (TCP RST or ICMP port unreachable)
  | 'DNS_NETWORK' // any other socket error
  | 'DNS_BAD_NAME' // the name cannot be asked (illegal characters, too long)
  | 'DNS_BAD_TYPE' // a record type dns-packet does not know
  | 'DNS_NO_SERVER'; // no resolver configured and none found in resolv.conf

export class DnsError extends Error {
  constructor(
    readonly code: DnsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DnsError';
  }
}

export interface ResolverOptions {
  server?: ResolverAddress;
  timeoutMs: number;
  limiter: ConnectionLimiter;
}

/** UDP sends per exchange (the first and at most two retransmissions), spread over the timeout. */
const UDP_SENDS = 3;
/** Our advertised EDNS0 buffer: the DNS flag day 2020 value, avoids IP fragmentation. */
const EDNS_BUFFER = 1232;

export function createResolver(opts: ResolverOptions): Resolver {
  return {
    async query(name, type, o = {}) {
      const qname = normaliseName(name);
      const server = o.server ?? opts.server ?? (await systemResolver());
      const ask = (edns: boolean) => buildQuery(qname, type, { dnssec: o.dnssec === true, cd: o.cd === true, rd: o.rd !== false, edns });
      let q = ask(true);
      let res = await exchange(opts, server, q, o.tcp === true);
      // Some old servers answer FORMERR to any EDNS0 query; try once without it when DNSSEC was not asked for.
      if (res.rcode === 'FORMERR' && !o.dnssec) {
        q = ask(false);
        res = await exchange(opts, server, q, o.tcp === true);
      }
      return res;
    },
  };
}

async function exchange(opts: ResolverOptions, server: ResolverAddress, q: BuiltQuery, tcp: boolean): Promise<DnsResponse> {
  if (!tcp) {
    const res = await opts.limiter.with(server.host, () => udpExchange(server, q, opts.timeoutMs));
    if (!res.tc) return res;
  }
  return opts.limiter.with(server.host, () => tcpExchange(server, q, opts.timeoutMs));
}

/** Both A and AAAA of a name (CNAMEs followed by the resolver); an empty list when there are none. */
export async function addressesOf(resolver: Resolver, name: string): Promise<{ v4: string[]; v6: string[] }> {
  const [a, aaaa] = await Promise.all([resolver.query(name, 'A'), resolver.query(name, 'AAAA')]);
  return {
    v4: a.answers.filter((r) => r.type === 'A').map((r) => String(r.data)),
    v6: aaaa.answers.filter((r) => r.type === 'AAAA').map((r) => String(r.data)),
  };
}

/** Each TXT record of a name, its character-strings joined (RFC 7208 §3.3). */
export async function txtOf(resolver: Resolver, name: string): Promise<string[]> {
  const r = await resolver.query(name, 'TXT');
  return r.answers.filter((x) => x.type === 'TXT').map((x) => txtData(x.data));
}

export function txtData(data: unknown): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : String(p))).join('');
}

// ── names ─────────────────────────────────────────────────────────────────

const LABEL = /^[a-z0-9_*](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/**
 * A name fit to ask: ASCII (IDNs converted), labels of letters, digits, '-' and
 * '_' (for _dmarc and TLSA names), at most 63 octets each and 253 in all.
 */
export function normaliseName(name: string): string {
  let n = name.trim();
  if (n === '.' || n === '') {
    if (n === '.') return '.';
    throw new DnsError('DNS_BAD_NAME', 'empty name');
  }
  if (n.endsWith('.')) n = n.slice(0, -1);
  if (/[^\x00-\x7f]/.test(n)) {
    const ascii = domainToASCII(n);
    if (!ascii) throw new DnsError('DNS_BAD_NAME', `not a valid domain name: ${JSON.stringify(name.slice(0, 80))}`);
    n = ascii;
  }
  if (n.length > 253 || !n.split('.').every((l) => LABEL.test(l))) {
    throw new DnsError('DNS_BAD_NAME', `not a valid domain name: ${JSON.stringify(name.slice(0, 80))}`);
  }
  return n;
}

const sameName = (a: string, b: string) => a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();

// ── messages ──────────────────────────────────────────────────────────────

// Types a check may ask for (dns-packet encodes any of these; anything else would go out as type 0).
const KNOWN_TYPES = new Set(['A', 'AAAA', 'AXFR', 'CAA', 'CDNSKEY', 'CDS', 'CNAME', 'DNAME', 'DNSKEY', 'DS', 'HINFO', 'MX', 'NAPTR', 'NS', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'PTR', 'RRSIG', 'SOA', 'SRV', 'SSHFP', 'TLSA', 'TXT', 'URI', 'ANY']);

interface BuiltQuery {
  id: number;
  name: string;
  type: string;
  bytes: Buffer;
}

function buildQuery(name: string, type: string, o: { dnssec: boolean; cd: boolean; rd: boolean; edns: boolean }): BuiltQuery {
  const id = randomInt(0, 0x10000);
  const upper = type.toUpperCase();
  if (!KNOWN_TYPES.has(upper)) throw new DnsError('DNS_BAD_TYPE', `unknown record type ${JSON.stringify(type.slice(0, 20))}`);
  let flags = 0;
  if (o.rd) flags |= packet.RECURSION_DESIRED;
  if (o.cd) flags |= packet.CHECKING_DISABLED;
  const additionals: packet.Answer[] = o.edns
    ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_BUFFER, extendedRcode: 0, ednsVersion: 0, flags: o.dnssec ? packet.DNSSEC_OK : 0, flag_do: o.dnssec, options: [] }]
    : [];
  let bytes: Buffer;
  try {
    bytes = packet.encode({ type: 'query', id, flags, questions: [{ type: upper as packet.RecordType, name, class: 'IN' }], additionals });
  } catch (err) {
    throw new DnsError('DNS_BAD_NAME', `cannot encode the question ${name} ${type}: ${(err as Error).message}`);
  }
  return { id, name, type: upper, bytes };
}

/** A decoded response with the header facts we match on. */
export interface ParsedMessage {
  id: number;
  qr: boolean;
  opcode: string;
  question: { name: string; type: string } | undefined;
  response: DnsResponse;
}

/**
 * Parse a DNS message. Throws only DnsError('DNS_MALFORMED') — whatever the
 * bytes are (the fuzz test holds us to that).
 */
export function parseMessage(buf: Buffer): ParsedMessage {
  let d: packet.DecodedPacket & { rcode?: unknown; opcode?: unknown };
  try {
    d = packet.decode(buf);
  } catch (err) {
    throw new DnsError('DNS_MALFORMED', `malformed DNS message (${buf.length} bytes): ${err instanceof Error ? err.message : 'unknown error'}`);
  }
  try {
    const q = d.questions?.[0];
    return {
      id: Number(d.id),
      qr: d.flag_qr === true,
      opcode: String(d.opcode),
      question: q ? { name: String(q.name), type: String(q.type) } : undefined,
      response: {
        rcode: typeof d.rcode === 'string' ? d.rcode : 'UNKNOWN',
        ad: d.flag_ad === true,
        tc: d.flag_tc === true,
        aa: d.flag_aa === true,
        ra: d.flag_ra === true,
        answers: records(d.answers),
        authorities: records(d.authorities),
        additionals: records(d.additionals),
      },
    };
  } catch (err) {
    throw new DnsError('DNS_MALFORMED', `malformed DNS message: ${err instanceof Error ? err.message : 'unknown error'}`);
  }
}

function records(list: packet.Answer[] | undefined): DnsRecord[] {
  const out: DnsRecord[] = [];
  for (const a of list ?? []) {
    if (a.type === 'OPT') continue; // EDNS0 pseudo-record, not data
    out.push({ name: String(a.name), type: String(a.type), ttl: Number(a.ttl ?? 0), data: a.data });
  }
  return out;
}

/** Does this message answer our query? Otherwise it is stray or spoofed, and ignored. */
function answersQuery(m: ParsedMessage, q: BuiltQuery): boolean {
  return m.qr && m.id === q.id && m.question !== undefined && sameName(m.question.name, q.name) && m.question.type.toUpperCase() === q.type;
}

// ── transports ────────────────────────────────────────────────────────────

const where = (server: ResolverAddress) => (server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`);

function socketError(err: NodeJS.ErrnoException, server: ResolverAddress): DnsError {
  if (err.code === 'ECONNREFUSED') return new DnsError('DNS_REFUSED', `${where(server)} refused the connection`);
  return new DnsError('DNS_NETWORK', `${where(server)}: ${err.code ?? err.message}`);
}

function udpExchange(server: ResolverAddress, q: BuiltQuery, timeoutMs: number): Promise<DnsResponse> {
  return new Promise((resolve, reject) => {
    const family = isIP(server.host);
    if (family === 0) return reject(new DnsError('DNS_NETWORK', `not an IP address: ${server.host}`));
    if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65535) return reject(new DnsError('DNS_NETWORK', `not a port: ${server.port}`));
    const sock: UdpSocket = createSocket(family === 6 ? 'udp6' : 'udp4');
    let malformed: DnsError | undefined;
    let sends = 0;
    const timers: NodeJS.Timeout[] = [];
    let done = false;
    const finish = (err: DnsError | undefined, res?: DnsResponse) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      try {
        sock.close();
      } catch {
        // already closed after a socket error
      }
      if (err) reject(err);
      else resolve(res!);
    };
    const send = () => {
      if (done || sends >= UDP_SENDS) return;
      sends++;
      sock.send(q.bytes, (err) => {
        if (err) finish(socketError(err, server));
      });
    };
    sock.on('error', (err) => finish(socketError(err, server)));
    sock.on('message', (msg, rinfo) => {
      if (rinfo.port !== server.port || !sameAddress(rinfo.address, server.host)) return;
      let m: ParsedMessage;
      try {
        m = parseMessage(msg);
      } catch (err) {
        malformed = err as DnsError; // keep listening: the real answer may still come
        return;
      }
      if (answersQuery(m, q)) finish(undefined, m.response);
    });
    timers.push(
      setTimeout(() => finish(malformed ?? new DnsError('DNS_TIMEOUT', `no answer from ${where(server)} within ${timeoutMs} ms`)), timeoutMs),
    );
    // A connected socket: the kernel drops datagrams from elsewhere and reports ICMP port unreachable.
    sock.once('connect', () => {
      send();
      for (let i = 1; i < UDP_SENDS; i++) timers.push(setTimeout(send, (timeoutMs * i) / UDP_SENDS));
    });
    sock.connect(server.port, server.host);
  });
}

function sameAddress(a: string, b: string): boolean {
  const strip = (x: string) => x.replace(/^::ffff:/i, '').replace(/%.*$/, '').toLowerCase();
  return strip(a) === strip(b);
}

/** One query over TCP (RFC 7766 framing); resolves with the first message that answers it. */
function tcpExchange(server: ResolverAddress, q: BuiltQuery, timeoutMs: number): Promise<DnsResponse> {
  return new Promise((resolve, reject) => {
    if (isIP(server.host) === 0) return reject(new DnsError('DNS_NETWORK', `not an IP address: ${server.host}`));
    if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65535) return reject(new DnsError('DNS_NETWORK', `not a port: ${server.port}`));
    const sock = tcpConnect({ host: server.host, port: server.port });
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (err: DnsError | undefined, res?: DnsResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(res!);
    };
    const timer = setTimeout(() => finish(new DnsError('DNS_TIMEOUT', `no answer from ${where(server)} (TCP) within ${timeoutMs} ms`)), timeoutMs);
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(q.bytes.length);
      sock.write(Buffer.concat([len, q.bytes]));
    });
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 2) return;
      const n = buf.readUInt16BE(0);
      if (buf.length < 2 + n) return;
      let m: ParsedMessage;
      try {
        m = parseMessage(buf.subarray(2, 2 + n));
      } catch (err) {
        return finish(err as DnsError);
      }
      // Over TCP nobody off-path can inject; a mismatch means a broken server.
      if (!answersQuery(m, q)) return finish(new DnsError('DNS_MALFORMED', `${where(server)} answered another question over TCP`));
      finish(undefined, m.response);
    });
    sock.on('error', (err) => finish(socketError(err, server)));
    sock.on('close', () => finish(new DnsError('DNS_MALFORMED', `${where(server)} closed the TCP connection without a full answer`)));
  });
}

// ── zone transfer probe ───────────────────────────────────────────────────

export interface TransferProbe {
  /** The server started a transfer: NOERROR and the zone's SOA first. */
  open: boolean;
  rcode: string;
  /** Records in the first message (a hint of what was exposed). */
  records: number;
}

/**
 * Ask `server` for an AXFR of `zone` over TCP and read only the first message:
 * enough to know whether anyone may copy the zone, without copying it.
 */
export async function probeZoneTransfer(opts: { limiter: ConnectionLimiter; timeoutMs: number }, server: ResolverAddress, zone: string): Promise<TransferProbe> {
  const q = buildQuery(normaliseName(zone), 'AXFR', { dnssec: false, cd: false, rd: false, edns: false });
  const res = await opts.limiter.with(server.host, () => tcpExchange(server, q, opts.timeoutMs));
  const first = res.answers[0];
  const open = res.rcode === 'NOERROR' && first !== undefined && first.type === 'SOA' && sameName(first.name, q.name);
  return { open, rcode: res.rcode, records: res.answers.length };
}

// ── the system resolver ───────────────────────────────────────────────────

let systemCache: Promise<ResolverAddress> | undefined;

/** The first `nameserver` of /etc/resolv.conf (read once). */
export function systemResolver(): Promise<ResolverAddress> {
  systemCache ??= readFile('/etc/resolv.conf', 'utf8').then(
    (text) => {
      const server = parseResolvConf(text)[0];
      if (!server) throw new DnsError('DNS_NO_SERVER', 'no nameserver in /etc/resolv.conf; pass a resolver');
      return server;
    },
    () => {
      throw new DnsError('DNS_NO_SERVER', 'cannot read /etc/resolv.conf; pass a resolver');
    },
  );
  return systemCache;
}

export function parseResolvConf(text: string): ResolverAddress[] {
  const out: ResolverAddress[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (!m) continue;
    const host = m[1]!.replace(/%.*$/, '');
    if (isIP(host)) out.push({ host, port: 53 });
  }
  return out;
}
