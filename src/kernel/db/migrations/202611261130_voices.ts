import type { Kysely } from 'kysely';

// Voices: campaigns (surveys and each organisation's standing feedback inbox),
// their questions and choices, anonymous answers, the tallies reports read,
// the used form tokens and hourly budgets that stop floods, moderators, needs
// and approved quotes. Titles, questions, choice labels, free-text answers and
// need descriptions live in the kernel's `texts` table (owners 'voice_campaign',
// 'voice_question', 'voice_choice', 'voice_answer', 'voice_need').
//
// No table here has a column for an address, a user agent or a precise arrival
// time: an answer's arrival is kept to the hour (see docs/voices.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('voice_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // NULL: a federation-wide campaign, run by coordinators.
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    // The organisation whose standing inbox this is (one each); NULL for surveys.
    .addColumn('inbox_of', 'text', (c) => c.unique().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    // Private campaigns: the key in their link is derived from the server secret and this nonce; a new nonce revokes old links.
    .addColumn('private_nonce', 'text')
    .addColumn('moderated', 'integer', (c) => c.notNull())
    .addColumn('source_lang', 'text', (c) => c.notNull())
    // Comma-separated ISO 639-1 codes the respondent may choose from, the source first.
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('hourly_budget', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_campaigns_org').on('voice_campaigns').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('voice_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('voice_campaigns.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_questions_campaign').on('voice_questions').columns(['campaign_id', 'position']).execute();

  // A choice keeps its id in every language, so answers given in Arabic and in Czech add up.
  await db.schema
    .createTable('voice_choices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('voice_questions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_choices_question').on('voice_choices').columns(['question_id', 'position']).execute();

  await db.schema
    .createTable('voice_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('voice_campaigns.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    // The hour it arrived in, never the exact moment.
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('moderated_at', 'text')
    .addColumn('moderated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('voice_answers_campaign').on('voice_answers').columns(['campaign_id', 'status', 'received_at']).execute();
  await db.schema.createIndex('voice_answers_org').on('voice_answers').columns(['org_id', 'status', 'received_at']).execute();

  // Choices picked and scale points given: one row each (free text is in `texts`).
  await db.schema
    .createTable('voice_answer_values')
    .addColumn('answer_id', 'text', (c) => c.notNull().references('voice_answers.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_answer_values_pk', ['answer_id', 'question_id', 'value'])
    .execute();

  await db.schema
    .createTable('voice_answer_tags')
    .addColumn('answer_id', 'text', (c) => c.notNull().references('voice_answers.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_answer_tags_pk', ['answer_id', 'tag'])
    .execute();

  // Counts of accepted answers, kept in the transaction that accepts or rejects
  // one, so a report never scans answers. question_id '' is the campaign's total;
  // value '' counts the answers that answered that question.
  await db.schema
    .createTable('voice_tallies')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('voice_campaigns.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_tallies_pk', ['campaign_id', 'question_id', 'value'])
    .execute();

  // Form tokens (and proof-of-work challenges) already used, until they would have expired anyway.
  await db.schema
    .createTable('voice_used_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_used_tokens_expiry').on('voice_used_tokens').column('expires_at').execute();

  // Answers stored per hour: scope is a campaign id, or '*' for all campaigns together.
  await db.schema
    .createTable('voice_budgets')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_budgets_pk', ['scope', 'hour'])
    .execute();

  // Members an organisation's admins designated to read and triage its answers.
  await db.schema
    .createTable('voice_moderators')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_moderators_pk', ['org_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('voice_needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('merged_into', 'text', (c) => c.references('voice_needs.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_needs_org').on('voice_needs').columns(['org_id', 'updated_at']).execute();

  await db.schema
    .createTable('voice_need_tags')
    .addColumn('need_id', 'text', (c) => c.notNull().references('voice_needs.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_need_tags_pk', ['need_id', 'tag'])
    .execute();

  await db.schema
    .createTable('voice_need_answers')
    .addColumn('need_id', 'text', (c) => c.notNull().references('voice_needs.id').onDelete('cascade'))
    .addColumn('answer_id', 'text', (c) => c.notNull().references('voice_answers.id').onDelete('cascade'))
    // The answer's campaign, so a report finds its needs without walking every answer.
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('voice_campaigns.id').onDelete('cascade'))
    .addColumn('linked_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_need_answers_pk', ['need_id', 'answer_id'])
    .execute();
  await db.schema.createIndex('voice_need_answers_answer').on('voice_need_answers').column('answer_id').execute();
  await db.schema.createIndex('voice_need_answers_campaign').on('voice_need_answers').columns(['campaign_id', 'need_id']).execute();

  // Links to records of other modules that live outside project_links: governance proposals.
  await db.schema
    .createTable('voice_need_links')
    .addColumn('need_id', 'text', (c) => c.notNull().references('voice_needs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_need_links_pk', ['need_id', 'kind', 'target_id'])
    .execute();

  // Every status a need went through, for its page and the Atom feed.
  await db.schema
    .createTable('voice_need_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('voice_needs.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_need_events_at').on('voice_need_events').columns(['at']).execute();
  await db.schema.createIndex('voice_need_events_need').on('voice_need_events').columns(['need_id', 'at']).execute();

  // Excerpts of answers a moderator approved for public quoting.
  await db.schema
    .createTable('voice_quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answer_id', 'text', (c) => c.notNull().references('voice_answers.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('voice_campaigns.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_quotes_campaign').on('voice_quotes').columns(['campaign_id', 'approved_at']).execute();
  await db.schema.createIndex('voice_quotes_answer').on('voice_quotes').column('answer_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Hearth migrations only move forward; restore a backup to go back.');
}
