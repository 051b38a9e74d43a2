import type { Timestamp } from '../time.js';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  org_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface SchedulesTable {
  name: string;
  cron: string;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
}

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** Multilingual text: one row per owner, field and language (see kernel/text). */
export interface TextsTable {
  owner_type: string;
  owner_id: string;
  field: string;
  lang: string;
  body: string;
  is_source: number;
  translator: string | null;
  machine: number;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface KernelTables {
  settings: SettingsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  mail_outbox: MailOutboxTable;
  texts: TextsTable;
}
