// Governance's part of `hearth export-org`: the proposals the organisation
// opened (with every language of their texts), the positions it took, and its delegates.
import type { Db } from '../../kernel/db/connect.js';
import { listTranslations } from '../../kernel/text/index.js';
// Straight from the export file, not the federation index: that index loads admissions, which load governance.
import { registerExportContributor } from '../federation/federation.export.js';
import type { Organisation } from '../federation/index.js';
import * as repo from './governance.repository.js';
import { OWNER } from './governance.service.js';

export async function exportGovernance(db: Db, org: Organisation) {
  const proposals = [];
  for (const p of await repo.listProposalsOfOrg(db, org.id)) {
    const owner = { ownerType: OWNER, ownerId: p.id };
    const texts = [];
    for (const field of ['title', 'body', 'outcome']) {
      for (const v of await listTranslations(db, owner, field)) {
        texts.push({ field, lang: v.lang, body: v.body, isSource: v.isSource, translator: v.translator, machine: v.machine });
      }
    }
    proposals.push({
      id: p.id,
      kind: p.kind,
      status: p.status,
      timeZone: p.timeZone,
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      closedAt: p.closedAt?.toISOString() ?? null,
      quorum: p.quorum,
      tally: p.tally,
      texts,
    });
  }
  const positions = (await repo.listPositionsOfOrg(db, org.id)).map((r) => ({
    proposalId: r.proposal_id,
    position: r.position,
    reason: r.reason,
    setBy: r.set_by,
    setAt: r.set_at,
  }));
  const delegates = (await repo.listDelegateRows(db, org.id)).map((r) => ({ personId: r.person_id, addedBy: r.added_by, since: r.created_at }));
  return { proposals, positions, delegates };
}

let registered = false;
/** Once per process, however many apps are built (tests build many). */
export function registerGovernanceExport(): void {
  if (registered) return;
  registered = true;
  registerExportContributor('governance', exportGovernance);
}
