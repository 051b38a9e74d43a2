// The governance module's public face: its Fastify plugin, its jobs, the
// outcome hooks other modules register, and the service functions they may call.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { governancePages } from './governance.pages.js';
import { governanceApi } from './governance.api.js';
import { registerGovernanceExport } from './governance.export.js';

export { onProposalDecided, onOutcomeRecorded } from './governance.hooks.js';
export type { DecisionHandler, OutcomeHandler, ProposalDecision, OutcomeStatement, HookContext, HookDeps } from './governance.hooks.js';
export { registerGovernanceJobs } from './governance.jobs.js';
export { createProposal, closeProposal, viewProposal, closeJobId, remindJobId } from './governance.service.js';
export { describeProposals, proposalExists, type LinkedProposal } from './governance.links.js';
export type { CreateOptions } from './governance.service.js';
export type { CreateProposalInput } from './governance.schemas.js';
export { proposalFieldsSchema } from './governance.schemas.js';
export type { Proposal } from './governance.repository.js';
export type { ProposalKind, ProposalStatus } from './governance.tables.js';
export { ProposalFields } from './views/proposal.views.js';
export { When } from './views/parts.js';
export { instantToWallText, isTimeZone } from './governance.time.js';

// Once per process: the CLI's export-org loads this module too (through app.ts).
registerGovernanceExport();

export async function governanceModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await governancePages(app, deps);
  await governanceApi(app, deps);
}
