import type { Kysely } from 'kysely';

// Learning, second step: trainings can be edited and cancelled (a cancelled
// training stays, marked; `sequence` is the iCal SEQUENCE, raised whenever the
// time or place changes or the training is cancelled, so calendars replace
// their copy); a mentee may be an organisation (`mentee_type` 'org': the
// organisation in mentee_org_id, mentee_id is the org-admin who asked); and
// mentorship requests, an open ask for a mentor by a person or by an
// organisation, which a mentor takes up.
//
// Named after every migration of 2026-11-26 so it sorts after those already
// applied (the runner refuses one older than the newest applied).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('trainings')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .execute();
  await db.schema
    .alterTable('trainings')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('trainings').addColumn('cancelled_at', 'text').execute();
  await db.schema
    .alterTable('trainings')
    .addColumn('cancelled_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();
  // In the organiser's words, as typed: sent to registered people beside the translated notice.
  await db.schema.alterTable('trainings').addColumn('cancel_reason', 'text').execute();

  await db.schema
    .alterTable('mentorships')
    .addColumn('mentee_type', 'text', (c) => c.notNull().defaultTo('person'))
    .execute();

  await db.schema
    .createTable('mentorship_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'person' (for oneself) or 'org' (an org-admin on behalf of the organisation).
    .addColumn('requester_type', 'text', (c) => c.notNull())
    // The person's or the organisation's id (no foreign key: it points to one table or the other).
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('skill', 'text', (c) => c.notNull())
    // JSON array of ISO 639-1 codes.
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    // 'open', 'matched' (a mentor took it up) or 'withdrawn'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mentorship_id', 'text', (c) => c.references('mentorships.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('mentorship_requests_open').on('mentorship_requests').columns(['status', 'skill']).execute();
  await db.schema.createIndex('mentorship_requests_requester').on('mentorship_requests').columns(['requester_type', 'requester_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mentorship_requests').execute();
  await db.schema.alterTable('mentorships').dropColumn('mentee_type').execute();
  for (const c of ['cancel_reason', 'cancelled_by', 'cancelled_at', 'sequence', 'status']) await db.schema.alterTable('trainings').dropColumn(c).execute();
}
