// Tables of member profiles, their services, logos and self-descriptions.
// Descriptions live in the kernel's `texts` table (owner 'organisation').
import type { Timestamp } from '../../kernel/time.js';

export type ServiceKind =
  | 'mail'
  | 'web_hosting'
  | 'mailing_lists'
  | 'chat_xmpp'
  | 'chat_matrix'
  | 'vpn'
  | 'files'
  | 'video_calls'
  | 'pads'
  | 'dns'
  | 'mirrors'
  | 'other';
export type RegistrationPolicy = 'open' | 'invitation' | 'movement_members' | 'closed';
export type ServiceStatus = 'active' | 'beta' | 'retiring';

/** One row per organisation that filled in its profile; an organisation without one shows an empty profile. */
export interface OrgProfilesTable {
  org_id: string;
  region: string | null;
  founded_year: number | null;
  website: string | null;
  contact_email: string | null;
  /** An e-mail address or an http(s) URL. */
  security_contact: string | null;
  /** Armored public key, re-armored by us after parsing; fingerprint etc. kept beside it for listing. */
  openpgp_key: string | null;
  openpgp_fingerprint: string | null;
  openpgp_algorithm: string | null;
  openpgp_expires_at: Timestamp | null;
  donation_url: string | null;
  logo_blob_id: string | null;
  /** Moved forward by every change of the profile, its texts, services or logo (Last-Modified of the JSON). */
  updated_at: Timestamp;
  /**
   * Counts every change, so readers can tell that something changed even when two
   * changes share a millisecond (the cache of /federation.json relies on it).
   */
  revision: number;
}

export interface OrgProfileCountriesTable {
  org_id: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface OrgProfileLanguagesTable {
  org_id: string;
  /** ISO 639-1, lower case. */
  lang: string;
}

/** Old short names keep working (redirects) after an organisation changes its slug. */
export interface OrgSlugHistoryTable {
  slug: string;
  org_id: string;
  replaced_at: Timestamp;
}

/** Small binary files kept in the database, so that backups and exports hold them. Id = SHA-256 of the bytes. */
export interface BlobsTable {
  id: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: Timestamp;
}

export interface OrgServicesTable {
  id: string;
  org_id: string;
  kind: ServiceKind;
  name: string;
  url: string;
  software: string | null;
  software_version: string | null;
  registration: RegistrationPolicy;
  /** ISO 3166-1 alpha-2 codes separated by commas ("DE,FR"); never filtered on. */
  server_countries: string;
  status: ServiceStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Where an organisation keeps its self-description file, and what the last fetch brought. */
export interface SelfDescSourcesTable {
  org_id: string;
  url: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_fetch_at: Timestamp | null;
  last_ok_at: Timestamp | null;
  last_error_code: string | null;
  last_error_at: Timestamp | null;
  /** JSON: values for the error's message (a field path, a size); never the remote body. */
  last_error_detail: string | null;
  /** JSON of the fetched, validated profile waiting for the org-admin's decision. */
  pending: string | null;
  pending_hash: string | null;
  pending_at: Timestamp | null;
  /** Hash of the last version rejected, so the daily fetch does not offer it again. */
  rejected_hash: string | null;
}

export interface ProfileTables {
  org_profiles: OrgProfilesTable;
  org_profile_countries: OrgProfileCountriesTable;
  org_profile_languages: OrgProfileLanguagesTable;
  org_slug_history: OrgSlugHistoryTable;
  blobs: BlobsTable;
  org_services: OrgServicesTable;
  selfdesc_sources: SelfDescSourcesTable;
}
