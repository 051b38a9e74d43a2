// Organisations (federation members), their people and invitations.
import type { Deps } from '../../kernel/deps.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, personOf } from '../../kernel/auth/actor.js';
import { createPerson, createSession } from '../../kernel/auth/auth.service.js';
import { translateDbError } from '../../kernel/db/errors.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { hashToken, newId, newToken } from '../../kernel/ids.js';
import { queueMail } from '../../kernel/mail/outbox.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { addMs, fromTimestamp, nowTs } from '../../kernel/time.js';
import * as repo from './federation.repository.js';
import { canCreateOrganisation, canListOrganisations, canManageOrganisation, canViewOrganisation } from './federation.policy.js';
import type { CreateOrgInput, InviteInput } from './federation.schemas.js';
import type { OrgRole } from './federation.tables.js';

const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

export async function createOrganisation(deps: D, actor: Actor, input: CreateOrgInput): Promise<repo.Organisation> {
  if (!canCreateOrganisation(actor)) throw forbidden();
  return deps.db.transaction().execute((trx) => insertOrganisationIn(deps, trx, actor, input));
}

/**
 * The organisation and its audit entry, inside the caller's transaction. The
 * caller has decided that the actor may create it (an admission decision does).
 */
export async function insertOrganisationIn(deps: Pick<D, 'clock'>, trx: D['db'], actor: Actor, input: CreateOrgInput): Promise<repo.Organisation> {
  const now = nowTs(deps.clock);
  const row = { id: newId(), slug: input.slug, name: input.name, status: 'active' as const, created_at: now, updated_at: now };
  try {
    await repo.insertOrganisation(trx, row);
  } catch (err) {
    translateDbError(err, { slug: { field: 'slug', code: 'ORG_SLUG_TAKEN' } });
  }
  await audit(trx, actor, 'federation.org.created', { targetType: 'organisation', targetId: row.id, orgId: row.id, data: { slug: row.slug } });
  return repo.toOrganisation(row);
}

export async function listOrganisationsFor(deps: D, actor: Actor, opts: { after?: string } = {}) {
  if (!canListOrganisations(actor)) throw new AppError('UNAUTHENTICATED', 401);
  return repo.listOrganisations(deps.db, opts);
}

/** The organisations a person belongs to (for their home page). */
export async function listOrganisationsOf(deps: D, actor: Actor): Promise<repo.Organisation[]> {
  if (actor.kind !== 'person') return [];
  return (await repo.listOrganisations(deps.db, { ids: actor.memberships.map((m) => m.orgId), limit: 200 })).orgs;
}

export interface OrganisationView {
  org: repo.Organisation;
  members: repo.Member[];
  invitations: repo.Invitation[] | undefined;
  canManage: boolean;
}

export async function viewOrganisation(deps: D, actor: Actor, slug: string): Promise<OrganisationView> {
  const org = await repo.getOrganisationBySlug(deps.db, slug);
  if (!canViewOrganisation(actor, org.id)) throw forbidden();
  const canManage = canManageOrganisation(actor, org.id);
  return {
    org,
    members: await repo.listMembers(deps.db, org.id),
    invitations: canManage ? await repo.listPendingInvitations(deps.db, org.id, nowTs(deps.clock)) : undefined,
    canManage,
  };
}

export async function getManagedOrganisation(deps: D, actor: Actor, slug: string): Promise<repo.Organisation> {
  const org = await repo.getOrganisationBySlug(deps.db, slug);
  if (!canManageOrganisation(actor, org.id)) throw forbidden();
  return org;
}

export interface CreatedInvitation {
  invitation: repo.Invitation;
  link: string;
  mailed: boolean;
}

export async function inviteToOrganisation(deps: D, actor: Actor, slug: string, input: InviteInput): Promise<CreatedInvitation> {
  const org = await getManagedOrganisation(deps, actor, slug);
  return deps.db.transaction().execute((trx) => insertInvitationIn(deps, trx, actor, org, input));
}

/**
 * An invitation (mailed when SMTP is configured) and its audit entry, inside the
 * caller's transaction. The caller has decided that the actor may invite.
 * `mailLocale` is the language of the message (the inviter's by default).
 */
export async function insertInvitationIn(
  deps: D,
  trx: D['db'],
  actor: Actor,
  org: repo.Organisation,
  input: InviteInput,
  opts: { mailLocale?: string } = {},
): Promise<CreatedInvitation> {
  const inviter = personOf(actor);
  const token = newToken();
  const link = `${deps.config.baseUrl}/invite/${token}`;
  const row = {
    id: newId(),
    org_id: org.id,
    email: input.email,
    role: input.role,
    token_hash: hashToken(token),
    invited_by: inviter?.id ?? null,
    created_at: nowTs(deps.clock),
    expires_at: addMs(deps.clock, INVITATION_TTL_MS),
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
  };
  const mailed = deps.mail.enabled;
  await trx.insertInto('invitations').values(row).execute();
  if (mailed) {
    const t = translator(opts.mailLocale ?? inviter?.locale ?? deps.config.defaultLocale).t;
    await queueMail(trx, deps.clock, {
      to: input.email,
      subject: t('mail.invite.subject', { org: org.name }),
      text: t('mail.invite.body', { org: org.name, inviter: inviter?.displayName ?? 'Hearth', link, days: 7 }),
    });
  }
  await audit(trx, actor, 'federation.invitation.created', {
    targetType: 'invitation',
    targetId: row.id,
    orgId: org.id,
    data: { role: input.role, mailed },
  });
  return { invitation: repo.toInvitation(row), link, mailed };
}

export async function revokeInvitation(deps: D, actor: Actor, slug: string, invitationId: string): Promise<void> {
  const org = await getManagedOrganisation(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('invitations')
      .set({ revoked_at: nowTs(deps.clock) })
      .where('id', '=', invitationId)
      .where('org_id', '=', org.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('INVITATION_NOT_FOUND', 404);
    await audit(trx, actor, 'federation.invitation.revoked', { targetType: 'invitation', targetId: invitationId, orgId: org.id });
  });
}

export interface OpenInvitation {
  invitation: repo.Invitation;
  org: repo.Organisation;
  /** True when no account exists for the invited address yet. */
  needsAccount: boolean;
}

async function openInvitationRow(deps: D, db: D['db'], token: string) {
  const row = await repo.findInvitationByTokenHash(db, hashToken(token));
  if (!row || row.accepted_at || row.revoked_at || fromTimestamp(row.expires_at) <= deps.clock.now()) {
    throw new AppError('INVITATION_INVALID', 410);
  }
  return row;
}

export async function readInvitation(deps: D, token: string): Promise<OpenInvitation> {
  const row = await openInvitationRow(deps, deps.db, token);
  const existing = await deps.db.selectFrom('people').select('id').where('email', '=', row.email).executeTakeFirst();
  return { invitation: repo.toInvitation(row), org: await repo.getOrganisation(deps.db, row.org_id), needsAccount: !existing };
}

/** A signed-in person accepts; the link itself is the credential, single-use. */
export async function acceptInvitation(deps: D, actor: Actor, token: string): Promise<repo.Organisation> {
  const person = personOf(actor);
  if (!person) throw new AppError('UNAUTHENTICATED', 401);
  return deps.db.transaction().execute(async (trx) => {
    const row = await openInvitationRow(deps, trx, token);
    await addMember(deps, trx, actor, row, person.id);
    return repo.getOrganisation(trx, row.org_id);
  });
}

/** Someone without an account accepts: the account is made for the invited address. */
export async function acceptInvitationWithNewAccount(
  deps: D,
  token: string,
  input: { displayName: string; password: string; locale?: string | null },
): Promise<{ org: repo.Organisation; session: string }> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const row = await openInvitationRow(deps, trx, token);
    const person = await createPerson(deps, trx, { kind: 'anonymous' }, {
      displayName: input.displayName,
      email: row.email,
      password: input.password,
      locale: input.locale ?? null,
    });
    const actor: Actor = { kind: 'person', person, memberships: [] };
    await addMember(deps, trx, actor, row, person.id);
    return { org: await repo.getOrganisation(trx, row.org_id), personId: person.id };
  });
  return { org: result.org, session: await createSession(deps, result.personId, false) };
}

async function addMember(deps: D, trx: D['db'], actor: Actor, row: { id: string; org_id: string; role: OrgRole }, personId: string) {
  const existing = await repo.findMembership(trx, row.org_id, personId);
  if (existing) throw new AppError('ALREADY_MEMBER', 409);
  const now = nowTs(deps.clock);
  // Claim the invitation first, so two simultaneous accepts cannot both succeed.
  const claimed = await trx
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: personId })
    .where('id', '=', row.id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('INVITATION_INVALID', 410);
  await trx.insertInto('memberships').values({ org_id: row.org_id, person_id: personId, role: row.role, created_at: now }).execute();
  await audit(trx, actor, 'federation.invitation.accepted', {
    targetType: 'person',
    targetId: personId,
    orgId: row.org_id,
    data: { invitationId: row.id, role: row.role },
  });
}

export async function changeMemberRole(deps: D, actor: Actor, slug: string, personId: string, role: OrgRole): Promise<void> {
  const org = await getManagedOrganisation(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const m = await repo.findMembership(trx, org.id, personId);
    if (!m) throw new AppError('MEMBER_NOT_FOUND', 404);
    if (m.role === role) return;
    if (m.role === 'org_admin' && (await repo.countOrgAdmins(trx, org.id)) <= 1) throw new AppError('LAST_ORG_ADMIN', 409);
    await trx.updateTable('memberships').set({ role }).where('org_id', '=', org.id).where('person_id', '=', personId).execute();
    await audit(trx, actor, 'federation.member.role_changed', { targetType: 'person', targetId: personId, orgId: org.id, data: { from: m.role, to: role } });
  });
}

export async function removeMember(deps: D, actor: Actor, slug: string, personId: string): Promise<void> {
  const org = await getManagedOrganisation(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const m = await repo.findMembership(trx, org.id, personId);
    if (!m) throw new AppError('MEMBER_NOT_FOUND', 404);
    if (m.role === 'org_admin' && (await repo.countOrgAdmins(trx, org.id)) <= 1) throw new AppError('LAST_ORG_ADMIN', 409);
    await trx.deleteFrom('memberships').where('org_id', '=', org.id).where('person_id', '=', personId).execute();
    await audit(trx, actor, 'federation.member.removed', { targetType: 'person', targetId: personId, orgId: org.id });
  });
}
