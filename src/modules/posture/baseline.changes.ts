// Baseline changes as data: turning what a proposer chose into operations,
// checking them against the shipped catalogue, and applying them to a
// published version. Pure functions.
import type { PracticeRule } from './baseline/index.js';
import type { BaselineChange } from './baseline.repository.js';
import type { ChangeOp } from './baseline.schemas.js';

export type ChangeProblem = { practiceId: string; key: 'baseline.change.unknownPractice' | 'baseline.change.alreadyIn' | 'baseline.change.notIn' | 'baseline.change.sameWeight' | 'baseline.change.nothingToUpdate' };

const sameRule = (a: PracticeRule, b: PracticeRule) =>
  a.id === b.id && a.area === b.area && a.weight === b.weight && a.checks.length === b.checks.length && a.checks.every((c, i) => c === b.checks[i]);

/** The shipped definition differs from the published one in what it measures or where it belongs (the weight is the federation's own choice). */
export const definitionChanged = (published: PracticeRule, shipped: PracticeRule) => !sameRule({ ...published, weight: shipped.weight }, shipped);

/**
 * Operations from the JSON API, resolved against the published rules and the
 * shipped catalogue. Returns the operations and any problems (each names the practice).
 */
export function resolveOps(ops: readonly ChangeOp[], published: readonly PracticeRule[], shipped: readonly PracticeRule[]): { changes: BaselineChange[]; problems: ChangeProblem[] } {
  const current = new Map(published.map((r) => [r.id, r]));
  const catalogue = new Map(shipped.map((r) => [r.id, r]));
  const changes: BaselineChange[] = [];
  const problems: ChangeProblem[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    if (seen.has(op.practiceId)) continue;
    seen.add(op.practiceId);
    const now = current.get(op.practiceId);
    const def = catalogue.get(op.practiceId);
    switch (op.op) {
      case 'add':
        if (!def) problems.push({ practiceId: op.practiceId, key: 'baseline.change.unknownPractice' });
        else if (now) problems.push({ practiceId: op.practiceId, key: 'baseline.change.alreadyIn' });
        else changes.push({ op: 'add', practiceId: op.practiceId, rule: { ...def, checks: [...def.checks], weight: (op.weight ?? def.weight) as 1 | 2 | 3 } });
        break;
      case 'retire':
        if (!now) problems.push({ practiceId: op.practiceId, key: 'baseline.change.notIn' });
        else changes.push({ op: 'retire', practiceId: op.practiceId });
        break;
      case 'weight':
        if (!now) problems.push({ practiceId: op.practiceId, key: 'baseline.change.notIn' });
        else if (now.weight === op.weight) problems.push({ practiceId: op.practiceId, key: 'baseline.change.sameWeight' });
        else changes.push({ op: 'weight', practiceId: op.practiceId, from: now.weight, to: op.weight });
        break;
      case 'update':
        if (!now) problems.push({ practiceId: op.practiceId, key: 'baseline.change.notIn' });
        else if (!def) problems.push({ practiceId: op.practiceId, key: 'baseline.change.unknownPractice' });
        else if (!definitionChanged(now, def)) problems.push({ practiceId: op.practiceId, key: 'baseline.change.nothingToUpdate' });
        else changes.push({ op: 'update', practiceId: op.practiceId, rule: { ...def, checks: [...def.checks], weight: now.weight } });
        break;
    }
  }
  return { changes, problems };
}

/** What the change form asks per practice: in the baseline or not, its weight, and whether to take the shipped definition. */
export interface FormChoice {
  included: boolean;
  weight: 1 | 2 | 3;
  adopt: boolean;
}

/** The operations a filled-in change form stands for: the difference between the published rules and the choices. */
export function opsFromChoices(choices: ReadonlyMap<string, FormChoice>, published: readonly PracticeRule[], shipped: readonly PracticeRule[]): ChangeOp[] {
  const current = new Map(published.map((r) => [r.id, r]));
  const catalogue = new Map(shipped.map((r) => [r.id, r]));
  const ops: ChangeOp[] = [];
  for (const [id, c] of choices) {
    const now = current.get(id);
    const def = catalogue.get(id);
    if (!now) {
      if (c.included && def) ops.push({ op: 'add', practiceId: id, weight: c.weight });
      continue;
    }
    if (!c.included) {
      ops.push({ op: 'retire', practiceId: id });
      continue;
    }
    if (c.adopt && def && definitionChanged(now, def)) ops.push({ op: 'update', practiceId: id });
    if (c.weight !== now.weight) ops.push({ op: 'weight', practiceId: id, weight: c.weight });
  }
  return ops;
}

/** The rules of the next version: the operations applied in order. An operation whose precondition no longer holds is skipped. */
export function applyChanges(rules: readonly PracticeRule[], changes: readonly BaselineChange[]): PracticeRule[] {
  const out = rules.map((r) => ({ ...r, checks: [...r.checks] }));
  for (const c of changes) {
    const i = out.findIndex((r) => r.id === c.practiceId);
    switch (c.op) {
      case 'add':
        if (i < 0) out.push({ ...c.rule, checks: [...c.rule.checks] });
        break;
      case 'retire':
        if (i >= 0) out.splice(i, 1);
        break;
      case 'weight':
        if (i >= 0) out[i] = { ...out[i]!, weight: c.to as 1 | 2 | 3 };
        break;
      case 'update':
        if (i >= 0) out[i] = { ...c.rule, checks: [...c.rule.checks], weight: out[i]!.weight };
        break;
    }
  }
  return out;
}

export const sameRules = (a: readonly PracticeRule[], b: readonly PracticeRule[]) => a.length === b.length && a.every((r, i) => sameRule(r, b[i]!));
