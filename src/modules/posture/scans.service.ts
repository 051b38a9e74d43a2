// Scans: the automated half of posture. First what the scorecard (the
// baseline's side) reads, then asking for scans, planning them, running them
// through the check engine, and what changed since the previous one.
import { performance } from 'node:perf_hooks';
import { AuditInputError, runAudit } from '../../checks/audit.js';
import { standardPorts } from '../../checks/audit-support.js';
import { catalog } from '../../checks/catalog.js';
import type { AuditOptions, AuditReport, CheckResult, Evidence } from '../../checks/types.js';
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, actorId, systemActor } from '../../kernel/auth/actor.js';
import { newId } from '../../kernel/ids.js';
import { enqueueJob } from '../../kernel/jobs/registry.js';
import { fromTimestamp, nowTs, toTimestamp } from '../../kernel/time.js';
import type { Organisation } from '../federation/index.js';
import {
  findAsset,
  findPendingScan,
  findPreviousDoneScan,
  findScan,
  insertAsset,
  insertResults,
  insertScan,
  latestDoneScans,
  listDemandTimes,
  listDoneScansSince,
  listDomainAssets,
  listFoundAssets,
  listOpenNotices,
  listResultsOf,
  listResultStatusesOf,
  listScannableDomains,
  listScans,
  markScanRunning,
  deleteFoundAssets,
  expireStuckScans,
  toScan,
  updateAsset,
  updateScan,
  type Asset,
  type Notice,
  type Scan,
  type StoredResult,
} from './scans.repository.js';
import type { AssetKind, ResultStatus, ScanTrigger } from './scans.tables.js';
import { DEFAULT_INTERVAL_DAYS, domainOf, intervalDaysOf, orgForManager, orgForViewer, stateOf, type AssetState } from './assets.service.js';
import { notVerified, scanNotFound, scanPending, tooManyScans } from './scans.errors.js';
import { canManageAssets } from './scans.policy.js';
import { auditOptions } from './scans.env.js';
import { EXPIRY_NOTICE_DAYS, notifyScanFindings, type ExpiringCertificate } from './scans.notify.js';

// ── What the scorecard reads ─────────────────────────────────────────────

/** One stored result of a check on one target (a host, an MX, a name server). */
export interface LatestTargetResult {
  assetId: string;
  /** The declared domain the scan was of. */
  domain: string;
  scanId: string;
  scannedAt: Date;
  target: string;
  status: ResultStatus;
  summary: string;
  evidence: Evidence;
  reason: string | null;
}

/** A check's state across an organisation's verified domains, from each domain's newest finished scan. */
export interface LatestCheck {
  checkId: string;
  /** The combined status over every target: see combineStatuses. */
  status: ResultStatus;
  /** When the newest scan that reported this check finished. */
  scannedAt: Date;
  results: LatestTargetResult[];
}

/** One finished scan, summarised for trends. */
export interface ScanSummary {
  scanId: string;
  assetId: string;
  domain: string;
  finishedAt: Date;
  counts: Record<ResultStatus, number>;
  /** The check engine's own overall score (0..1), null when nothing was scored. */
  score: number | null;
  /** This scan's status per check id (combined over its targets). */
  checks: Record<string, ResultStatus>;
  /**
   * The organisation's state right after this scan: per check id, combined over
   * the newest scan of EVERY domain up to this one. For an organisation with one
   * domain it equals `checks`; with several, a trend point should use this.
   */
  orgChecks: Record<string, ResultStatus>;
}

const RANK: Record<ResultStatus, number> = { fail: 4, warn: 3, pass: 2, error: 1, info: 0 };

/**
 * Several results of one check (one per target) as one status: fail if any
 * fails, else warn if any warns, else pass if any passes; only when nothing was
 * judged does it stay error (could not measure) or info (nothing to judge).
 * The scorecard then judges a practice from its check ids: pass when all pass,
 * warn when any warns, fail when any fails; error and info do not count.
 */
export function combineStatuses(statuses: Iterable<ResultStatus>): ResultStatus | undefined {
  let best: ResultStatus | undefined;
  for (const s of statuses) if (best === undefined || RANK[s] > RANK[best]) best = s;
  return best;
}

/**
 * The latest result per check id for an organisation: for each of its declared
 * domains, the newest finished scan (a domain whose proof was lost keeps its
 * last results, with their time, until it is removed); results of the same
 * check on several targets or domains are combined with combineStatuses.
 */
export async function latestResultsFor(db: Db, orgId: string): Promise<Map<string, LatestCheck>> {
  const scans = await latestDoneScans(db, orgId);
  if (scans.length === 0) return new Map();
  const domains = new Map((await listDomainAssets(db, orgId)).map((a) => [a.id, a.name]));
  const byScan = new Map(scans.map((s) => [s.id, s]));
  const out = new Map<string, LatestCheck>();
  for (const r of await listResultsOf(db, scans.map((s) => s.id))) {
    const scan = byScan.get(r.scanId)!;
    const scannedAt = scan.finishedAt!;
    const item: LatestTargetResult = {
      assetId: scan.assetId,
      domain: domains.get(scan.assetId) ?? '',
      scanId: scan.id,
      scannedAt,
      target: r.target,
      status: r.status,
      summary: r.summary,
      evidence: r.evidence,
      reason: r.reason,
    };
    const check = out.get(r.checkId);
    if (!check) {
      out.set(r.checkId, { checkId: r.checkId, status: r.status, scannedAt, results: [item] });
    } else {
      check.results.push(item);
      check.status = combineStatuses([check.status, r.status])!;
      if (scannedAt > check.scannedAt) check.scannedAt = scannedAt;
    }
  }
  return out;
}

/** Every finished scan of an organisation since `since`, oldest first, with per-check statuses. */
export async function scanHistory(db: Db, orgId: string, since: Date): Promise<ScanSummary[]> {
  const scans = await listDoneScansSince(db, orgId, toTimestamp(since));
  if (scans.length === 0) return [];
  const domains = new Map((await listDomainAssets(db, orgId)).map((a) => [a.id, a.name]));
  const perScan = new Map<string, Map<string, ResultStatus[]>>();
  for (const r of await listResultStatusesOf(db, scans.map((s) => s.id))) {
    const checks = perScan.get(r.scanId) ?? new Map<string, ResultStatus[]>();
    const list = checks.get(r.checkId) ?? [];
    list.push(r.status);
    checks.set(r.checkId, list);
    perScan.set(r.scanId, checks);
  }
  const current = new Map<string, Record<string, ResultStatus>>(); // asset id → its newest scan's checks
  return scans.map((s: Scan) => {
    const checks: Record<string, ResultStatus> = {};
    for (const [id, list] of perScan.get(s.id) ?? []) checks[id] = combineStatuses(list)!;
    current.set(s.assetId, checks);
    const orgChecks: Record<string, ResultStatus> = {};
    for (const assetChecks of current.values()) {
      for (const [id, status] of Object.entries(assetChecks)) {
        orgChecks[id] = orgChecks[id] === undefined ? status : combineStatuses([orgChecks[id], status])!;
      }
    }
    return { scanId: s.id, assetId: s.assetId, domain: domains.get(s.assetId) ?? '', finishedAt: s.finishedAt!, counts: s.counts, score: s.score, checks, orgChecks };
  });
}

// ── Scans: asking, planning, running ─────────────────────────────────────

/** Scans on demand: at most this many per organisation in any 24 hours (counted in the database, so across processes). */
export const DEMAND_LIMIT = 6;
const DAY_MS = 24 * 3_600_000;
export const SCAN_JOB = 'posture.scan';
/** A scan's job may run this long before another worker takes it over (a whole audit has a 60 s budget by default). */
export const SCAN_JOB_TIMEOUT_MS = 15 * 60_000;
/** A scan still running after two job timeouts, or waiting after a day, lost its job: it ends `failed`. */
const STUCK_RUNNING_MS = 2 * SCAN_JOB_TIMEOUT_MS;
const STUCK_QUEUED_MS = 24 * 3_600_000;
/** After a scan that could not run, the schedule waits this long before the next try. */
const RETRY_FAILED_MS = 6 * 3_600_000;

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'scans' | 'net' | 'metrics'>;

async function queueScan(deps: Pick<D, 'clock'>, trx: Db, asset: Asset, trigger: ScanTrigger, by: string | null): Promise<Scan> {
  const now = nowTs(deps.clock);
  const row = {
    id: newId(),
    org_id: asset.orgId,
    asset_id: asset.id,
    trigger,
    status: 'queued' as const,
    requested_by: by,
    created_at: now,
    started_at: null,
    finished_at: null,
    duration_ms: null,
    pass_count: 0,
    warn_count: 0,
    fail_count: 0,
    info_count: 0,
    error_count: 0,
    score_permille: null,
    connections: null,
    error: null,
  };
  await insertScan(trx, row);
  // The scan id as the job id: a scan is never queued twice.
  await enqueueJob(trx, deps.clock, SCAN_JOB, { scanId: row.id }, { id: `posture-scan:${row.id}`, maxAttempts: 2 });
  return toScan(row);
}

/** An org-admin asks for a scan now: only of a domain whose proof holds, not while one waits, and within the daily limit. */
export async function requestScan(deps: D, actor: Actor, slug: string, assetId: string): Promise<Scan> {
  const org = await orgForManager(deps, actor, slug);
  return deps.db.transaction().execute(async (trx) => {
    const asset = await domainOf({ db: trx }, org, assetId);
    if (stateOf(asset) !== 'verified') throw notVerified();
    if (await findPendingScan(trx, asset.id)) throw scanPending();
    const now = deps.clock.now();
    const recent = await listDemandTimes(trx, org.id, toTimestamp(new Date(now.getTime() - DAY_MS)));
    if (recent.length >= DEMAND_LIMIT) {
      const freeAt = fromTimestamp(recent[recent.length - DEMAND_LIMIT]!).getTime() + DAY_MS;
      throw tooManyScans(DEMAND_LIMIT, Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
    }
    const scan = await queueScan(deps, trx, asset, 'demand', actorId(actor));
    await audit(trx, actor, 'posture.scan.requested', { targetType: 'posture_scan', targetId: scan.id, orgId: org.id, data: { domain: asset.name } });
    return scan;
  });
}

/**
 * The hourly schedule: queue a scan of every verified domain whose newest scan
 * is older than its organisation's interval (weekly by default), or that was
 * never scanned. Returns the scans queued.
 */
export async function planDueScans(deps: D): Promise<Scan[]> {
  const now = deps.clock.now();
  // A scan whose worker died on its last attempt would wait for ever and block the next ones.
  await expireStuckScans(deps.db, toTimestamp(new Date(now.getTime() - STUCK_RUNNING_MS)), toTimestamp(new Date(now.getTime() - STUCK_QUEUED_MS)), toTimestamp(now));
  const due = (await listScannableDomains(deps.db)).filter(({ lastDoneAt, lastAttemptAt, intervalDays }) => {
    // A scan that could not run (a silent resolver, a lost worker) is tried again after a few hours, not at once.
    if (lastAttemptAt !== null && fromTimestamp(lastAttemptAt).getTime() + RETRY_FAILED_MS > now.getTime()) return false;
    if (lastDoneAt === null) return true;
    // An hour of slack, so a weekly scan does not slip by an hour each week behind the hourly schedule.
    return fromTimestamp(lastDoneAt).getTime() + (intervalDays ?? DEFAULT_INTERVAL_DAYS) * DAY_MS - 3_600_000 <= now.getTime();
  });
  if (due.length === 0) return [];
  return deps.db.transaction().execute(async (trx) => {
    const queued: Scan[] = [];
    for (const { asset } of due) {
      if (await findPendingScan(trx, asset.id)) continue; // another process planned it meanwhile
      queued.push(await queueScan(deps, trx, asset, 'schedule', null));
    }
    if (queued.length > 0) {
      await audit(trx, systemActor('posture'), 'posture.scans.planned', { data: { scans: queued.length, assets: queued.map((s) => s.assetId) } });
    }
    return queued;
  });
}

/** Queue scans from the command line (no daily limit: the operator asks). */
export async function queueScansFor(deps: D, assets: Asset[]): Promise<{ queued: Scan[]; skipped: Array<{ asset: Asset; reason: string }> }> {
  const queued: Scan[] = [];
  const skipped: Array<{ asset: Asset; reason: string }> = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const a of assets) {
      if (stateOf(a) !== 'verified') skipped.push({ asset: a, reason: stateOf(a) === 'lost' ? 'its proof of control was lost' : 'its control was never proved' });
      else if (await findPendingScan(trx, a.id)) skipped.push({ asset: a, reason: 'a scan of it is already waiting or running' });
      else queued.push(await queueScan(deps, trx, a, 'cli', null));
    }
    if (queued.length > 0) await audit(trx, systemActor('cli'), 'posture.scans.requested', { data: { scans: queued.length, assets: queued.map((s) => s.assetId) } });
  });
  return { queued, skipped };
}

export interface RunScanOptions {
  onProgress?: (p: { target: string; done: number; total: number }) => void;
  /** The job's last attempt: an unexpected error then ends the scan `failed` instead of queueing it again. */
  lastAttempt?: boolean;
}

/**
 * Runs one queued scan (the job handler; the CLI calls it directly). The audit
 * runs outside any transaction; its results, what changed since the previous
 * scan, the notices and the mail are stored together afterwards. A domain whose
 * proof no longer holds is not touched: the scan ends `skipped`.
 */
export async function runScan(deps: D, scanId: string, opts: RunScanOptions = {}): Promise<Scan | undefined> {
  const scan = await findScan(deps.db, scanId);
  if (!scan || (scan.status !== 'queued' && scan.status !== 'running')) return scan;
  const asset = await findAsset(deps.db, scan.assetId);
  const end = async (status: 'failed' | 'skipped', error: string) => {
    const now = nowTs(deps.clock);
    await deps.db.transaction().execute(async (trx) => {
      await updateScan(trx, scanId, { status, error, finished_at: now });
      await audit(trx, systemActor('posture'), `posture.scan.${status}`, { targetType: 'posture_scan', targetId: scanId, orgId: scan.orgId, data: { error } });
    });
    deps.metrics.postureScans.inc({ trigger: scan.trigger, outcome: status });
    return findScan(deps.db, scanId);
  };
  if (!asset || stateOf(asset) !== 'verified') return end('skipped', 'POSTURE_NOT_VERIFIED');
  const now = deps.clock.now();
  if (!(await markScanRunning(deps.db, scanId, toTimestamp(now), toTimestamp(new Date(now.getTime() - SCAN_JOB_TIMEOUT_MS))))) return findScan(deps.db, scanId);

  const started = performance.now();
  let report: AuditReport;
  try {
    const options = await auditOptions(deps, asset.dkimSelectors);
    report = await runAudit(asset.name, { ...options, now: deps.clock.now(), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  } catch (err) {
    // The resolver does not answer, or the name cannot be asked: nothing was measured.
    if (err instanceof AuditInputError) return end('failed', err.kind === 'resolver' ? 'POSTURE_SCAN_RESOLVER' : 'POSTURE_SCAN_DOMAIN');
    // Anything else is a defect: the job system retries once (the scan waits again), then
    // the job is failed for admins to see and the scan says it could not run.
    if (opts.lastAttempt) await end('failed', 'POSTURE_SCAN_ERROR');
    else await updateScan(deps.db, scanId, { status: 'queued', started_at: null });
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  const finished = nowTs(deps.clock);
  const counts: Record<ResultStatus, number> = { pass: 0, warn: 0, fail: 0, info: 0, error: 0 };
  for (const r of report.results) counts[r.status]++;

  const done = await deps.db.transaction().execute(async (trx) => {
    const current = await findScan(trx, scanId);
    if (!current || current.status !== 'running') return undefined; // removed with its asset meanwhile
    await insertResults(
      trx,
      report.results.map((r) => ({
        id: newId(),
        scan_id: scanId,
        check_id: r.id,
        category: r.category,
        status: r.status,
        target: r.target,
        summary: r.summary,
        evidence: JSON.stringify({ ...r.evidence, ...(r.reason !== undefined ? { reason: r.reason } : {}) }),
      })),
    );
    await updateScan(trx, scanId, {
      status: 'done',
      finished_at: finished,
      duration_ms: Math.round(seconds * 1000),
      pass_count: counts.pass,
      warn_count: counts.warn,
      fail_count: counts.fail,
      info_count: counts.info,
      error_count: counts.error,
      score_permille: report.overall === undefined ? null : Math.round(report.overall * 1000),
      connections: report.connections,
      error: null,
    });
    await recordFoundAssets(trx, asset, report.results, deps.scans?.ports, finished);
    const stored = (await findScan(trx, scanId))!;
    const previous = await findPreviousDoneScan(trx, stored);
    const change = diffStatuses(previous ? await statusesOf(trx, previous.id) : new Map(), statusesFromReport(report.results));
    await notifyScanFindings(deps, trx, { id: scanId, assetId: asset.id, orgId: asset.orgId, domain: asset.name }, change.newlyFailing, expiringCertificates(report.results));
    await audit(trx, systemActor('posture'), 'posture.scan.completed', {
      targetType: 'posture_scan',
      targetId: scanId,
      orgId: asset.orgId,
      data: { domain: asset.name, trigger: scan.trigger, counts, newlyFailing: change.newlyFailing, fixed: change.fixed },
    });
    return stored;
  });
  if (done) {
    deps.metrics.postureScans.inc({ trigger: scan.trigger, outcome: 'done' });
    deps.metrics.postureScanDuration.observe(seconds);
    for (const id of new Set(report.results.filter((r) => r.status === 'fail').map((r) => r.id))) deps.metrics.postureFailedChecks.inc({ check: id });
  }
  return done;
}

// ── What changed ─────────────────────────────────────────────────────────

export interface ScanChange {
  /** Fail now, and did not fail in the previous scan (or there was none). */
  newlyFailing: string[];
  /** Failed or warned in the previous scan, pass now. */
  fixed: string[];
  /** Passed in the previous scan, warn now. */
  newlyWarning: string[];
}

function statusesFromReport(results: CheckResult[]): Map<string, ResultStatus> {
  const byId = new Map<string, ResultStatus[]>();
  for (const r of results) byId.set(r.id, [...(byId.get(r.id) ?? []), r.status]);
  return new Map([...byId].map(([id, list]) => [id, combineStatuses(list)!]));
}

async function statusesOf(db: Db, scanId: string): Promise<Map<string, ResultStatus>> {
  const byId = new Map<string, ResultStatus[]>();
  for (const r of await listResultStatusesOf(db, [scanId])) byId.set(r.checkId, [...(byId.get(r.checkId) ?? []), r.status]);
  return new Map([...byId].map(([id, list]) => [id, combineStatuses(list)!]));
}

export function diffStatuses(before: Map<string, ResultStatus>, after: Map<string, ResultStatus>): ScanChange {
  const order = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const newlyFailing: string[] = [];
  const fixed: string[] = [];
  const newlyWarning: string[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (now === 'fail' && was !== 'fail') newlyFailing.push(id);
    else if (now === 'pass' && (was === 'fail' || was === 'warn')) fixed.push(id);
    else if (now === 'warn' && was === 'pass') newlyWarning.push(id);
  }
  return { newlyFailing: newlyFailing.sort(order), fixed: fixed.sort(order), newlyWarning: newlyWarning.sort(order) };
}

/** Certificates (CERT-05) that end within EXPIRY_NOTICE_DAYS and have not ended yet. */
export function expiringCertificates(results: Array<Pick<CheckResult, 'id' | 'target' | 'evidence'>>): ExpiringCertificate[] {
  const out: ExpiringCertificate[] = [];
  for (const r of results) {
    if (r.id !== 'CERT-05') continue;
    const facts = r.evidence.facts ?? {};
    const daysLeft = facts.daysLeft;
    const notAfter = facts.notAfter;
    if (typeof daysLeft !== 'number' || typeof notAfter !== 'string') continue;
    if (daysLeft >= 0 && daysLeft <= EXPIRY_NOTICE_DAYS) out.push({ target: r.target, notAfter, daysLeft });
  }
  return out;
}

// ── What a scan found under a domain ─────────────────────────────────────

const ENDPOINT = /^(\[[^\]]+\]|[^\s:]+):(\d{1,5}) \(([^)\s]+)\)$/;
const MAIL_SERVICES = ['smtp', 'submission', 'smtps', 'imaps', 'pop3s', 'imap', 'pop3'] as const;

/**
 * Hosts and mail servers with their ports and addresses (from the results'
 * "host:port (address)" targets), and name servers (from DNS-04's facts).
 */
export function foundEndpoints(
  results: Array<Pick<CheckResult, 'id' | 'category' | 'target' | 'evidence'>>,
  ports: AuditOptions['ports'] = {},
): Array<{ kind: AssetKind; name: string; port: number; address: string }> {
  const mailPorts = new Set(MAIL_SERVICES.map((s) => ports[s] ?? standardPorts[s]));
  const seen = new Map<string, { kind: AssetKind; name: string; port: number; address: string }>();
  const add = (kind: AssetKind, name: string, port: number, address: string) => {
    const key = `${kind}|${name}|${port}|${address}`;
    if (!seen.has(key)) seen.set(key, { kind, name, port, address });
  };
  for (const r of results) {
    if (r.id === 'DNS-04') {
      const servers = r.evidence.facts?.nameServers;
      if (!Array.isArray(servers)) continue;
      for (const ns of servers as Array<{ name?: unknown; v4?: unknown; v6?: unknown }>) {
        if (typeof ns.name !== 'string') continue;
        for (const a of [...(Array.isArray(ns.v4) ? ns.v4 : []), ...(Array.isArray(ns.v6) ? ns.v6 : [])]) {
          if (typeof a === 'string') add('nameserver', ns.name.toLowerCase(), ports.dns ?? standardPorts.dns, a);
        }
      }
      continue;
    }
    const m = ENDPOINT.exec(r.target);
    if (!m) continue;
    const port = Number(m[2]);
    add(r.category === 'mail' || mailPorts.has(port) ? 'mail' : 'web', m[1]!.replace(/^\[|\]$/g, '').toLowerCase(), port, m[3]!);
  }
  return [...seen.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.port - b.port || a.address.localeCompare(b.address));
}

async function recordFoundAssets(trx: Db, domain: Asset, results: CheckResult[], ports: AuditOptions['ports'], now: string): Promise<void> {
  const existing = await listFoundAssets(trx, [domain.id]);
  const keyOf = (a: { kind: string; name: string; port: number | null; address: string | null }) => `${a.kind}|${a.name}|${a.port}|${a.address}`;
  const byKey = new Map(existing.map((a) => [keyOf(a), a]));
  const keep: string[] = [];
  for (const e of foundEndpoints(results, ports)) {
    const have = byKey.get(keyOf(e));
    if (have) {
      keep.push(have.id);
      await updateAsset(trx, have.id, { last_seen_at: now });
      continue;
    }
    const id = newId();
    keep.push(id);
    await insertAsset(trx, {
      id,
      org_id: domain.orgId,
      parent_id: domain.id,
      kind: e.kind,
      name: e.name,
      port: e.port,
      address: e.address,
      challenge_token: null,
      verified_method: null,
      verified_at: null,
      verify_checked_at: null,
      verify_lost_at: null,
      verify_error: null,
      dkim_selectors: '',
      created_by: null,
      created_at: now,
      updated_at: now,
      last_seen_at: now,
    });
  }
  // What the newest scan no longer finds is no longer listed.
  await deleteFoundAssets(trx, domain.id, keep);
}

// ── Reading ──────────────────────────────────────────────────────────────

const RANKS = new Map(catalog.map((c, i) => [c.id, i]));
/** The catalogue's order (TLS, certificates, HTTP, DNS, mail, IPv6), unknown ids last. */
const catalogRank = (id: string) => RANKS.get(id) ?? catalog.length;

export interface PostureOverview {
  org: Organisation;
  canManage: boolean;
  intervalDays: number;
  domains: Array<{ asset: Asset; state: AssetState; lastScan: Scan | undefined; pending: Scan | undefined }>;
  notices: Notice[];
  recentScans: Scan[];
}

export async function postureOverview(deps: Pick<D, 'db'>, actor: Actor, slug: string): Promise<PostureOverview> {
  const org = await orgForViewer(deps, actor, slug);
  const domains = await listDomainAssets(deps.db, org.id);
  const recentScans = await listScans(deps.db, { orgId: org.id, limit: 10 });
  const latest = new Map((await latestDoneScans(deps.db, org.id)).map((s) => [s.assetId, s]));
  const out = [];
  for (const a of domains) out.push({ asset: a, state: stateOf(a), lastScan: latest.get(a.id), pending: await findPendingScan(deps.db, a.id) });
  return {
    org,
    canManage: canManageAssets(actor, org.id),
    intervalDays: await intervalDaysOf(deps, org.id),
    domains: out,
    notices: await listOpenNotices(deps.db, org.id),
    recentScans,
  };
}

export interface AssetDetail {
  org: Organisation;
  canManage: boolean;
  asset: Asset;
  state: AssetState;
  found: Asset[];
  scans: Scan[];
  next: string | undefined;
  pending: Scan | undefined;
}

export async function assetDetail(deps: Pick<D, 'db'>, actor: Actor, slug: string, id: string, before?: string): Promise<AssetDetail> {
  const org = await orgForViewer(deps, actor, slug);
  const asset = await domainOf(deps, org, id);
  const page = 20;
  const scans = await listScans(deps.db, { orgId: org.id, assetId: asset.id, limit: page + 1, ...(before ? { before } : {}) });
  return {
    org,
    canManage: canManageAssets(actor, org.id),
    asset,
    state: stateOf(asset),
    found: await listFoundAssets(deps.db, [asset.id]),
    scans: scans.slice(0, page),
    next: scans.length > page ? toTimestamp(scans[page - 1]!.createdAt) : undefined,
    pending: await findPendingScan(deps.db, asset.id),
  };
}

export interface ScanDetail {
  org: Organisation;
  scan: Scan;
  asset: Asset | undefined;
  results: StoredResult[];
  previous: Scan | undefined;
  change: ScanChange | undefined;
}

export async function scanDetail(deps: Pick<D, 'db'>, actor: Actor, slug: string, scanId: string): Promise<ScanDetail> {
  const org = await orgForViewer(deps, actor, slug);
  const scan = await findScan(deps.db, scanId);
  if (!scan || scan.orgId !== org.id) throw scanNotFound();
  const results = await listResultsOf(deps.db, [scan.id]);
  const previous = scan.status === 'done' ? await findPreviousDoneScan(deps.db, scan) : undefined;
  const after = new Map<string, ResultStatus[]>();
  for (const r of results) after.set(r.checkId, [...(after.get(r.checkId) ?? []), r.status]);
  const change =
    scan.status === 'done'
      ? diffStatuses(previous ? await statusesOf(deps.db, previous.id) : new Map(), new Map([...after].map(([id, l]) => [id, combineStatuses(l)!])))
      : undefined;
  return { org, scan, asset: await findAsset(deps.db, scan.assetId), results, previous, change };
}

/** The latest result per check for the organisation's members (the API's /results). */
export async function latestResultsView(deps: Pick<D, 'db'>, actor: Actor, slug: string): Promise<{ org: Organisation; checks: LatestCheck[] }> {
  const org = await orgForViewer(deps, actor, slug);
  const latest = await latestResultsFor(deps.db, org.id);
  return { org, checks: [...latest.values()].sort((a, b) => catalogRank(a.checkId) - catalogRank(b.checkId) || a.checkId.localeCompare(b.checkId)) };
}

export async function listScansFor(deps: Pick<D, 'db'>, actor: Actor, slug: string, opts: { assetId?: string; before?: string }): Promise<{ org: Organisation; scans: Scan[]; next: string | undefined }> {
  const org = await orgForViewer(deps, actor, slug);
  if (opts.assetId) await domainOf(deps, org, opts.assetId);
  const page = 50;
  const scans = await listScans(deps.db, { orgId: org.id, limit: page + 1, ...(opts.assetId ? { assetId: opts.assetId } : {}), ...(opts.before ? { before: opts.before } : {}) });
  return { org, scans: scans.slice(0, page), next: scans.length > page ? toTimestamp(scans[page - 1]!.createdAt) : undefined };
}
