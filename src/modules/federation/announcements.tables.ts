import type { Timestamp } from '../../kernel/time.js';

export type AnnouncementStatus = 'draft' | 'published';

export interface AnnouncementsTable {
  id: string;
  /** null: federation-wide. */
  org_id: string | null;
  status: AnnouncementStatus;
  created_by: string | null;
  created_at: Timestamp;
  /** Moved forward by every change of the announcement or its texts (the feed's <updated>). */
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface AnnouncementTables {
  announcements: AnnouncementsTable;
}
