// A real, listening Hearth in the test process, on a temporary SQLite file.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { createDeps } from '../../src/kernel/boot.js';
import type { Deps } from '../../src/kernel/deps.js';
import type { Clock } from '../../src/kernel/time.js';

export interface RunningHearth {
  origin: string;
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** A free loopback port, so links Hearth prints (invitations) point at this server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `clock`: a ManualClock lets a test move time forward (a proposal's close) without waiting.
 * `env`: more settings, e.g. HEARTH_NET_ALLOW_PRIVATE=1 for scans of the loopback test bed.
 */
export async function startHearth(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<RunningHearth> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-e2e-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    HEARTH_LOG_LEVEL: 'silent',
    DATABASE_URL: `sqlite:${join(dir, 'hearth.sqlite')}`,
    HEARTH_BASE_URL: origin,
    HEARTH_JOBS: '0',
    ...opts.env,
  });
  const { deps, handle } = await createDeps(config, opts.clock ? { clock: opts.clock } : {});
  const app = await buildApp(deps);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    origin,
    app,
    deps,
    async close() {
      await app.close();
      await handle.close();
      deps.mail.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
