import type { Timestamp } from '../../kernel/time.js';

export type CampaignKind = 'survey' | 'inbox';
export type CampaignStatus = 'draft' | 'published';
/** public: anyone with the link; private: only people given the link with its key. */
export type CampaignAccess = 'public' | 'private';
export type QuestionKind = 'text' | 'single' | 'multiple' | 'scale';
export const QUESTION_KINDS: readonly QuestionKind[] = ['text', 'single', 'multiple', 'scale'];
/** pending: waits for a moderator; accepted: counted in reports; spam: kept apart, never counted. */
export type AnswerStatus = 'pending' | 'accepted' | 'spam';
export type NeedStatus = 'open' | 'planned' | 'in_progress' | 'done' | 'declined';
export const NEED_STATUSES: readonly NeedStatus[] = ['open', 'planned', 'in_progress', 'done', 'declined'];

export interface VoiceCampaignsTable {
  id: string;
  org_id: string | null;
  inbox_of: string | null;
  kind: CampaignKind;
  status: CampaignStatus;
  access: CampaignAccess;
  private_nonce: string | null;
  moderated: number;
  source_lang: string;
  languages: string;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  hourly_budget: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VoiceQuestionsTable {
  id: string;
  campaign_id: string;
  position: number;
  kind: QuestionKind;
  required: number;
  created_at: Timestamp;
}

export interface VoiceChoicesTable {
  id: string;
  question_id: string;
  position: number;
}

export interface VoiceAnswersTable {
  id: string;
  campaign_id: string;
  org_id: string | null;
  lang: string;
  status: AnswerStatus;
  /** 1 when a proof-of-work challenge was solved with it. */
  verified: number;
  received_at: Timestamp;
  moderated_at: Timestamp | null;
  moderated_by: string | null;
}

export interface VoiceAnswerValuesTable {
  answer_id: string;
  question_id: string;
  /** A choice id, or a scale point '1'…'5'. */
  value: string;
}

export interface VoiceAnswerTagsTable {
  answer_id: string;
  tag: string;
}

export interface VoiceTalliesTable {
  campaign_id: string;
  question_id: string;
  value: string;
  n: number;
}

export interface VoiceUsedTokensTable {
  id: string;
  expires_at: Timestamp;
}

export interface VoiceBudgetsTable {
  scope: string;
  hour: Timestamp;
  n: number;
}

export interface VoiceModeratorsTable {
  org_id: string;
  person_id: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface VoiceNeedsTable {
  id: string;
  org_id: string | null;
  status: NeedStatus;
  merged_into: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VoiceNeedTagsTable {
  need_id: string;
  tag: string;
}

export interface VoiceNeedAnswersTable {
  need_id: string;
  answer_id: string;
  campaign_id: string;
  linked_by: string | null;
  linked_at: Timestamp;
}

export interface VoiceNeedLinksTable {
  need_id: string;
  kind: string;
  target_id: string;
  created_at: Timestamp;
}

export interface VoiceNeedEventsTable {
  id: string;
  need_id: string;
  org_id: string | null;
  status: NeedStatus;
  at: Timestamp;
}

export interface VoiceQuotesTable {
  id: string;
  answer_id: string;
  campaign_id: string;
  question_id: string;
  lang: string;
  excerpt: string;
  approved_by: string | null;
  approved_at: Timestamp;
}

export interface VoicesTables {
  voice_campaigns: VoiceCampaignsTable;
  voice_questions: VoiceQuestionsTable;
  voice_choices: VoiceChoicesTable;
  voice_answers: VoiceAnswersTable;
  voice_answer_values: VoiceAnswerValuesTable;
  voice_answer_tags: VoiceAnswerTagsTable;
  voice_tallies: VoiceTalliesTable;
  voice_used_tokens: VoiceUsedTokensTable;
  voice_budgets: VoiceBudgetsTable;
  voice_moderators: VoiceModeratorsTable;
  voice_needs: VoiceNeedsTable;
  voice_need_tags: VoiceNeedTagsTable;
  voice_need_answers: VoiceNeedAnswersTable;
  voice_need_links: VoiceNeedLinksTable;
  voice_need_events: VoiceNeedEventsTable;
  voice_quotes: VoiceQuotesTable;
}
