import type { Timestamp } from '../time.js';

export interface ApiTokensTable {
  id: string;
  person_id: string;
  name: string;
  /** The SHA-256 of the whole secret; the secret itself is never stored. */
  token_hash: string;
  /** The first characters of the secret, so a person can tell their tokens apart. */
  prefix: string;
  /** Space-separated scopes, e.g. "read" or "read write". */
  scopes: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface TokenTables {
  api_tokens: ApiTokensTable;
}
