// The whole schema as Kysely sees it: each part is declared beside the code that owns it.
import type { KernelTables } from './kernel/db/kernel.tables.js';
import type { AuthTables } from './kernel/auth/auth.tables.js';
import type { TokenTables } from './kernel/auth/tokens.tables.js';
import type { AnnouncementTables } from './modules/federation/announcements.tables.js';
import type { ProjectTables } from './modules/projects/projects.tables.js';
import type { FederationTables } from './modules/federation/federation.tables.js';
import type { AdmissionsTables } from './modules/federation/admissions.tables.js';
import type { ProfileTables } from './modules/federation/profile.tables.js';
import type { GovernanceTables } from './modules/governance/governance.tables.js';
import type { VoicesTables } from './modules/voices/voices.tables.js';
import type { SolidarityTables } from './modules/solidarity/solidarity.tables.js';
import type { ScanTables } from './modules/posture/scans.tables.js';
import type { BaselineTables } from './modules/posture/baseline.tables.js';

export interface Database extends KernelTables, AuthTables, FederationTables, AdmissionsTables, ProfileTables, GovernanceTables, TokenTables, AnnouncementTables, ProjectTables, VoicesTables, SolidarityTables, ScanTables, BaselineTables {}
