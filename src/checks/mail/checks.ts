// MAIL-01…11 and the TLS/certificate audit of every mail endpoint.
import { txtOf } from '../dns/resolver.js';
import { addressAllowed, endpointTarget, errorResult, pickAddresses, reasonOf, refusedAddress, result, type AuditContext } from '../audit-support.js';
import { httpGet, HttpError, headerValues } from '../http/client.js';
import type { CheckResult, Evidence } from '../types.js';
import { DialogueError, imapGreeting, pop3Greeting, smtpGreeting, tcpOpen, type SmtpGreeting } from './dialogue.js';
import { judgeDkimKey } from './dkim.js';
import { judgeDmarc } from './dmarc.js';
import { isStsRecord, isTlsRptRecord, parseStsPolicy, parseStsRecord, parseTlsRpt, uncoveredMx } from './mta-sts.js';
import { evaluateSpf, judgeSpf, type SpfDns } from './spf.js';
import { matchTlsa, tlsaFromRecord, tlsaText, usableForSmtp, type Tlsa } from './tlsa.js';

export const MAIL_IDS = ['MAIL-01', 'MAIL-02', 'MAIL-03', 'MAIL-04', 'MAIL-05', 'MAIL-06', 'MAIL-07', 'MAIL-08', 'MAIL-09', 'MAIL-10', 'MAIL-11'];

type Emit = (results: CheckResult[]) => void;

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** Runs `fn`; if it throws, every id it has not reported yet becomes an error with the reason. */
async function guarded(ids: string[], target: string, emit: Emit, fn: (emit: Emit) => Promise<void>): Promise<void> {
  const seen = new Set<string>();
  try {
    await fn((rs) => {
      for (const r of rs) seen.add(r.id);
      emit(rs);
    });
  } catch (err) {
    emit(ids.filter((id) => !seen.has(id)).map((id) => errorResult(id, target, reasonOf(err))));
  }
}

export interface MxHost {
  host: string;
  preference: number;
}

/** The mail group. Policy records (SPF, DMARC, DKIM, MTA-STS, TLS-RPT) and the MX servers are checked side by side. */
export async function mailChecks(ctx: AuditContext, emit: Emit): Promise<void> {
  const d = ctx.domain;
  const mxHosts: Promise<MxHost[] | undefined> = mxOf(ctx, emit).catch((err: unknown) => {
    emit([errorResult('MAIL-01', d, reasonOf(err))]);
    return undefined;
  });
  await Promise.all([
    guarded(['MAIL-01', 'MAIL-02', 'MAIL-03', 'MAIL-04', 'MAIL-05'], d, emit, async (e) => {
      const hosts = await mxHosts;
      if (hosts) await mxServerChecks(ctx, hosts, e);
      else e(['MAIL-02', 'MAIL-03', 'MAIL-04', 'MAIL-05'].map((id) => errorResult(id, d, 'the MX records could not be read')));
    }),
    guarded(['MAIL-06'], d, emit, async (e) => e([await spfCheck(ctx)])),
    guarded(['MAIL-07'], `_dmarc.${d}`, emit, async (e) => {
      const v = judgeDmarc(d, await txtOf(ctx.resolver, `_dmarc.${d}`));
      e([result('MAIL-07', v.status, `_dmarc.${d}`, v.summary, { sent: `TXT _dmarc.${d}`, facts: v.parsed ? { tags: v.parsed.tags } : {} })]);
    }),
    guarded(['MAIL-08'], `_domainkey.${d}`, emit, async (e) => e(await dkimChecks(ctx))),
    guarded(['MAIL-09'], `_mta-sts.${d}`, emit, async (e) => e([await mtaStsCheck(ctx, await mxHosts.catch(() => undefined))])),
    guarded(['MAIL-10'], `_smtp._tls.${d}`, emit, async (e) => e([await tlsRptCheck(ctx)])),
    guarded(['MAIL-11'], d, emit, async (e) => clientPortChecks(ctx, await mxHosts.catch(() => undefined), e)),
  ]);
}

/** MAIL-01. Returns the MX hosts to test (none for a Null MX or no MX), or undefined when the query failed. */
async function mxOf(ctx: AuditContext, emit: Emit): Promise<MxHost[] | undefined> {
  const d = ctx.domain;
  const sentQ = `MX ${d}`;
  let resp;
  try {
    resp = await ctx.resolver.query(d, 'MX');
  } catch (err) {
    emit([errorResult('MAIL-01', d, reasonOf(err), { sent: sentQ })]);
    return undefined;
  }
  if (resp.rcode !== 'NOERROR') {
    emit([errorResult('MAIL-01', d, `the MX query was answered ${resp.rcode}`, { sent: sentQ, received: resp.rcode })]);
    return undefined;
  }
  const records = resp.answers
    .filter((r) => r.type === 'MX')
    .map((r) => r.data as { preference?: number; exchange?: string })
    .map((m) => ({ host: bare(String(m.exchange ?? '')), preference: Number(m.preference ?? 0) }))
    .map((m) => (m.host === '' ? { ...m, host: '.' } : m))
    .sort((a, b) => a.preference - b.preference || a.host.localeCompare(b.host));
  const received = records.map((m) => `${m.preference} ${m.host}`).join('\n') || '(no MX records)';
  const ev: Evidence = { sent: sentQ, received };
  const nullMx = records.filter((m) => m.host === '.');
  if (nullMx.length > 0 && records.length > nullMx.length) {
    emit([result('MAIL-01', 'fail', d, 'A Null MX ("0 .") is published beside other MX records; senders cannot tell whether the domain takes mail.', ev)]);
    return records.filter((m) => m.host !== '.');
  }
  if (nullMx.length > 0) {
    const ok = nullMx.length === 1 && nullMx[0]!.preference === 0;
    emit([result('MAIL-01', ok ? 'pass' : 'fail', d, ok ? 'A valid Null MX says the domain receives no mail.' : 'The Null MX must be one record "0 .".', ev)]);
    const na = 'the domain receives no mail (Null MX)';
    emit([result('MAIL-02', 'info', d, `Not applicable: ${na}.`), result('MAIL-03', 'info', d, `Not applicable: ${na}.`)]);
    return [];
  }
  if (records.length === 0) {
    emit([result('MAIL-01', 'fail', d, 'No MX record and no Null MX: senders fall back to the domain’s address.', ev)]);
    emit([result('MAIL-02', 'info', d, 'Not applicable: no MX records.'), result('MAIL-03', 'info', d, 'Not applicable: no MX records.')]);
    return [];
  }
  const unique = [...new Map(records.map((m) => [m.host, m])).values()];
  const resolved = await Promise.all(unique.map(async (m) => ({ ...m, addrs: await ctx.addresses(m.host) })));
  const missing = resolved.filter((m) => m.addrs.v4.length + m.addrs.v6.length === 0 && !m.addrs.error).map((m) => m.host);
  const unknown = resolved.filter((m) => m.addrs.error);
  const facts = { mx: resolved.map((m) => ({ host: m.host, preference: m.preference, v4: m.addrs.v4, v6: m.addrs.v6, ...(m.addrs.error ? { error: m.addrs.error } : {}) })) };
  if (unknown.length > 0)
    emit([errorResult('MAIL-01', d, `could not resolve ${unknown.map((m) => `${m.host} (${m.addrs.error})`).join(', ')}`, { ...ev, facts })]);
  else if (missing.length === resolved.length) emit([result('MAIL-01', 'fail', d, `No MX host resolves: ${missing.join(', ')}.`, { ...ev, facts })]);
  else if (missing.length > 0) emit([result('MAIL-01', 'warn', d, `Some MX hosts do not resolve: ${missing.join(', ')}.`, { ...ev, facts })]);
  else emit([result('MAIL-01', 'pass', d, `${resolved.length} MX host${resolved.length === 1 ? '' : 's'}, each with an address.`, { ...ev, facts })]);
  return unique;
}

// ── MX servers: STARTTLS, TLS audit, DANE ──────────────────────────────

interface Dane {
  records: Tlsa[];
  /** The validating resolver vouched for the answer (AD bit). */
  secure: boolean;
  name: string;
  rcode: string;
}

async function daneOf(ctx: AuditContext, host: string): Promise<Dane> {
  const name = `_${ctx.ports.smtp}._tcp.${host}`;
  const resp = await ctx.resolver.query(name, 'TLSA', { dnssec: true });
  const records = resp.answers.filter((r) => r.type === 'TLSA').map((r) => tlsaFromRecord(r.data)).filter((t): t is Tlsa => t !== undefined);
  return { records, secure: resp.ad, name, rcode: resp.rcode };
}

async function mxServerChecks(ctx: AuditContext, hosts: MxHost[], emit: Emit): Promise<void> {
  const work = hosts.map(async ({ host }) => {
    const addrs = await ctx.addresses(host);
    const selected = pickAddresses(addrs, ctx.allAddresses);
    if (selected.length === 0) return;
    let dane: Dane | undefined;
    let daneError: string | undefined;
    try {
      dane = await daneOf(ctx, host);
    } catch (err) {
      daneError = reasonOf(err);
    }
    emit([judgeDane(host, dane, daneError)]);
    if (dane && dane.records.length > 0) {
      const usable = dane.records.filter(usableForSmtp);
      emit([
        result('MAIL-05', 'info', dane.name, usable.length >= 2 ? `${usable.length} usable TLSA records: a key rollover can happen without breaking DANE.` : 'Only one usable TLSA record: publish the next key’s record before rolling the key.', {
          facts: { records: dane.records.map(tlsaText) },
        }),
      ]);
    }
    ctx.progress.plan(selected.length);
    await Promise.all(
      selected.map((address) =>
        ctx.progress.step(endpointTarget(host, ctx.ports.smtp, address), async () => {
          const target = endpointTarget(host, ctx.ports.smtp, address);
          if (!addressAllowed(address, ctx.allowPrivate)) {
            emit([errorResult('MAIL-02', target, refusedAddress(address))]);
            return;
          }
          await mxEndpoint(ctx, host, address, dane, emit);
        }),
      ),
    );
  });
  await Promise.all(work);
}

function judgeDane(host: string, dane: Dane | undefined, error: string | undefined): CheckResult {
  if (!dane) return errorResult('MAIL-03', host, error ?? 'no answer');
  const ev: Evidence = { sent: `TLSA ${dane.name} (DNSSEC OK)`, received: dane.records.map(tlsaText).join('\n') || dane.rcode, facts: { ad: dane.secure } };
  if (dane.rcode !== 'NOERROR' && dane.rcode !== 'NXDOMAIN') return errorResult('MAIL-03', dane.name, `the TLSA query was answered ${dane.rcode} (a DNSSEC failure?)`, ev);
  if (!dane.secure) {
    return result('MAIL-03', 'info', dane.name, dane.records.length > 0 ? 'TLSA records exist but the answer is not DNSSEC-validated (unsigned zone, or the resolver does not validate), so senders ignore them.' : 'The zone is not signed (or the resolver does not validate): DANE is not possible.', ev);
  }
  const usable = dane.records.filter(usableForSmtp);
  if (usable.length > 0) return result('MAIL-03', 'pass', dane.name, `${usable.length} usable TLSA record${usable.length === 1 ? '' : 's'} (usage 2 or 3) in a signed zone.`, ev);
  if (dane.records.length > 0) return result('MAIL-03', 'fail', dane.name, 'TLSA records exist but none uses DANE-TA(2) or DANE-EE(3), the only usages SMTP honours.', ev);
  return result('MAIL-03', 'fail', dane.name, 'The zone is signed but publishes no TLSA record for this MX.', ev);
}

async function mxEndpoint(ctx: AuditContext, host: string, address: string, dane: Dane | undefined, emit: Emit): Promise<void> {
  const port = ctx.ports.smtp;
  const target = endpointTarget(host, port, address);
  let greeting: SmtpGreeting;
  try {
    greeting = await ctx.once(`smtp|${address}|${port}`, () => smtpGreeting(ctx, address, port));
  } catch (err) {
    emit([errorResult('MAIL-02', target, `no SMTP dialogue: ${reasonOf(err)}`, { sent: 'connect, EHLO' })]);
    if (dane?.records.length) emit([errorResult('MAIL-04', target, 'no SMTP dialogue to compare the TLSA records with')]);
    return;
  }
  const ev: Evidence = { sent: 'EHLO', received: [greeting.banner, ...greeting.extensions].join('\n'), facts: { extensions: greeting.extensions } };
  if (!greeting.starttls) {
    emit([result('MAIL-02', 'fail', target, 'The server does not offer STARTTLS: mail to it travels in clear text.', ev)]);
    if (dane?.records.length) emit([result('MAIL-04', dane.secure ? 'fail' : 'info', target, 'TLSA records are published but the server offers no TLS to match them against.', ev)]);
    return;
  }
  const usage2 = dane?.secure === true && dane.records.some((t) => t.usage === 2);
  const audit = await ctx.tls({ host, address, port, starttls: 'smtp', kind: 'mail', dane: usage2 });
  emit(audit.results);
  const facts = audit.facts;
  if (facts.handshakeOk) emit([result('MAIL-02', 'pass', target, `STARTTLS is offered and the handshake succeeds (${facts.protocols.join(', ') || 'TLS'}).`, ev)]);
  else emit([result('MAIL-02', 'fail', target, `STARTTLS is offered but the TLS handshake fails: ${facts.error ?? 'unknown reason'}.`, ev)]);
  if (!dane || dane.records.length === 0) return;
  if (!facts.leafDer) {
    emit([errorResult('MAIL-04', target, `no certificate to compare: ${facts.error ?? 'the handshake gave none'}`)]);
    return;
  }
  const m = matchTlsa(dane.records, facts.leafDer, facts.chainDer ?? []);
  const tev: Evidence = { sent: `TLSA ${dane.name}`, received: dane.records.map(tlsaText).join('\n'), facts: { matching: m.matching.map(tlsaText), usable: m.usable.length } };
  if (m.matching.length > 0) emit([result('MAIL-04', 'pass', target, `The served certificate chain matches ${m.matching.length} TLSA record${m.matching.length === 1 ? '' : 's'}.`, tev)]);
  else if (!dane.secure) emit([result('MAIL-04', 'info', target, 'No TLSA record matches the served chain (the answer is not DNSSEC-validated, so senders ignore it).', tev)]);
  else emit([result('MAIL-04', 'fail', target, m.usable.length === 0 ? 'No usable TLSA record (usage 2 or 3) to match the served chain.' : 'No TLSA record matches the certificate chain the server presents: DANE senders will not deliver.', tev)]);
}

// ── SPF, DMARC, DKIM, MTA-STS, TLS-RPT ─────────────────────────────────

function spfDns(ctx: AuditContext): SpfDns {
  const txt = (r: { data: unknown }) => (Array.isArray(r.data) ? r.data : [r.data]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x))).join('');
  return {
    async txt(name) {
      const r = await ctx.resolver.query(name, 'TXT');
      return { rcode: r.rcode, records: r.answers.filter((a) => a.type === 'TXT').map(txt) };
    },
    async mx(name) {
      const r = await ctx.resolver.query(name, 'MX');
      return { rcode: r.rcode, hosts: r.answers.filter((a) => a.type === 'MX').map((a) => String((a.data as { exchange?: string }).exchange ?? '')) };
    },
    async addresses(name) {
      const a = await ctx.addresses(name);
      return { rcode: a.rcode, count: a.v4.length + a.v6.length };
    },
  };
}

async function spfCheck(ctx: AuditContext): Promise<CheckResult> {
  const ev = await evaluateSpf(ctx.domain, spfDns(ctx));
  const v = judgeSpf(ev);
  return result('MAIL-06', v.status, ctx.domain, v.summary, {
    sent: `TXT ${ctx.domain} (and every include/redirect)`,
    received: ev.visited.map((x) => `${x.domain}: ${x.record ?? '(no SPF record)'}`).join('\n'),
    facts: { records: ev.records, lookups: ev.lookups, voidLookups: ev.voidLookups, errors: ev.errors, notes: ev.notes, all: ev.all },
  });
}

async function dkimChecks(ctx: AuditContext): Promise<CheckResult[]> {
  const d = ctx.domain;
  if (ctx.dkimSelectors.length > 0) {
    return Promise.all(
      ctx.dkimSelectors.map(async (selector) => {
        const name = `${selector}._domainkey.${d}`;
        const v = judgeDkimKey(selector, await txtOf(ctx.resolver, name));
        return result('MAIL-08', v.status, name, v.summary, { sent: `TXT ${name}`, facts: v.key ? { keyType: v.key.keyType, bits: v.key.bits, revoked: v.key.revoked } : {} });
      }),
    );
  }
  // Without declared selectors only the _domainkey node can be seen: an empty non-terminal answers NOERROR (RFC 8020).
  const name = `_domainkey.${d}`;
  const r = await ctx.resolver.query(name, 'TXT');
  const ev: Evidence = { sent: `TXT ${name}`, received: r.rcode };
  if (r.rcode === 'NOERROR') return [result('MAIL-08', 'pass', name, `${name} exists; name your selectors (--dkim-selector) to have their keys checked.`, ev)];
  if (r.rcode === 'NXDOMAIN') return [result('MAIL-08', 'warn', name, `${name} does not exist: the domain does not seem to sign mail with DKIM.`, ev)];
  return [errorResult('MAIL-08', name, `the query was answered ${r.rcode}`, ev)];
}

/** MAIL-09: the record, then the policy over HTTPS with a verified certificate (RFC 8461 §3.3), no redirects. */
async function mtaStsCheck(ctx: AuditContext, mx: MxHost[] | undefined): Promise<CheckResult> {
  const d = ctx.domain;
  const name = `_mta-sts.${d}`;
  const records = (await txtOf(ctx.resolver, name)).filter(isStsRecord);
  if (records.length === 0) return result('MAIL-09', 'info', name, 'No MTA-STS record.', { sent: `TXT ${name}` });
  const ev: Evidence = { sent: `TXT ${name}`, received: records.join('\n') };
  if (records.length > 1) return result('MAIL-09', 'fail', name, `${records.length} MTA-STS records: senders ignore them all.`, ev);
  const rec = parseStsRecord(records[0]!);
  if (rec.errors.length > 0) return result('MAIL-09', 'fail', name, `The MTA-STS record is invalid: ${rec.errors.join('; ')}.`, ev);

  const policyHost = `mta-sts.${d}`;
  const addrs = await ctx.addresses(policyHost);
  const address = addrs.v4[0] ?? addrs.v6[0];
  const url = `https://${policyHost}/.well-known/mta-sts.txt`;
  if (!address) return result('MAIL-09', 'fail', name, `The record is published but ${policyHost} has no address, so the policy cannot be fetched.`, ev);
  if (!addressAllowed(address, ctx.allowPrivate)) return errorResult('MAIL-09', name, refusedAddress(address), ev);
  let res;
  try {
    res = await httpGet(ctx, { host: policyHost, address, port: ctx.ports.https, tls: true, path: '/.well-known/mta-sts.txt' }, { verify: true, maxBody: 64 * 1024 });
  } catch (err) {
    const e = err instanceof HttpError ? err : undefined;
    if (e && e.kind !== 'timeout' && e.kind !== 'other') return result('MAIL-09', 'fail', name, `The policy at ${url} cannot be fetched: ${e.message}.`, { ...ev, facts: { url } });
    return errorResult('MAIL-09', name, `fetching ${url}: ${reasonOf(err)}`, ev);
  }
  const body = res.body.toString('utf8');
  const pev: Evidence = { sent: `TXT ${name}; GET ${url}`, received: `${records[0]}\n${res.status} ${headerValues(res, 'content-type')[0] ?? ''}\n${body.slice(0, 400)}`, facts: { id: rec.id, url } };
  if (res.status !== 200) return result('MAIL-09', 'fail', name, `The policy at ${url} answers ${res.status}.`, pev);
  const policy = parseStsPolicy(body);
  pev.facts = { ...pev.facts, mode: policy.mode, mx: policy.mx, maxAge: policy.maxAge };
  if (policy.errors.length > 0) return result('MAIL-09', 'fail', name, `The MTA-STS policy is invalid: ${policy.errors.join('; ')}.`, pev);
  const hosts = (mx ?? []).map((m) => m.host);
  const uncovered = uncoveredMx(policy, hosts);
  if (policy.mode !== 'enforce') return result('MAIL-09', 'warn', name, `The MTA-STS policy is in ${policy.mode} mode: senders report problems but still deliver without TLS.`, pev);
  if (uncovered.length > 0) return result('MAIL-09', 'warn', name, `The MTA-STS policy does not list every MX: ${uncovered.join(', ')} would be refused by senders.`, pev);
  if (mx === undefined) return result('MAIL-09', 'warn', name, 'The MTA-STS policy is in enforce mode, but the MX records could not be read to compare.', pev);
  return result('MAIL-09', 'pass', name, `MTA-STS in enforce mode, covering every MX (max_age ${policy.maxAge}).`, pev);
}

async function tlsRptCheck(ctx: AuditContext): Promise<CheckResult> {
  const name = `_smtp._tls.${ctx.domain}`;
  const records = (await txtOf(ctx.resolver, name)).filter(isTlsRptRecord);
  const ev: Evidence = { sent: `TXT ${name}`, received: records.join('\n') };
  if (records.length === 0) return result('MAIL-10', 'info', name, 'No TLS-RPT record: nobody hears of TLS failures on mail to this domain.', ev);
  if (records.length > 1) return result('MAIL-10', 'warn', name, `${records.length} TLS-RPT records: senders ignore them all.`, ev);
  const rpt = parseTlsRpt(records[0]!);
  if (rpt.errors.length > 0) return result('MAIL-10', 'warn', name, `The TLS-RPT record is invalid: ${rpt.errors.join('; ')}.`, ev);
  return result('MAIL-10', 'pass', name, `TLS reports go to ${rpt.rua.join(', ')}.`, { ...ev, facts: { rua: rpt.rua } });
}

// ── MAIL-11: mail client ports ─────────────────────────────────────────

/** Names mail clients are usually pointed at, probed beside the MX hosts when they resolve. */
export const CLIENT_HOST_LABELS = ['mail', 'imap', 'smtp', 'pop'];

interface PortFinding {
  service: string;
  port: number;
  state: 'closed' | 'unknown' | 'tls' | 'tls-failed' | 'plain';
  authBeforeTls?: boolean;
  note?: string;
}

async function clientPortChecks(ctx: AuditContext, mxOrUnknown: MxHost[] | undefined, emit: Emit): Promise<void> {
  const mx = mxOrUnknown ?? [];
  const candidates = [...new Set([...mx.map((m) => m.host), ...CLIENT_HOST_LABELS.map((l) => `${l}.${ctx.domain}`)])];
  const resolved = await Promise.all(candidates.map(async (host) => ({ host, addrs: await ctx.addresses(host) })));
  // One probe per address: the first name that points at it stands for the others.
  const byAddress = new Map<string, string>();
  for (const { host, addrs } of resolved) {
    const picked = ctx.allAddresses ? pickAddresses(addrs, true) : pickAddresses(addrs, false).slice(0, 1);
    for (const a of picked) if (!byAddress.has(a)) byAddress.set(a, host);
  }
  const failed = resolved.filter((r) => r.addrs.error);
  if (byAddress.size === 0 && (mxOrUnknown === undefined || failed.length > 0)) {
    // Nothing found, but not everything could be looked up: unknown, not absent.
    emit([errorResult('MAIL-11', ctx.domain, mxOrUnknown === undefined ? 'the MX records could not be read' : failed.map((r) => r.addrs.error).join('; '))]);
    return;
  }
  if (byAddress.size === 0) {
    emit([result('MAIL-11', 'info', ctx.domain, `No mail host to probe (no MX, and none of ${CLIENT_HOST_LABELS.map((l) => `${l}.${ctx.domain}`).join(', ')} resolves).`)]);
    return;
  }
  ctx.progress.plan(byAddress.size);
  await Promise.all(
    [...byAddress].map(([address, host]) =>
      ctx.progress.step(`${host} (${address}) mail client ports`, async () => {
        if (!addressAllowed(address, ctx.allowPrivate)) {
          emit([errorResult('MAIL-11', `${host} (${address})`, refusedAddress(address))]);
          return;
        }
        const isMx = mx.some((m) => m.host === host);
        emit([await clientPorts(ctx, host, address, isMx, emit)]);
      }),
    ),
  );
}

async function clientPorts(ctx: AuditContext, host: string, address: string, isMx: boolean, emit: Emit): Promise<CheckResult> {
  const p = ctx.ports;
  const implicit = async (service: string, port: number): Promise<PortFinding> => {
    const open = await ctx.once(`tcp|${address}|${port}`, () => tcpOpen(ctx, address, port));
    if (!open.open) return { service, port, state: open.timedOut ? 'unknown' : 'closed', note: open.reason };
    const audit = await ctx.tls({ host, address, port, kind: 'other' });
    emit(audit.results);
    return { service, port, state: audit.facts.handshakeOk ? 'tls' : 'tls-failed', note: audit.facts.error };
  };
  const plain = async (service: string, port: number, talk: () => Promise<{ authBeforeTls: boolean; starttls: boolean }>, starttls?: 'smtp'): Promise<PortFinding> => {
    try {
      const g = await talk();
      if (starttls && g.starttls) emit((await ctx.tls({ host, address, port, starttls, kind: 'other' })).results);
      return { service, port, state: 'plain', authBeforeTls: g.authBeforeTls, note: g.starttls ? 'STARTTLS offered' : 'no STARTTLS' };
    } catch (err) {
      const closed = err instanceof DialogueError && err.kind === 'refused';
      return { service, port, state: closed ? 'closed' : 'unknown', note: reasonOf(err) };
    }
  };
  const smtpTalk = (port: number) => async () => {
    const g = await ctx.once(`smtp|${address}|${port}`, () => smtpGreeting(ctx, address, port));
    return { authBeforeTls: g.authBeforeTls.length > 0, starttls: g.starttls };
  };
  const findings = await Promise.all([
    implicit('submissions', p.smtps),
    implicit('imaps', p.imaps),
    implicit('pop3s', p.pop3s),
    plain('submission', p.submission, smtpTalk(p.submission), 'smtp'),
    plain('imap', p.imap, () => imapGreeting(ctx, address, p.imap)),
    plain('pop3', p.pop3, () => pop3Greeting(ctx, address, p.pop3)),
    ...(isMx ? [plain('smtp', p.smtp, smtpTalk(p.smtp))] : []),
  ]);
  const target = `${host} (${address})`;
  const ev: Evidence = {
    sent: 'TCP connect / TLS handshake on the implicit-TLS ports; greeting and capabilities on the others',
    received: findings.map((f) => `${f.service} ${f.port}: ${f.state}${f.authBeforeTls ? ', AUTH before TLS' : ''}${f.note ? ` (${f.note})` : ''}`).join('\n'),
    facts: { ports: findings },
  };
  const authPlain = findings.filter((f) => f.authBeforeTls);
  if (authPlain.length > 0) return result('MAIL-11', 'fail', target, `Passwords are accepted before TLS on ${authPlain.map((f) => `${f.service} (${f.port})`).join(', ')}.`, ev);
  const tls = findings.filter((f) => f.state === 'tls');
  const broken = findings.filter((f) => f.state === 'tls-failed');
  const clientPlain = findings.filter((f) => f.state === 'plain' && f.service !== 'smtp');
  if (tls.length > 0 && broken.length === 0) return result('MAIL-11', 'pass', target, `Implicit TLS on ${tls.map((f) => `${f.service} (${f.port})`).join(', ')}, and no password before TLS.`, ev);
  if (broken.length > 0) return result('MAIL-11', 'fail', target, `The TLS handshake fails on ${broken.map((f) => `${f.service} (${f.port})`).join(', ')}.`, ev);
  if (clientPlain.length > 0) return result('MAIL-11', 'warn', target, `Mail clients are served only on ${clientPlain.map((f) => `${f.service} (${f.port})`).join(', ')}, without implicit TLS (465/993/995).`, ev);
  if (findings.some((f) => f.state === 'unknown' && f.service !== 'smtp'))
    return errorResult('MAIL-11', target, `some client ports did not answer in time (${findings.filter((f) => f.state === 'unknown').map((f) => f.port).join(', ')})`, ev);
  return result('MAIL-11', 'info', target, 'No mail client service (submission, IMAP, POP3) on this host.', ev);
}
