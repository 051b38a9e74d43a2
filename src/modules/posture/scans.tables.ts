import type { Timestamp } from '../../kernel/time.js';

/** A declared domain, or something found under a verified one (hosts, mail servers, name servers with their ports). */
export type AssetKind = 'domain' | 'web' | 'mail' | 'nameserver';
export const ASSET_KINDS: readonly AssetKind[] = ['domain', 'web', 'mail', 'nameserver'];

export type VerifyMethod = 'dns' | 'http';
export const VERIFY_METHODS: readonly VerifyMethod[] = ['dns', 'http'];

export type ScanTrigger = 'schedule' | 'demand' | 'cli';
export type ScanStatus = 'queued' | 'running' | 'done' | 'failed' | 'skipped';
export type ResultStatus = 'pass' | 'warn' | 'fail' | 'info' | 'error';

export interface PostureAssetsTable {
  id: string;
  org_id: string;
  /** Null for a declared domain; the domain's id for what a scan found under it. */
  parent_id: string | null;
  kind: AssetKind;
  /** The domain (declared) or host name (found), ASCII lower case, no final dot. */
  name: string;
  port: number | null;
  address: string | null;
  /** The token Hearth issued for this domain's proof of control (domains only). */
  challenge_token: string | null;
  /** How control was last proved; null while unproved. */
  verified_method: VerifyMethod | null;
  verified_at: Timestamp | null;
  /** Last time the proof was looked at (first proof or periodic re-check). */
  verify_checked_at: Timestamp | null;
  /** Set when a re-check no longer finds the proof: scans pause until it is proved again. */
  verify_lost_at: Timestamp | null;
  /** Why the last attempt or re-check failed: an error code (POSTURE_*). */
  verify_error: string | null;
  /** DKIM selectors the organisation declares for this domain, space-separated (MAIL-08 checks each key). */
  dkim_selectors: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Found assets: when the latest scan last saw them. */
  last_seen_at: Timestamp | null;
}

export interface PostureScansTable {
  id: string;
  org_id: string;
  /** The declared domain scanned. */
  asset_id: string;
  trigger: ScanTrigger;
  status: ScanStatus;
  requested_by: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  duration_ms: number | null;
  pass_count: number;
  warn_count: number;
  fail_count: number;
  info_count: number;
  error_count: number;
  /** The engine's overall score in thousandths (integers on both engines); null when nothing was scored. */
  score_permille: number | null;
  connections: number | null;
  /** Why a scan failed or was skipped: an error code. */
  error: string | null;
}

export interface PostureResultsTable {
  id: string;
  scan_id: string;
  check_id: string;
  category: string;
  status: ResultStatus;
  target: string;
  summary: string;
  /** The engine's evidence as JSON text ({ sent, received, facts }), plus `reason` for errors. */
  evidence: string;
}

/** Per organisation: how often scheduled scans run (weekly by default). */
export interface PostureScanSettingsTable {
  org_id: string;
  interval_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** What org-admins were told, so each change is told once (newly failing, expiring certificates, lost proof). */
export interface PostureNoticesTable {
  id: string;
  org_id: string;
  asset_id: string | null;
  scan_id: string | null;
  kind: 'newly_failing' | 'cert_expiring' | 'verification_lost';
  /** Short facts for the page and the e-mail (check ids, days left, host). */
  data: string;
  created_at: Timestamp;
  dismissed_at: Timestamp | null;
  dismissed_by: string | null;
}

export interface ScanTables {
  posture_assets: PostureAssetsTable;
  posture_scans: PostureScansTable;
  posture_results: PostureResultsTable;
  posture_scan_settings: PostureScanSettingsTable;
  posture_notices: PostureNoticesTable;
}
