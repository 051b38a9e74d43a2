// Append-only, hash-chained audit log. Each entry stores the hash of the one
// before it, so a changed, removed or reordered entry breaks the chain from
// that point on. Entries are written in the transaction of the change they record.
import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { lockForChain } from '../db/dialect.js';
import { newId } from '../ids.js';
import type { AuditLogTable } from '../db/kernel.tables.js';
import { type Actor, actorId } from '../auth/actor.js';
import { fromTimestamp, toTimestamp } from '../time.js';

export const GENESIS = '0'.repeat(64);

export interface AuditDetails {
  targetType?: string;
  targetId?: string;
  orgId?: string;
  data?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgId: string | null;
  data: Record<string, unknown>;
  hash: string;
}

export function entryHash(row: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actor_id,
    row.action,
    row.target_type,
    row.target_id,
    row.org_id,
    row.data,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Record an event. Call inside the transaction that makes the change. */
export async function audit(trx: Db, actor: Actor, action: string, details: AuditDetails = {}): Promise<void> {
  await lockForChain(trx, 'audit_log');
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const data = { ...(details.data ?? {}) };
  if (actor.kind === 'system') data.system = actor.label;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: toTimestamp(new Date()),
    actor_id: actorId(actor),
    action,
    target_type: details.targetType ?? null,
    target_id: details.targetId ?? null,
    org_id: details.orgId ?? null,
    data: JSON.stringify(data),
    prev_hash: last?.hash ?? GENESIS,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash: entryHash(row) })
    .execute();
}

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; seq: number; problem: 'modified' | 'deleted' | 'reordered' };

/** Walk the chain in order; report the first entry that does not fit. */
export async function verifyAuditLog(db: Db, batch = 1000): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      const { hash, ...rest } = row;
      if (entryHash({ ...rest, seq }) !== hash) return { ok: false, count, seq, problem: 'modified' };
      if (seq !== expectedSeq) return { ok: false, count, seq: expectedSeq, problem: 'deleted' };
      if (row.prev_hash !== prevHash) return { ok: false, count, seq, problem: 'reordered' };
      prevHash = hash;
      expectedSeq = seq + 1;
      count++;
    }
  }
  return { ok: true, count, head: prevHash };
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  orgId?: string;
  from?: Date;
  to?: Date;
  /** Show entries older than this sequence number (keyset pagination). */
  before?: number;
  limit?: number;
}

export async function listAuditEntries(db: Db, f: AuditFilter): Promise<{ entries: AuditEntry[]; next: number | undefined }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit + 1);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_]/g, '')}%`);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.orgId) q = q.where('org_id', '=', f.orgId);
  if (f.from) q = q.where('at', '>=', toTimestamp(f.from));
  if (f.to) q = q.where('at', '<', toTimestamp(f.to));
  if (f.before) q = q.where('seq', '<', f.before);
  const rows = await q.execute();
  const page = rows.slice(0, limit).map(toEntry);
  return { entries: page, next: rows.length > limit ? page[page.length - 1]?.seq : undefined };
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: fromTimestamp(row.at),
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    orgId: row.org_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    hash: row.hash,
  };
}
