import type { Kysely } from 'kysely';

// Applications to join the federation, from the public form to the decision.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('membership_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('serves', 'text', (c) => c.notNull())
    // ISO 3166-1 and ISO 639-1 codes, JSON arrays as text.
    .addColumn('countries', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    // The interface language the applicant used: their messages are written in it.
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('charter_agreed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.references('proposals.id').onDelete('set null'))
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('applicant_notified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('membership_applications_status').on('membership_applications').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('membership_applications_proposal').on('membership_applications').column('proposal_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
