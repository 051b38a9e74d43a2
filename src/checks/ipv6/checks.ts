// V6-01…03: IPv6 addresses for web, mail and name-server hosts; the same
// services over IPv6 as over IPv4; the same web content over both.
import { addressAllowed, errorResult, reasonOf, refusedAddress, result, type AuditContext } from '../audit-support.js';
import { headerValues, HttpError, type HttpResponse } from '../http/client.js';
import { webHosts } from '../http/checks.js';
import { tcpOpen } from '../mail/dialogue.js';
import type { CheckResult, Evidence } from '../types.js';

export const IPV6_IDS = ['V6-01', 'V6-02', 'V6-03'];

type Emit = (results: CheckResult[]) => void;

interface Host {
  host: string;
  role: 'web' | 'mail' | 'dns';
  v4: string[];
  v6: string[];
  error?: string;
}

async function hostsOf(ctx: AuditContext): Promise<Host[]> {
  const bare = (n: unknown) => String(n ?? '').toLowerCase().replace(/\.$/, '');
  const [mx, ns] = await Promise.all([
    ctx.resolver.query(ctx.domain, 'MX').then((r) => r.answers.filter((a) => a.type === 'MX').map((a) => bare((a.data as { exchange?: string }).exchange)).filter((h) => h !== '' && h !== '.')),
    nameServersOf(ctx, bare),
  ]);
  const named: Array<{ host: string; role: Host['role'] }> = [
    ...webHosts(ctx.domain).map((host) => ({ host, role: 'web' as const })),
    ...[...new Set(mx)].map((host) => ({ host, role: 'mail' as const })),
    ...[...new Set(ns)].map((host) => ({ host, role: 'dns' as const })),
  ];
  const hosts = await Promise.all(named.map(async (n) => ({ ...n, ...(await ctx.addresses(n.host)) })));
  // www without any address is simply not a web host; every other name was published as a server.
  return hosts.filter((h) => h.role !== 'web' || h.v4.length + h.v6.length > 0 || h.error);
}

/** The name servers of the zone the domain is in (the domain itself may sit below the zone's apex). */
async function nameServersOf(ctx: AuditContext, bare: (n: unknown) => string): Promise<string[]> {
  const ns = async (name: string) => (await ctx.resolver.query(name, 'NS')).answers.filter((a) => a.type === 'NS').map((a) => bare(a.data));
  const own = await ns(ctx.domain);
  if (own.length > 0) return own;
  const soa = await ctx.resolver.query(ctx.domain, 'SOA');
  const zone = [...soa.answers, ...soa.authorities].find((r) => r.type === 'SOA')?.name;
  return zone && bare(zone) !== ctx.domain ? ns(bare(zone)) : [];
}

export async function ipv6Checks(ctx: AuditContext, emit: Emit): Promise<void> {
  const hosts = await hostsOf(ctx);
  if (hosts.length === 0) {
    emit([result('V6-01', 'info', ctx.domain, 'No web, mail or name-server host to check.')]);
    return;
  }
  for (const h of hosts) emit([v6Presence(h)]);
  const dual = hosts.filter((h) => h.v4.length > 0 && h.v6.length > 0 && h.role !== 'dns');
  ctx.progress.plan(dual.length);
  await Promise.all(
    dual.map((h) =>
      ctx.progress.step(`${h.host} over IPv4 and IPv6`, async () => {
        const v4 = h.v4[0]!;
        const v6 = h.v6[0]!;
        for (const a of [v4, v6]) {
          if (!addressAllowed(a, ctx.allowPrivate)) {
            emit([errorResult('V6-02', h.host, refusedAddress(a))]);
            return;
          }
        }
        emit([await sameServices(ctx, h, v4, v6)]);
        if (h.role === 'web') emit([await sameContent(ctx, h.host, v4, v6)]);
      }),
    ),
  );
}

function v6Presence(h: Host): CheckResult {
  const ev: Evidence = { sent: `A/AAAA ${h.host}`, received: [...h.v4, ...h.v6].join(' ') || '(none)', facts: { role: h.role, v4: h.v4, v6: h.v6 } };
  if (h.error) return errorResult('V6-01', h.host, h.error, ev);
  if (h.v6.length > 0) return result('V6-01', 'pass', h.host, `The ${h.role} host ${h.host} has IPv6 (${h.v6.join(', ')}).`, ev);
  return result('V6-01', 'fail', h.host, `The ${h.role} host ${h.host} has no IPv6 address.`, ev);
}

/** V6-02: every port that answers over IPv4 must answer over IPv6 (name servers: DNS-05 covers them). */
async function sameServices(ctx: AuditContext, h: Host, v4: string, v6: string): Promise<CheckResult> {
  const services: Array<[string, number]> = h.role === 'web' ? [['https', ctx.ports.https], ['http', ctx.ports.http]] : [['smtp', ctx.ports.smtp]];
  const probe = (address: string, port: number) => ctx.once(`tcp|${address}|${port}`, () => tcpOpen(ctx, address, port));
  const rows = await Promise.all(services.map(async ([name, port]) => ({ name, port, v4: await probe(v4, port), v6: await probe(v6, port) })));
  const ev: Evidence = {
    sent: `TCP connect to ${v4} and ${v6}`,
    received: rows.map((r) => `${r.name} ${r.port}: IPv4 ${r.v4.open ? 'open' : r.v4.reason}, IPv6 ${r.v6.open ? 'open' : r.v6.reason}`).join('\n'),
  };
  const missing = rows.filter((r) => r.v4.open && !r.v6.open);
  if (missing.length > 0) return result('V6-02', 'fail', h.host, `Reachable over IPv4 but not over IPv6: ${missing.map((r) => `${r.name} (${r.port})`).join(', ')}.`, ev);
  const offered = rows.filter((r) => r.v4.open);
  if (offered.length === 0) {
    if (rows.some((r) => r.v4.timedOut)) return errorResult('V6-02', h.host, `no service answered over IPv4 in time at ${v4}`, ev);
    return result('V6-02', 'info', h.host, `No ${h.role} service answers over IPv4 to compare with.`, ev);
  }
  return result('V6-02', 'pass', h.host, `The same services answer over IPv6: ${offered.map((r) => `${r.name} (${r.port})`).join(', ')}.`, ev);
}

const KEY_HEADERS = ['strict-transport-security', 'content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'location'];

/** Our tolerance for "the same page": bodies within 10 % of each other in size. */
export const BODY_SIZE_TOLERANCE = 0.1;

/** The differences between two answers to the same request: status, key headers, body size beyond 10 %. */
export function contentDifferences(a: HttpResponse, b: HttpResponse): string[] {
  const diffs: string[] = [];
  if (a.status !== b.status) diffs.push(`status ${a.status} over IPv4, ${b.status} over IPv6`);
  for (const h of KEY_HEADERS) {
    const x = headerValues(a, h).join(', ');
    const y = headerValues(b, h).join(', ');
    if (x !== y) diffs.push(`${h}: "${x || '(none)'}" over IPv4, "${y || '(none)'}" over IPv6`);
  }
  const [s, t] = [a.body.length, b.body.length];
  if (Math.abs(s - t) > BODY_SIZE_TOLERANCE * Math.max(s, t)) diffs.push(`body ${s} bytes over IPv4, ${t} over IPv6`);
  return diffs;
}

/** V6-03: the home page over both families. */
async function sameContent(ctx: AuditContext, host: string, v4: string, v6: string): Promise<CheckResult> {
  const get = (address: string) => ctx.http({ host, address, port: ctx.ports.https, tls: true, path: '/' });
  const [a, b] = await Promise.allSettled([get(v4), get(v6)]);
  const sent = `GET https://${host}/ over ${v4} and ${v6}`;
  if (a.status === 'rejected' || b.status === 'rejected') {
    const failed = a.status === 'rejected' ? a : (b as PromiseRejectedResult);
    const which = a.status === 'rejected' ? 'IPv4' : 'IPv6';
    // Over IPv4 nothing answers: nothing to compare. Over IPv6 only: V6-02 reports the missing service.
    if (failed.reason instanceof HttpError && failed.reason.kind !== 'timeout' && which === 'IPv6')
      return result('V6-03', 'warn', host, `The site answers over IPv4 but not over IPv6 (${reasonOf(failed.reason)}).`, { sent });
    return errorResult('V6-03', host, `no HTTPS answer over ${which}: ${reasonOf(failed.reason)}`, { sent });
  }
  const diffs = contentDifferences(a.value, b.value);
  const ev: Evidence = { sent, received: `IPv4: ${a.value.status}, ${a.value.body.length} bytes; IPv6: ${b.value.status}, ${b.value.body.length} bytes`, facts: { differences: diffs } };
  if (diffs.length > 0) return result('V6-03', 'warn', host, `The site differs over IPv6: ${diffs.slice(0, 3).join('; ')}.`, ev);
  return result('V6-03', 'pass', host, 'The same page (status, key headers, size) over IPv4 and IPv6.', ev);
}
