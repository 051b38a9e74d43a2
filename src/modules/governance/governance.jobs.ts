// Governance's background work: each proposal closes at its time (a job with
// runAt = closesAt, enqueued when it is created), reminders go out 48 hours
// before, and a sweep every five minutes closes anything a lost job left open.
import type { Deps } from '../../kernel/deps.js';
import { findProposal } from './governance.repository.js';
import { CLOSE_JOB, REMIND_JOB, SWEEP_JOB, closeDueProposals, closeProposal, sendReminders } from './governance.service.js';

const proposalIdOf = (payload: unknown): string => {
  const id = (payload as { proposalId?: unknown } | null)?.proposalId;
  if (typeof id !== 'string') throw new Error('payload without a proposalId');
  return id;
};

export function registerGovernanceJobs(deps: Deps): void {
  // Closing twice is impossible (the close is a compare-and-set on the status), so at-least-once delivery is safe.
  deps.jobs.register(CLOSE_JOB, async (payload) => {
    const id = proposalIdOf(payload);
    if (await closeProposal(deps, id)) return;
    // Another process's clock ran ahead of ours: try again shortly rather than wait for the sweep.
    const p = await findProposal(deps.db, id);
    if (p?.status === 'open' && p.closesAt > deps.clock.now()) throw new Error('the proposal is not due to close yet');
  });
  deps.jobs.register(REMIND_JOB, async (payload) => {
    await sendReminders(deps, proposalIdOf(payload));
  });
  deps.jobs.register(SWEEP_JOB, async () => {
    await closeDueProposals(deps);
  });
  deps.jobs.schedule({ name: SWEEP_JOB, cron: '*/5 * * * *', kind: SWEEP_JOB });
}
