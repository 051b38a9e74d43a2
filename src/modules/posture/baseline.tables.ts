import type { Timestamp } from '../../kernel/time.js';

export const ANSWERS = ['yes', 'partly', 'no', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];

export const VISIBILITIES = ['private', 'members', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type BaselineChangeStatus = 'proposed' | 'published' | 'not_passed' | 'withdrawn';
export type HelpRequestStatus = 'open' | 'connected' | 'resolved' | 'withdrawn';

export interface PostureBaselineVersionsTable {
  version: number;
  published_at: Timestamp;
  proposal_id: string | null;
  /** JSON: PracticeRule[]. */
  rules: string;
  /** JSON: BaselineChange[] from the version before. */
  changes: string;
}

export interface PostureBaselineChangesTable {
  id: string;
  proposal_id: string;
  base_version: number;
  /** JSON: BaselineChange[]. */
  changes: string;
  status: BaselineChangeStatus;
  published_version: number | null;
  created_by: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface PostureAnswersTable {
  id: string;
  org_id: string;
  practice_id: string;
  answer: Answer;
  note: string | null;
  evidence_url: string | null;
  baseline_version: number;
  answered_by: string | null;
  answered_at: Timestamp;
}

export interface PostureSettingsTable {
  org_id: string;
  visibility: Visibility;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PostureHelpOffersTable {
  org_id: string;
  practice_id: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PostureHelpRequestsTable {
  id: string;
  org_id: string;
  practice_id: string;
  gap: string;
  baseline_version: number;
  note: string | null;
  lang: string;
  status: HelpRequestStatus;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface PostureHelpConnectionsTable {
  request_id: string;
  helper_org_id: string;
  offered_by: string | null;
  message: string | null;
  created_at: Timestamp;
}

export interface BaselineTables {
  posture_baseline_versions: PostureBaselineVersionsTable;
  posture_baseline_changes: PostureBaselineChangesTable;
  posture_answers: PostureAnswersTable;
  posture_settings: PostureSettingsTable;
  posture_help_offers: PostureHelpOffersTable;
  posture_help_requests: PostureHelpRequestsTable;
  posture_help_connections: PostureHelpConnectionsTable;
}
