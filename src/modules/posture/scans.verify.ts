// Proofs of control: a TXT record at _hearth-challenge.<domain> (asked through
// the check engine's resolver) or https://<domain>/.well-known/hearth-challenge.txt
// (fetched through the kernel's SSRF-safe client), each carrying the token
// Hearth issued for this organisation's declaration of the domain. Network only:
// no database, so callers run it outside their transactions.
import ipaddr from 'ipaddr.js';
import { ConnectionLimiter } from '../../checks/net/limiter.js';
import { createResolver, DnsError, txtData, type Resolver } from '../../checks/dns/resolver.js';
import type { Deps } from '../../kernel/deps.js';
import { isNetError } from '../../kernel/net/net.errors.js';
import { netOptions, safeFetch } from '../../kernel/net/safe-fetch.js';
import type { ProofErrorCode } from './scans.errors.js';
import { scanResolver, scanTimeoutMs } from './scans.env.js';
import type { VerifyMethod } from './scans.tables.js';

export const CHALLENGE_LABEL = '_hearth-challenge';
export const CHALLENGE_PATH = '/.well-known/hearth-challenge.txt';

export type ProofOutcome =
  | { ok: true; method: VerifyMethod }
  | {
      ok: false;
      method: VerifyMethod;
      code: ProofErrorCode;
      /**
       * True when the answer is clear (no record, another token, a redirect): a
       * verified domain then loses its proof. False for silence and network
       * trouble, which a re-check tolerates for a while.
       */
      definitive: boolean;
      values: Record<string, string | number>;
    };

type D = Pick<Deps, 'config' | 'scans' | 'net'>;

export const challengeName = (domain: string) => `${CHALLENGE_LABEL}.${domain}`;

/** The URL of the file proof (with the test bed's port when it runs on a high one). */
export function challengeUrl(deps: Pick<Deps, 'scans'>, domain: string): string {
  const port = deps.scans?.ports?.https;
  return `https://${domain}${port && port !== 443 ? `:${port}` : ''}${CHALLENGE_PATH}`;
}

function resolverFor(deps: D, server: { host: string; port: number }): Resolver {
  return createResolver({ server, timeoutMs: scanTimeoutMs(deps), limiter: new ConnectionLimiter(2) });
}

export async function proveByDns(deps: D, domain: string, token: string): Promise<ProofOutcome> {
  const name = challengeName(domain);
  const fail = (code: ProofErrorCode, definitive: boolean, values: Record<string, string | number> = {}): ProofOutcome => ({
    ok: false,
    method: 'dns',
    code,
    definitive,
    values: { method: 'dns', name, reason: 'none', ...values },
  });
  let resolver: Resolver;
  try {
    resolver = resolverFor(deps, await scanResolver(deps));
  } catch (err) {
    return fail('POSTURE_PROOF_UNREACHABLE', false, { reason: err instanceof Error ? err.message : String(err) });
  }
  let res;
  try {
    res = await resolver.query(name, 'TXT');
  } catch (err) {
    return fail('POSTURE_PROOF_UNREACHABLE', false, { reason: err instanceof DnsError ? err.code : 'DNS' });
  }
  if (res.rcode !== 'NOERROR' && res.rcode !== 'NXDOMAIN') return fail('POSTURE_PROOF_UNREACHABLE', false, { reason: res.rcode });
  const texts = res.answers.filter((r) => r.type === 'TXT').map((r) => txtData(r.data).trim());
  if (texts.length === 0) return fail('POSTURE_PROOF_NOT_FOUND', true);
  if (!texts.includes(token)) return fail('POSTURE_PROOF_WRONG_TOKEN', true, { found: texts.length });
  return addressesAllowed(deps, resolver, domain, 'dns');
}

export async function proveByHttp(deps: D, domain: string, token: string): Promise<ProofOutcome> {
  const url = challengeUrl(deps, domain);
  const fail = (code: ProofErrorCode, definitive: boolean, values: Record<string, string | number> = {}): ProofOutcome => ({
    ok: false,
    method: 'http',
    code,
    definitive,
    values: { method: 'http', url, reason: 'none', ...values },
  });
  let res;
  try {
    res = await safeFetch(url, {
      ...netOptions(deps.config),
      ...deps.net,
      ...(deps.scans?.ca ? { ca: deps.scans.ca.join('\n') } : {}),
      // A redirect would let whoever controls its target prove this domain: none is followed.
      maxRedirects: 0,
      maxBytes: 4096,
      timeoutMs: Math.max(scanTimeoutMs(deps) * 2, 5000),
      headers: { accept: 'text/plain' },
    });
  } catch (err) {
    if (isNetError(err)) {
      if (err.code === 'NET_TOO_MANY_REDIRECTS') return fail('POSTURE_PROOF_REDIRECT', true);
      if (err.code === 'NET_FORBIDDEN_ADDRESS') return fail('POSTURE_PRIVATE_ADDRESS', true, { domain });
      if (err.code === 'NET_TOO_LARGE') return fail('POSTURE_PROOF_WRONG_TOKEN', true);
      return fail('POSTURE_PROOF_UNREACHABLE', false, { reason: err.code });
    }
    return fail('POSTURE_PROOF_UNREACHABLE', false, { reason: 'NET' });
  }
  if (res.status === 404 || res.status === 410) return fail('POSTURE_PROOF_NOT_FOUND', true);
  if (res.status !== 200) return fail('POSTURE_PROOF_UNREACHABLE', false, { reason: `HTTP ${res.status}` });
  const first = res.body.toString('utf8').split(/\r?\n/, 1)[0]!.trim();
  if (first !== token) return fail('POSTURE_PROOF_WRONG_TOKEN', true);
  let resolver: Resolver;
  try {
    resolver = resolverFor(deps, await scanResolver(deps));
  } catch {
    return { ok: true, method: 'http' }; // safeFetch has already refused private addresses
  }
  return addressesAllowed(deps, resolver, domain, 'http');
}

/**
 * A proved domain whose addresses are loopback or private is not scanned in
 * production: the scan would touch someone's internal network. Only the
 * test-bed setting (HEARTH_NET_ALLOW_PRIVATE) allows it.
 */
async function addressesAllowed(deps: D, resolver: Resolver, domain: string, method: VerifyMethod): Promise<ProofOutcome> {
  if (deps.config.netAllowPrivate) return { ok: true, method };
  const found: string[] = [];
  for (const type of ['A', 'AAAA']) {
    try {
      const r = await resolver.query(domain, type);
      for (const a of r.answers) if (a.type === type) found.push(String(a.data));
    } catch {
      // Unknown addresses are judged at scan time, address by address, by the engine.
    }
  }
  const bad = found.find((a) => {
    try {
      return ipaddr.process(a).range() !== 'unicast';
    } catch {
      return true;
    }
  });
  if (bad !== undefined) return { ok: false, method, code: 'POSTURE_PRIVATE_ADDRESS', definitive: true, values: { method, domain, address: bad, reason: 'none' } };
  return { ok: true, method };
}

export function prove(deps: D, method: VerifyMethod, domain: string, token: string): Promise<ProofOutcome> {
  return method === 'dns' ? proveByDns(deps, domain, token) : proveByHttp(deps, domain, token);
}
