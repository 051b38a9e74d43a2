// The solidarity module's public face: its Fastify plugin, its decision hooks,
// and what the CLI and other modules may call.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { registerExportContributor } from '../federation/index.js';
import { solidarityPages } from './solidarity.pages.js';
import { solidarityApi } from './solidarity.api.js';
import { learningPages } from './learning.pages.js';
import { learningApi } from './learning.api.js';
import { exportAidRequests } from './aid.service.js';
import { exportDues } from './dues.service.js';
import { exportLearning } from './learning.service.js';

export { verifyLedger, walkLedger, postTransaction, loadTransaction } from './ledger.service.js';
export type { LedgerVerifyResult, LedgerProblem, Transaction, Posting, Account, AccountSpec } from './ledger.service.js';
export { exportLedger } from './ledger.export.js';
export { registerFundingHooks } from './aid.service.js';
export { fundReport } from './report.service.js';

// Other modules contribute their requests for help to the mentorship page (read-only there): see mentorship.registry.ts.
export { registerMentorshipRequestContributor } from './mentorship.registry.js';
export type { ContributedMentorshipRequest, MentorshipRequestContributor, MentorshipRequestQuery } from './mentorship.registry.js';

// Once per process: the CLI's export-org loads this module too (through app.ts).
registerExportContributor('solidarity', async (db, org) => ({
  dues: await exportDues(db, org.id),
  aidRequests: await exportAidRequests(db, org.id),
  learning: await exportLearning(db, org.id),
}));

export async function solidarityModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await solidarityPages(app, deps);
  await solidarityApi(app, deps);
  await learningPages(app, deps);
  await learningApi(app, deps);
}
