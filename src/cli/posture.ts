// `hearth posture scan ORG|DOMAIN`: scan an organisation's proved domains (or
// one declared domain) now, through the same code as the scheduled scans, and
// print what each found and what changed since its previous scan.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AuditInputError, normalizeDomain } from '../checks/audit-support.js';
import type { AuditOptions } from '../checks/types.js';
import type { Deps } from '../kernel/deps.js';
import { findOrganisationBySlug, getOrganisation } from '../modules/federation/federation.repository.js';
import type { Organisation } from '../modules/federation/index.js';
import * as repo from '../modules/posture/scans.repository.js';
import { queueScansFor, runScan, scanDetail } from '../modules/posture/scans.service.js';
import { systemActor } from '../kernel/auth/actor.js';
import { parseResolver } from './check.js';
import type { Command } from './cli.js';
import { CliError, isTerminal, usageError, withDeps, write, writeJson } from './support.js';

const USAGE = 'hearth posture scan ORG|DOMAIN [--queue] [--json] [--resolver ADDR[:PORT]] [--ca FILE] [--timeout S] [--port SERVICE=N]…';
const PORT_NAMES = ['https', 'http', 'smtp', 'submission', 'smtps', 'imaps', 'pop3s', 'imap', 'pop3', 'dns'] as const;

interface Outcome {
  domain: string;
  organisation: string;
  scanId: string | null;
  status: string;
  counts?: Record<string, number>;
  score?: number | null;
  durationMs?: number | null;
  newlyFailing?: string[];
  fixed?: string[];
  reason?: string;
}

function parsePorts(values: string[]): AuditOptions['ports'] {
  const ports: Record<string, number> = {};
  for (const v of values) {
    const m = /^([a-z0-9]+)=(\d{1,5})$/.exec(v);
    const port = Number(m?.[2]);
    if (!m || !(PORT_NAMES as readonly string[]).includes(m[1]!) || port < 1 || port > 65535) {
      throw usageError(USAGE, `--port: "${v}" is not SERVICE=PORT with SERVICE one of ${PORT_NAMES.join(', ')}`);
    }
    ports[m[1]!] = port;
  }
  return ports;
}

async function readCa(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    throw new CliError(`--ca: cannot read ${file}: ${err.message}`, 2);
  });
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certs.length === 0) throw new CliError(`--ca: ${file} holds no PEM certificate`, 2);
  return certs;
}

/** The organisation's declared domains, or the declared domains of that name (in every organisation). */
async function targetsOf(deps: Deps, what: string): Promise<repo.Asset[]> {
  const org = await findOrganisationBySlug(deps.db, what);
  if (org) {
    const domains = await repo.listDomainAssets(deps.db, org.id);
    if (domains.length === 0) throw new CliError(`the organisation "${what}" has declared no domain`);
    return domains;
  }
  let name: string;
  try {
    name = normalizeDomain(what);
  } catch (err) {
    if (err instanceof AuditInputError) throw new CliError(`there is no organisation with the short name "${what}", and it is not a domain name either`);
    throw err;
  }
  const assets = await repo.listDomainAssetsNamed(deps.db, name);
  if (assets.length === 0) throw new CliError(`no organisation has declared ${name} (declare it on the organisation's "Assets and scans" page first)`);
  return assets;
}

function line(o: Outcome): string {
  if (o.status !== 'done') return `${o.domain} (${o.organisation}): not scanned: ${o.reason ?? o.status}`;
  const c = o.counts!;
  const score = o.score === null || o.score === undefined ? 'not scored' : `${Math.round(o.score * 100)} %`;
  const parts = [`${o.domain} (${o.organisation}): ${c.fail} fail, ${c.warn} warn, ${c.pass} pass, ${c.error} could not be checked; score ${score}; ${((o.durationMs ?? 0) / 1000).toFixed(1)} s`];
  if (o.newlyFailing && o.newlyFailing.length > 0) parts.push(`  newly failing: ${o.newlyFailing.join(', ')}`);
  if (o.fixed && o.fixed.length > 0) parts.push(`  fixed: ${o.fixed.join(', ')}`);
  return parts.join('\n');
}

const REASONS: Record<string, string> = {
  POSTURE_NOT_VERIFIED: 'its proof of control does not hold',
  POSTURE_SCAN_RESOLVER: 'the resolver did not answer',
  POSTURE_SCAN_DOMAIN: 'the name cannot be scanned',
};

export const posture: Command = {
  summary: "scan an organisation's proved domains now",
  usage: USAGE,
  details: `scan ORG      every domain the organisation (its short name) declared and proved
scan DOMAIN   that declared domain (in every organisation that declared and proved it)

Runs the check engine on each domain whose control is proved, stores the results like a
scheduled scan (trigger "cli"), tells the org-admins what newly fails, and prints the
counts and what changed since the previous scan. Domains without a holding proof are
listed and not touched. Loopback and private addresses are scanned only when
HEARTH_NET_ALLOW_PRIVATE=1 (test beds).

  --queue              only queue the scans for the workers, print their ids and return
  --json               print the outcomes as JSON
  --resolver ADDR[:PORT]  resolve through this server (default: /etc/resolv.conf; DNSSEC
                       results need a validating resolver)
  --ca FILE            trust these roots (PEM) besides the system's
  --timeout S          connect and per-exchange timeout in seconds (default 5)
  --port SERVICE=N     use port N for SERVICE (test beds on high ports)

Exit status: 0 every domain was scanned (or queued), 1 some domain could not be, or
nothing matched, 2 wrong arguments, 78 invalid configuration.`,
  async run(args, io, config) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        queue: { type: 'boolean' },
        json: { type: 'boolean' },
        resolver: { type: 'string' },
        ca: { type: 'string' },
        timeout: { type: 'string' },
        port: { type: 'string', multiple: true },
      },
    });
    const [sub, target, ...extra] = positionals;
    if (sub !== 'scan') throw usageError(USAGE, sub === undefined ? 'which subcommand?' : `unknown subcommand "${sub}"`);
    if (target === undefined) throw usageError(USAGE, 'missing ORG or DOMAIN');
    if (extra.length > 0) throw usageError(USAGE, 'one ORG or DOMAIN at a time');
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0 || timeout > 300)) throw usageError(USAGE, '--timeout: seconds, more than 0 and at most 300');
    const scans: NonNullable<Deps['scans']> = {
      ...(values.resolver !== undefined ? { resolver: parseResolver(values.resolver) } : {}),
      ...(values.ca !== undefined ? { ca: await readCa(values.ca) } : {}),
      ...(values.port ? { ports: parsePorts(values.port) } : {}),
      ...(timeout !== undefined ? { timeoutMs: Math.round(timeout * 1000) } : {}),
    };

    return withDeps(config(), io, async (deps) => {
      deps.scans = scans;
      const assets = await targetsOf(deps, target);
      const orgs = new Map<string, Organisation>();
      for (const a of assets) if (!orgs.has(a.orgId)) orgs.set(a.orgId, await getOrganisation(deps.db, a.orgId));
      const orgNames = new Map([...orgs].map(([id, o]) => [id, o.name]));
      const { queued, skipped } = await queueScansFor(deps, assets);
      const outcomes: Outcome[] = skipped.map((s) => ({ domain: s.asset.name, organisation: orgNames.get(s.asset.orgId)!, scanId: null, status: 'skipped', reason: s.reason }));
      if (values.queue) {
        for (const s of queued) outcomes.push({ domain: assets.find((a) => a.id === s.assetId)!.name, organisation: orgNames.get(s.orgId)!, scanId: s.id, status: 'queued' });
      } else {
        const progress = isTerminal(io.stderr);
        for (const s of queued) {
          const asset = assets.find((a) => a.id === s.assetId)!;
          const done = await runScan(deps, s.id, progress ? { onProgress: (p) => io.stderr.write(`\r\x1b[K${asset.name}: ${p.done}/${p.total} ${p.target.slice(0, 50)}`) } : {});
          if (progress) io.stderr.write('\r\x1b[K');
          if (done?.status === 'done') {
            const d = await scanDetail(deps, systemActor('cli'), orgs.get(s.orgId)!.slug, s.id);
            outcomes.push({
              domain: asset.name,
              organisation: orgNames.get(s.orgId)!,
              scanId: s.id,
              status: 'done',
              counts: done.counts,
              score: done.score,
              durationMs: done.durationMs,
              newlyFailing: d.change?.newlyFailing ?? [],
              fixed: d.change?.fixed ?? [],
            });
          } else {
            outcomes.push({ domain: asset.name, organisation: orgNames.get(s.orgId)!, scanId: s.id, status: done?.status ?? 'failed', reason: REASONS[done?.error ?? ''] ?? done?.error ?? 'it was removed meanwhile' });
          }
        }
      }
      if (values.json) await writeJson(io, outcomes);
      else await write(io.stdout, `${outcomes.map((o) => (o.status === 'queued' ? `${o.domain} (${o.organisation}): queued as scan ${o.scanId}` : line(o))).join('\n')}\n`);
      return outcomes.every((o) => o.status === 'done' || o.status === 'queued') ? 0 : 1;
    });
  },
};
