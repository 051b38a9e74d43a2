import type { Kysely } from 'kysely';

// The posture baseline: published versions of the practice catalogue, changes
// proposed through governance, organisations' self-assessment answers (a
// history: the newest answer per practice counts), who may see an
// organisation's scorecard, and "from gap to help" (what members can help
// with, requests for help, and the offers that connect two organisations).
// Practice texts live in the kernel's `texts` table (owner 'posture_practice').
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('posture_baseline_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('published_at', 'text', (c) => c.notNull())
    // Null for the first version, published from the shipped catalogue.
    .addColumn('proposal_id', 'text', (c) => c.references('proposals.id').onDelete('set null'))
    // JSON: the practice rules (id, area, weight, check ids) in force from this version on.
    .addColumn('rules', 'text', (c) => c.notNull())
    // JSON: what changed from the version before.
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('posture_baseline_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().unique().references('proposals.id').onDelete('cascade'))
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();

  await db.schema
    .createTable('posture_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('baseline_version', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posture_answers_org').on('posture_answers').columns(['org_id', 'practice_id', 'answered_at']).execute();

  await db.schema
    .createTable('posture_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('posture_help_offers')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('posture_help_offers_pk', ['org_id', 'practice_id'])
    .execute();
  await db.schema.createIndex('posture_help_offers_practice').on('posture_help_offers').column('practice_id').execute();

  await db.schema
    .createTable('posture_help_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull())
    // The practice's status on the scorecard when help was asked for (fail, warn, unanswered, …).
    .addColumn('gap', 'text', (c) => c.notNull())
    .addColumn('baseline_version', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('posture_help_requests_status').on('posture_help_requests').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('posture_help_requests_org').on('posture_help_requests').columns(['org_id', 'practice_id']).execute();

  await db.schema
    .createTable('posture_help_connections')
    .addColumn('request_id', 'text', (c) => c.notNull().references('posture_help_requests.id').onDelete('cascade'))
    .addColumn('helper_org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('offered_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('posture_help_connections_pk', ['request_id', 'helper_org_id'])
    .execute();
  await db.schema.createIndex('posture_help_connections_helper').on('posture_help_connections').column('helper_org_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
