// How practices are judged and scored, how trends and aggregates are built, and
// how baseline changes apply: pure functions, no database.
import { describe, expect, it } from 'vitest';
import type { PracticeRule } from './baseline/index.js';
import { shippedRules } from './baseline/index.js';
import { answerExpiresAt, buildTrend, judgeAnswer, judgeMeasured, practiceStatuses, scorePractices } from './baseline.score.js';
import { aggregate } from './scorecard.service.js';
import { applyChanges, opsFromChoices, resolveOps, sameRules } from './baseline.changes.js';

const rules: PracticeRule[] = [
  { id: 'tls', area: 'security', weight: 3, checks: ['TLS-01', 'TLS-02'] },
  { id: 'hsts', area: 'security', weight: 1, checks: ['HTTP-03'] },
  { id: 'backups', area: 'reliability', weight: 2, checks: [] },
  { id: 'runbooks', area: 'automation', weight: 1, checks: [] },
];
const day = 86_400_000;
const t0 = new Date('2026-01-01T00:00:00.000Z');

describe('judging a practice', () => {
  it('measured: fails when any check fails, warns when any warns, passes only on passes; info and error do not count', () => {
    expect(judgeMeasured(rules[0]!, { 'TLS-01': 'pass', 'TLS-02': 'pass' })).toBe('pass');
    expect(judgeMeasured(rules[0]!, { 'TLS-01': 'pass', 'TLS-02': 'warn' })).toBe('warn');
    expect(judgeMeasured(rules[0]!, { 'TLS-01': 'warn', 'TLS-02': 'fail' })).toBe('fail');
    expect(judgeMeasured(rules[0]!, { 'TLS-01': 'pass', 'TLS-02': 'error' })).toBe('pass');
    expect(judgeMeasured(rules[0]!, { 'TLS-01': 'info', 'TLS-02': 'error' })).toBe('unknown');
    expect(judgeMeasured(rules[0]!, {})).toBe('unknown');
  });

  it('self-assessed: the answer counts for twelve calendar months, then the practice is unanswered again', () => {
    const answer = { answer: 'yes' as const, answeredAt: new Date('2026-02-28T10:00:00.000Z') };
    expect(answerExpiresAt(answer.answeredAt).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(judgeAnswer(answer, new Date('2027-02-28T09:59:59.000Z'))).toBe('pass');
    expect(judgeAnswer(answer, new Date('2027-02-28T10:00:00.000Z'))).toBe('unanswered');
    expect(judgeAnswer({ answer: 'partly', answeredAt: t0 }, t0)).toBe('warn');
    expect(judgeAnswer({ answer: 'no', answeredAt: t0 }, t0)).toBe('fail');
    expect(judgeAnswer({ answer: 'na', answeredAt: t0 }, t0)).toBe('na');
    expect(judgeAnswer(undefined, t0)).toBe('unanswered');
    // An answer given after the moment asked about does not count for it.
    expect(judgeAnswer({ answer: 'yes', answeredAt: new Date(t0.getTime() + 1) }, t0)).toBe('unanswered');
  });
});

describe('scores', () => {
  it('weigh each practice, count warn as half and unanswered as nothing, and leave out unknown and not applicable', () => {
    const statuses = practiceStatuses(rules, { 'TLS-01': 'pass', 'TLS-02': 'warn', 'HTTP-03': 'fail' }, new Map([['backups', { answer: 'yes', answeredAt: t0 }]]), t0);
    const s = scorePractices(rules, statuses);
    // security: tls warn (3 × ½) + hsts fail (1 × 0) over 4
    expect(s.areas.security.measured).toBeCloseTo(1.5 / 4);
    expect(s.areas.security.self).toBeUndefined();
    expect(s.areas.reliability.self).toBe(1);
    // runbooks unanswered counts 0 of weight 1
    expect(s.areas.automation.self).toBe(0);
    expect(s.overall.self).toBeCloseTo(2 / 3);
    expect(s.overall.combined).toBeCloseTo((1.5 + 2) / 7);
    expect(s.counts).toMatchObject({ warn: 1, fail: 1, pass: 1, unanswered: 1 });
    const none = scorePractices(rules, practiceStatuses(rules, {}, new Map([['backups', { answer: 'na', answeredAt: t0 }], ['runbooks', { answer: 'na', answeredAt: t0 }]]), t0));
    expect(none.overall.combined).toBeUndefined();
  });
});

describe('the trend', () => {
  it('has a point after each scan and answer, measured against the version in force, one per day at most', () => {
    const v2 = rules.filter((r) => r.id !== 'hsts');
    const points = buildTrend({
      versions: [
        { version: 1, publishedAt: new Date(t0.getTime() + 5 * day), rules },
        { version: 2, publishedAt: new Date(t0.getTime() + 20 * day), rules: v2 },
      ],
      scans: [
        { at: new Date(t0.getTime() + 1 * day), checks: { 'TLS-01': 'fail', 'TLS-02': 'pass', 'HTTP-03': 'fail' } },
        { at: new Date(t0.getTime() + 10 * day), checks: { 'TLS-01': 'pass', 'TLS-02': 'pass', 'HTTP-03': 'fail' } },
        { at: new Date(t0.getTime() + 10 * day + 3_600_000), checks: { 'TLS-01': 'pass', 'TLS-02': 'pass', 'HTTP-03': 'pass' } },
      ],
      answers: [{ practiceId: 'backups', answer: 'yes', answeredAt: new Date(t0.getTime() + 12 * day) }],
      from: t0,
      to: new Date(t0.getTime() + 30 * day),
    });
    expect(points.map((p) => Math.round((p.at.getTime() - t0.getTime()) / day))).toEqual([1, 5, 10, 12, 20, 30]);
    // Before version 1 was published, version 1 (the shipped catalogue) applies.
    expect(points[0]!.version).toBe(1);
    expect(points[0]!.scores.overall.measured).toBe(0);
    // Two scans on day 10: the later one stands for the day.
    expect(points[2]!.scores.overall.measured).toBe(1);
    expect(points[3]!.scores.overall.self).toBeCloseTo(2 / 3);
    expect(points[4]!.version).toBe(2);
  });

  it('shows an answer expiring as a change', () => {
    const answeredAt = new Date('2025-03-01T00:00:00.000Z');
    const points = buildTrend({
      versions: [{ version: 1, publishedAt: answeredAt, rules }],
      scans: [],
      answers: [{ practiceId: 'backups', answer: 'yes', answeredAt }],
      from: new Date('2026-01-01T00:00:00.000Z'),
      to: new Date('2026-06-01T00:00:00.000Z'),
    });
    expect(points.map((p) => [p.at.toISOString().slice(0, 10), p.scores.overall.self])).toEqual([
      ['2026-01-01', 2 / 3],
      ['2026-03-01', 0],
      ['2026-06-01', 0],
    ]);
  });
});

describe('aggregates over organisations', () => {
  const v = (value: number | undefined, visible: boolean) => ({ value, visible });
  it('are withheld over fewer than three organisations', () => {
    expect(aggregate([v(1, true), v(0, true)])).toEqual({ value: undefined, organisations: 2, withheld: true });
    expect(aggregate([v(1, true), v(0, true), v(0.5, true)]).value).toBeCloseTo(0.5);
  });
  it('are withheld when one or two hidden organisations could be worked out from the visible ones', () => {
    expect(aggregate([v(1, true), v(1, true), v(0, false)]).withheld).toBe(true);
    expect(aggregate([v(1, true), v(0, false), v(0, false)]).withheld).toBe(true);
    expect(aggregate([v(1, true), v(0, false), v(0, false), v(1, false)])).toMatchObject({ withheld: false, organisations: 4 });
    // Organisations without the figure do not count either way.
    expect(aggregate([v(1, false), v(1, false), v(1, false), v(undefined, false)])).toMatchObject({ value: 1, organisations: 3, withheld: false });
  });
});

describe('baseline changes', () => {
  const shipped = shippedRules();
  const published = shipped.filter((r) => r.id !== 'failover').map((r) => (r.id === 'ipv6' ? { ...r, checks: ['V6-01'] } : r));

  it('turn a filled-in form into operations: add, retire, weight, and taking a changed definition', () => {
    const choices = new Map(shipped.map((r) => [r.id, { included: true, weight: r.weight, adopt: false }]));
    choices.set('failover', { included: true, weight: 3, adopt: false });
    choices.set('runbooks', { included: false, weight: 2, adopt: false });
    choices.set('dnssec', { included: true, weight: 3, adopt: false });
    choices.set('ipv6', { included: true, weight: 2, adopt: true });
    const ops = opsFromChoices(choices, published, shipped);
    expect(ops).toEqual(
      expect.arrayContaining([
        { op: 'add', practiceId: 'failover', weight: 3 },
        { op: 'retire', practiceId: 'runbooks' },
        { op: 'weight', practiceId: 'dnssec', weight: 3 },
        { op: 'update', practiceId: 'ipv6' },
      ]),
    );
    expect(ops).toHaveLength(4);
    const { changes, problems } = resolveOps(ops, published, shipped);
    expect(problems).toEqual([]);
    const next = applyChanges(published, changes);
    expect(next.find((r) => r.id === 'failover')?.weight).toBe(3);
    expect(next.some((r) => r.id === 'runbooks')).toBe(false);
    expect(next.find((r) => r.id === 'dnssec')?.weight).toBe(3);
    expect(next.find((r) => r.id === 'ipv6')?.checks).toEqual(['V6-01', 'V6-02', 'V6-03', 'DNS-05']);
  });

  it('refuse operations that do not apply, naming the practice', () => {
    const { changes, problems } = resolveOps(
      [
        { op: 'add', practiceId: 'tls-protocols' },
        { op: 'add', practiceId: 'no-such-practice' },
        { op: 'retire', practiceId: 'failover' },
        { op: 'weight', practiceId: 'dnssec', weight: 2 },
        { op: 'update', practiceId: 'dnssec' },
      ],
      published,
      shipped,
    );
    expect(changes).toEqual([]);
    expect(problems.map((p) => `${p.practiceId}:${p.key}`)).toEqual([
      'tls-protocols:baseline.change.alreadyIn',
      'no-such-practice:baseline.change.unknownPractice',
      'failover:baseline.change.notIn',
      'dnssec:baseline.change.sameWeight',
    ]);
  });

  it('skip an operation whose precondition no longer holds when published over a newer version', () => {
    const next = applyChanges(published, [{ op: 'retire', practiceId: 'failover' }, { op: 'weight', practiceId: 'no-such', from: 1, to: 2 }]);
    expect(sameRules(next, published)).toBe(true);
  });
});
