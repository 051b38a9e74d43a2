// The baseline side of an organisation's export (hearth export-org): its
// scorecard visibility, every self-assessment answer it gave, what it offered
// to help with, its requests for help and the connections on both sides.
import type { Db } from '../../kernel/db/connect.js';
import { toTimestamp } from '../../kernel/time.js';
import * as repo from './baseline.repository.js';
import { DEFAULT_VISIBILITY } from './scorecard.service.js';

const ts = (d: Date | null) => (d ? toTimestamp(d) : null);

export async function exportBaseline(db: Db, org: { id: string }): Promise<unknown> {
  const requests = await repo.listRequests(db, { orgId: org.id, limit: 100_000 });
  const asRequester = await repo.listConnections(db, requests.map((r) => r.id));
  const asHelper = await repo.listConnectionsAsHelper(db, org.id);
  const connection = (c: repo.HelpConnection) => ({ requestId: c.requestId, helperOrgId: c.helperOrgId, offeredBy: c.offeredBy, message: c.message, createdAt: ts(c.createdAt) });
  return {
    visibility: (await repo.findVisibility(db, org.id)) ?? DEFAULT_VISIBILITY,
    answers: (await repo.listAnswers(db, org.id)).map((a) => ({
      id: a.id,
      practiceId: a.practiceId,
      answer: a.answer,
      note: a.note,
      evidenceUrl: a.evidenceUrl,
      baselineVersion: a.baselineVersion,
      answeredBy: a.answeredBy,
      answeredAt: ts(a.answeredAt),
    })),
    canHelpWith: await repo.listOffersOf(db, org.id),
    helpRequests: requests.map((r) => ({
      id: r.id,
      practiceId: r.practiceId,
      gap: r.gap,
      baselineVersion: r.baselineVersion,
      note: r.note,
      lang: r.lang,
      status: r.status,
      createdBy: r.createdBy,
      createdAt: ts(r.createdAt),
      closedAt: ts(r.closedAt),
      connections: asRequester.filter((c) => c.requestId === r.id).map(connection),
    })),
    helpGiven: asHelper.map(connection),
  };
}
