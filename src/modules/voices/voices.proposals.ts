// The one place voices touches governance, and only through its index.ts: needs
// store proposal ids and ask governance for a title and status to show.
export { describeProposals, proposalExists, type LinkedProposal } from '../governance/index.js';
