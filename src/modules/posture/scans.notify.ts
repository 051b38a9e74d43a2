// What org-admins are told, in the interface (posture_notices) and by e-mail
// (through the outbox, in the same transaction as the change that caused it),
// each in their own language: checks that newly fail, certificates expiring
// within 21 days, and a lost proof of control.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { newId } from '../../kernel/ids.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { queueMail } from '../../kernel/mail/outbox.js';
import { nowTs } from '../../kernel/time.js';
import { getOrganisation } from '../federation/federation.repository.js';
import * as repo from './scans.repository.js';
import type { PostureNoticesTable } from './scans.tables.js';

type D = Pick<Deps, 'clock' | 'config'>;

/** A certificate is reported when it ends within this many days (and has not ended yet: that is a failing CERT-05). */
export const EXPIRY_NOTICE_DAYS = 21;

export interface ExpiringCertificate {
  target: string;
  notAfter: string;
  daysLeft: number;
}

const assetLink = (deps: D, slug: string, assetId: string) => `${deps.config.baseUrl}/orgs/${slug}/posture/assets/${assetId}`;

async function record(deps: D, trx: Db, row: Omit<PostureNoticesTable, 'id' | 'created_at' | 'dismissed_at' | 'dismissed_by'>): Promise<void> {
  await repo.insertNotice(trx, { id: newId(), created_at: nowTs(deps.clock), dismissed_at: null, dismissed_by: null, ...row });
}

async function mailAdmins(
  deps: D,
  trx: Db,
  orgId: string,
  write: (i18n: ReturnType<typeof translator>, r: repo.Recipient) => { subject: string; text: string },
): Promise<number> {
  const admins = await repo.listOrgAdmins(trx, orgId);
  for (const r of admins) {
    const i18n = translator(r.locale ?? deps.config.defaultLocale, r.timeZone ?? deps.config.defaultTimeZone);
    const { subject, text } = write(i18n, r);
    await queueMail(trx, deps.clock, { to: r.email, subject, text });
  }
  return admins.length;
}

export async function notifyVerificationLost(deps: D, trx: Db, asset: repo.Asset, code: string): Promise<void> {
  const org = await getOrganisation(trx, asset.orgId);
  await record(deps, trx, { org_id: asset.orgId, asset_id: asset.id, scan_id: null, kind: 'verification_lost', data: JSON.stringify({ domain: asset.name, code }) });
  await mailAdmins(deps, trx, asset.orgId, (i18n, r) => ({
    subject: i18n.t('mail.posture.lost.subject', { domain: asset.name }),
    text: i18n.t('mail.posture.lost.body', {
      name: r.displayName,
      org: org.name,
      domain: asset.name,
      why: i18n.tDynamic(`error.${code}`, {
        domain: asset.name,
        name: `_hearth-challenge.${asset.name}`,
        url: `https://${asset.name}/.well-known/hearth-challenge.txt`,
        method: asset.verifiedMethod ?? 'dns',
        reason: 'none',
        address: '',
        found: 0,
      }),
      link: assetLink(deps, org.slug, asset.id),
    }),
  }));
}

/** After a scan: the checks that newly fail and the certificates about to end (each told once). */
export async function notifyScanFindings(
  deps: D,
  trx: Db,
  scan: { id: string; assetId: string; orgId: string; domain: string },
  newlyFailing: string[],
  expiring: ExpiringCertificate[],
): Promise<void> {
  const org = await getOrganisation(trx, scan.orgId);
  const link = `${deps.config.baseUrl}/orgs/${org.slug}/posture/scans/${scan.id}`;
  if (newlyFailing.length > 0) {
    await record(deps, trx, { org_id: scan.orgId, asset_id: scan.assetId, scan_id: scan.id, kind: 'newly_failing', data: JSON.stringify({ domain: scan.domain, checks: newlyFailing }) });
    await mailAdmins(deps, trx, scan.orgId, (i18n, r) => ({
      subject: i18n.t('mail.posture.failing.subject', { domain: scan.domain, count: newlyFailing.length }),
      text: i18n.t('mail.posture.failing.body', {
        name: r.displayName,
        org: org.name,
        domain: scan.domain,
        count: newlyFailing.length,
        checks: newlyFailing.map((id) => `- ${id}: ${i18n.tDynamic(`check.title.${id}`)}`).join('\n'),
        link,
      }),
    }));
  }
  for (const cert of expiring) {
    const key = `${cert.target}|${cert.notAfter}`;
    if (await repo.certNoticeExists(trx, scan.assetId, key)) continue;
    await record(deps, trx, { org_id: scan.orgId, asset_id: scan.assetId, scan_id: scan.id, kind: 'cert_expiring', data: JSON.stringify({ domain: scan.domain, ...cert, key }) });
    await mailAdmins(deps, trx, scan.orgId, (i18n, r) => ({
      subject: i18n.t('mail.posture.expiring.subject', { target: cert.target, days: cert.daysLeft }),
      text: i18n.t('mail.posture.expiring.body', {
        name: r.displayName,
        org: org.name,
        target: cert.target,
        days: cert.daysLeft,
        date: i18n.date(new Date(cert.notAfter)),
        link,
      }),
    }));
  }
}
