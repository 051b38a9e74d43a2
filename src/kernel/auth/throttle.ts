// Login throttling that slows attackers without letting them lock anyone out.
// - Per account AND source: after 5 failures, each further try must wait
//   2^(n-5) s (capped at 15 min). Keyed on the pair, so failures from an
//   attacker's address never block the owner's own address.
// - Per account from all sources: past 20 failures every attempt is slowed
//   (up to 3 s), which blunts a guessing botnet while the owner still gets in.
// Keys are HMACs under the server secret: no e-mail or address is stored.
import { createHmac } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { type Clock, fromTimestamp, toTimestamp } from '../time.js';

const FREE_TRIES = 5;
const MAX_WAIT_S = 15 * 60;
const SLOW_AFTER = 20;
const FORGET_AFTER_MS = 60 * 60_000;

export interface ThrottleKeys {
  pair: string;
  account: string;
}

export function throttleKeys(secret: string, account: string, source: string): ThrottleKeys {
  const h = (s: string) => createHmac('sha256', secret).update(s).digest('base64url').slice(0, 32);
  const a = h(`account:${account.toLowerCase()}`);
  return { pair: `p:${a}:${h(`source:${source}`)}`, account: `a:${a}` };
}

async function failuresOf(db: Db, clock: Clock, key: string): Promise<{ failures: number; last: Date } | undefined> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  const last = fromTimestamp(row.last_failure_at);
  if (clock.now().getTime() - last.getTime() > FORGET_AFTER_MS) return undefined;
  return { failures: row.failures, last };
}

/** Seconds this pair must still wait, or 0. */
export async function waitSeconds(db: Db, clock: Clock, keys: ThrottleKeys): Promise<number> {
  const pair = await failuresOf(db, clock, keys.pair);
  if (!pair || pair.failures < FREE_TRIES) return 0;
  const wait = Math.min(2 ** (pair.failures - FREE_TRIES), MAX_WAIT_S);
  const left = Math.ceil((pair.last.getTime() + wait * 1000 - clock.now().getTime()) / 1000);
  return Math.max(left, 0);
}

/** Extra delay for an account under attack from many sources. */
export async function slowdownMs(db: Db, clock: Clock, keys: ThrottleKeys): Promise<number> {
  const acc = await failuresOf(db, clock, keys.account);
  if (!acc || acc.failures < SLOW_AFTER) return 0;
  return Math.min((acc.failures - SLOW_AFTER + 1) * 200, 3000);
}

export async function recordFailure(db: Db, clock: Clock, keys: ThrottleKeys): Promise<void> {
  const now = toTimestamp(clock.now());
  for (const key of [keys.pair, keys.account]) {
    const current = await failuresOf(db, clock, key);
    await db
      .insertInto('login_throttle')
      .values({ key, failures: 1, last_failure_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: (current?.failures ?? 0) + 1, last_failure_at: now }))
      .execute();
  }
}

export async function clearFailures(db: Db, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', 'in', [keys.pair, keys.account]).execute();
}

/** Housekeeping: forget failures older than an hour. */
export async function pruneThrottle(db: Db, clock: Clock): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', toTimestamp(new Date(clock.now().getTime() - FORGET_AFTER_MS)))
    .execute();
}
