import type { Timestamp } from '../../kernel/time.js';

export type OrgRole = 'org_admin' | 'member';

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  org_id: string;
  person_id: string;
  role: OrgRole;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  org_id: string;
  email: string;
  role: OrgRole;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
}

export interface FederationTables {
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
}
