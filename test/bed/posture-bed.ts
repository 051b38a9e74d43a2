// The loopback test bed as posture scans see it: the full-domain bed
// (web/domain-bed.ts) with proofs of control published, and the Deps pieces
// that point Hearth's scans and proofs at it (its resolver, ports and CA).
// The domain's home site is kept so a test can swap the server's configuration
// between two scans: it starts without HSTS (HTTP-03 fails) and `fixHsts()` adds it.
import { ConnectionLimiter } from '../../src/checks/net/limiter.js';
import { addressesOf, createResolver } from '../../src/checks/dns/resolver.js';
import type { Deps } from '../../src/kernel/deps.js';
import type { Lookup } from '../../src/kernel/net/safe-fetch.js';
import type { BedRecord, BedZone } from './dns/dns-bed.js';
import { GOOD_HEADERS, startDomainBed, type DomainBed } from './web/domain-bed.js';
import type { Site } from './web/web-bed.js';

export const POSTURE_BED_DOMAIN = 'full.test';
export const CHALLENGE_PATH = '/.well-known/hearth-challenge.txt';

export interface PostureBedOptions {
  /** Published as the TXT record at _hearth-challenge.full.test. */
  dnsToken?: string;
  /** Served at https://full.test/.well-known/hearth-challenge.txt. */
  httpToken?: string;
  /** Start with HSTS (HTTP-03 passes); default false, so a scan has something to fix. */
  hsts?: boolean;
  /** More zones, e.g. one publishing a wrong token. */
  zones?: Record<string, BedZone>;
}

export interface PostureBed {
  domain: string;
  bed: DomainBed;
  /** The domain's site: change it between scans. */
  site: Site;
  /** What Deps needs to scan and prove against the bed (give it to createDeps or assign it on a test app's deps). */
  deps: Pick<Deps, 'scans' | 'net'>;
  /** The "fix" of the scenario: the server now sends HSTS. */
  fixHsts(): void;
  /** Serve another file at the challenge path (or none). */
  serveChallenge(body: string | undefined): void;
  stop(): Promise<void>;
}

const withoutHsts = () => Object.fromEntries(Object.entries(GOOD_HEADERS).filter(([k]) => k !== 'strict-transport-security'));

export async function startPostureBed(opts: PostureBedOptions = {}): Promise<PostureBed> {
  const domain = POSTURE_BED_DOMAIN;
  const headers: Record<string, string> = opts.hsts ? { ...GOOD_HEADERS } : withoutHsts();
  const securityTxt = { headers: { 'content-type': 'text/plain' }, body: `Contact: mailto:security@${domain}\nExpires: ${new Date(Date.now() + 200 * 86_400_000).toISOString()}\n` };
  const site: Site = {
    home: { headers, body: '<!doctype html><title>full</title>' },
    paths: { '/.well-known/security.txt': securityTxt },
  };
  const serveChallenge = (body: string | undefined) => {
    if (body === undefined) delete site.paths![CHALLENGE_PATH];
    else site.paths![CHALLENGE_PATH] = { headers: { 'content-type': 'text/plain' }, body: `${body}\n` };
  };
  if (opts.httpToken) serveChallenge(opts.httpToken);
  const records: BedRecord[] = opts.dnsToken ? [{ name: '_hearth-challenge', type: 'TXT', data: opts.dnsToken }] : [];
  const bed = await startDomainBed({ home: site, records, ...(opts.zones ? { zones: opts.zones } : {}) });
  const resolver = createResolver({ server: bed.dns.resolver, timeoutMs: 3000, limiter: new ConnectionLimiter(8) });
  // safeFetch resolves names through the bed's resolver, as the system's would in production.
  const lookup: Lookup = async (host) => {
    const { v4, v6 } = await addressesOf(resolver, host);
    return [...v4.map((address) => ({ address, family: 4 })), ...v6.map((address) => ({ address, family: 6 }))];
  };
  const ports = bed.options.ports!;
  return {
    domain,
    bed,
    site,
    deps: {
      scans: { resolver: bed.dns.resolver, ports, ca: bed.options.ca!, timeoutMs: 3000 },
      net: { lookup, allowedPorts: [80, 443, ports.https!, ports.http!] },
    },
    fixHsts() {
      headers['strict-transport-security'] = GOOD_HEADERS['strict-transport-security'];
    },
    serveChallenge,
    stop: () => bed.stop(),
  };
}
