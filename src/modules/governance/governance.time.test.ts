import { describe, expect, it } from 'vitest';
import { instantToWallText, isTimeZone, parseWallTime, zonedToInstant } from './governance.time.js';
import { defaultQuorum, passes, tally } from './governance.rules.js';

describe('times entered in a zone', () => {
  it('reads what a datetime-local field sends, and refuses what is not a real time', () => {
    expect(parseWallTime('2026-03-08T18:00')).toEqual({ year: 2026, month: 3, day: 8, hour: 18, minute: 0 });
    expect(parseWallTime(' 2026-03-08 18:05 ')).toEqual({ year: 2026, month: 3, day: 8, hour: 18, minute: 5 });
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-03-08T24:00', 'tomorrow', '2026-03-08', '08/03/2026 18:00']) {
      expect(parseWallTime(bad), bad).toBeUndefined();
    }
  });

  it('turns a wall time into the right instant, daylight saving included', () => {
    const at = (text: string, zone: string) => zonedToInstant(parseWallTime(text)!, zone).toISOString();
    expect(at('2026-03-08T18:00', 'America/Sao_Paulo')).toBe('2026-03-08T21:00:00.000Z');
    expect(at('2026-07-01T09:30', 'Europe/Madrid')).toBe('2026-07-01T07:30:00.000Z'); // summer, UTC+2
    expect(at('2026-01-15T09:30', 'Europe/Madrid')).toBe('2026-01-15T08:30:00.000Z'); // winter, UTC+1
    expect(at('2026-06-01T00:15', 'Asia/Kolkata')).toBe('2026-05-31T18:45:00.000Z');
    // 02:30 does not exist in Madrid on 29 March 2026: the instant just after the jump.
    expect(at('2026-03-29T02:30', 'Europe/Madrid')).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first one.
    expect(at('2026-10-25T02:30', 'Europe/Madrid')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('writes an instant back as the wall time of a zone', () => {
    expect(instantToWallText(new Date('2026-03-08T21:00:00Z'), 'America/Sao_Paulo')).toBe('2026-03-08T18:00');
    expect(instantToWallText(new Date('2026-12-31T23:59:00Z'), 'Pacific/Kiritimati')).toBe('2027-01-01T13:59');
    expect(isTimeZone('Africa/Nairobi')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('consent', () => {
  it('passes with quorum and no block; concerns and abstentions do not stop it', () => {
    expect(passes(tally(2, ['agree', 'concern']))).toBe(true);
    expect(passes(tally(2, ['abstain', 'abstain']))).toBe(true);
    expect(passes(tally(2, ['agree', 'agree', 'block']))).toBe(false);
    expect(passes(tally(3, ['agree', 'agree']))).toBe(false);
  });

  it('takes half of the active organisations, rounded up, as the default quorum', () => {
    expect([0, 1, 2, 3, 7, 200].map(defaultQuorum)).toEqual([1, 1, 1, 2, 4, 100]);
  });
});
