// The posture module's public face. Two parts, built side by side:
// scanning (assets, proofs of control, scans, results: scans.*, assets.*) and
// the baseline (practices, self-assessment, scorecards: baseline/ and its files).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { registerExportContributor } from '../federation/federation.export.js';
import { scanPages } from './scans.pages.js';
import { scanApi } from './scans.api.js';
import { exportScans } from './scans.export.js';
import { baselinePages } from './baseline.pages.js';
import { baselineApi } from './baseline.api.js';
import { exportBaseline } from './baseline.export.js';

// What the scorecard reads (the automated half).
export { latestResultsFor, scanHistory, combineStatuses } from './scans.service.js';
export type { LatestCheck, LatestTargetResult, ScanSummary } from './scans.service.js';
export { registerPostureScanJobs } from './scans.jobs.js';

/** Scanning's pages and API routes. */
export async function postureScansModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await scanPages(app, deps);
  await scanApi(app, deps);
}

/** The baseline's pages and API routes: practices, versions, scorecards, self-assessment, help. */
export async function postureBaselineModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await baselinePages(app, deps);
  await baselineApi(app, deps);
}

// The baseline half: its governance hook, and what other modules (and benchmarks) may read.
export { registerBaselineHooks, ensureBaseline, currentVersion } from './baseline.service.js';
export { getScorecard, federationOverview } from './scorecard.service.js';
export type { Scorecard, FederationOverview } from './scorecard.service.js';
export { catalogue as practiceCatalogue } from './baseline/index.js';

import { registerPostureMentorshipRequests } from './help.mentorship.js';

// Once per process (the CLI's export-org imports this module too).
registerExportContributor('postureScans', (db, org) => exportScans(db, org));
registerExportContributor('postureBaseline', (db, org) => exportBaseline(db, org));
// Open help requests appear among the solidarity module's mentorship requests.
registerPostureMentorshipRequests();
