// The hub's politeness budget: every scan's view of it shares the per-address
// slots, counts its own connections, and keeps the hub's resolver apart.
import { describe, expect, it } from 'vitest';
import { ConnectionLimiter } from '../../checks/net/limiter.js';
import { auditOptions, ScanLimiter, sharedLimiter, PER_ADDRESS_LIMIT } from './scans.env.js';
import { testConfig } from '../../../test/helpers/app.js';

/** Runs `n` connections to `address` through `limiter`, each held until released; reports the most open at once. */
function holdAll(limiters: ConnectionLimiter[], address: string, n: number) {
  let open = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const done = Promise.all(
    Array.from({ length: n }, (_, i) =>
      limiters[i % limiters.length]!.with(address, async () => {
        open++;
        peak = Math.max(peak, open);
        await new Promise<void>((r) => releases.push(r));
        open--;
      }),
    ),
  );
  return {
    peak: () => peak,
    releaseAll: async () => {
      while (releases.length > 0 || open > 0) {
        releases.splice(0).forEach((r) => r());
        await new Promise((r) => setImmediate(r));
      }
      await done;
    },
  };
}

describe('the politeness budget shared by concurrent scans', () => {
  it('never lets several scans together open more than the limit to one address', async () => {
    const shared = new ConnectionLimiter(2);
    const scans = [new ScanLimiter(shared, new Set()), new ScanLimiter(shared, new Set()), new ScanLimiter(shared, new Set())];
    const run = holdAll(scans, '192.0.2.1', 9);
    await new Promise((r) => setImmediate(r));
    expect(run.peak()).toBe(2);
    await run.releaseAll();
    expect(run.peak()).toBe(2);
    // Each scan counts the connections it opened itself (the report's figure).
    expect(scans.map((s) => s.opened)).toEqual([3, 3, 3]);
  });

  it('gives each scan its own budget for the hub’s resolver, which is no scan target', async () => {
    const shared = new ConnectionLimiter(2);
    const scans = [new ScanLimiter(shared, new Set(['127.0.0.53'])), new ScanLimiter(shared, new Set(['127.0.0.53']))];
    const run = holdAll(scans, '127.0.0.53', 8);
    await new Promise((r) => setImmediate(r));
    expect(run.peak()).toBe(4); // two scans × two each
    await run.releaseAll();
  });

  it('builds every scan’s options on the one process-wide budget, private addresses only with the test-bed setting', async () => {
    const prod = await auditOptions({ config: testConfig(), scans: { resolver: { host: '127.0.0.53', port: 53 } } }, ['sel']);
    expect(prod).toMatchObject({ allowPrivate: false, concurrency: PER_ADDRESS_LIMIT, dkimSelectors: ['sel'], resolver: { host: '127.0.0.53', port: 53 } });
    expect(prod.limiter).toBeInstanceOf(ScanLimiter);
    expect((prod.limiter as unknown as { shared: ConnectionLimiter }).shared).toBe(sharedLimiter());
    const bed = await auditOptions({ config: testConfig({ HEARTH_NET_ALLOW_PRIVATE: '1' }), scans: { resolver: { host: '127.0.0.53', port: 53 } } }, []);
    expect(bed.allowPrivate).toBe(true);
    expect(bed).not.toHaveProperty('dkimSelectors');
  });
});
