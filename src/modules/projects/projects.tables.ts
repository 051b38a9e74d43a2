import type { Timestamp } from '../../kernel/time.js';

export type ProjectStatus = 'idea' | 'active' | 'paused' | 'done';
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['idea', 'active', 'paused', 'done'];
/** Org-admins of coordinating organisations manage the project; participants take part. */
export type ProjectRole = 'coordinator' | 'participant';

export interface ProjectsTable {
  id: string;
  slug: string;
  name: string;
  status: ProjectStatus;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectOrgsTable {
  project_id: string;
  org_id: string;
  role: ProjectRole;
  joined_at: Timestamp;
}

export interface ProjectContactsTable {
  project_id: string;
  person_id: string;
  /** The participating organisation the person speaks for. */
  org_id: string;
  added_at: Timestamp;
}

export interface ProjectMilestonesTable {
  id: string;
  project_id: string;
  title: string;
  /** A calendar day, yyyy-mm-dd (no time zone: a due date is a day everywhere). */
  due_on: string;
  done_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * A project's link to a record of another module, by kind: 'proposal' now;
 * later 'need', 'grant', 'result'. The target lives in its own module, so no
 * foreign key: the linking module checks it exists.
 */
export interface ProjectLinksTable {
  project_id: string;
  kind: string;
  target_id: string;
  created_at: Timestamp;
}

export interface ProjectTables {
  projects: ProjectsTable;
  project_orgs: ProjectOrgsTable;
  project_contacts: ProjectContactsTable;
  project_milestones: ProjectMilestonesTable;
  project_links: ProjectLinksTable;
}
