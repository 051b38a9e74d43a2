// `hearth check DOMAIN`: the check engine from the command line. Needs no
// database and no configuration: everything comes from its flags.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { AuditInputError, GROUPS, runAudit, type Group } from '../checks/audit.js';
import { entry } from '../checks/catalog.js';
import { exitStatus } from '../checks/score.js';
import type { AuditOptions, AuditReport, Category, CheckResult, ResolverAddress, Status } from '../checks/types.js';
import type { Command } from './cli.js';
import { CliError, errorLine, isTerminal, usageError, write, writeJson } from './support.js';

const USAGE =
  'hearth check DOMAIN [--only web|mail|dns|ipv6] [--json] [--resolver ADDR[:PORT]] [--ca FILE] [--concurrency N] [--timeout S] [--all-addresses] [--dkim-selector S]… [--allow-private] [--port SERVICE=N]…';

const PORT_NAMES = ['https', 'http', 'smtp', 'submission', 'smtps', 'imaps', 'pop3s', 'imap', 'pop3', 'dns'] as const;
type PortName = (typeof PORT_NAMES)[number];

/** "ADDR", "ADDR:PORT", "[V6]:PORT" or a bare IPv6 address; port 53 when none is given. */
export function parseResolver(text: string): ResolverAddress {
  const bad = () => usageError(USAGE, `--resolver: "${text}" is not an IP address with an optional port (e.g. 127.0.0.1:5353 or [::1]:53)`);
  let host = text;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
  } else if (isIP(text) === 0) {
    const colon = text.lastIndexOf(':');
    if (colon < 0 || !/^\d+$/.test(text.slice(colon + 1))) throw bad();
    host = text.slice(0, colon);
    port = Number(text.slice(colon + 1));
  }
  if (isIP(host) === 0 || !Number.isInteger(port) || port < 1 || port > 65535) throw bad();
  return { host, port };
}

function parsePorts(values: string[]): AuditOptions['ports'] {
  const ports: Partial<Record<PortName, number>> = {};
  for (const v of values) {
    const m = /^([a-z0-9]+)=(\d{1,5})$/.exec(v);
    const name = m?.[1] as PortName | undefined;
    const port = Number(m?.[2]);
    if (!m || !PORT_NAMES.includes(name!) || port < 1 || port > 65535) throw usageError(USAGE, `--port: "${v}" is not SERVICE=PORT with SERVICE one of ${PORT_NAMES.join(', ')}`);
    ports[name!] = port;
  }
  return ports;
}

/** Every certificate in a PEM file. */
async function readCa(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`--ca: cannot read ${file}: ${errorLine(err)}`, 2);
  }
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certs.length === 0) throw new CliError(`--ca: ${file} holds no PEM certificate`, 2);
  return certs;
}

export const check: Command = {
  summary: 'audit a domain: TLS, certificates, HTTP, DNS, mail and IPv6',
  usage: USAGE,
  details: `Audits the domain's web servers (the domain and www), mail servers (MX) and name
servers against the check catalogue, and prints what passes, warns and fails, by category,
with one line of advice for each problem. Only audit names you are responsible for.

  --only GROUP         web (TLS, certificates and HTTP of the web hosts), mail, dns or ipv6
  --json               print the full report (docs/check-report.schema.json) instead of text
  --resolver ADDR[:PORT]  resolve every name through this server (default: /etc/resolv.conf);
                       DNSSEC results need a validating resolver
  --ca FILE            extra trust anchors (PEM) beside the system's roots
  --concurrency N      connections at once per IP address (default 2)
  --timeout S          connect and per-exchange timeout in seconds (default 5)
  --all-addresses      test every address of each name, not only the first IPv4 and IPv6
  --dkim-selector S    a DKIM selector to check the key of (repeat for several)
  --allow-private      also connect to loopback and private addresses (test beds, internal hosts)
  --port SERVICE=N     use port N for SERVICE (https, http, smtp, submission, smtps, imaps,
                       pop3s, imap, pop3, dns); for test beds on high ports

Exit status: 0 nothing fails, 1 something fails, 2 the audit could not run (wrong arguments,
an invalid domain name, a resolver that does not answer, nothing measurable: e.g. no such name).`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        only: { type: 'string' },
        json: { type: 'boolean' },
        resolver: { type: 'string' },
        ca: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        'all-addresses': { type: 'boolean' },
        'dkim-selector': { type: 'string', multiple: true },
        'allow-private': { type: 'boolean' },
        port: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length === 0) throw usageError(USAGE, 'missing DOMAIN');
    if (positionals.length > 1) throw usageError(USAGE, `one DOMAIN at a time (got ${positionals.length})`);
    const only = values.only;
    if (only !== undefined && !GROUPS.includes(only as Group)) throw usageError(USAGE, `--only: "${only}" is not one of ${GROUPS.join(', ')}`);
    const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw usageError(USAGE, '--concurrency: a whole number from 1 to 64');
    const timeout = values.timeout === undefined ? 5 : Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 300) throw usageError(USAGE, '--timeout: seconds, more than 0 and at most 300');
    for (const s of values['dkim-selector'] ?? []) {
      if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(s) || s.length > 63) throw usageError(USAGE, `--dkim-selector: "${s}" is not a selector name`);
    }

    const options: AuditOptions = {
      concurrency,
      timeoutMs: Math.round(timeout * 1000),
      allAddresses: values['all-addresses'] === true,
      ...(only ? { only: only as Group } : {}),
      ...(values.resolver !== undefined ? { resolver: parseResolver(values.resolver) } : {}),
      ...(values.ca !== undefined ? { ca: await readCa(values.ca) } : {}),
      ...(values['dkim-selector'] ? { dkimSelectors: values['dkim-selector'] } : {}),
      ...(values['allow-private'] ? { allowPrivate: true } : {}),
      ...(values.port ? { ports: parsePorts(values.port) } : {}),
    };
    const showProgress = isTerminal(io.stderr);
    if (showProgress) {
      options.onProgress = ({ target, done, total }) => {
        io.stderr.write(`\r\x1b[K${done}/${total} checking ${target.length > 60 ? `${target.slice(0, 59)}…` : target}`);
      };
    }
    let report: AuditReport;
    try {
      report = await runAudit(positionals[0]!, options);
    } catch (err) {
      if (err instanceof AuditInputError) throw new CliError(err.message, 2);
      throw err;
    } finally {
      if (showProgress) io.stderr.write('\r\x1b[K');
    }
    if (values.json) await writeJson(io, report);
    else await write(io.stdout, renderReport(report));
    return exitStatus(report);
  },
};

const CATEGORY_NAMES: Record<Category, string> = { tls: 'TLS', cert: 'Certificates', http: 'HTTP', dns: 'DNS', mail: 'Mail', ipv6: 'IPv6' };
const STATUS_ORDER: Status[] = ['fail', 'warn', 'error', 'info', 'pass'];
const STATUS_LABEL: Record<Status, string> = { fail: 'FAIL ', warn: 'WARN ', error: 'ERROR', info: 'info ', pass: 'pass ' };
const percent = (x: number | undefined) => (x === undefined ? 'not scored' : `${Math.round(x * 100)} %`);

/** The report for people: by category with its score, failures and warnings first, one line of advice each. */
export function renderReport(report: AuditReport): string {
  const lines: string[] = [];
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(`${report.domain}: overall ${percent(report.overall)} (${report.options.only ?? 'web, mail, dns, ipv6'}; ${seconds} s; ${report.connections} connections)`);
  for (const c of report.categories) {
    const rs = report.results.filter((r) => r.category === c.category);
    if (rs.length === 0) continue;
    const counts = STATUS_ORDER.filter((s) => c.counts[s] > 0).map((s) => `${c.counts[s]} ${s}`).join(', ');
    lines.push('', `${CATEGORY_NAMES[c.category]}: ${percent(c.score)} (${counts})`);
    const sorted = [...rs].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
    for (const r of sorted) lines.push(...renderResult(r));
  }
  const failing = report.results.filter((r) => r.status === 'fail').length;
  lines.push('', failing === 0 ? 'Nothing fails.' : `${failing} check${failing === 1 ? '' : 's'} fail.`);
  return `${lines.join('\n')}\n`;
}

function renderResult(r: CheckResult): string[] {
  const out = [`  ${STATUS_LABEL[r.status]} ${r.id.padEnd(7)} ${r.target}: ${r.summary}`];
  if (r.status === 'fail' || r.status === 'warn') out.push(`          advice: ${entry(r.id).advice}`);
  return out;
}
