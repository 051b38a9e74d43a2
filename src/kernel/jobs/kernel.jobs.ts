import type { Deps } from '../deps.js';
import { pruneThrottle } from '../auth/throttle.js';
import { toTimestamp } from '../time.js';

/** Housekeeping the kernel itself needs: expired sessions, old throttle entries, finished jobs. */
export function registerKernelJobs(deps: Deps): void {
  deps.jobs.register('kernel.housekeeping', async () => {
    const now = deps.clock.now();
    await deps.db.deleteFrom('sessions').where('expires_at', '<', toTimestamp(now)).execute();
    await pruneThrottle(deps.db, deps.clock);
    const monthAgo = toTimestamp(new Date(now.getTime() - 30 * 24 * 3_600_000));
    await deps.db.deleteFrom('jobs').where('status', '=', 'done').where('finished_at', '<', monthAgo).execute();
    await deps.db.deleteFrom('mail_outbox').where('status', '=', 'sent').where('sent_at', '<', monthAgo).execute();
  });
  deps.jobs.schedule({ name: 'kernel.housekeeping', cron: '17 * * * *', kind: 'kernel.housekeeping' });
}
