import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionLimiter } from './limiter.js';

describe('ConnectionLimiter', () => {
  it('never holds more than N connections to one address, and counts them all', async () => {
    const limiter = new ConnectionLimiter(2);
    let now = 0;
    let peak = 0;
    const work = () =>
      limiter.with('192.0.2.1', async () => {
        now++;
        peak = Math.max(peak, now);
        await sleep(5);
        now--;
      });
    await Promise.all([work(), work(), work(), work(), work(), limiter.with('192.0.2.2', async () => sleep(1))]);
    expect(peak).toBe(2);
    expect(limiter.opened).toBe(6);
  });
});
