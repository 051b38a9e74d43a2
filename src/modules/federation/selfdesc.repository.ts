// Every query of self-description sources.
import type { Db } from '../../kernel/db/connect.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { SelfDescSourcesTable } from './profile.tables.js';

export interface SelfDescSource {
  orgId: string;
  url: string;
  lastFetchAt: Date | null;
  lastOkAt: Date | null;
  lastError: { code: string; at: Date; values: Record<string, string | number> } | null;
  pending: { json: string; hash: string; at: Date } | null;
  rejectedHash: string | null;
}

function parseValues(text: string | null): Record<string, string | number> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string | number>) : {};
  } catch {
    return {};
  }
}

export const toSource = (r: SelfDescSourcesTable): SelfDescSource => ({
  orgId: r.org_id,
  url: r.url,
  lastFetchAt: r.last_fetch_at ? fromTimestamp(r.last_fetch_at) : null,
  lastOkAt: r.last_ok_at ? fromTimestamp(r.last_ok_at) : null,
  lastError: r.last_error_code && r.last_error_at ? { code: r.last_error_code, at: fromTimestamp(r.last_error_at), values: parseValues(r.last_error_detail) } : null,
  pending: r.pending && r.pending_hash && r.pending_at ? { json: r.pending, hash: r.pending_hash, at: fromTimestamp(r.pending_at) } : null,
  rejectedHash: r.rejected_hash,
});

export async function findSource(db: Db, orgId: string): Promise<SelfDescSource | undefined> {
  const r = await db.selectFrom('selfdesc_sources').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return r && toSource(r);
}

/** Sources of active organisations, for the daily fetch. */
export async function listSourceOrgIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('selfdesc_sources as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select('s.org_id')
    .where('o.status', '=', 'active')
    .orderBy('s.org_id')
    .execute();
  return rows.map((r) => r.org_id);
}

/** A new address starts over: no fetch result of the old address stays attached to it. */
export async function saveSourceUrl(db: Db, orgId: string, url: string, now: Timestamp): Promise<void> {
  const fresh = {
    url,
    updated_at: now,
    last_fetch_at: null,
    last_ok_at: null,
    last_error_code: null,
    last_error_at: null,
    last_error_detail: null,
    pending: null,
    pending_hash: null,
    pending_at: null,
    rejected_hash: null,
  };
  await db
    .insertInto('selfdesc_sources')
    .values({ org_id: orgId, created_at: now, ...fresh })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(fresh))
    .execute();
}

export async function deleteSource(db: Db, orgId: string): Promise<boolean> {
  const r = await db.deleteFrom('selfdesc_sources').where('org_id', '=', orgId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Records a failed fetch; what was pending before stays (the last good version is not lost). */
export async function recordFailure(db: Db, orgId: string, url: string, code: string, values: Record<string, string | number>, now: Timestamp): Promise<void> {
  await db
    .updateTable('selfdesc_sources')
    .set({ last_fetch_at: now, last_error_code: code, last_error_at: now, last_error_detail: JSON.stringify(values) })
    .where('org_id', '=', orgId)
    .where('url', '=', url)
    .execute();
}

/** Records a good fetch and what it proposes (null: nothing to decide). */
export async function recordSuccess(db: Db, orgId: string, url: string, pending: { json: string; hash: string } | null, now: Timestamp): Promise<void> {
  await db
    .updateTable('selfdesc_sources')
    .set({
      last_fetch_at: now,
      last_ok_at: now,
      last_error_code: null,
      last_error_at: null,
      last_error_detail: null,
      pending: pending?.json ?? null,
      pending_hash: pending?.hash ?? null,
      pending_at: pending ? now : null,
    })
    .where('org_id', '=', orgId)
    .where('url', '=', url)
    .execute();
}

/** The decision is taken: nothing pending any more; a rejected version is remembered so it is not offered again. */
export async function clearPending(db: Db, orgId: string, rejectedHash: string | null): Promise<void> {
  await db
    .updateTable('selfdesc_sources')
    .set({ pending: null, pending_hash: null, pending_at: null, ...(rejectedHash ? { rejected_hash: rejectedHash } : {}) })
    .where('org_id', '=', orgId)
    .execute();
}
