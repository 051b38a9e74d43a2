// Fixture data of posture scanning for the authorization matrix: a verified
// domain of the organisation with a finished scan and an open notice, and a
// second domain for the DELETE route to remove.
import { newId } from '../../src/kernel/ids.js';
import { toTimestamp } from '../../src/kernel/time.js';
import type { Deps } from '../../src/kernel/deps.js';
import type { Organisation } from '../../src/modules/federation/federation.repository.js';
import { insertNotice } from '../../src/modules/posture/scans.repository.js';
import { unique } from '../factories/index.js';
import { makeVerifiedDomain, recordScan } from './posture-baseline.js';

export async function postureScansFixture(deps: Deps, org: Organisation): Promise<{ assetId: string; assetToRemove: string; scanId: string; noticeId: string }> {
  const now = new Date();
  const assetId = await makeVerifiedDomain(deps, org.id, `${unique('matrix')}.example.org`, now);
  const assetToRemove = await makeVerifiedDomain(deps, org.id, `${unique('remove')}.example.org`, now);
  const scanId = await recordScan(deps, org.id, assetId, now, { 'TLS-01': 'pass', 'HTTP-03': 'fail' });
  const noticeId = newId();
  await insertNotice(deps.db, {
    id: noticeId,
    org_id: org.id,
    asset_id: assetId,
    scan_id: scanId,
    kind: 'newly_failing',
    data: JSON.stringify({ checks: ['HTTP-03'] }),
    created_at: toTimestamp(now),
    dismissed_at: null,
    dismissed_by: null,
  });
  return { assetId, assetToRemove, scanId, noticeId };
}
