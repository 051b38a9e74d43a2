import type { Timestamp } from '../../kernel/time.js';

export const applicationStatuses = ['pending', 'proposed', 'admitted', 'declined', 'dismissed'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export interface MembershipApplicationsTable {
  id: string;
  org_name: string;
  serves: string;
  /** JSON text: ISO 3166-1 alpha-2 codes. */
  countries: string;
  /** JSON text: ISO 639-1 codes. */
  languages: string;
  contact_name: string;
  contact_email: string;
  locale: string;
  charter_agreed_at: Timestamp;
  status: ApplicationStatus;
  proposal_id: string | null;
  org_id: string | null;
  decided_at: Timestamp | null;
  applicant_notified_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdmissionsTables {
  membership_applications: MembershipApplicationsTable;
}
