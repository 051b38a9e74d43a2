// Append-only, hash-chained audit log. Each entry stores the hash of the one
// before it, so a changed, removed or reordered entry breaks the chain from
// that point on. Entries are written in the transaction of the change they record.
//
// What the chain cannot show: removing the newest entries (the rest is still a
// valid chain), or someone with write access rewriting the whole log and
// recomputing every hash. Both change the head hash, which is why
// `hearth audit verify` prints it: admins record it somewhere else and compare.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { lockForChain } from '../db/dialect.js';
import { likeMatch, likePattern } from '../db/like.js';
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
  // Outside a transaction the lock ends before the insert and two writers could take the same seq.
  if (!trx.isTransaction) throw new Error('audit() must run inside the transaction of the change it records');
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

export type AuditProblem = 'modified' | 'deleted' | 'reordered';

export type VerifyResult =
  | { ok: true; count: number; head: string }
  /** `count` is the number of intact entries before `seq`. */
  | { ok: false; count: number; seq: number; problem: AuditProblem };

/**
 * Walk the chain in order; report the first entry that does not fit:
 * - modified: the entry no longer matches its own hash;
 * - deleted: a sequence number is missing;
 * - reordered: the entry that belongs here sits elsewhere, or this entry is intact
 *   but does not point back to the one before it.
 * An intact chain returns its length and the hash of its newest entry.
 */
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
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      if (row.seq !== expectedSeq) return { ok: false, count, seq: expectedSeq, problem: 'deleted' };
      if (!selfConsistent(row)) {
        const problem = (await movedHere(db, expectedSeq, prevHash)) ? 'reordered' : 'modified';
        return { ok: false, count, seq: expectedSeq, problem };
      }
      // Intact, but not the successor of the entry before it: entries were moved, or the
      // one before was rewritten together with its hash. The chain cannot tell which.
      if (row.prev_hash !== prevHash) return { ok: false, count, seq: expectedSeq, problem: 'reordered' };
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
  }
  return { ok: true, count, head: prevHash };
}

function selfConsistent(row: AuditLogTable): boolean {
  const { hash, ...rest } = row;
  return entryHash(rest) === hash;
}

/**
 * Is the entry that belongs at `seq` (the one pointing back to `prevHash`) intact
 * somewhere else in the log? Runs only once the chain is already broken.
 */
async function movedHere(db: Db, seq: number, prevHash: string): Promise<boolean> {
  const candidates = await db.selectFrom('audit_log').selectAll().where('prev_hash', '=', prevHash).where('seq', '!=', seq).execute();
  return candidates.some((c) => selfConsistent({ ...c, seq }));
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
  // Action names contain underscores, so LIKE's wildcards are escaped rather than dropped.
  if (f.action) q = q.where(likeMatch(sql.ref('action'), likePattern(f.action, 'prefix')));
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

function parseData(text: string): Record<string, unknown> {
  // A hand-edited row must not take the viewer down with it; verify reports it.
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  return { unreadable: text.slice(0, 200) };
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
    data: parseData(row.data),
    hash: row.hash,
  };
}

// ── Lookups for the admin viewer ──────────────────────────────────────────

/** Display names of people by id, in one query; ids without a person are left out. */
export async function displayNamesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export interface OrgLabel {
  id: string;
  slug: string;
  name: string;
}

/** Organisations by id, in one query. */
export async function orgLabelsOf(db: Db, ids: string[]): Promise<Map<string, OrgLabel>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'slug', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findOrgLabelBySlug(db: Db, slug: string): Promise<OrgLabel | undefined> {
  return db.selectFrom('organisations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}
