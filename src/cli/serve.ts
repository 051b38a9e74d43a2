import { parseArgs } from 'node:util';
import { buildApp } from '../app.js';
import { createDeps } from '../kernel/boot.js';
import { issueSetupToken } from '../kernel/auth/auth.service.js';
import { startWorker } from '../kernel/jobs/worker.js';
import { loadConfig } from '../config.js';
import type { Command } from './cli.js';

export const serve: Command = {
  summary: 'serve the web interface (and run background jobs unless --no-jobs)',
  usage: 'hearth serve [--port N] [--host ADDR] [--no-jobs]',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, 'no-jobs': { type: 'boolean' } } });
    const env = { ...io.env };
    if (values.port !== undefined) env.HEARTH_PORT = values.port;
    if (values.host !== undefined) env.HEARTH_HOST = values.host;
    if (values['no-jobs']) env.HEARTH_JOBS = '0';
    const config = loadConfig(env);
    const { deps, handle } = await createDeps(config);
    const app = await buildApp(deps);
    const worker = config.jobs ? startWorker({ db: deps.db, clock: deps.clock, log: deps.log, registry: deps.jobs, metrics: deps.metrics }) : undefined;
    await app.listen({ port: config.port, host: config.host });
    const token = await issueSetupToken(deps);
    if (token) {
      // Printed to the console only: whoever can read it controls the server anyway.
      io.stdout.write(`\nNo administrator exists yet. Open this one-time link to create one (valid 24 hours):\n\n  ${config.baseUrl}/setup/${token}\n\n`);
    }
    const stop = async () => {
      await worker?.stop();
      await app.close();
      await handle.close();
      deps.mail.close();
    };
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stop().then(() => process.exit(0)));
    return undefined;
  },
};
