import { parseArgs } from 'node:util';
import { registerJobs } from '../app.js';
import { createDeps, createLogger } from '../kernel/boot.js';
import { startWorker } from '../kernel/jobs/worker.js';
import { CliError, type Command } from './cli.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export const worker: Command = {
  summary: 'run background jobs without the web server',
  usage: `hearth worker [--once] [--json]

Runs the jobs every Hearth registers (mail delivery, housekeeping, each
module's jobs and schedules). At scale, run \`hearth serve --no-jobs\` web
processes and one or more workers on the same PostgreSQL database: each job
runs once whichever worker takes it.
  --once   run the jobs that are due now, print how many ran, and exit
  --json   with --once: print {"ran":N}
SIGINT or SIGTERM stops the worker after the job in hand; a second signal stops it at once.`,
  async run(args, io, config) {
    const { values } = parseArgs({ args, options: { once: { type: 'boolean' }, json: { type: 'boolean' } } });
    if (values.json && !values.once) throw new CliError('worker: --json goes with --once (a running worker logs JSON lines already)', 2);
    const cfg = config();
    // With --once, stdout carries the result alone; logs go to stderr.
    const log = createLogger(cfg.logLevel, values.once ? io.stderr : io.stdout);
    const { deps, handle } = await createDeps(cfg, { log });
    registerJobs(deps);
    const w = startWorker({ db: deps.db, clock: deps.clock, log: deps.log, registry: deps.jobs, metrics: deps.metrics }, !values.once);
    const close = async () => {
      await w.stop();
      await handle.close();
      deps.mail.close();
    };

    if (values.once) {
      // A signal ends the drain after the current job (the count is still printed); a second one at once.
      let signalled = false;
      const onSignal = () => {
        if (signalled) process.exit(1);
        signalled = true;
        void w.stop();
      };
      for (const sig of SIGNALS) process.on(sig, onSignal);
      try {
        const ran = await w.drain(Number.MAX_SAFE_INTEGER);
        io.stdout.write(values.json ? `${JSON.stringify({ ran })}\n` : `ran ${ran} ${ran === 1 ? 'job' : 'jobs'}\n`);
        return 0;
      } finally {
        for (const sig of SIGNALS) process.off(sig, onSignal);
        await close();
      }
    }

    log.info({ worker: w.id, kinds: [...deps.jobs.kinds.keys()] }, 'worker started');
    let stopping = false;
    const onSignal = (sig: NodeJS.Signals) => {
      if (stopping) process.exit(1); // asked twice: do not wait for the job in hand
      stopping = true;
      log.info({ worker: w.id, signal: sig }, 'worker stopping');
      void close().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'worker did not stop cleanly');
          process.exit(1);
        },
      );
    };
    for (const sig of SIGNALS) process.on(sig, onSignal);
    return undefined;
  },
};
