// DNS-01…06 and CERT-06 (CAA). Gathering (queries) and judging (pure functions
// fed with records) are kept apart so the verdicts can be tested without a network.
//
// Where the catalogue leaves a choice to us, the choice is written here:
// - a "network" (DNS-04) is an IPv4 /24 or an IPv6 /48;
// - DNS-05 counts name-server *names* whose AAAA addresses answer for the zone;
// - DNS-06's open-recursion probe asks each name server, with RD set, for the
//   SOA of the zone's parent: a name outside the zone that always exists.
//   Recursion is open when the answer carries RA and data;
// - a zone signed without a DS at the parent fails DNS-01 (nothing validates it),
//   and DNS-02 / DNS-03 report "info" for a zone with no DNSSEC at all rather
//   than counting the same gap three times.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { entry } from '../catalog.js';
import type { ConnectionLimiter } from '../net/limiter.js';
import type { CheckResult, Evidence, Status } from '../types.js';
import { DnsError, normaliseName, probeZoneTransfer, type DnsRecord, type DnsResponse, type QueryOptions, type Resolver } from './resolver.js';

export interface DnsCheckContext {
  resolver: Resolver;
  limiter: ConnectionLimiter;
  timeoutMs: number;
  /** Port the authoritative name servers are asked on: 53, except in the test bed. */
  nsPort?: number;
  /**
   * Also ask name servers at loopback, private and other non-public addresses
   * (a test bed). Off by default: a zone must not make us probe someone's internal network.
   */
  allowPrivate?: boolean;
}

export const DNS_CHECK_IDS = ['DNS-01', 'DNS-02', 'DNS-03', 'DNS-04', 'DNS-05', 'DNS-06', 'CERT-06'] as const;

// ── results ───────────────────────────────────────────────────────────────

export interface Verdict {
  status: Status;
  summary: string;
  evidence: Evidence;
  reason?: string;
}

function result(id: string, target: string, v: Verdict): CheckResult {
  const r: CheckResult = { id, category: entry(id).category, status: v.status, target, summary: v.summary, evidence: v.evidence };
  if (v.reason !== undefined) r.reason = v.reason;
  return r;
}

const errorVerdict = (what: string, err: unknown): Verdict => {
  const reason = err instanceof DnsError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  return { status: 'error', summary: `Could not check ${what}.`, evidence: {}, reason };
};

/** Thrown by gathering steps when an answer makes a check impossible (not a protocol error). */
class CannotJudge extends Error {}

// ── pure judges ───────────────────────────────────────────────────────────

interface DsLike {
  keyTag?: number;
  algorithm: number;
  digestType?: number;
}
interface SigLike {
  typeCovered: string;
  algorithm: number;
  keyTag?: number;
}

/** DNS-01: DS at the parent and an RRSIG over the SOA. */
export function judgeSigned(f: { ds: DsLike[]; soaSignatures: SigLike[] }): Verdict {
  const evidence: Evidence = {
    sent: 'DS and SOA (DO, CD) queries through the resolver',
    facts: {
      ds: f.ds.map((d) => `${d.keyTag ?? '?'} ${d.algorithm} ${d.digestType ?? '?'}`),
      soaSignatures: f.soaSignatures.map((s) => `alg ${s.algorithm} key ${s.keyTag ?? '?'}`),
    },
  };
  const hasDs = f.ds.length > 0;
  const hasSig = f.soaSignatures.length > 0;
  if (hasDs && hasSig) return { status: 'pass', summary: 'The zone is signed and its DS record is published at the parent.', evidence };
  if (!hasDs && !hasSig) return { status: 'fail', summary: 'The zone is not signed with DNSSEC.', evidence };
  if (hasSig) return { status: 'fail', summary: 'The zone is signed but the parent publishes no DS record, so nobody can validate it.', evidence };
  return { status: 'fail', summary: 'The parent publishes a DS record but the zone’s SOA carries no signature.', evidence };
}

export interface ValidationFacts {
  /** The validating resolver's answer to SOA with DO set and CD clear. */
  rcode: string;
  ad: boolean;
  /** The same question with CD set: does data come back? */
  dataWithCd: boolean;
  dsExists: boolean;
  /** Did the resolver set AD for the parent zone (it validates at all)? Asked only when needed. */
  parentSecure?: boolean;
}

/** DNS-02: secure (AD), bogus (SERVFAIL, data with CD), insecure while a DS exists. */
export function judgeValidation(f: ValidationFacts): Verdict {
  const evidence: Evidence = {
    sent: 'SOA with DO through the validating resolver, again with CD when it fails',
    received: `${f.rcode}${f.ad ? ' AD' : ''}`,
    facts: { ...f },
  };
  if (f.rcode === 'NOERROR' && f.ad) return { status: 'pass', summary: 'The validating resolver marks the zone’s answers as authenticated (secure).', evidence };
  if (f.rcode === 'SERVFAIL') {
    if (f.dataWithCd) return { status: 'fail', summary: 'DNSSEC validation fails (bogus): the resolver refuses the answer unless checking is disabled.', evidence };
    return { ...errorVerdict('DNSSEC validation', 'the resolver fails even with checking disabled'), evidence };
  }
  if (f.rcode !== 'NOERROR') return { ...errorVerdict('DNSSEC validation', `the resolver answered ${f.rcode}`), evidence };
  if (!f.dsExists) return { status: 'info', summary: 'The zone is insecure: no DS at the parent, so there is nothing to validate (see DNS-01).', evidence };
  if (f.parentSecure === true) return { status: 'fail', summary: 'The parent publishes a DS record, yet the zone’s answers do not validate as secure.', evidence };
  return { ...errorVerdict('DNSSEC validation', 'the resolver does not seem to validate (no AD for the parent zone either); use a validating resolver'), evidence };
}

const ALG_NAMES: Record<number, string> = {
  1: 'RSAMD5',
  3: 'DSA',
  5: 'RSASHA1',
  6: 'DSA-NSEC3-SHA1',
  7: 'RSASHA1-NSEC3-SHA1',
  8: 'RSASHA256',
  10: 'RSASHA512',
  12: 'ECC-GOST',
  13: 'ECDSAP256SHA256',
  14: 'ECDSAP384SHA384',
  15: 'ED25519',
  16: 'ED448',
};
const ALG_PASS = new Set([8, 13, 14, 15, 16]);
const ALG_WARN = new Set([5, 7, 10]);
const ALG_FAIL = new Set([1, 3, 6, 12]);

export function algorithmStatus(alg: number): 'pass' | 'warn' | 'fail' {
  if (ALG_PASS.has(alg)) return 'pass';
  if (ALG_FAIL.has(alg)) return 'fail';
  // 5, 7, 10 are deprecated; anything else is outside RFC 8624's table and not something to sign with either.
  return 'warn';
}

/** DNS-03: the worst algorithm among the zone's DNSKEYs and the parent's DS records. */
export function judgeAlgorithms(f: { dnskey: number[]; ds: number[] }): Verdict {
  const all = [...new Set([...f.dnskey, ...f.ds])].sort((a, b) => a - b);
  const evidence: Evidence = {
    sent: 'DNSKEY and DS (DO, CD) queries through the resolver',
    facts: { dnskey: [...new Set(f.dnskey)], ds: [...new Set(f.ds)], algorithms: all.map((a) => `${a} ${ALG_NAMES[a] ?? 'unknown'}`) },
  };
  if (all.length === 0) return { status: 'info', summary: 'The zone is not signed: no DNSSEC algorithm to judge.', evidence };
  const names = (s: number[]) => s.map((a) => `${a} (${ALG_NAMES[a] ?? 'unknown'})`).join(', ');
  const fail = all.filter((a) => algorithmStatus(a) === 'fail');
  if (fail.length) return { status: 'fail', summary: `The zone uses algorithms that must not be used: ${names(fail)}.`, evidence };
  const warn = all.filter((a) => algorithmStatus(a) === 'warn');
  if (warn.length) return { status: 'warn', summary: `The zone uses deprecated or unlisted algorithms: ${names(warn)}.`, evidence };
  return { status: 'pass', summary: `The zone uses recommended algorithms: ${names(all)}.`, evidence };
}

/** Our definition of a network: the /24 of an IPv4 address, the /48 of an IPv6 address. */
export function networkOf(address: string): string | undefined {
  const family = isIP(address);
  if (family === 4) return address.split('.').slice(0, 3).join('.') + '.0/24';
  if (family !== 6) return undefined;
  const groups = expandV6(address);
  return groups ? `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}::/48` : undefined;
}

function expandV6(address: string): number[] | undefined {
  let a = address.replace(/%.*$/, '');
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (quad) {
    const p = quad[1]!.split('.').map(Number);
    a = a.slice(0, -quad[1]!.length) + `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const [head, tail] = a.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array<string>(Math.max(fill, 0)).fill('0'), ...t].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? all : undefined;
}

export interface NameServerFacts {
  name: string;
  v4: string[];
  v6: string[];
}

/** DNS-04: at least two name servers, in at least two networks. */
export function judgeRedundancy(servers: NameServerFacts[]): Verdict {
  const withAddr = servers.filter((s) => s.v4.length + s.v6.length > 0);
  const nets = (s: NameServerFacts, list: string[]) => new Set(list.map(networkOf).filter((n): n is string => !!n));
  const v4nets = new Set(withAddr.flatMap((s) => [...nets(s, s.v4)]));
  const v6nets = new Set(withAddr.flatMap((s) => [...nets(s, s.v6)]));
  // Two servers that share no network at all (say one IPv4-only, one IPv6-only) are apart too.
  const apart = withAddr.some((a, i) =>
    withAddr.slice(i + 1).some((b) => {
      const na = new Set([...nets(a, a.v4), ...nets(a, a.v6)]);
      return [...nets(b, b.v4), ...nets(b, b.v6)].every((n) => !na.has(n));
    }),
  );
  const networks = Math.max(v4nets.size, v6nets.size, apart ? 2 : 1);
  const evidence: Evidence = {
    sent: 'NS, then A and AAAA of each name server, through the resolver',
    facts: {
      nameServers: servers.map((s) => ({ name: s.name, v4: s.v4, v6: s.v6 })),
      networks: [...v4nets, ...v6nets],
      definition: 'network = IPv4 /24 or IPv6 /48 (our choice)',
    },
  };
  if (servers.length === 0) return { ...errorVerdict('name-server redundancy', 'no NS records found'), evidence };
  if (withAddr.length === 0) return { ...errorVerdict('name-server redundancy', 'no name server address could be resolved'), evidence };
  if (withAddr.length < 2) return { status: 'fail', summary: `Only one name server (${withAddr[0]!.name}) is reachable by address.`, evidence };
  if (networks < 2) return { status: 'warn', summary: `${withAddr.length} name servers, all in one network (${[...v4nets, ...v6nets].join(', ')}).`, evidence };
  return { status: 'pass', summary: `${withAddr.length} name servers in ${networks} different networks.`, evidence };
}

export interface Ipv6NameServerFacts {
  name: string;
  v6: string[];
  /** IPv6 addresses of this server that answered the zone's SOA. */
  answered: string[];
  /** IPv6 addresses not asked because they are not public. */
  skipped?: string[];
}

/** DNS-05: at least two name servers with AAAA records that answer over IPv6. */
export function judgeIpv6(servers: Ipv6NameServerFacts[]): Verdict {
  const usable = (a: string) => !/^::ffff:/i.test(a);
  const answering = servers.filter((s) => s.answered.some(usable));
  const evidence: Evidence = {
    sent: 'SOA of the zone to each name server’s IPv6 addresses',
    facts: { nameServers: servers.map((s) => ({ name: s.name, v6: s.v6, answered: s.answered })) },
  };
  if (servers.length === 0) return { ...errorVerdict('name servers over IPv6', 'no NS records found'), evidence };
  if (answering.length >= 2) return { status: 'pass', summary: `${answering.length} name servers answer over IPv6.`, evidence };
  if (servers.some((s) => (s.skipped ?? []).length > 0)) return { ...errorVerdict('name servers over IPv6', 'some IPv6 name-server addresses are non-public and were not asked'), evidence };
  const withAaaa = servers.filter((s) => s.v6.some(usable)).length;
  return {
    status: 'warn',
    summary: `${answering.length} of ${servers.length} name servers answer over IPv6 (${withAaaa} have AAAA records); at least two should.`,
    evidence,
  };
}

export interface ServerProbe {
  nameServer: string;
  address: string;
  /** SOA serial, when the server answered with one. */
  serial?: number;
  /** rcode of the SOA query (or the error code). */
  soa: string;
  /** RA set and an answer given for a name outside the zone. */
  openRecursion?: boolean;
  recursion: string;
  /** Not asked: the address is not public (see DnsCheckContext.allowPrivate). */
  skipped?: boolean;
}

export interface TransferFacts {
  nameServer: string;
  address: string;
  open?: boolean;
  result: string;
}

/** DNS-06: fail on open recursion; warn on differing serials or open zone transfers. */
export function judgeHygiene(f: { servers: ServerProbe[]; transfers: TransferFacts[]; probeName: string }): Verdict {
  const serials = [...new Set(f.servers.map((s) => s.serial).filter((s): s is number => s !== undefined))];
  const open = f.servers.filter((s) => s.openRecursion);
  const axfr = f.transfers.filter((t) => t.open);
  const evidence: Evidence = {
    sent: `SOA (no RD) to each name server; ${f.probeName} SOA with RD; AXFR over TCP`,
    facts: { servers: f.servers, transfers: f.transfers, serials },
  };
  if (f.servers.length === 0) return { ...errorVerdict('name-server hygiene', 'no name server address to ask'), evidence };
  if (f.servers.every((s) => s.skipped)) return { ...errorVerdict('name-server hygiene', 'every name-server address is non-public, so none was asked'), evidence };
  const answered = f.servers.filter((s) => s.serial !== undefined || s.openRecursion !== undefined);
  if (answered.length === 0) return { ...errorVerdict('name-server hygiene', 'no name server answered'), evidence };
  if (open.length) {
    return { status: 'fail', summary: `Open recursion: ${open.map((s) => `${s.nameServer} (${s.address})`).join(', ')} answer recursive queries from anyone.`, evidence };
  }
  const problems: string[] = [];
  if (serials.length > 1) problems.push(`the name servers serve different SOA serials (${serials.join(', ')})`);
  if (axfr.length) problems.push(`zone transfer is open on ${axfr.map((t) => `${t.nameServer} (${t.address})`).join(', ')}`);
  if (problems.length) return { status: 'warn', summary: `${problems.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()), evidence };
  return { status: 'pass', summary: 'Serials agree, recursion and zone transfers are refused.', evidence };
}

export interface CaaLike {
  flags?: number;
  tag: string;
  value: string;
}

// RFC 8659 §4.2: issuer-domain-name [";" parameters], or no issuer at all (";" = nobody may issue).
const CAA_LABEL = '[A-Za-z0-9](?:-*[A-Za-z0-9])*';
const CAA_ISSUER = `${CAA_LABEL}(?:\\.${CAA_LABEL})*`;
const CAA_PARAM = '[A-Za-z0-9][A-Za-z0-9-]*[ \\t]*=[ \\t]*[\\x21-\\x3A\\x3C-\\x7E]*';
const CAA_ISSUE_VALUE = new RegExp(`^[ \\t]*(?:${CAA_ISSUER})?[ \\t]*(?:;[ \\t]*(?:${CAA_PARAM}(?:[ \\t]*;[ \\t]*${CAA_PARAM})*)?[ \\t]*)?$`);
const KNOWN_CAA_TAGS = new Set(['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone', 'issuevmc', 'issuemail']);

export function validCaaIssue(value: string): boolean {
  return CAA_ISSUE_VALUE.test(value);
}

/** CERT-06: a valid `issue` property in the relevant CAA set. */
export function judgeCaa(f: { records: CaaLike[]; foundAt?: string }): Verdict {
  const evidence: Evidence = {
    sent: 'CAA, climbing from the name towards the top-level domain (RFC 8659 §3)',
    facts: { foundAt: f.foundAt, records: f.records.map((r) => `${r.flags ?? 0} ${r.tag} "${r.value}"`) },
  };
  if (f.records.length === 0) return { status: 'warn', summary: 'No CAA record: any certificate authority may issue for this name.', evidence };
  const criticalUnknown = f.records.filter((r) => ((r.flags ?? 0) & 128) !== 0 && !KNOWN_CAA_TAGS.has(r.tag.toLowerCase()));
  if (criticalUnknown.length) {
    return { status: 'warn', summary: `CAA has a critical property no CA understands (${criticalUnknown.map((r) => r.tag).join(', ')}): CAs must refuse to issue.`, evidence };
  }
  const issue = f.records.filter((r) => r.tag.toLowerCase() === 'issue');
  const valid = issue.filter((r) => validCaaIssue(r.value));
  if (valid.length) {
    const who = valid.map((r) => r.value.split(';')[0]!.trim() || '(nobody)').join(', ');
    return { status: 'pass', summary: `CAA restricts issuance to: ${who}.`, evidence };
  }
  if (issue.length) return { status: 'warn', summary: `CAA issue property is invalid: ${issue.map((r) => JSON.stringify(r.value)).join(', ')}.`, evidence };
  return { status: 'warn', summary: 'CAA records exist but have no issue property.', evidence };
}

// ── gathering ─────────────────────────────────────────────────────────────

const ofType = <T>(res: DnsResponse, type: string, owner?: string): T[] =>
  res.answers.filter((r) => r.type === type && (owner === undefined || sameName(r.name, owner))).map((r) => r.data as T);
const sameName = (a: string, b: string) => a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
const parentOf = (zone: string) => (zone.includes('.') ? zone.slice(zone.indexOf('.') + 1) : '.');

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

/** The zone a name lives in: the owner of the SOA in the answer or, for a non-apex name, in the authority section. */
async function findZone(resolver: Resolver, name: string): Promise<{ zone: string; soa: DnsResponse }> {
  const soa = await resolver.query(name, 'SOA', { dnssec: true, cd: true });
  if (soa.rcode === 'NXDOMAIN') throw new CannotJudge(`${name} does not exist (NXDOMAIN)`);
  if (soa.rcode !== 'NOERROR') throw new CannotJudge(`the resolver answered ${soa.rcode} for ${name} SOA`);
  const rec = soa.answers.find((r) => r.type === 'SOA') ?? soa.authorities.find((r) => r.type === 'SOA');
  if (!rec) throw new CannotJudge(`no SOA record found for ${name}`);
  return { zone: rec.name.replace(/\.$/, '') || '.', soa };
}

/** Run every DNS check on `domain`'s zone, and CAA on `domain` itself. */
export async function dnsChecks(domain: string, ctx: DnsCheckContext): Promise<CheckResult[]> {
  let name: string;
  try {
    name = normaliseName(domain);
  } catch (err) {
    return DNS_CHECK_IDS.map((id) => result(id, domain, errorVerdict(entry(id).title, err)));
  }
  const r = ctx.resolver;
  const port = ctx.nsPort ?? 53;
  const allowed = (address: string) => isIP(address) !== 0 && (ctx.allowPrivate === true || ipaddr.parse(address).range() === 'unicast');
  let zone: string;
  let soaCd: DnsResponse;
  try {
    ({ zone, soa: soaCd } = await findZone(r, name));
    // Below the apex the SOA came in the authority section; ask the apex itself for its signatures.
    if (!sameName(zone, name)) soaCd = await r.query(zone, 'SOA', { dnssec: true, cd: true });
  } catch (err) {
    // CAA does not need the zone, but a name that does not resolve has nothing to protect either.
    return DNS_CHECK_IDS.map((id) => result(id, name, errorVerdict(entry(id).title, err)));
  }

  const ds = memo(async () => {
    const res = await r.query(zone, 'DS', { dnssec: true, cd: true });
    if (res.rcode !== 'NOERROR' && res.rcode !== 'NXDOMAIN') throw new CannotJudge(`the resolver answered ${res.rcode} for ${zone} DS`);
    return ofType<DsLike>(res, 'DS', zone);
  });
  const dnskey = memo(async () => {
    const res = await r.query(zone, 'DNSKEY', { dnssec: true, cd: true });
    if (res.rcode !== 'NOERROR') throw new CannotJudge(`the resolver answered ${res.rcode} for ${zone} DNSKEY`);
    return ofType<{ algorithm: number; flags: number }>(res, 'DNSKEY', zone);
  });
  const nameServers = memo(async (): Promise<NameServerFacts[]> => {
    const res = await r.query(zone, 'NS', { cd: true });
    if (res.rcode !== 'NOERROR') throw new CannotJudge(`the resolver answered ${res.rcode} for ${zone} NS`);
    const names = [...new Set(ofType<string>(res, 'NS', zone).map((n) => String(n).toLowerCase()))].sort();
    // CD: a zone with broken signatures still has name servers worth measuring; DNS-02 judges the signatures.
    const addr = async (n: string, type: 'A' | 'AAAA') => {
      try {
        return ofType<string>(await r.query(n, type, { cd: true }), type).map(String);
      } catch (err) {
        if (err instanceof DnsError && err.code === 'DNS_BAD_NAME') return [];
        throw err;
      }
    };
    return Promise.all(names.map(async (n) => ({ name: n, v4: await addr(n, 'A'), v6: await addr(n, 'AAAA') })));
  });
  const direct = (address: string, qname: string, type: string, o: QueryOptions = {}) => r.query(qname, type, { ...o, server: { host: address, port } });
  const probeName = parentOf(zone);
  const serverProbes = memo(async (): Promise<ServerProbe[]> => {
    const list = (await nameServers()).flatMap((s) => [...s.v4, ...s.v6].map((address) => ({ ns: s.name, address })));
    return Promise.all(
      list.map(async ({ ns, address }): Promise<ServerProbe> => {
        const p: ServerProbe = { nameServer: ns, address, soa: '', recursion: '' };
        if (!allowed(address)) return { ...p, soa: 'not asked: non-public address', recursion: 'not asked', skipped: true };
        try {
          const res = await direct(address, zone, 'SOA', { rd: false });
          p.soa = `${res.rcode}${res.aa ? ' AA' : ''}`;
          const soa = ofType<{ serial?: number }>(res, 'SOA', zone)[0];
          if (res.rcode === 'NOERROR' && soa?.serial !== undefined) p.serial = soa.serial;
        } catch (err) {
          p.soa = err instanceof DnsError ? err.code : String(err);
        }
        try {
          const res = await direct(address, probeName, 'SOA', { rd: true });
          p.openRecursion = res.ra === true && res.rcode === 'NOERROR' && res.answers.length > 0;
          p.recursion = `${res.rcode}${res.ra ? ' RA' : ''}${res.aa ? ' AA' : ''}, ${res.answers.length} answers`;
        } catch (err) {
          p.recursion = err instanceof DnsError ? err.code : String(err);
        }
        return p;
      }),
    );
  });

  const checks: Record<(typeof DNS_CHECK_IDS)[number], () => Promise<Verdict>> = {
    'DNS-01': async () => {
      const soaSignatures = ofType<SigLike>(soaCd, 'RRSIG', zone).filter((s) => s.typeCovered === 'SOA');
      return judgeSigned({ ds: await ds(), soaSignatures });
    },
    'DNS-02': async () => {
      const v = await r.query(zone, 'SOA', { dnssec: true });
      const dsList = await ds();
      const facts: ValidationFacts = { rcode: v.rcode, ad: v.ad, dataWithCd: ofType(soaCd, 'SOA', zone).length > 0, dsExists: dsList.length > 0 };
      if (v.rcode === 'NOERROR' && !v.ad && facts.dsExists) {
        const p = await r.query(probeName, 'SOA', { dnssec: true });
        facts.parentSecure = p.rcode === 'NOERROR' && p.ad;
      }
      return judgeValidation(facts);
    },
    'DNS-03': async () => {
      const [keys, dsList] = await Promise.allSettled([dnskey(), ds()]);
      if (keys.status === 'rejected' && dsList.status === 'rejected') throw keys.reason;
      return judgeAlgorithms({
        dnskey: keys.status === 'fulfilled' ? keys.value.map((k) => k.algorithm) : [],
        ds: dsList.status === 'fulfilled' ? dsList.value.map((d) => d.algorithm) : [],
      });
    },
    'DNS-04': async () => judgeRedundancy(await nameServers()),
    'DNS-05': async () => {
      const servers = await nameServers();
      const probes = await serverProbes();
      return judgeIpv6(
        servers.map((s) => ({
          name: s.name,
          v6: s.v6,
          answered: probes.filter((p) => p.nameServer === s.name && s.v6.includes(p.address) && p.serial !== undefined).map((p) => p.address),
          skipped: probes.filter((p) => p.nameServer === s.name && s.v6.includes(p.address) && p.skipped).map((p) => p.address),
        })),
      );
    },
    'DNS-06': async () => {
      const servers = await nameServers();
      const probes = await serverProbes();
      const transfers = await Promise.all(
        servers
          .filter((s) => [...s.v4, ...s.v6].some(allowed))
          .map(async (s): Promise<TransferFacts> => {
            const address = [...s.v4, ...s.v6].find(allowed)!;
            try {
              const t = await probeZoneTransfer({ limiter: ctx.limiter, timeoutMs: ctx.timeoutMs }, { host: address, port }, zone);
              return { nameServer: s.name, address, open: t.open, result: `${t.rcode}, ${t.records} records in the first message` };
            } catch (err) {
              // A server that refuses TCP or stays silent has not handed out the zone.
              return { nameServer: s.name, address, open: false, result: err instanceof DnsError ? err.code : String(err) };
            }
          }),
      );
      return judgeHygiene({ servers: probes, transfers, probeName });
    },
    'CERT-06': async () => {
      // RFC 8659 §3: the relevant set is the first non-empty CAA set from the name upwards.
      const labels = name.split('.');
      for (let i = 0; i < labels.length; i++) {
        const at = labels.slice(i).join('.');
        const res = await r.query(at, 'CAA');
        if (res.rcode !== 'NOERROR' && res.rcode !== 'NXDOMAIN') throw new CannotJudge(`the resolver answered ${res.rcode} for ${at} CAA`);
        const records = res.answers.filter((x: DnsRecord) => x.type === 'CAA').map((x) => x.data as CaaLike);
        if (records.length) return judgeCaa({ records, foundAt: at });
      }
      return judgeCaa({ records: [] });
    },
  };

  return Promise.all(
    DNS_CHECK_IDS.map(async (id) => {
      const target = id === 'CERT-06' ? name : zone;
      try {
        return result(id, target, await checks[id]());
      } catch (err) {
        return result(id, target, errorVerdict(entry(id).title, err));
      }
    }),
  );
}
