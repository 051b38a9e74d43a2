// Politeness: at most N connections at once per IP address, and a count of
// every connection opened (the report and the benchmark show it).
export class ConnectionLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  opened = 0;

  constructor(readonly perAddress = 2) {}

  /** Run `fn` holding one of `address`'s connection slots. */
  async with<T>(address: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(address);
    this.opened++;
    try {
      return await fn();
    } finally {
      this.release(address);
    }
  }

  private acquire(address: string): Promise<void> {
    const n = this.active.get(address) ?? 0;
    if (n < this.perAddress) {
      this.active.set(address, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const q = this.waiting.get(address) ?? [];
      q.push(resolve);
      this.waiting.set(address, q);
    });
  }

  private release(address: string): void {
    const next = this.waiting.get(address)?.shift();
    if (next) {
      next(); // the slot passes straight to the next waiter
      return;
    }
    const n = (this.active.get(address) ?? 1) - 1;
    if (n <= 0) this.active.delete(address);
    else this.active.set(address, n);
  }
}
