import type { Kysely } from 'kysely';

// Governance: proposals decided by consent, one position per organisation,
// delegates who may set their organisation's position, discussion comments
// with every version kept. Titles, bodies and outcome statements live in the
// kernel's multilingual `texts` table (owner_type 'proposal').
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('author_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    // What the decision is about, for the module that asked (an application, a grant, …).
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('quorum', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    // The count at the close, kept as it was even if organisations change later (JSON text).
    .addColumn('tally', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('outcome_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposals_status_closes').on('proposals').columns(['status', 'closes_at']).execute();
  await db.schema.createIndex('proposals_closed').on('proposals').columns(['closed_at', 'id']).execute();
  await db.schema.createIndex('proposals_author_org').on('proposals').column('author_org_id').execute();
  await db.schema.createIndex('proposals_subject').on('proposals').columns(['subject_type', 'subject_id']).execute();

  await db.schema
    .createTable('proposal_positions')
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('set_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_positions_pk', ['proposal_id', 'org_id'])
    .execute();
  await db.schema.createIndex('proposal_positions_org').on('proposal_positions').column('org_id').execute();

  await db.schema
    .createTable('governance_delegates')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('governance_delegates_pk', ['org_id', 'person_id'])
    .execute();
  await db.schema.createIndex('governance_delegates_person').on('governance_delegates').column('person_id').execute();

  await db.schema
    .createTable('proposal_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();
  await db.schema.createIndex('proposal_comments_proposal').on('proposal_comments').columns(['proposal_id', 'created_at']).execute();

  // Every version of every comment, the first included: "edited" links to this history.
  await db.schema
    .createTable('proposal_comment_versions')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('proposal_comments.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_comment_versions_pk', ['comment_id', 'version'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
