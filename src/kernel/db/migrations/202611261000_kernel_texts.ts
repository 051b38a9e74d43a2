import { sql, type Kysely } from 'kysely';

// Multilingual text: one row per owner, field and language. Exactly one row of
// each owner/field is the source (the language it was written in); the others
// are translations, credited to a person or flagged as machine-made.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('texts')
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_source', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('translator', 'text')
    .addColumn('machine', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('texts_pk', ['owner_type', 'owner_id', 'field', 'lang'])
    .execute();
  // At most one source per owner/field, kept by the database itself; the service
  // keeps "at least one". Partial indexes work the same on SQLite and PostgreSQL.
  await db.schema
    .createIndex('texts_one_source')
    .on('texts')
    .columns(['owner_type', 'owner_id', 'field'])
    .unique()
    .where(sql<boolean>`is_source = 1`)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
