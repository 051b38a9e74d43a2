import type { Timestamp } from '../../kernel/time.js';

export const accountKinds = ['fund', 'income', 'dues', 'expense', 'grant', 'exchange'] as const;
export type AccountKind = (typeof accountKinds)[number];

export const transactionKinds = ['income', 'dues', 'expense', 'allocation', 'disbursement', 'exchange', 'reversal'] as const;
export type TransactionKind = (typeof transactionKinds)[number];

export interface LedgerAccountsTable {
  id: string;
  code: string;
  kind: AccountKind;
  category: string | null;
  currency: string;
  org_id: string | null;
  balance_minor: number;
  created_at: Timestamp;
}

export interface LedgerTransactionsTable {
  id: string;
  seq: number;
  idempotency_key: string;
  fingerprint: string;
  kind: TransactionKind;
  /** yyyy-mm-dd: the day the money moved (the bank's date), not when it was typed in. */
  occurred_on: string;
  recorded_at: Timestamp;
  recorded_by: string | null;
  org_id: string | null;
  category: string | null;
  reference: string | null;
  memo: string | null;
  reverses_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface LedgerPostingsTable {
  transaction_id: string;
  line: number;
  account_id: string;
  currency: string;
  amount_minor: number;
}

/** Derived: money per month (yyyy-mm), account and counterparty organisation ('' for none), for the report. */
export interface LedgerMonthlyTable {
  month: string;
  account_id: string;
  org_key: string;
  total_minor: number;
}

export interface FundTreasurersTable {
  person_id: string;
  granted_by: string | null;
  granted_at: Timestamp;
}

export interface FundThresholdsTable {
  currency: string;
  threshold_minor: number;
  set_by: string | null;
  set_at: Timestamp;
}

export type DuesBasis = 'budget' | 'ppp';
export type DuesPeriod = 'year' | 'quarter' | 'month';

export interface DuesBandsTable {
  id: string;
  name: string;
  basis: DuesBasis;
  budget_min_minor: number | null;
  budget_max_minor: number | null;
  ppp_group: number | null;
  currency: string;
  suggested_minor: number;
  period: DuesPeriod;
  position: number;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DuesChoicesTable {
  org_id: string;
  band_id: string;
  undisclosed: number;
  chosen_by: string | null;
  chosen_at: Timestamp;
}

export const urgencies = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

export const requestStatuses = ['proposed', 'granted', 'declined', 'withdrawn', 'reported'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export interface AidRequestsTable {
  id: string;
  org_id: string;
  title: string;
  amount_minor: number;
  currency: string;
  urgency: Urgency;
  timeline: string;
  report_plan: string;
  undisclosed: number;
  status: RequestStatus;
  proposal_id: string | null;
  grant_account_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  decided_at: Timestamp | null;
  reported_at: Timestamp | null;
}

export type DisbursementStatus = 'pending' | 'posted' | 'cancelled';

export interface FundDisbursementsTable {
  id: string;
  request_id: string;
  amount_minor: number;
  currency: string;
  occurred_on: string;
  reference: string | null;
  memo: string | null;
  status: DisbursementStatus;
  idempotency_key: string;
  requested_by: string | null;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  transaction_id: string | null;
}

export interface TrainingsTable {
  id: string;
  org_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: string;
  online_url: string | null;
  place: string | null;
  languages: string;
  capacity: number | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Kept when cancelled: the page and the iCal feeds show it as cancelled. */
  status: TrainingStatus;
  /** The iCal SEQUENCE: raised when the time or place changes and when it is cancelled. */
  sequence: number;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export type TrainingStatus = 'scheduled' | 'cancelled';

export interface TrainingRegistrationsTable {
  training_id: string;
  person_id: string;
  created_at: Timestamp;
}

export type SkillOwner = 'person' | 'org';
export type SkillDirection = 'offer' | 'need';

export interface SkillsTable {
  owner_type: SkillOwner;
  owner_id: string;
  direction: SkillDirection;
  skill: string;
  languages: string;
  note: string | null;
  created_at: Timestamp;
}

export type MenteeType = 'person' | 'org';

export interface MentorshipsTable {
  id: string;
  mentor_id: string;
  /** The mentee; for an organisation's mentorship, the org-admin who asked (its contact). */
  mentee_id: string;
  mentee_org_id: string | null;
  /** 'org': the organisation in mentee_org_id is the mentee, and its org-admins take part. */
  mentee_type: MenteeType;
  skill: string;
  goals: string;
  source_type: string | null;
  source_id: string | null;
  status: 'active' | 'ended';
  end_note: string | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface MentorshipSessionsTable {
  id: string;
  mentorship_id: string;
  held_on: string;
  note: string;
  created_by: string | null;
  created_at: Timestamp;
}

export type MentorshipRequestStatus = 'open' | 'matched' | 'withdrawn';

/** An open ask for a mentor, by a person for themselves or by an org-admin for the organisation. */
export interface MentorshipRequestsTable {
  id: string;
  requester_type: MenteeType;
  requester_id: string;
  asked_by: string | null;
  skill: string;
  languages: string;
  goals: string;
  status: MentorshipRequestStatus;
  mentorship_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface SolidarityTables {
  ledger_accounts: LedgerAccountsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_postings: LedgerPostingsTable;
  ledger_monthly: LedgerMonthlyTable;
  fund_treasurers: FundTreasurersTable;
  fund_thresholds: FundThresholdsTable;
  dues_bands: DuesBandsTable;
  dues_choices: DuesChoicesTable;
  aid_requests: AidRequestsTable;
  fund_disbursements: FundDisbursementsTable;
  trainings: TrainingsTable;
  training_registrations: TrainingRegistrationsTable;
  skills: SkillsTable;
  mentorships: MentorshipsTable;
  mentorship_sessions: MentorshipSessionsTable;
  mentorship_requests: MentorshipRequestsTable;
}
