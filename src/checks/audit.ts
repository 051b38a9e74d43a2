// The orchestrator: runAudit(domain, options) → AuditReport. Validates the name
// before any network traffic, checks that the resolver answers at all, then
// runs the selected groups side by side under one connection limiter and one
// time budget. A group that throws, or runs out of time, ends as "error"
// results for what it had not reported; the rest of the report completes.
import {
  AuditInputError,
  Progress,
  errorResult,
  isIpv4Mapped,
  normalizeDomain,
  reasonOf,
  standardPorts,
  type Addresses,
  type AuditContext,
} from './audit-support.js';
import { catalog } from './catalog.js';
import { DNS_CHECK_IDS, dnsChecks } from './dns/checks.js';
import { createResolver, DnsError, type Resolver } from './dns/resolver.js';
import { httpGet } from './http/client.js';
import { HTTP_IDS, webChecks } from './http/checks.js';
import { IPV6_IDS, ipv6Checks } from './ipv6/checks.js';
import { MAIL_IDS, mailChecks } from './mail/checks.js';
import { ConnectionLimiter } from './net/limiter.js';
import { categories as categoryOrder, scoreResults } from './score.js';
import { auditTlsEndpoint, type TlsEndpoint, type TlsFacts } from './tls/endpoint.js';
import type { AuditOptions, AuditReport, CheckResult } from './types.js';

export { AuditInputError } from './audit-support.js';

export type Group = NonNullable<AuditOptions['only']>;
export const GROUPS: Group[] = ['web', 'mail', 'dns', 'ipv6'];

const TLS_IDS = catalog.filter((c) => c.category === 'tls').map((c) => c.id);
const CERT_ENDPOINT_IDS = ['CERT-01', 'CERT-02', 'CERT-03', 'CERT-04', 'CERT-05'];

/** The check ids each group is responsible for (its errors name them when it fails). */
export const GROUP_IDS: Record<Group, string[]> = {
  web: [...TLS_IDS, ...CERT_ENDPOINT_IDS, ...HTTP_IDS],
  mail: MAIL_IDS,
  dns: [...DNS_CHECK_IDS],
  ipv6: IPV6_IDS,
};

type Emit = (results: CheckResult[]) => void;

const defaultBudget = (timeoutMs: number) => Math.max(60_000, 12 * timeoutMs);

export async function runAudit(domainInput: string, options: AuditOptions): Promise<AuditReport> {
  const startedAt = new Date();
  const domain = normalizeDomain(domainInput);
  const timeoutMs = options.timeoutMs > 0 ? options.timeoutMs : 5000;
  const limiter = options.limiter ?? new ConnectionLimiter(options.concurrency > 0 ? options.concurrency : 2);
  const resolver = createResolver({ ...(options.resolver ? { server: options.resolver } : {}), timeoutMs, limiter });
  const resolverText = options.resolver ? `${options.resolver.host.includes(':') ? `[${options.resolver.host}]` : options.resolver.host}:${options.resolver.port}` : undefined;
  const groups = options.only ? [options.only] : GROUPS;

  const report = (results: CheckResult[]): AuditReport => {
    const sorted = sortResults(results);
    const { categories, overall } = scoreResults(sorted);
    return {
      format: 'hearth-check',
      version: 1,
      domain,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      options: { ...(options.only ? { only: options.only } : {}), ...(resolverText ? { resolver: resolverText } : {}), allAddresses: options.allAddresses },
      results: sorted,
      categories,
      overall,
      connections: limiter.opened,
    };
  };

  // Does the resolver answer at all? A name that does not exist is an answer; silence is not.
  const existence = await preflight(resolver, domain, resolverText ?? 'the system resolver');
  if (existence === 'NXDOMAIN') {
    const why = `${domain} does not exist (the resolver answered NXDOMAIN)`;
    return report(groups.flatMap((g) => GROUP_IDS[g].map((id) => errorResult(id, domain, why))));
  }

  const budgetMs = options.budgetMs ?? defaultBudget(timeoutMs);
  const progress = new Progress(options.onProgress);
  const ctx = createContext(domain, options, resolver, limiter, timeoutMs, progress);
  let expire: () => void = () => {};
  const budget = new Promise<never>((_resolve, reject) => {
    expire = () => reject(new Error(`the audit's time budget (${Math.round(budgetMs / 1000)} s) ran out before this check finished`));
  });
  budget.catch(() => {}); // observed by each group's race
  const timer = setTimeout(() => expire(), budgetMs);
  try {
    const parts = await Promise.all(groups.map((g) => runGroup(g, ctx, budget, limiter, timeoutMs)));
    return report(parts.flat());
  } finally {
    clearTimeout(timer);
    progress.close();
  }
}

async function preflight(resolver: Resolver, domain: string, resolverText: string): Promise<string> {
  try {
    const r = await resolver.query(domain, 'SOA');
    if (r.rcode === 'REFUSED') throw new AuditInputError(`${resolverText} refuses to answer queries for ${domain}`, 'resolver');
    return r.rcode;
  } catch (err) {
    if (err instanceof AuditInputError) throw err;
    if (err instanceof DnsError && err.code === 'DNS_BAD_NAME') throw new AuditInputError(reasonOf(err), 'domain');
    throw new AuditInputError(`${resolverText} does not answer: ${reasonOf(err)}`, 'resolver');
  }
}

async function runGroup(group: Group, ctx: AuditContext, budget: Promise<never>, limiter: ConnectionLimiter, timeoutMs: number): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  let open = true;
  const emit: Emit = (rs) => {
    if (open) out.push(...rs);
  };
  const run: Record<Group, () => Promise<void>> = {
    web: () => webChecks(ctx, emit),
    mail: () => mailChecks(ctx, emit),
    ipv6: () => ipv6Checks(ctx, emit),
    dns: () =>
      ctx.progress.step(`${ctx.domain} name servers`, async () => {
        emit(await dnsChecks(ctx.domain, { resolver: ctx.resolver, limiter, timeoutMs, nsPort: ctx.ports.dns, allowPrivate: ctx.allowPrivate }));
      }),
  };
  if (group === 'dns') ctx.progress.plan(1);
  try {
    await Promise.race([run[group](), budget]);
  } catch (err) {
    const seen = new Set(out.map((r) => r.id));
    for (const id of GROUP_IDS[group]) if (!seen.has(id)) out.push(errorResult(id, ctx.domain, reasonOf(err)));
  }
  open = false;
  return out;
}

function createContext(domain: string, options: AuditOptions, resolver: Resolver, limiter: ConnectionLimiter, timeoutMs: number, progress: Progress): AuditContext {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      memo.set(key, p);
    }
    return p;
  };
  const reportedTls = new Set<string>();
  const now = options.now ?? new Date();
  const ca = options.ca && options.ca.length > 0 ? options.ca : undefined;
  const ctx: AuditContext = {
    domain,
    resolver,
    limiter,
    timeoutMs,
    ...(ca ? { ca } : {}),
    now,
    allAddresses: options.allAddresses,
    allowPrivate: options.allowPrivate === true,
    ports: { ...standardPorts, ...options.ports },
    dkimSelectors: options.dkimSelectors ?? [],
    progress,
    addresses: (name) => once(`addr|${name.toLowerCase()}`, () => lookupAddresses(resolver, name)),
    once,
    http: (req, opts = {}) => once(`http|${opts.verify === true}|${req.tls}|${req.host}|${req.address}|${req.port}|${req.path}`, () => httpGet(ctx, req, opts)),
    async tls(ep) {
      const key = `tls|${ep.host}|${ep.address}|${ep.port}|${ep.starttls ?? ''}|${ep.kind}`;
      const audit = await once(key, () => tlsAudit(ep, { limiter, timeoutMs, ...(ca ? { ca } : {}), now, resolver }));
      if (reportedTls.has(key)) return { results: [], facts: audit.facts };
      reportedTls.add(key);
      return audit;
    },
  };
  return ctx;
}

/** The TLS engineer's audit; if it throws, its checks become errors for this endpoint. */
async function tlsAudit(ep: TlsEndpoint, tctx: Parameters<typeof auditTlsEndpoint>[1]): Promise<{ results: CheckResult[]; facts: TlsFacts }> {
  try {
    return await auditTlsEndpoint(ep, tctx);
  } catch (err) {
    const target = `${ep.host.includes(':') ? `[${ep.host}]` : ep.host}:${ep.port} (${ep.address})`;
    const ids = [...TLS_IDS.filter((id) => id !== 'TLS-09' || ep.kind === 'https'), ...CERT_ENDPOINT_IDS];
    const reason = reasonOf(err);
    return { results: ids.map((id) => errorResult(id, target, reason)), facts: { handshakeOk: false, protocols: [], error: reason } };
  }
}

async function lookupAddresses(resolver: Resolver, name: string): Promise<Addresses> {
  try {
    const [a, aaaa] = await Promise.all([resolver.query(name, 'A'), resolver.query(name, 'AAAA')]);
    const v4 = a.answers.filter((r) => r.type === 'A').map((r) => String(r.data));
    const v6 = aaaa.answers.filter((r) => r.type === 'AAAA').map((r) => String(r.data)).filter((x) => !isIpv4Mapped(x));
    const bad = [a, aaaa].find((r) => r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN');
    const out: Addresses = { v4, v6, rcode: a.rcode };
    if (bad && v4.length + v6.length === 0) out.error = `the resolver answered ${bad.rcode} for ${name}`;
    return out;
  } catch (err) {
    return { v4: [], v6: [], rcode: 'ERROR', error: `resolving ${name}: ${reasonOf(err)}` };
  }
}

/** Category order of the catalogue, then check number, then target. */
function sortResults(results: CheckResult[]): CheckResult[] {
  const cat = (r: CheckResult) => categoryOrder.indexOf(r.category);
  return [...results].sort((a, b) => cat(a) - cat(b) || a.id.localeCompare(b.id, 'en', { numeric: true }) || a.target.localeCompare(b.target));
}
