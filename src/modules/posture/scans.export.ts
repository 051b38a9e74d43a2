// Scanning's part of `hearth export-org`: the declared domains (with their
// challenge tokens: the organisation's own), what scans found under them, the
// scan interval, every scan with its results and evidence, and the notices.
import type { Db } from '../../kernel/db/connect.js';
import type { Organisation } from '../federation/index.js';
import * as repo from './scans.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportScans(db: Db, org: Organisation) {
  const domains = await repo.listDomainAssets(db, org.id);
  const found = await repo.listFoundAssets(db, domains.map((d) => d.id));
  const scans = await repo.listAllScans(db, org.id);
  const results = await repo.listResultsOf(db, scans.map((s) => s.id));
  const byScan = new Map<string, repo.StoredResult[]>();
  for (const r of results) byScan.set(r.scanId, [...(byScan.get(r.scanId) ?? []), r]);
  return {
    intervalDays: (await repo.findIntervalDays(db, org.id)) ?? null,
    assets: domains.map((a) => ({
      id: a.id,
      domain: a.name,
      challengeToken: a.challengeToken,
      verifiedMethod: a.verifiedMethod,
      verifiedAt: iso(a.verifiedAt),
      verifyCheckedAt: iso(a.verifyCheckedAt),
      verifyLostAt: iso(a.verifyLostAt),
      verifyError: a.verifyError,
      dkimSelectors: a.dkimSelectors,
      createdAt: a.createdAt.toISOString(),
      found: found.filter((f) => f.parentId === a.id).map((f) => ({ kind: f.kind, name: f.name, port: f.port, address: f.address, lastSeenAt: iso(f.lastSeenAt) })),
    })),
    scans: scans.map((s) => ({
      id: s.id,
      assetId: s.assetId,
      trigger: s.trigger,
      status: s.status,
      createdAt: s.createdAt.toISOString(),
      startedAt: iso(s.startedAt),
      finishedAt: iso(s.finishedAt),
      durationMs: s.durationMs,
      counts: s.counts,
      score: s.score,
      error: s.error,
      results: (byScan.get(s.id) ?? []).map((r) => ({ checkId: r.checkId, status: r.status, target: r.target, summary: r.summary, evidence: r.evidence, reason: r.reason })),
    })),
    notices: (await repo.listAllNotices(db, org.id)).map((n) => ({ kind: n.kind, scanId: n.scanId, data: n.data, createdAt: n.createdAt.toISOString(), dismissedAt: iso(n.dismissedAt) })),
  };
}
