import type { AuditReport, Category, CategoryScore, CheckResult, Status } from './types.js';

export const categories: Category[] = ['tls', 'cert', 'http', 'dns', 'mail', 'ipv6'];

/**
 * The catalogue's scoring: pass counts 1, warn ½, fail 0; info and error are not
 * counted. A category's score is points ÷ maximum; the overall score is the mean
 * of the categories that have any scored result.
 */
export function scoreResults(results: CheckResult[]): { categories: CategoryScore[]; overall: number | undefined } {
  const scored = categories.map((category): CategoryScore => {
    const counts: Record<Status, number> = { pass: 0, warn: 0, fail: 0, info: 0, error: 0 };
    for (const r of results) if (r.category === category) counts[r.status]++;
    const max = counts.pass + counts.warn + counts.fail;
    return { category, counts, score: max === 0 ? undefined : (counts.pass + counts.warn / 2) / max };
  });
  const applicable = scored.filter((c) => c.score !== undefined);
  const overall = applicable.length === 0 ? undefined : applicable.reduce((s, c) => s + c.score!, 0) / applicable.length;
  return { categories: scored, overall };
}

/**
 * Exit status of `hearth check`: 1 when any check fails; 2 when nothing at all
 * could be measured (a name that does not exist, a resolver that is silent), so
 * a script does not take a typo for a clean bill; else 0.
 */
export function exitStatus(report: Pick<AuditReport, 'results'>): 0 | 1 | 2 {
  if (report.results.some((r) => r.status === 'fail')) return 1;
  if (report.results.length > 0 && report.results.every((r) => r.status === 'error')) return 2;
  return 0;
}
