// The DNS test bed: a private, DNSSEC-signed `test.` tree served by Knot DNS on
// loopback, and a validating unbound that trusts only our own `test.` key.
// Everything is built from a declarative description at test time: keys are
// generated and zones signed (ldns) into a temporary directory, which stop()
// removes. Nothing is ever sent beyond loopback: unbound's root is a stub
// pointing at our Knot, which refuses every name outside `test.`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionLimiter } from '../../../src/checks/net/limiter.js';
import { createResolver } from '../../../src/checks/dns/resolver.js';
import type { ResolverAddress } from '../../../src/checks/types.js';
import { findBinary, freePort, run, startProcess, tempDir, type BedProcess } from '../bed.js';

/** Loopback addresses the bed uses. Two /24s, so the default name servers count as two networks. */
export const DNS_BED_ADDRESSES = {
  /** The primary: every zone is served here, and unbound's stubs point here. */
  ns1: '127.0.53.1',
  /** Another /24 than ns1. */
  ns2: '127.0.54.1',
  /** The same /24 as ns1 (for "one network" scenarios). */
  ns1b: '127.0.53.2',
  /** A second Knot serving stale serials listens here (see BedNameServer.serial). */
  stale: '127.0.53.3',
  /** The validating resolver. An NS pointing here is an open resolver. */
  resolver: '127.0.55.1',
  v6: '::1',
} as const;

/** The binaries the DNS bed needs (Debian: knot, unbound, ldnsutils). */
export const DNS_BED_BINARIES = ['knotd', 'unbound', 'ldns-keygen', 'ldns-signzone', 'ldns-key2ds'];

export type BedAlgorithm = 'ECDSAP256SHA256' | 'ECDSAP384SHA384' | 'ED25519' | 'ED448' | 'RSASHA256' | 'RSASHA512' | 'RSASHA1';

export interface BedRecord {
  /** Relative to the zone ('@', 'www', '_25._tcp.mail') or absolute with a final dot. */
  name: string;
  type: string;
  /** Presentation format, as in a zone file ('10 mail', '0 issue "ca.test"'). TXT data is quoted for you unless it starts with a quote. */
  data: string;
  ttl?: number;
}

export interface BedNameServer {
  /** A name inside the zone, relative ('ns1'); the bed adds its A/AAAA and the glue in the parent. */
  name: string;
  v4?: string;
  v6?: string;
  /** Serve the zone from this address with another SOA serial (a second Knot): for the "serials differ" check. */
  serial?: number;
}

export interface BedZone {
  /** Sign the zone (default true). */
  signed?: boolean;
  /** DNSSEC algorithm (default ECDSAP256SHA256). */
  algorithm?: BedAlgorithm;
  /**
   * Publish the DS in the parent (default: when signed). 'unsupported-digest'
   * publishes it with a digest type no validator knows, which makes the zone
   * insecure although a DS exists.
   */
  ds?: boolean | 'unsupported-digest';
  /** Corrupt every signature after signing: validators see the zone as bogus. */
  bogus?: boolean;
  /** Default: ns1 (127.0.53.1, ::1) and ns2 (127.0.54.1, ::1). */
  nameServers?: BedNameServer[];
  records?: BedRecord[];
  /** Allow zone transfers (AXFR) to anyone. */
  openTransfer?: boolean;
  /** SOA serial (default 1). */
  serial?: number;
}

export interface DnsBedSpec {
  /** Zone name (under `test`, e.g. 'good.test') → its description. `test.` itself is made by the bed. */
  zones: Record<string, BedZone>;
}

export interface DnsBed {
  /** The validating resolver (unbound): pass it as AuditOptions.resolver. */
  resolver: ResolverAddress;
  /** Every address Knot answers on, at `port`. */
  authoritative: ResolverAddress[];
  /** The one port every bed server listens on (authoritative and resolver): AuditOptions.ports.dns. */
  port: number;
  /** The DS record of `test.` that unbound trusts. */
  trustAnchor: string;
  stop(): Promise<void>;
}

export const defaultNameServers = (): BedNameServer[] => [
  { name: 'ns1', v4: DNS_BED_ADDRESSES.ns1, v6: DNS_BED_ADDRESSES.v6 },
  { name: 'ns2', v4: DNS_BED_ADDRESSES.ns2, v6: DNS_BED_ADDRESSES.v6 },
];

const ROOT = 'test';

interface Built {
  name: string;
  spec: BedZone;
  nameServers: BedNameServer[];
  /** Lines this zone's parent must carry: NS, glue, DS. */
  delegation: string[];
  /** Zone file for the main Knot, and for the stale one when an NS asks for another serial. */
  file: string;
  staleFile?: string;
}

const abs = (name: string, zone: string) => (name.endsWith('.') ? name : name === '@' ? `${zone}.` : `${name}.${zone}.`);

function quoteTxt(data: string): string {
  if (data.startsWith('"')) return data;
  const chunks = data.match(/[\s\S]{1,255}/g) ?? [''];
  return chunks.map((c) => `"${c.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(' ');
}

function zoneText(name: string, serial: number, nameServers: BedNameServer[], records: BedRecord[], children: string[]): string {
  const lines = [`$ORIGIN ${name}.`, '$TTL 300', `@ IN SOA ${abs(nameServers[0]!.name, name)} hostmaster.${name}. ${serial} 3600 600 86400 300`];
  for (const ns of nameServers) {
    lines.push(`@ IN NS ${abs(ns.name, name)}`);
    if (ns.v4) lines.push(`${abs(ns.name, name)} IN A ${ns.v4}`);
    if (ns.v6) lines.push(`${abs(ns.name, name)} IN AAAA ${ns.v6}`);
  }
  for (const r of records) {
    const data = r.type.toUpperCase() === 'TXT' ? quoteTxt(r.data) : r.data;
    lines.push(`${abs(r.name, name)} ${r.ttl ?? 300} IN ${r.type.toUpperCase()} ${data}`);
  }
  lines.push(...children);
  return lines.join('\n') + '\n';
}

/** Flip one base64 character in every RRSIG's signature: still well-formed, no longer valid. */
function corruptSignatures(signed: string): string {
  return signed
    .split('\n')
    .map((line) => {
      const f = line.split(/\s+/);
      if (f.length < 13 || f[3] !== 'RRSIG') return line;
      const sig = f[f.length - 1]!.startsWith(';') ? undefined : f[f.length - 1]!;
      if (!sig || sig.length < 12) return line;
      const c = sig[8] === 'A' ? 'B' : 'A';
      f[f.length - 1] = sig.slice(0, 8) + c + sig.slice(9);
      return f.join('\t');
    })
    .join('\n');
}

async function sign(dir: string, zone: string, text: string, file: string, algorithm: BedAlgorithm, key?: string): Promise<{ key: string; ds: string }> {
  const bits = algorithm.startsWith('RSA') ? ['-b', algorithm === 'RSASHA1' ? '1024' : '2048'] : [];
  const k = key ?? (await run(findBinary('ldns-keygen')!, ['-k', '-a', algorithm, ...bits, zone], { cwd: dir })).trim();
  writeFileSync(join(dir, `${file}.unsigned`), text);
  await run(findBinary('ldns-signzone')!, ['-o', zone, '-f', file, `${file}.unsigned`, k], { cwd: dir });
  // SHA-256 digests always, so a scenario about the algorithm is only about the algorithm.
  const ds = (await run(findBinary('ldns-key2ds')!, ['-n', '-2', `${k}.key`], { cwd: dir })).trim();
  return { key: k, ds };
}

export async function startDnsBed(spec: DnsBedSpec): Promise<DnsBed> {
  const specs = new Map(Object.entries(spec.zones).map(([z, s]) => [z.replace(/\.$/, '').toLowerCase(), s]));
  const names = [...specs.keys()];
  for (const z of names) if (!z.endsWith(`.${ROOT}`)) throw new Error(`bed zone ${z} is not under ${ROOT}.`);
  const tmp = tempDir('hearth-dns-');
  const procs: BedProcess[] = [];
  const stop = async () => {
    for (const p of procs.reverse()) await p.stop();
    tmp.remove();
  };
  try {
    const dir = tmp.path;
    // Deepest zones first: a parent needs its children's DS records.
    const zones = [...names, ROOT].sort((a, b) => b.split('.').length - a.split('.').length);
    const parentOf = (z: string) => {
      for (let p = z.split('.').slice(1).join('.'); p; p = p.split('.').slice(1).join('.')) if (zones.includes(p)) return p;
      return undefined;
    };
    const rootSpec: BedZone = { nameServers: [{ name: 'ns1', v4: DNS_BED_ADDRESSES.ns1 }] };
    const built = new Map<string, Built>();
    const byDepth = new Map<number, string[]>();
    for (const z of zones) byDepth.set(z.split('.').length, [...(byDepth.get(z.split('.').length) ?? []), z]);
    let trustAnchor = '';
    for (const depth of [...byDepth.keys()].sort((a, b) => b - a)) {
      await Promise.all(
        byDepth.get(depth)!.map(async (z) => {
          const zs = z === ROOT ? rootSpec : specs.get(z)!;
          const nameServers = zs.nameServers ?? defaultNameServers();
          if (nameServers.length === 0) throw new Error(`bed zone ${z} has no name server`);
          const children = zones.filter((c) => parentOf(c) === z).flatMap((c) => built.get(c)!.delegation);
          const signed = zs.signed !== false;
          const algorithm = zs.algorithm ?? 'ECDSAP256SHA256';
          const text = zoneText(z, zs.serial ?? 1, nameServers, zs.records ?? [], children);
          const file = `${z}.zone`;
          const delegation: string[] = [];
          for (const ns of nameServers) {
            delegation.push(`${z}. IN NS ${abs(ns.name, z)}`);
            if (ns.v4) delegation.push(`${abs(ns.name, z)} IN A ${ns.v4}`);
            if (ns.v6) delegation.push(`${abs(ns.name, z)} IN AAAA ${ns.v6}`);
          }
          let staleFile: string | undefined;
          const staleSerial = nameServers.find((n) => n.serial !== undefined)?.serial;
          if (signed) {
            const { key, ds } = await sign(dir, z, text, file, algorithm);
            if (zs.ds === 'unsupported-digest') {
              const f = ds.split(/\s+/);
              const at = f.indexOf('DS');
              delegation.push(`${f[0]} IN DS ${f[at + 1]} ${f[at + 2]} 200 ${'ab'.repeat(32)}`);
            } else if (zs.ds !== false) delegation.push(ds);
            if (z === ROOT) trustAnchor = ds;
            if (zs.bogus) writeFileSync(join(dir, file), corruptSignatures(readFileSync(join(dir, file), 'utf8')));
            if (staleSerial !== undefined) {
              staleFile = `${z}.stale.zone`;
              await sign(dir, z, zoneText(z, staleSerial, nameServers, zs.records ?? [], children), staleFile, algorithm, key);
            }
          } else {
            writeFileSync(join(dir, file), text);
            if (staleSerial !== undefined) {
              staleFile = `${z}.stale.zone`;
              writeFileSync(join(dir, staleFile), zoneText(z, staleSerial, nameServers, zs.records ?? [], children));
            }
          }
          built.set(z, { name: z, spec: zs, nameServers, delegation, file, staleFile });
        }),
      );
    }

    // Who listens where. Addresses of stale name servers go to the second Knot,
    // the resolver's address to unbound; every other NS address to the main Knot.
    const all = [...built.values()];
    const staleAddrs = new Set(all.flatMap((b) => b.nameServers.filter((n) => n.serial !== undefined).flatMap((n) => [n.v4, n.v6])).filter((a): a is string => !!a));
    const mainAddrs = new Set<string>([DNS_BED_ADDRESSES.ns1]);
    for (const b of all)
      for (const n of b.nameServers)
        for (const a of [n.v4, n.v6]) if (a && !staleAddrs.has(a) && a !== DNS_BED_ADDRESSES.resolver) mainAddrs.add(a);
    if (staleAddrs.has(DNS_BED_ADDRESSES.v6) || staleAddrs.has(DNS_BED_ADDRESSES.ns1)) throw new Error('a stale name server needs its own address (e.g. DNS_BED_ADDRESSES.stale)');
    const port = await freePort([...mainAddrs, ...staleAddrs, DNS_BED_ADDRESSES.resolver], { udp: true });

    const knotConf = (name: string, addrs: string[], files: Array<{ zone: string; file: string; openTransfer: boolean }>) => {
      const listen = addrs.map((a) => `${a}@${port}`).join(', ');
      return [
        'server:',
        `    rundir: "${dir}/${name}"`,
        `    listen: [ ${listen} ]`,
        '    udp-workers: 1',
        '    tcp-workers: 1',
        '    background-workers: 1',
        'database:',
        `    storage: "${dir}/${name}"`,
        'log:',
        '  - target: stderr',
        '    any: warning',
        'acl:',
        '  - id: anyone-transfers',
        '    address: [ 0.0.0.0/0, ::/0 ]',
        '    action: transfer',
        'template:',
        '  - id: default',
        `    storage: "${dir}"`,
        '    zonefile-sync: -1',
        '    zonefile-load: whole',
        '    journal-content: none',
        '    semantic-checks: off',
        'zone:',
        ...files.flatMap((f) => [`  - domain: ${f.zone}.`, `    file: ${f.file}`, ...(f.openTransfer ? ['    acl: anyone-transfers'] : [])]),
        '',
      ].join('\n');
    };
    const knotd = findBinary('knotd')!;
    const startKnot = async (name: string, addrs: string[], files: Array<{ zone: string; file: string; openTransfer: boolean }>, probeZone: string) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, `${name}.conf`), knotConf(name, addrs, files));
      const probe = createResolver({ server: { host: addrs[0]!, port }, timeoutMs: 200, limiter: new ConnectionLimiter(4) });
      procs.push(
        await startProcess(knotd, ['-c', join(dir, `${name}.conf`)], {
          name: 'knotd',
          ready: async () => (await probe.query(probeZone, 'SOA', { rd: false })).rcode === 'NOERROR',
        }),
      );
    };
    await startKnot(
      'knot',
      [...mainAddrs],
      all.map((b) => ({ zone: b.name, file: b.file, openTransfer: b.spec.openTransfer === true })),
      ROOT,
    );
    const stale = all.filter((b) => b.staleFile);
    if (stale.length > 0) {
      await startKnot(
        'knot-stale',
        [...staleAddrs],
        stale.map((b) => ({ zone: b.name, file: b.staleFile!, openTransfer: b.spec.openTransfer === true })),
        stale[0]!.name,
      );
    }

    const primary = `${DNS_BED_ADDRESSES.ns1}@${port}`;
    const unboundConf = [
      'server:',
      `    interface: ${DNS_BED_ADDRESSES.resolver}@${port}`,
      `    port: ${port}`,
      '    do-daemonize: no',
      '    chroot: ""',
      '    username: ""',
      `    directory: "${dir}"`,
      '    pidfile: ""',
      '    use-syslog: no',
      '    logfile: ""',
      '    verbosity: 1',
      '    num-threads: 1',
      '    interface-automatic: no',
      '    so-reuseport: no',
      // Our authoritative servers are on loopback, which unbound avoids by default.
      '    do-not-query-localhost: no',
      '    module-config: "validator iterator"',
      `    trust-anchor: "${trustAnchor.replace(/\s+/g, ' ')}"`,
      // `test.` is a locally served (always-empty) zone by default (RFC 6761).
      `    local-zone: "${ROOT}." nodefault`,
      '    qname-minimisation: no',
      '    access-control: 127.0.0.0/8 allow',
      '    access-control: ::1 allow',
      '    val-log-level: 2',
      '    msg-cache-size: 1m',
      '    rrset-cache-size: 1m',
      '    key-cache-size: 1m',
      '    neg-cache-size: 1m',
      '    outgoing-range: 64',
      '    num-queries-per-thread: 32',
      // The whole tree is served by our Knot; the root stub keeps every other name on loopback too.
      ...['.', ...zones.map((z) => `${z}.`)].flatMap((z) => ['stub-zone:', `    name: "${z}"`, `    stub-addr: ${primary}`]),
      '',
    ].join('\n');
    writeFileSync(join(dir, 'unbound.conf'), unboundConf);
    const resolver = { host: DNS_BED_ADDRESSES.resolver, port };
    const probe = createResolver({ server: resolver, timeoutMs: 300, limiter: new ConnectionLimiter(4) });
    procs.push(
      await startProcess(findBinary('unbound')!, ['-d', '-c', join(dir, 'unbound.conf')], {
        name: 'unbound',
        ready: async () => {
          const r = await probe.query(`${ROOT}.`, 'SOA', { dnssec: true });
          return r.rcode === 'NOERROR' && r.ad;
        },
      }),
    );

    return {
      resolver,
      authoritative: [...mainAddrs, ...staleAddrs].map((host) => ({ host, port })),
      port,
      trustAnchor,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
