// The full export of one organisation's data: a member owns its data and can
// take it when it leaves. Other modules add their part by registering an
// export contributor, so this file never needs to know about them.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit, listAuditEntries, type AuditEntry } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { forbidden } from '../../kernel/errors.js';
import { nowTs, toTimestamp, type Timestamp } from '../../kernel/time.js';
import * as repo from './federation.repository.js';
import { canManageOrganisation } from './federation.policy.js';

export const ORG_EXPORT_FORMAT = 'hearth-org-export';
export const ORG_EXPORT_VERSION = 1;

/**
 * A module's part of an organisation's export: JSON-serialisable data only,
 * and never secrets (password or token hashes, TOTP secrets, sessions, keys).
 * Runs inside the export's read transaction, so every part sees the same moment.
 */
export type ExportContributor = (db: Db, org: repo.Organisation) => Promise<unknown>;

const contributors = new Map<string, ExportContributor>();

/** Called once by a module (from its index.ts); the name becomes the key under `modules`. */
export function registerExportContributor(module: string, contributor: ExportContributor): void {
  if (contributors.has(module)) throw new Error(`an export contributor named "${module}" is already registered`);
  contributors.set(module, contributor);
}

export interface OrgExport {
  format: typeof ORG_EXPORT_FORMAT;
  version: typeof ORG_EXPORT_VERSION;
  exportedAt: Timestamp;
  organisation: { id: string; slug: string; name: string; status: string; createdAt: Timestamp };
  /** Public profile fields and roles only: no e-mail addresses, credentials or sessions. */
  members: { personId: string; displayName: string; pronouns: string | null; role: string; since: Timestamp }[];
  invitations: {
    id: string;
    email: string;
    role: string;
    invitedBy: string | null;
    createdAt: Timestamp;
    expiresAt: Timestamp;
    acceptedAt: Timestamp | null;
    acceptedBy: string | null;
    revokedAt: Timestamp | null;
  }[];
  /** The organisation's audit entries, oldest first, with their hashes for comparison with the federation's log. */
  audit: { seq: number; id: string; at: Timestamp; actorId: string | null; action: string; targetType: string | null; targetId: string | null; data: Record<string, unknown>; hash: string }[];
  /** One entry per registered contributor (governance, solidarity, posture, …). */
  modules: Record<string, unknown>;
}

const ts = (d: Date) => toTimestamp(d);
const tsOrNull = (d: Date | null) => (d ? toTimestamp(d) : null);

async function orgAuditEntries(db: Db, orgId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listAuditEntries(db, { orgId, limit: 200, ...(before ? { before } : {}) });
    entries.push(...page.entries);
    if (page.next === undefined) break;
    before = page.next;
  }
  return entries.reverse();
}

/** Everything Hearth holds about an organisation. Org admins and federation admins (and the CLI) may export. */
export async function exportOrganisation(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, slug: string): Promise<OrgExport> {
  const org = await repo.getOrganisationBySlug(deps.db, slug);
  if (!canManageOrganisation(actor, org.id)) throw forbidden();
  // One read-only transaction (a snapshot on PostgreSQL), so the parts agree with each other.
  const data = await deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx): Promise<OrgExport> => {
      const members = await repo.listMembers(trx, org.id);
      const invitations = await repo.listAllInvitations(trx, org.id);
      const entries = await orgAuditEntries(trx, org.id);
      const modules: Record<string, unknown> = {};
      for (const [name, contribute] of contributors) modules[name] = await contribute(trx, org);
      return {
        format: ORG_EXPORT_FORMAT,
        version: ORG_EXPORT_VERSION,
        exportedAt: nowTs(deps.clock),
        organisation: { id: org.id, slug: org.slug, name: org.name, status: org.status, createdAt: ts(org.createdAt) },
        members: members.map((m) => ({ personId: m.personId, displayName: m.displayName, pronouns: m.pronouns, role: m.role, since: ts(m.since) })),
        invitations: invitations.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          invitedBy: i.invitedBy,
          createdAt: ts(i.createdAt),
          expiresAt: ts(i.expiresAt),
          acceptedAt: tsOrNull(i.acceptedAt),
          acceptedBy: i.acceptedBy,
          revokedAt: tsOrNull(i.revokedAt),
        })),
        audit: entries.map((e) => ({
          seq: e.seq,
          id: e.id,
          at: ts(e.at),
          actorId: e.actorId,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          data: e.data,
          hash: e.hash,
        })),
        modules,
      };
    });
  // Taking all of an organisation's data is itself worth a record (after the read, in its own transaction).
  await deps.db.transaction().execute((trx) =>
    audit(trx, actor, 'federation.org.exported', {
      targetType: 'organisation',
      targetId: org.id,
      orgId: org.id,
      data: { members: data.members.length, invitations: data.invitations.length, auditEntries: data.audit.length },
    }),
  );
  return data;
}
