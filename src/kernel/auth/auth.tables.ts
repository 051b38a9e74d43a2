import type { Timestamp } from '../time.js';

export type FedRole = 'admin' | 'coordinator';
export type PersonStatus = 'active' | 'suspended';

export interface PeopleTable {
  id: string;
  email: string;
  display_name: string;
  pronouns: string | null;
  locale: string | null;
  time_zone: string | null;
  password_hash: string;
  fed_role: FedRole | null;
  status: PersonStatus;
  totp_secret: string | null;
  totp_last_step: number | null;
  totp_enabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: string;
  person_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  person_id: string;
  mfa_pending: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface PasswordResetsTable {
  id: string;
  person_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AuthTables {
  people: PeopleTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  password_resets: PasswordResetsTable;
}
