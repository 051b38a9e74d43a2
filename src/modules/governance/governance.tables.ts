import type { Timestamp } from '../../kernel/time.js';

export const proposalKinds = ['admission', 'funding', 'baseline_change', 'general'] as const;
export type ProposalKind = (typeof proposalKinds)[number];

export const proposalStatuses = ['open', 'passed', 'not_passed', 'withdrawn'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const positionKinds = ['agree', 'abstain', 'concern', 'block'] as const;
export type PositionKind = (typeof positionKinds)[number];

export interface ProposalsTable {
  id: string;
  kind: ProposalKind;
  author_org_id: string | null;
  author_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** The IANA zone the author entered the times in. */
  time_zone: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  quorum: number;
  status: ProposalStatus;
  closed_at: Timestamp | null;
  /** JSON text: the count at the close. */
  tally: string | null;
  reminded_at: Timestamp | null;
  outcome_at: Timestamp | null;
  outcome_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProposalPositionsTable {
  proposal_id: string;
  org_id: string;
  position: PositionKind;
  reason: string | null;
  set_by: string | null;
  set_at: Timestamp;
}

export interface GovernanceDelegatesTable {
  org_id: string;
  person_id: string;
  added_by: string | null;
  created_at: Timestamp;
}

export interface ProposalCommentsTable {
  id: string;
  proposal_id: string;
  author_id: string | null;
  body: string;
  version: number;
  created_at: Timestamp;
  edited_at: Timestamp | null;
}

export interface ProposalCommentVersionsTable {
  comment_id: string;
  version: number;
  body: string;
  created_at: Timestamp;
}

export interface GovernanceTables {
  proposals: ProposalsTable;
  proposal_positions: ProposalPositionsTable;
  governance_delegates: GovernanceDelegatesTable;
  proposal_comments: ProposalCommentsTable;
  proposal_comment_versions: ProposalCommentVersionsTable;
}
