// HTTP-01…10 for the web hosts of a domain (the domain itself and www), and the
// TLS and certificate audit of their HTTPS endpoints.
import { addressAllowed, endpointTarget, errorResult, pickAddresses, reasonOf, refusedAddress, result, type AuditContext } from '../audit-support.js';
import type { CheckResult, Evidence } from '../types.js';
import { HttpError, headerValues, httpGetFollowing, type HttpRequest, type HttpResponse } from './client.js';
import { judgeCookies } from './cookies.js';
import { judgeCsp, judgeFraming, judgeHsts, judgeNosniff, judgeReferrerPolicy, type HeaderVerdict } from './headers.js';
import { judgeScripts, pageResources } from './html.js';
import { judgeSecurityTxt } from './security-txt.js';

export const HTTP_IDS = ['HTTP-01', 'HTTP-02', 'HTTP-03', 'HTTP-04', 'HTTP-05', 'HTTP-06', 'HTTP-07', 'HTTP-08', 'HTTP-09', 'HTTP-10'];

type Emit = (results: CheckResult[]) => void;

export const webHosts = (domain: string) => [domain, `www.${domain}`];

/** The web group: TLS/CERT on every selected address of each web host, HTTP-01…10 on the first (or every) address. */
export async function webChecks(ctx: AuditContext, emit: Emit): Promise<void> {
  const hosts = webHosts(ctx.domain);
  const resolved = await Promise.all(hosts.map(async (host) => ({ host, addrs: await ctx.addresses(host) })));
  const serving = resolved.filter((r) => r.addrs.v4.length + r.addrs.v6.length > 0);
  // A lookup that failed (timeout, SERVFAIL) says nothing about whether the host exists.
  for (const r of resolved) if (r.addrs.error && serving.length === 0) emit([errorResult('HTTP-01', r.host, r.addrs.error)]);
  if (serving.length === 0) {
    if (resolved.every((r) => !r.addrs.error)) emit([result('HTTP-01', 'info', ctx.domain, `No web host: neither ${hosts.join(' nor ')} has an address.`, { facts: { hosts } })]);
    return;
  }
  const tasks: Array<() => Promise<void>> = [];
  for (const { host, addrs } of serving) {
    const selected = pickAddresses(addrs, ctx.allAddresses);
    const httpAddresses = ctx.allAddresses ? selected : selected.slice(0, 1);
    for (const address of selected) {
      const target = endpointTarget(host, ctx.ports.https, address);
      if (!addressAllowed(address, ctx.allowPrivate)) {
        emit([errorResult('HTTP-01', target, refusedAddress(address))]);
        continue;
      }
      tasks.push(() => ctx.progress.step(target, async () => emit((await ctx.tls({ host, address, port: ctx.ports.https, kind: 'https' })).results)));
      if (httpAddresses.includes(address)) tasks.push(() => ctx.progress.step(target, async () => emit(await httpChecksFor(ctx, host, address))));
    }
  }
  ctx.progress.plan(tasks.length);
  await Promise.all(tasks.map((t) => t()));
}

const isDefinite = (err: unknown) => err instanceof HttpError && ['refused', 'reset', 'tls', 'protocol'].includes(err.kind);

/** One line per response: status and the headers the checks read. */
function describe(res: HttpResponse): string {
  const keep = ['location', 'strict-transport-security', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'set-cookie', 'content-type'];
  // Cookie values are the site's secrets, not evidence: only names and attributes are kept.
  const shown = (n: string, v: string) => (n === 'set-cookie' ? v.replace(/^([^=;]*)=[^;]*/, '$1=…') : v);
  const lines = res.headers.filter(([n]) => keep.includes(n)).map(([n, raw]) => {
    const v = shown(n, raw);
    return `${n}: ${v.length > 200 ? `${v.slice(0, 200)}…` : v}`;
  });
  return [`${res.status} (${res.url})`, ...lines].join('\n');
}

const sent = (req: HttpRequest) => `GET ${req.path} HTTP/1.1 Host: ${req.host} (to ${req.address}:${req.port}${req.tls ? ', TLS' : ''})`;

function fromVerdict(id: string, target: string, v: HeaderVerdict, evidence: Evidence): CheckResult {
  return result(id, v.status, target, v.summary, { ...evidence, facts: { ...evidence.facts, ...v.facts } });
}

/** HTTP-01…10 for one host at one address. */
export async function httpChecksFor(ctx: AuditContext, host: string, address: string): Promise<CheckResult[]> {
  const target = endpointTarget(host, ctx.ports.https, address);
  const get = (_c: unknown, req: HttpRequest) => ctx.http(req);
  const homeReq: HttpRequest = { host, address, port: ctx.ports.https, tls: true, path: '/' };
  const plainReq: HttpRequest = { host, address, port: ctx.ports.http, tls: false, path: '/' };
  const txtReq: HttpRequest = { ...homeReq, path: '/.well-known/security.txt' };
  const [home, plain, txt] = await Promise.allSettled([
    httpGetFollowing(ctx, homeReq, 3, get),
    ctx.http(plainReq),
    httpGetFollowing(ctx, txtReq, 2, get),
  ]);
  const out: CheckResult[] = [];

  // HTTP-01: a definite refusal (closed port, failed handshake) fails; a timeout is an error.
  if (home.status === 'fulfilled') {
    const first = home.value[0]!;
    // The certificate is judged by CERT-01/02; here only whether HTTPS answers at all.
    const facts = { status: first.status, certificateVerified: first.tlsAuthorized === true, ...(first.tlsError ? { certificateError: first.tlsError } : {}) };
    out.push(result('HTTP-01', 'pass', target, `HTTPS answers with status ${first.status}.`, { sent: sent(homeReq), received: describe(first), facts }));
  } else if (isDefinite(home.reason)) {
    out.push(result('HTTP-01', 'fail', target, `HTTPS does not answer: ${reasonOf(home.reason)}.`, { sent: sent(homeReq), received: reasonOf(home.reason) }));
  } else {
    out.push(errorResult('HTTP-01', target, reasonOf(home.reason), { sent: sent(homeReq) }));
  }

  out.push(judgePlainHttp(plain, plainReq, ctx.ports.http, address));

  if (home.status === 'rejected') {
    const why = `no HTTPS response (${reasonOf(home.reason)})`;
    for (const id of ['HTTP-03', 'HTTP-04', 'HTTP-05', 'HTTP-06', 'HTTP-07', 'HTTP-08', 'HTTP-09', 'HTTP-10']) out.push(errorResult(id, target, why));
    return sortById(out);
  }
  const chain = home.value;
  const first = chain[0]!;
  const last = chain.at(-1)!;
  const evFirst: Evidence = { sent: sent(homeReq), received: describe(first) };
  const evLast: Evidence = { sent: `GET ${new URL(last.url).pathname}`, received: describe(last) };
  out.push(fromVerdict('HTTP-03', target, judgeHsts(headerValues(first, 'strict-transport-security')), evFirst));
  const csp = headerValues(last, 'content-security-policy');
  out.push(fromVerdict('HTTP-04', target, judgeCsp(csp, headerValues(last, 'content-security-policy-report-only')), evLast));
  out.push(fromVerdict('HTTP-05', target, judgeNosniff(headerValues(last, 'x-content-type-options')), evLast));
  out.push(fromVerdict('HTTP-06', target, judgeFraming(headerValues(last, 'x-frame-options'), csp), evLast));
  out.push(fromVerdict('HTTP-07', target, judgeReferrerPolicy(headerValues(last, 'referrer-policy')), evLast));

  if (txt.status === 'fulfilled') {
    const r = txt.value.at(-1)!;
    const body = r.body.toString('utf8');
    const v = judgeSecurityTxt({ status: r.status, contentType: headerValues(r, 'content-type')[0], body }, ctx.now);
    out.push(fromVerdict('HTTP-08', target, v, { sent: sent(txtReq), received: `${r.status}\n${body.slice(0, 300)}` }));
  } else {
    out.push(errorResult('HTTP-08', target, reasonOf(txt.reason), { sent: sent(txtReq) }));
  }

  out.push(fromVerdict('HTTP-09', target, judgeCookies(chain.flatMap((r) => headerValues(r, 'set-cookie'))), { sent: sent(homeReq), received: chain.map(describe).join('\n\n') }));
  out.push(judgeHomeScripts(ctx.domain, target, last));
  return sortById(out);
}

function judgePlainHttp(plain: PromiseSettledResult<HttpResponse>, req: HttpRequest, port: number, address: string): CheckResult {
  const target = endpointTarget(req.host, port, address);
  if (plain.status === 'rejected') {
    if (plain.reason instanceof HttpError && plain.reason.kind === 'refused')
      return result('HTTP-02', 'info', target, 'Plain HTTP is not offered (the port is closed), so there is nothing to redirect.', { sent: sent(req), received: 'connection refused' });
    return errorResult('HTTP-02', target, reasonOf(plain.reason), { sent: sent(req) });
  }
  const res = plain.value;
  const ev: Evidence = { sent: sent(req), received: describe(res) };
  const location = headerValues(res, 'location')[0];
  if (res.status < 300 || res.status > 399 || !location) return result('HTTP-02', 'fail', target, `Plain HTTP answers ${res.status} without redirecting to HTTPS.`, ev);
  let to: URL;
  try {
    to = new URL(location, res.url);
  } catch {
    return result('HTTP-02', 'fail', target, `Plain HTTP redirects to an invalid address "${location.slice(0, 100)}".`, ev);
  }
  if (to.protocol !== 'https:') return result('HTTP-02', 'fail', target, `Plain HTTP redirects to ${to.href}, not to HTTPS.`, ev);
  if (to.hostname.toLowerCase() !== req.host.toLowerCase()) return result('HTTP-02', 'warn', target, `Plain HTTP redirects to another host first (${to.host}); HSTS for ${req.host} is never set.`, ev);
  return result('HTTP-02', 'pass', target, `Plain HTTP redirects to ${to.href}.`, ev);
}

function judgeHomeScripts(domain: string, target: string, page: HttpResponse): CheckResult {
  const type = headerValues(page, 'content-type')[0] ?? '';
  const body = page.body.toString('utf8');
  const ev: Evidence = { sent: `GET ${new URL(page.url).pathname}`, received: `${page.status} ${type}` };
  if (page.status >= 300 && page.status <= 399)
    return result('HTTP-10', 'info', target, `The home page redirects to ${headerValues(page, 'location')[0] ?? '(nowhere)'}; its scripts are judged there.`, ev);
  if (!/html/i.test(type) && !/^\s*</.test(body)) return result('HTTP-10', 'info', target, `The home page is not HTML (${type || 'no content type'}).`, ev);
  const v = judgeScripts(pageResources(body, page.url, domain), domain);
  return fromVerdict('HTTP-10', target, v, { ...ev, facts: page.truncated ? { truncated: true } : {} });
}

const sortById = (rs: CheckResult[]) => rs.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
