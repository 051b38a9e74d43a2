// Timestamps are stored the same way on both engines: ISO-8601 UTC text with
// milliseconds ("2026-11-26T08:00:00.000Z"). Fixed width, so text order is time
// order. Only this file converts between Date and the stored form.

export type Timestamp = string;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function toTimestamp(d: Date): Timestamp {
  return d.toISOString();
}

export function fromTimestamp(s: Timestamp): Date {
  return new Date(s);
}

export function nowTs(clock: Clock): Timestamp {
  return toTimestamp(clock.now());
}

export function addMs(clock: Clock, ms: number): Timestamp {
  return toTimestamp(new Date(clock.now().getTime() + ms));
}

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-01-15T12:00:00.000Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(d: Date) {
    this.current = new Date(d);
  }
}
