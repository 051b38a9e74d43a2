// Posture's background work, run by `hearth serve` (with jobs) and `hearth worker`:
// one job per scan, an hourly schedule that queues the scans that are due, and an
// hourly re-check of the proofs of control not looked at for 20 hours (so each is
// looked at about once a day, a bounded number per run).
import type { Deps } from '../../kernel/deps.js';
import { recheckDueAssets } from './assets.service.js';
import { planDueScans, runScan, SCAN_JOB, SCAN_JOB_TIMEOUT_MS } from './scans.service.js';

export const PLAN_JOB = 'posture.plan-scans';
export const RECHECK_JOB = 'posture.recheck-proofs';
/** Two proofs at worst per domain, each bounded by its timeouts: 50 fit well within the job's 30 minutes. */
export const RECHECKS_PER_RUN = 50;

export function registerPostureScanJobs(deps: Deps): void {
  deps.jobs.register(
    SCAN_JOB,
    async (payload, ctx) => {
      const { scanId } = payload as { scanId: string };
      await runScan(deps, scanId, { lastAttempt: ctx.attempt >= ctx.maxAttempts });
    },
    { timeoutMs: SCAN_JOB_TIMEOUT_MS },
  );
  deps.jobs.register(PLAN_JOB, async () => {
    await planDueScans(deps);
  });
  deps.jobs.register(
    RECHECK_JOB,
    async () => {
      await recheckDueAssets(deps, RECHECKS_PER_RUN);
    },
    { timeoutMs: 30 * 60_000 },
  );
  deps.jobs.schedule({ name: PLAN_JOB, cron: '23 * * * *', kind: PLAN_JOB });
  deps.jobs.schedule({ name: RECHECK_JOB, cron: '41 * * * *', kind: RECHECK_JOB });
}
