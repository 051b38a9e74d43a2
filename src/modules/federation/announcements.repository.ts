// Every query of announcements. Their titles and bodies are kernel texts.
import type { Db } from '../../kernel/db/connect.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { AnnouncementsTable, AnnouncementStatus } from './announcements.tables.js';

export const ANNOUNCEMENT_TEXT = 'announcement';

export interface AnnouncementOrg {
  id: string;
  slug: string;
  name: string;
}

export interface Announcement {
  id: string;
  /** null: federation-wide. */
  orgId: string | null;
  org: AnnouncementOrg | null;
  status: AnnouncementStatus;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** Where a page of published announcements continues: the last one shown. */
export interface Cursor {
  publishedAt: Timestamp;
  id: string;
}

type Row = AnnouncementsTable & { org_slug: string | null; org_name: string | null };

function toAnnouncement(r: Row): Announcement {
  return {
    id: r.id,
    orgId: r.org_id,
    org: r.org_id && r.org_slug && r.org_name ? { id: r.org_id, slug: r.org_slug, name: r.org_name } : null,
    status: r.status,
    createdBy: r.created_by,
    createdAt: fromTimestamp(r.created_at),
    updatedAt: fromTimestamp(r.updated_at),
    publishedAt: r.published_at ? fromTimestamp(r.published_at) : null,
  };
}

function base(db: Db) {
  return db
    .selectFrom('announcements')
    .leftJoin('organisations', 'organisations.id', 'announcements.org_id')
    .selectAll('announcements')
    .select(['organisations.slug as org_slug', 'organisations.name as org_name']);
}

export async function insertAnnouncement(db: Db, row: AnnouncementsTable): Promise<void> {
  await db.insertInto('announcements').values(row).execute();
}

export async function findAnnouncement(db: Db, id: string): Promise<Announcement | undefined> {
  const r = await base(db).where('announcements.id', '=', id).executeTakeFirst();
  return r && toAnnouncement(r);
}

export async function updateAnnouncement(db: Db, id: string, patch: Partial<Omit<AnnouncementsTable, 'id'>>): Promise<void> {
  await db.updateTable('announcements').set(patch).where('id', '=', id).execute();
}

export async function deleteAnnouncement(db: Db, id: string): Promise<void> {
  await db.deleteFrom('announcements').where('id', '=', id).execute();
}

/**
 * Published announcements, newest first, one page after `before`. Those of a
 * suspended organisation are left out of public lists.
 */
export async function listPublished(db: Db, opts: { orgId?: string | undefined; before?: Cursor | undefined; limit: number }): Promise<Announcement[]> {
  let q = base(db)
    .where('announcements.status', '=', 'published')
    .where((eb) => eb.or([eb('announcements.org_id', 'is', null), eb('organisations.status', '=', 'active')]))
    .orderBy('announcements.published_at', 'desc')
    .orderBy('announcements.id', 'desc')
    .limit(opts.limit);
  if (opts.orgId) q = q.where('announcements.org_id', '=', opts.orgId);
  const before = opts.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('announcements.published_at', '<', before.publishedAt),
        eb.and([eb('announcements.published_at', '=', before.publishedAt), eb('announcements.id', '<', before.id)]),
      ]),
    );
  }
  return (await q.execute()).map(toAnnouncement);
}

/** Drafts federation-wide (when `federation`) and of the given organisations (every one when `allOrgs`), newest first. */
export async function listDrafts(db: Db, opts: { federation: boolean; orgIds: string[]; allOrgs: boolean; limit: number }): Promise<Announcement[]> {
  if (!opts.federation && !opts.allOrgs && opts.orgIds.length === 0) return [];
  const rows = await base(db)
    .where('announcements.status', '=', 'draft')
    .where((eb) => {
      const parts = [];
      if (opts.federation) parts.push(eb('announcements.org_id', 'is', null));
      if (opts.allOrgs) parts.push(eb('announcements.org_id', 'is not', null));
      else if (opts.orgIds.length > 0) parts.push(eb('announcements.org_id', 'in', opts.orgIds));
      return eb.or(parts);
    })
    .orderBy('announcements.updated_at', 'desc')
    .orderBy('announcements.id', 'desc')
    .limit(opts.limit)
    .execute();
  return rows.map(toAnnouncement);
}

/** Every announcement of an organisation, drafts included, oldest first (its data export). */
export async function listAllOfOrg(db: Db, orgId: string): Promise<Announcement[]> {
  const rows = await base(db).where('announcements.org_id', '=', orgId).orderBy('announcements.created_at').orderBy('announcements.id').execute();
  return rows.map(toAnnouncement);
}
