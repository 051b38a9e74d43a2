import type { Migration } from 'kysely/migration';
import * as kernelInit from './202611260800_kernel_init.js';
import * as kernelTexts from './202611261000_kernel_texts.js';
import * as governanceInit from './202611261100_governance_init.js';
import * as federationAdmissions from './202611261101_federation_admissions.js';
import * as profiles from './202611261110_profiles.js';
import * as authApiTokens from './202611261120_auth_api_tokens.js';
import * as federationAnnouncements from './202611261121_federation_announcements.js';
import * as projects from './202611261122_projects.js';
import * as voices from './202611261130_voices.js';
import * as solidarityInit from './202611261140_solidarity_init.js';
import * as postureBaseline from './202611261150_posture_baseline.js';
import * as postureScans from './202611261160_posture_scans.js';
import * as solidarityLearning from './202611261170_solidarity_learning.js';

// Every migration, in order. Once landed, a migration is never edited.
export const migrations: Record<string, Migration> = {
  '202611260800_kernel_init': kernelInit,
  '202611261000_kernel_texts': kernelTexts,
  '202611261100_governance_init': governanceInit,
  '202611261101_federation_admissions': federationAdmissions,
  '202611261110_profiles': profiles,
  '202611261120_auth_api_tokens': authApiTokens,
  '202611261121_federation_announcements': federationAnnouncements,
  '202611261122_projects': projects,
  '202611261130_voices': voices,
  '202611261140_solidarity_init': solidarityInit,
  '202611261150_posture_baseline': postureBaseline,
  '202611261160_posture_scans': postureScans,
  '202611261170_solidarity_learning': solidarityLearning,
};
