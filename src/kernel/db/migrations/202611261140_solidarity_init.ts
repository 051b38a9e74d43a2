import type { Kysely } from 'kysely';
import { dropAppendOnly, makeAppendOnly } from '../dialect.js';

// The solidarity fund: a double-entry ledger (accounts, hash-chained
// transactions, postings in integer minor units), treasurers, disbursement
// thresholds, dues bands and each organisation's choice, aid requests and their
// disbursements. Purposes and reports of aid requests live in the kernel's
// `texts` table (owner_type 'aid_request').
//
// Ledger rows carry no foreign-key actions (no cascade, no set null): a row the
// database rewrote by itself would break its own hash.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Stable and readable: fund:EUR, income:donations:EUR, dues:<org>:EUR, expense:hosting:EUR, grant:<request>, exchange:EUR.
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    // Kept with each posting, in the same transaction; `hearth ledger verify` recomputes it.
    .addColumn('balance_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_accounts_kind').on('ledger_accounts').columns(['kind', 'currency']).execute();

  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The chain's order: 1, 2, 3, … without gaps.
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    // Hash of what was asked, to tell a retry (same) from a reused key (different).
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('org_id', 'text')
    .addColumn('category', 'text')
    .addColumn('reference', 'text')
    .addColumn('memo', 'text')
    .addColumn('reverses_id', 'text', (c) => c.unique())
    // JSON: an exchange's rate and its date, the grant or disbursement a transaction belongs to.
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_transactions_occurred').on('ledger_transactions').columns(['occurred_on', 'seq']).execute();

  await db.schema
    .createTable('ledger_postings')
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    // Positive: debit (money arriving in the account); negative: credit.
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_postings_pk', ['transaction_id', 'line'])
    .execute();
  await db.schema.createIndex('ledger_postings_account').on('ledger_postings').column('account_id').execute();

  // Money in and out per month, account and counterparty organisation ('' for none), kept with each
  // posting on income, dues and expense accounts: the public report reads this instead of every posting.
  // Derived data: `hearth ledger verify` recomputes it from the postings.
  await db.schema
    .createTable('ledger_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('org_key', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_monthly_pk', ['month', 'account_id', 'org_key'])
    .execute();

  await makeAppendOnly(db, 'ledger_transactions', 'the ledger is append-only: post a reversing transaction');
  await makeAppendOnly(db, 'ledger_postings', 'the ledger is append-only: post a reversing transaction');

  await db.schema
    .createTable('fund_treasurers')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('granted_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fund_thresholds')
    .addColumn('currency', 'text', (c) => c.primaryKey())
    // Disbursements above this need a second treasurer's approval.
    .addColumn('threshold_minor', 'bigint', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dues_bands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // 'budget': by self-declared annual budget; 'ppp': by the purchasing-power group of the country.
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('budget_min_minor', 'bigint')
    .addColumn('budget_max_minor', 'bigint')
    .addColumn('ppp_group', 'integer')
    .addColumn('currency', 'text', (c) => c.notNull())
    // Zero is a first-class amount: solidarity membership.
    .addColumn('suggested_minor', 'bigint', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dues_choices')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('band_id', 'text', (c) => c.notNull().references('dues_bands.id'))
    // The organisation asked not to be named beside its dues on the public report.
    .addColumn('undisclosed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chosen_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('aid_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('timeline', 'text', (c) => c.notNull())
    .addColumn('report_plan', 'text', (c) => c.notNull())
    .addColumn('undisclosed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text')
    .addColumn('grant_account_id', 'text', (c) => c.references('ledger_accounts.id'))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('reported_at', 'text')
    .execute();
  await db.schema.createIndex('aid_requests_org').on('aid_requests').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('aid_requests_status').on('aid_requests').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('fund_disbursements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('aid_requests.id'))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('memo', 'text')
    // pending (waits for a second treasurer), posted, cancelled.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('requested_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('transaction_id', 'text')
    .execute();
  await db.schema.createIndex('fund_disbursements_request').on('fund_disbursements').columns(['request_id', 'requested_at']).execute();

  // Learning: trainings and events (title and description in `texts`, owner 'training'), registrations,
  // skills offered and needed, mentorships with their sessions.
  await db.schema
    .createTable('trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null: the federation as a whole.
    .addColumn('org_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    // The organiser's zone, in which the times were entered.
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('online_url', 'text')
    .addColumn('place', 'text')
    // JSON array of ISO 639-1 codes spoken.
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trainings_starts').on('trainings').columns(['starts_at']).execute();

  await db.schema
    .createTable('training_registrations')
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_registrations_pk', ['training_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('skills')
    // 'person' or 'org'.
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // 'offer' or 'need'.
    .addColumn('direction', 'text', (c) => c.notNull())
    // A word of the shared vocabulary, or a free tag (lower case).
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('skills_pk', ['owner_type', 'owner_id', 'direction', 'skill'])
    .execute();
  await db.schema.createIndex('skills_skill').on('skills').columns(['skill', 'direction']).execute();

  await db.schema
    .createTable('mentorships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentor_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('mentee_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('mentee_org_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    // Where the request came from, kept general (a posture gap, later): type and id.
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('end_note', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();

  await db.schema
    .createTable('mentorship_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mentorship_sessions', 'mentorships', 'skills', 'training_registrations', 'trainings']) await db.schema.dropTable(t).execute();
  await db.schema.dropTable('fund_disbursements').execute();
  await db.schema.dropTable('aid_requests').execute();
  await db.schema.dropTable('dues_choices').execute();
  await db.schema.dropTable('dues_bands').execute();
  await db.schema.dropTable('fund_thresholds').execute();
  await db.schema.dropTable('fund_treasurers').execute();
  await dropAppendOnly(db, 'ledger_postings');
  await dropAppendOnly(db, 'ledger_transactions');
  await db.schema.dropTable('ledger_monthly').execute();
  await db.schema.dropTable('ledger_postings').execute();
  await db.schema.dropTable('ledger_transactions').execute();
  await db.schema.dropTable('ledger_accounts').execute();
}
