// The voices module's public face: its Fastify plugin, its housekeeping job, and
// what other modules may call (needs for projects' pages, for instance).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { registerExportContributor } from '../federation/index.js';
import { voicesPages } from './voices.pages.js';
import { voicesApi } from './voices.api.js';
import { createRuntime, pruneVoices, type RuntimeOptions } from './voices.service.js';
import { exportVoices } from './voices.export.js';

export { NEED_LINK } from './voices.needs.js';
export type { RuntimeOptions } from './voices.service.js';

// Once per process: the CLI's export-org loads this module too (through app.ts).
registerExportContributor('voices', (db, org) => exportVoices(db, org.id));

/** Forget used form tokens once they would have expired anyway, and old hourly counts. */
export function registerVoicesJobs(deps: Deps): void {
  deps.jobs.register('voices.housekeeping', async () => {
    await pruneVoices(deps);
  });
  deps.jobs.schedule({ name: 'voices.housekeeping', cron: '23 * * * *', kind: 'voices.housekeeping' });
}

export async function voicesModule(app: FastifyInstance, deps: Deps, opts: RuntimeOptions = {}): Promise<void> {
  // The abuse limits' memory: one per app, never written anywhere.
  const rt = createRuntime(deps, opts);
  await voicesPages(app, deps, rt);
  await voicesApi(app, deps, rt);
}
