import type { Kysely } from 'kysely';

// Announcements, federation-wide (org_id null) or of one organisation. Titles and
// bodies live in the kernel's `texts` table (owner 'announcement').
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('announcements_published').on('announcements').columns(['status', 'published_at', 'id']).execute();
  await db.schema.createIndex('announcements_org').on('announcements').columns(['org_id', 'status', 'published_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
