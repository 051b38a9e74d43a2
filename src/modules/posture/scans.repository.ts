// Every query of posture scanning: assets, scans, results, settings, notices.
import type { Db } from '../../kernel/db/connect.js';
import { notFound } from '../../kernel/errors.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { Evidence } from '../../checks/types.js';
import type {
  AssetKind,
  PostureAssetsTable,
  PostureNoticesTable,
  PostureResultsTable,
  PostureScansTable,
  ResultStatus,
  ScanStatus,
  ScanTrigger,
  VerifyMethod,
} from './scans.tables.js';

export interface Asset {
  id: string;
  orgId: string;
  parentId: string | null;
  kind: AssetKind;
  name: string;
  port: number | null;
  address: string | null;
  challengeToken: string | null;
  verifiedMethod: VerifyMethod | null;
  verifiedAt: Date | null;
  verifyCheckedAt: Date | null;
  verifyLostAt: Date | null;
  verifyError: string | null;
  dkimSelectors: string[];
  createdBy: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
}

export interface Scan {
  id: string;
  orgId: string;
  assetId: string;
  trigger: ScanTrigger;
  status: ScanStatus;
  requestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  counts: Record<ResultStatus, number>;
  /** The check engine's overall score, 0..1; null when nothing was scored. */
  score: number | null;
  connections: number | null;
  error: string | null;
}

export interface StoredResult {
  id: string;
  scanId: string;
  checkId: string;
  category: string;
  status: ResultStatus;
  target: string;
  summary: string;
  evidence: Evidence;
  reason: string | null;
}

export interface Notice {
  id: string;
  orgId: string;
  assetId: string | null;
  scanId: string | null;
  kind: PostureNoticesTable['kind'];
  data: Record<string, unknown>;
  createdAt: Date;
  dismissedAt: Date | null;
}

const ts = (s: Timestamp | null) => (s ? fromTimestamp(s) : null);

export const toAsset = (r: PostureAssetsTable): Asset => ({
  id: r.id,
  orgId: r.org_id,
  parentId: r.parent_id,
  kind: r.kind,
  name: r.name,
  port: r.port === null ? null : Number(r.port),
  address: r.address,
  challengeToken: r.challenge_token,
  verifiedMethod: r.verified_method,
  verifiedAt: ts(r.verified_at),
  verifyCheckedAt: ts(r.verify_checked_at),
  verifyLostAt: ts(r.verify_lost_at),
  verifyError: r.verify_error,
  dkimSelectors: r.dkim_selectors.split(' ').filter(Boolean),
  createdBy: r.created_by,
  createdAt: fromTimestamp(r.created_at),
  lastSeenAt: ts(r.last_seen_at),
});

export const toScan = (r: PostureScansTable): Scan => ({
  id: r.id,
  orgId: r.org_id,
  assetId: r.asset_id,
  trigger: r.trigger,
  status: r.status,
  requestedBy: r.requested_by,
  createdAt: fromTimestamp(r.created_at),
  startedAt: ts(r.started_at),
  finishedAt: ts(r.finished_at),
  durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
  counts: {
    pass: Number(r.pass_count),
    warn: Number(r.warn_count),
    fail: Number(r.fail_count),
    info: Number(r.info_count),
    error: Number(r.error_count),
  },
  score: r.score_permille === null ? null : Number(r.score_permille) / 1000,
  connections: r.connections === null ? null : Number(r.connections),
  error: r.error,
});

export function toResult(r: PostureResultsTable): StoredResult {
  let stored: Evidence & { reason?: string } = {};
  try {
    stored = JSON.parse(r.evidence) as Evidence & { reason?: string };
  } catch {
    stored = {};
  }
  const { reason, ...evidence } = stored;
  return {
    id: r.id,
    scanId: r.scan_id,
    checkId: r.check_id,
    category: r.category,
    status: r.status,
    target: r.target,
    summary: r.summary,
    evidence,
    reason: reason ?? null,
  };
}

export const toNotice = (r: PostureNoticesTable): Notice => {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(r.data) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return {
    id: r.id,
    orgId: r.org_id,
    assetId: r.asset_id,
    scanId: r.scan_id,
    kind: r.kind,
    data,
    createdAt: fromTimestamp(r.created_at),
    dismissedAt: ts(r.dismissed_at),
  };
};

// ── Assets ───────────────────────────────────────────────────────────────

export async function insertAsset(db: Db, row: PostureAssetsTable): Promise<void> {
  await db.insertInto('posture_assets').values(row).execute();
}

export async function findAsset(db: Db, id: string): Promise<Asset | undefined> {
  const r = await db.selectFrom('posture_assets').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAsset(r);
}

export async function getAsset(db: Db, id: string): Promise<Asset> {
  const a = await findAsset(db, id);
  if (!a) throw notFound('POSTURE_ASSET_NOT_FOUND');
  return a;
}

export async function findDomainAsset(db: Db, orgId: string, name: string): Promise<Asset | undefined> {
  const r = await db
    .selectFrom('posture_assets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('kind', '=', 'domain')
    .where('name', '=', name)
    .executeTakeFirst();
  return r && toAsset(r);
}

/** Declared domains with this name, in every organisation (the CLI's `posture scan DOMAIN`). */
export async function listDomainAssetsNamed(db: Db, name: string): Promise<Asset[]> {
  const rows = await db.selectFrom('posture_assets').selectAll().where('kind', '=', 'domain').where('name', '=', name).orderBy('created_at').execute();
  return rows.map(toAsset);
}

export async function listDomainAssets(db: Db, orgId: string): Promise<Asset[]> {
  const rows = await db
    .selectFrom('posture_assets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('kind', '=', 'domain')
    .orderBy('name')
    .execute();
  return rows.map(toAsset);
}

export async function listFoundAssets(db: Db, parentIds: string[]): Promise<Asset[]> {
  if (parentIds.length === 0) return [];
  const rows = await db
    .selectFrom('posture_assets')
    .selectAll()
    .where('parent_id', 'in', parentIds)
    .orderBy('kind')
    .orderBy('name')
    .orderBy('port')
    .execute();
  return rows.map(toAsset);
}

export async function updateAsset(db: Db, id: string, set: Partial<PostureAssetsTable>): Promise<void> {
  await db.updateTable('posture_assets').set(set).where('id', '=', id).execute();
}

export async function deleteAsset(db: Db, id: string): Promise<void> {
  await db.deleteFrom('posture_assets').where('id', '=', id).execute();
}

// ── Scans and results ────────────────────────────────────────────────────

/** The newest finished scan of each of an organisation's declared domains. */
export async function latestDoneScans(db: Db, orgId: string): Promise<Scan[]> {
  const rows = await db
    .selectFrom('posture_scans as s')
    .selectAll('s')
    .where('s.org_id', '=', orgId)
    .where('s.status', '=', 'done')
    .where((eb) =>
      eb(
        's.finished_at',
        '=',
        eb
          .selectFrom('posture_scans as s2')
          .select((e) => e.fn.max('s2.finished_at').as('m'))
          .whereRef('s2.asset_id', '=', 's.asset_id')
          .where('s2.status', '=', 'done'),
      ),
    )
    .orderBy('s.finished_at', 'desc')
    .execute();
  const seen = new Set<string>();
  const out: Scan[] = [];
  for (const r of rows) {
    if (seen.has(r.asset_id)) continue; // two scans finishing in the same millisecond
    seen.add(r.asset_id);
    out.push(toScan(r));
  }
  return out;
}

/** Finished scans of an organisation since a time, oldest first. */
export async function listDoneScansSince(db: Db, orgId: string, since: Timestamp): Promise<Scan[]> {
  const rows = await db
    .selectFrom('posture_scans')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'done')
    .where('finished_at', '>=', since)
    .orderBy('finished_at')
    .orderBy('id')
    .execute();
  return rows.map(toScan);
}

export async function listResultsOf(db: Db, scanIds: string[]): Promise<StoredResult[]> {
  if (scanIds.length === 0) return [];
  const out: StoredResult[] = [];
  // Chunks keep the parameter count well under both engines' limits.
  for (let i = 0; i < scanIds.length; i += 500) {
    const rows = await db
      .selectFrom('posture_results')
      .selectAll()
      .where('scan_id', 'in', scanIds.slice(i, i + 500))
      .orderBy('scan_id')
      .orderBy('check_id')
      .orderBy('target')
      .execute();
    out.push(...rows.map(toResult));
  }
  return out;
}

/** Status and id only: enough to judge practices over a year of history without reading evidence. */
export async function listResultStatusesOf(db: Db, scanIds: string[]): Promise<Array<{ scanId: string; checkId: string; status: ResultStatus }>> {
  const out: Array<{ scanId: string; checkId: string; status: ResultStatus }> = [];
  for (let i = 0; i < scanIds.length; i += 500) {
    const rows = await db
      .selectFrom('posture_results')
      .select(['scan_id', 'check_id', 'status'])
      .where('scan_id', 'in', scanIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.push({ scanId: r.scan_id, checkId: r.check_id, status: r.status });
  }
  return out;
}

export async function insertScan(db: Db, row: PostureScansTable): Promise<void> {
  await db.insertInto('posture_scans').values(row).execute();
}

export async function findScan(db: Db, id: string): Promise<Scan | undefined> {
  const r = await db.selectFrom('posture_scans').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toScan(r);
}

/**
 * Marks a queued scan running; false when it is not queued any more (another
 * worker took it, or it already ran). A scan whose worker died stays `running`
 * and is taken over when its job is: `orStale` lets that happen.
 */
export async function markScanRunning(db: Db, id: string, now: Timestamp, staleBefore: Timestamp): Promise<boolean> {
  const res = await db
    .updateTable('posture_scans')
    .set({ status: 'running', started_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore)])]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Scans whose job is gone: running since before `runningBefore`, or queued since before `queuedBefore`. */
export async function expireStuckScans(db: Db, runningBefore: Timestamp, queuedBefore: Timestamp, now: Timestamp): Promise<number> {
  const res = await db
    .updateTable('posture_scans')
    .set({ status: 'failed', error: 'POSTURE_SCAN_LOST', finished_at: now })
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'running'), eb('started_at', '<', runningBefore)]),
        eb.and([eb('status', '=', 'queued'), eb('created_at', '<', queuedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A proof holds again: its "lost" notices are done with. */
export async function dismissLostNotices(db: Db, assetId: string, by: string | null, now: Timestamp): Promise<void> {
  await db
    .updateTable('posture_notices')
    .set({ dismissed_at: now, dismissed_by: by })
    .where('asset_id', '=', assetId)
    .where('kind', '=', 'verification_lost')
    .where('dismissed_at', 'is', null)
    .execute();
}

export async function updateScan(db: Db, id: string, set: Partial<PostureScansTable>): Promise<void> {
  await db.updateTable('posture_scans').set(set).where('id', '=', id).execute();
}

export async function insertResults(db: Db, rows: PostureResultsTable[]): Promise<void> {
  // Batches keep each statement's parameters under SQLite's and PostgreSQL's limits.
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('posture_results').values(rows.slice(i, i + 100)).execute();
}

/** An asset's scans, newest first; `before` is the created_at of the last one shown (keyset pagination). */
export async function listScans(db: Db, opts: { orgId: string; assetId?: string; before?: Timestamp; limit: number }): Promise<Scan[]> {
  let q = db.selectFrom('posture_scans').selectAll().where('org_id', '=', opts.orgId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit);
  if (opts.assetId) q = q.where('asset_id', '=', opts.assetId);
  if (opts.before) q = q.where('created_at', '<', opts.before);
  return (await q.execute()).map(toScan);
}

/** The asset's finished scan just before this one (for "what is new"). */
export async function findPreviousDoneScan(db: Db, scan: Scan): Promise<Scan | undefined> {
  if (!scan.finishedAt) return undefined;
  const r = await db
    .selectFrom('posture_scans')
    .selectAll()
    .where('asset_id', '=', scan.assetId)
    .where('status', '=', 'done')
    .where('id', '!=', scan.id)
    .where('finished_at', '<=', scan.finishedAt.toISOString())
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && toScan(r);
}

/** Is a scan of this asset waiting or running? */
export async function findPendingScan(db: Db, assetId: string): Promise<Scan | undefined> {
  const r = await db.selectFrom('posture_scans').selectAll().where('asset_id', '=', assetId).where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
  return r && toScan(r);
}

/** When the organisation's scans on demand after `since` were asked for, oldest first. */
export async function listDemandTimes(db: Db, orgId: string, since: Timestamp): Promise<Timestamp[]> {
  const rows = await db
    .selectFrom('posture_scans')
    .select('created_at')
    .where('org_id', '=', orgId)
    .where('trigger', '=', 'demand')
    .where('created_at', '>', since)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.created_at);
}

/**
 * Verified domains whose proof holds and with no scan waiting, with when their
 * newest finished scan and their newest attempt (finished or not) were asked
 * for, and their organisation's interval.
 */
export async function listScannableDomains(db: Db): Promise<Array<{ asset: Asset; lastDoneAt: Timestamp | null; lastAttemptAt: Timestamp | null; intervalDays: number | null }>> {
  const rows = await db
    .selectFrom('posture_assets as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('posture_scan_settings as st', 'st.org_id', 'a.org_id')
    .selectAll('a')
    .select((eb) => [
      'st.interval_days',
      eb.selectFrom('posture_scans as s').select((e) => e.fn.max('s.created_at').as('m')).whereRef('s.asset_id', '=', 'a.id').where('s.status', '=', 'done').as('last_done_at'),
      eb.selectFrom('posture_scans as s').select((e) => e.fn.max('s.created_at').as('m')).whereRef('s.asset_id', '=', 'a.id').where('s.status', '=', 'failed').as('last_attempt_at'),
    ])
    .where('a.kind', '=', 'domain')
    .where('a.verified_at', 'is not', null)
    .where('a.verify_lost_at', 'is', null)
    .where('o.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('posture_scans as p').select('p.id').whereRef('p.asset_id', '=', 'a.id').where('p.status', 'in', ['queued', 'running']))),
    )
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    asset: toAsset(r),
    lastDoneAt: (r.last_done_at as Timestamp | null) ?? null,
    lastAttemptAt: [r.last_done_at as Timestamp | null, r.last_attempt_at as Timestamp | null].filter((x): x is Timestamp => !!x).sort().at(-1) ?? null,
    intervalDays: r.interval_days === null ? null : Number(r.interval_days),
  }));
}

/** Verified domains (proof holding) whose proof was last looked at before `before`. */
export async function listDomainsToRecheck(db: Db, before: Timestamp, limit: number): Promise<Asset[]> {
  const rows = await db
    .selectFrom('posture_assets')
    .selectAll()
    .where('kind', '=', 'domain')
    .where('verified_at', 'is not', null)
    .where('verify_lost_at', 'is', null)
    .where((eb) => eb.or([eb('verify_checked_at', 'is', null), eb('verify_checked_at', '<', before)]))
    .orderBy('verify_checked_at')
    .limit(limit)
    .execute();
  return rows.map(toAsset);
}

// ── Settings ─────────────────────────────────────────────────────────────

export async function findIntervalDays(db: Db, orgId: string): Promise<number | undefined> {
  const r = await db.selectFrom('posture_scan_settings').select('interval_days').where('org_id', '=', orgId).executeTakeFirst();
  return r ? Number(r.interval_days) : undefined;
}

export async function saveIntervalDays(db: Db, orgId: string, days: number, by: string | null, now: Timestamp): Promise<void> {
  await db
    .insertInto('posture_scan_settings')
    .values({ org_id: orgId, interval_days: days, updated_by: by, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ interval_days: days, updated_by: by, updated_at: now }))
    .execute();
}

// ── Notices ──────────────────────────────────────────────────────────────

export async function insertNotice(db: Db, row: PostureNoticesTable): Promise<void> {
  await db.insertInto('posture_notices').values(row).execute();
}

export async function listOpenNotices(db: Db, orgId: string, limit = 50): Promise<Notice[]> {
  const rows = await db
    .selectFrom('posture_notices')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('dismissed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toNotice);
}

/** Every notice of an organisation, dismissed ones included, oldest first (its export). */
export async function listAllNotices(db: Db, orgId: string): Promise<Notice[]> {
  const rows = await db.selectFrom('posture_notices').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toNotice);
}

export async function findNotice(db: Db, id: string): Promise<Notice | undefined> {
  const r = await db.selectFrom('posture_notices').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toNotice(r);
}

export async function dismissNoticeRow(db: Db, id: string, by: string | null, now: Timestamp): Promise<boolean> {
  const res = await db.updateTable('posture_notices').set({ dismissed_at: now, dismissed_by: by }).where('id', '=', id).where('dismissed_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Has this certificate's coming expiry (asset, target, end date) been told already? */
export async function certNoticeExists(db: Db, assetId: string, key: string): Promise<boolean> {
  const rows = await db.selectFrom('posture_notices').select('data').where('asset_id', '=', assetId).where('kind', '=', 'cert_expiring').execute();
  return rows.some((r) => {
    try {
      return (JSON.parse(r.data) as { key?: string }).key === key;
    } catch {
      return false;
    }
  });
}

// The people to tell live with the organisations.
export { listOrgAdmins, type Recipient } from '../federation/index.js';

// ── Found assets ─────────────────────────────────────────────────────────

export async function deleteFoundAssets(db: Db, parentId: string, keep: string[]): Promise<void> {
  let q = db.deleteFrom('posture_assets').where('parent_id', '=', parentId);
  if (keep.length > 0) q = q.where('id', 'not in', keep);
  await q.execute();
}

export async function countDomainAssets(db: Db, orgId: string): Promise<number> {
  const r = await db
    .selectFrom('posture_assets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('kind', '=', 'domain')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every scan of an organisation, oldest first, for its export. */
export async function listAllScans(db: Db, orgId: string): Promise<Scan[]> {
  const rows = await db.selectFrom('posture_scans').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toScan);
}
