// Every query of the texts table.
import type { Db } from '../db/connect.js';
import type { TextsTable } from '../db/kernel.tables.js';
import { fromTimestamp } from '../time.js';

/** What a text belongs to: a record of some module (an organisation, a proposal, …). */
export interface TextOwner {
  ownerType: string;
  ownerId: string;
}

/** One language version of one field of one owner. */
export interface TextVersion extends TextOwner {
  field: string;
  lang: string;
  body: string;
  isSource: boolean;
  translator: string | null;
  machine: boolean;
  createdBy: string | null;
  updatedAt: Date;
}

export const toTextVersion = (r: TextsTable): TextVersion => ({
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  field: r.field,
  lang: r.lang,
  body: r.body,
  isSource: Number(r.is_source) === 1,
  translator: r.translator,
  machine: Number(r.machine) === 1,
  createdBy: r.created_by,
  updatedAt: fromTimestamp(r.updated_at),
});

export async function listTextRows(db: Db, owner: TextOwner, field: string): Promise<TextsTable[]> {
  return db
    .selectFrom('texts')
    .selectAll()
    .where('owner_type', '=', owner.ownerType)
    .where('owner_id', '=', owner.ownerId)
    .where('field', '=', field)
    .orderBy('is_source', 'desc')
    .orderBy('lang')
    .execute();
}

export async function insertTextRow(db: Db, row: TextsTable): Promise<void> {
  await db.insertInto('texts').values(row).execute();
}

export async function updateTextRow(db: Db, row: TextsTable): Promise<void> {
  await db
    .updateTable('texts')
    .set({
      body: row.body,
      is_source: row.is_source,
      translator: row.translator,
      machine: row.machine,
      created_by: row.created_by,
      updated_at: row.updated_at,
    })
    .where('owner_type', '=', row.owner_type)
    .where('owner_id', '=', row.owner_id)
    .where('field', '=', row.field)
    .where('lang', '=', row.lang)
    .execute();
}

/** The former source becomes an ordinary version, before another takes its place. */
export async function clearSource(db: Db, owner: TextOwner, field: string): Promise<void> {
  await db
    .updateTable('texts')
    .set({ is_source: 0 })
    .where('owner_type', '=', owner.ownerType)
    .where('owner_id', '=', owner.ownerId)
    .where('field', '=', field)
    .where('is_source', '=', 1)
    .execute();
}

export async function deleteTextRow(db: Db, owner: TextOwner, field: string, lang: string): Promise<number> {
  const r = await db
    .deleteFrom('texts')
    .where('owner_type', '=', owner.ownerType)
    .where('owner_id', '=', owner.ownerId)
    .where('field', '=', field)
    .where('lang', '=', lang)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteOwnerRows(db: Db, owner: TextOwner): Promise<number> {
  const r = await db.deleteFrom('texts').where('owner_type', '=', owner.ownerType).where('owner_id', '=', owner.ownerId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A row as pickText needs it: the body only where it may be shown (reader's language or source). */
export interface PickRow {
  owner_id: string;
  lang: string;
  is_source: number;
  translator: string | null;
  machine: number;
  body: string | null;
}

// Large enough that a directory page is always one query, small enough for
// SQLite's limit on bound parameters.
const CHUNK = 5_000;

/**
 * Every language of `field` for many owners in one query, with the body sent
 * only for the reader's language and the source: a directory page of fifty
 * organisations in three languages reads fifty or a hundred bodies, not 150.
 */
export async function listPickRows(db: Db, ownerType: string, ownerIds: readonly string[], field: string, readerLang: string): Promise<PickRow[]> {
  const out: PickRow[] = [];
  for (let i = 0; i < ownerIds.length; i += CHUNK) {
    const ids = ownerIds.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('texts')
      .select(['owner_id', 'lang', 'is_source', 'translator', 'machine'])
      .select((eb) =>
        eb
          .case()
          .when(eb.or([eb('lang', '=', readerLang), eb('is_source', '=', 1)]))
          .then(eb.ref('body'))
          .else(null)
          .end()
          .as('body'),
      )
      .where('owner_type', '=', ownerType)
      .where('field', '=', field)
      .where('owner_id', 'in', ids)
      .execute();
    out.push(...rows);
  }
  return out;
}
