// The one place projects touches governance, and only through its index.ts:
// projects store proposal ids (in project_links) and ask governance for a title
// and status to show. Should governance change or be absent, only this file changes.
export { describeProposals, proposalExists, type LinkedProposal } from '../governance/index.js';
