// Accounts: first-run setup, login with throttling and TOTP, sessions,
// credentials, profile, password reset, suspension and federation roles.
import { randomBytes, createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Deps } from '../deps.js';
import type { Db } from '../db/connect.js';
import { audit } from '../audit/audit.js';
import { AppError, forbidden, tooManyRequests, validationFailed } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { addMs, fromTimestamp, nowTs, toTimestamp } from '../time.js';
import { translateDbError } from '../db/errors.js';
import { deleteSetting, getSetting, setSetting } from '../settings.js';
import { queueMail } from '../mail/outbox.js';
import { translator } from '../i18n/i18n.js';
import { type Actor, type Person, anonymous, personOf, systemActor } from './actor.js';
import type { FedRole } from './auth.tables.js';
import * as repo from './auth.repository.js';
import { revokeApiTokensOf } from './tokens.repository.js';
import { burnPasswordCheck, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';
import { clearFailures, recordFailure, slowdownMs, throttleKeys, waitSeconds } from './throttle.js';
import { matchTotp, newTotpSecret } from './totp.js';
import { canManagePeople, mustUseTwoFactor } from './auth.policy.js';
import type { ProfileInput } from './auth.schemas.js';

const SETUP_TTL_MS = 24 * 3_600_000;
const RESET_TTL_MS = 60 * 60_000;
const RECOVERY_CODES = 10;

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'secret'> & Partial<Pick<Deps, 'mail'>>;

function requirePerson(actor: Actor): Person {
  const p = personOf(actor);
  if (!p) throw new AppError('UNAUTHENTICATED', 401);
  return p;
}

async function newPasswordHash(password: string, context: string[], field = 'password'): Promise<string> {
  const problem = passwordProblem(password, context);
  if (problem) throw validationFailed({ [field]: { key: problem, values: { min: 8, max: 128 } } });
  return hashPassword(password);
}

// ── First run ────────────────────────────────────────────────────────────

/** A one-time setup token while no admin exists; a new one on each start replaces the last. */
export async function issueSetupToken(deps: D): Promise<string | undefined> {
  if ((await repo.countAdmins(deps.db)) > 0) return undefined;
  const token = newToken();
  await setSetting(deps.db, 'setup_token', JSON.stringify({ hash: hashToken(token), expires: addMs(deps.clock, SETUP_TTL_MS) }));
  return token;
}

export async function setupTokenValid(deps: D, token: string): Promise<boolean> {
  const raw = await getSetting(deps.db, 'setup_token');
  if (!raw) return false;
  const { hash, expires } = JSON.parse(raw) as { hash: string; expires: string };
  return hash === hashToken(token) && fromTimestamp(expires) > deps.clock.now() && (await repo.countAdmins(deps.db)) === 0;
}

export async function completeSetup(deps: D, token: string, input: { displayName: string; email: string; password: string }): Promise<{ person: Person; session: string }> {
  if (!(await setupTokenValid(deps, token))) throw new AppError('SETUP_TOKEN_INVALID', 410);
  const passwordHash = await newPasswordHash(input.password, [input.email, input.displayName]);
  const person = await deps.db.transaction().execute(async (trx) => {
    if ((await repo.countAdmins(trx)) > 0) throw new AppError('SETUP_TOKEN_INVALID', 410);
    const person = await insertNewPerson(deps, trx, { ...input, passwordHash, fedRole: 'admin' });
    await deleteSetting(trx, 'setup_token');
    await audit(trx, { kind: 'person', person, memberships: [] }, 'auth.setup.completed', { targetType: 'person', targetId: person.id });
    return person;
  });
  return { person, session: await createSession(deps, person.id, false) };
}

async function insertNewPerson(
  deps: D,
  trx: Db,
  input: { displayName: string; email: string; passwordHash: string; fedRole: FedRole | null; locale?: string | null },
): Promise<Person> {
  const now = nowTs(deps.clock);
  const row = {
    id: newId(),
    email: repo.normaliseEmail(input.email),
    display_name: input.displayName.trim(),
    pronouns: null,
    locale: input.locale ?? null,
    time_zone: null,
    password_hash: input.passwordHash,
    fed_role: input.fedRole,
    status: 'active' as const,
    totp_secret: null,
    totp_last_step: null,
    totp_enabled_at: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await repo.insertPerson(trx, row);
  } catch (err) {
    translateDbError(err, { email: { field: 'email', code: 'EMAIL_TAKEN' } });
  }
  return repo.toPerson(row);
}

/** Create an account (used by invitations and the CLI). Runs inside the caller's transaction. */
export async function createPerson(
  deps: D,
  trx: Db,
  actor: Actor,
  input: { displayName: string; email: string; password: string; fedRole?: FedRole | null; locale?: string | null },
): Promise<Person> {
  const passwordHash = await newPasswordHash(input.password, [input.email, input.displayName]);
  const person = await insertNewPerson(deps, trx, { ...input, passwordHash, fedRole: input.fedRole ?? null });
  await audit(trx, actor.kind === 'anonymous' ? { kind: 'person', person, memberships: [] } : actor, 'auth.person.created', {
    targetType: 'person',
    targetId: person.id,
    data: { fedRole: person.fedRole },
  });
  return person;
}

// ── Sessions ─────────────────────────────────────────────────────────────

export async function createSession(deps: D, personId: string, mfaPending: boolean): Promise<string> {
  const token = newToken();
  const now = nowTs(deps.clock);
  await repo.insertSession(deps.db, {
    id_hash: hashToken(token),
    person_id: personId,
    mfa_pending: mfaPending ? 1 : 0,
    created_at: now,
    last_seen_at: now,
    // A half-finished login (password right, code still due) lives ten minutes.
    expires_at: addMs(deps.clock, mfaPending ? 10 * 60_000 : deps.config.sessionMaxMs),
  });
  return token;
}

export interface LoadedSession {
  idHash: string;
  person: Person;
  mfaPending: boolean;
}

/** The session behind a cookie, if it is still valid (idle and absolute limits, active person). */
export async function loadSession(deps: D, token: string): Promise<LoadedSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const idHash = hashToken(token);
  const s = await repo.findSession(deps.db, idHash);
  if (!s) return undefined;
  const now = deps.clock.now();
  const idleLimit = fromTimestamp(s.last_seen_at).getTime() + deps.config.sessionIdleMs;
  if (fromTimestamp(s.expires_at) <= now || idleLimit <= now.getTime()) {
    await repo.deleteSession(deps.db, idHash);
    return undefined;
  }
  const row = await repo.findPersonRow(deps.db, s.person_id);
  if (!row || row.status !== 'active') return undefined;
  // Writing on every request would serialise all readers on SQLite; once a minute is enough.
  if (now.getTime() - fromTimestamp(s.last_seen_at).getTime() > 60_000) {
    await repo.touchSession(deps.db, idHash, toTimestamp(now));
  }
  return { idHash, person: repo.toPerson(row), mfaPending: s.mfa_pending === 1 };
}

export async function actorFor(db: Db, person: Person): Promise<Actor> {
  return { kind: 'person', person, memberships: await repo.listMemberships(db, person.id) };
}

export async function logout(deps: D, session: LoadedSession | undefined): Promise<void> {
  if (!session) return;
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, session.idHash);
    await audit(trx, { kind: 'person', person: session.person, memberships: [] }, 'auth.logout', { targetType: 'person', targetId: session.person.id });
  });
}

export async function signOutEverywhere(deps: D, actor: Actor, keep: string | undefined): Promise<number> {
  const person = requirePerson(actor);
  return deps.db.transaction().execute(async (trx) => {
    const ended = await repo.deleteSessionsOf(trx, person.id, keep);
    await audit(trx, actor, 'auth.sessions.ended', { targetType: 'person', targetId: person.id, data: { ended } });
    return ended;
  });
}

// ── Login ────────────────────────────────────────────────────────────────

export type LoginResult = { session: string; person: Person; mfaPending: boolean };

export async function login(deps: D, input: { email: string; password: string; source: string }): Promise<LoginResult> {
  const keys = throttleKeys(deps.secret, input.email, input.source);
  const wait = await waitSeconds(deps.db, deps.clock, keys);
  if (wait > 0) throw tooManyRequests(wait);
  const slow = await slowdownMs(deps.db, deps.clock, keys);
  if (slow > 0) await sleep(slow);

  const row = await repo.findPersonRowByEmail(deps.db, input.email);
  const ok = row ? await verifyPassword(row.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!row || !ok) {
    await deps.db.transaction().execute(async (trx) => {
      await recordFailure(trx, deps.clock, keys);
      await audit(trx, anonymous, 'auth.login.failed', row ? { targetType: 'person', targetId: row.id } : { data: { unknownAccount: true } });
    });
    throw new AppError('LOGIN_FAILED', 401);
  }
  if (row.status !== 'active') throw new AppError('ACCOUNT_SUSPENDED', 403);
  await clearFailures(deps.db, keys);
  if (needsRehash(row.password_hash)) {
    await repo.updatePerson(deps.db, row.id, { password_hash: await hashPassword(input.password) });
  }
  const person = repo.toPerson(row);
  const mfaPending = person.totpEnabled;
  const session = await createSession(deps, person.id, mfaPending);
  await deps.db.transaction().execute((trx) =>
    audit(trx, { kind: 'person', person, memberships: [] }, mfaPending ? 'auth.login.password' : 'auth.login', {
      targetType: 'person',
      targetId: person.id,
    }),
  );
  return { session, person, mfaPending };
}

/** Second step: a TOTP code (never twice the same) or an unused recovery code. */
export async function completeSecondFactor(deps: D, pending: LoadedSession, code: string, source: string): Promise<string> {
  if (!pending.mfaPending) throw new AppError('MFA_NOT_PENDING', 400);
  const keys = throttleKeys(deps.secret, `mfa:${pending.person.id}`, source);
  const wait = await waitSeconds(deps.db, deps.clock, keys);
  if (wait > 0) throw tooManyRequests(wait);
  const actor: Actor = { kind: 'person', person: pending.person, memberships: [] };
  const used = await deps.db.transaction().execute(async (trx) => {
    const method = await consumeSecondFactor(deps, trx, pending.person.id, code);
    if (!method) return undefined;
    await repo.deleteSession(trx, pending.idHash);
    await audit(trx, actor, 'auth.login', { targetType: 'person', targetId: pending.person.id, data: { secondFactor: method } });
    return method;
  });
  if (!used) {
    await deps.db.transaction().execute(async (trx) => {
      await recordFailure(trx, deps.clock, keys);
      await audit(trx, actor, 'auth.2fa.failed', { targetType: 'person', targetId: pending.person.id });
    });
    throw validationFailed({ code: 'auth.codeWrong' }, 'MFA_CODE_WRONG');
  }
  await clearFailures(deps.db, keys);
  // A new session id once fully signed in.
  return createSession(deps, pending.person.id, false);
}

async function consumeSecondFactor(deps: D, trx: Db, personId: string, code: string): Promise<'totp' | 'recovery' | undefined> {
  const row = await repo.getPersonRow(trx, personId);
  if (!row.totp_secret || !row.totp_enabled_at) return undefined;
  const step = matchTotp(row.totp_secret, code, deps.clock.now());
  if (step !== undefined) {
    if (row.totp_last_step !== null && step <= Number(row.totp_last_step)) return undefined;
    await repo.updatePerson(trx, personId, { totp_last_step: step });
    return 'totp';
  }
  const normalised = code.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[a-z0-9]{10}$/.test(normalised)) return undefined;
  const res = await trx
    .updateTable('recovery_codes')
    .set({ used_at: nowTs(deps.clock) })
    .where('person_id', '=', personId)
    .where('code_hash', '=', recoveryHash(normalised))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? 'recovery' : undefined;
}

// ── Credentials (each needs the current password again) ─────────────────

/** The current password again, before a credential changes (also used for API tokens). */
export async function reauthenticate(deps: D, personId: string, password: string): Promise<repo.PersonRow> {
  const row = await repo.getPersonRow(deps.db, personId);
  if (!(await verifyPassword(row.password_hash, password))) {
    throw validationFailed({ current: 'auth.currentPasswordWrong' }, 'REAUTH_FAILED');
  }
  return row;
}

export async function changePassword(deps: D, actor: Actor, input: { current: string; password: string; keepSession?: string | undefined }, currentSession?: string): Promise<void> {
  const person = requirePerson(actor);
  await reauthenticate(deps, person.id, input.current);
  const hash = await newPasswordHash(input.password, [person.email, person.displayName]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, person.id, { password_hash: hash, updated_at: nowTs(deps.clock) });
    // Every other session ends; this one too unless the person asked to stay.
    const ended = await repo.deleteSessionsOf(trx, person.id, input.keepSession === 'yes' ? currentSession : undefined);
    await audit(trx, actor, 'auth.password.changed', { targetType: 'person', targetId: person.id, data: { sessionsEnded: ended } });
  });
}

export async function changeEmail(deps: D, actor: Actor, input: { current: string; email: string }): Promise<void> {
  const person = requirePerson(actor);
  await reauthenticate(deps, person.id, input.current);
  await deps.db.transaction().execute(async (trx) => {
    try {
      await repo.updatePerson(trx, person.id, { email: repo.normaliseEmail(input.email), updated_at: nowTs(deps.clock) });
    } catch (err) {
      translateDbError(err, { email: { field: 'email', code: 'EMAIL_TAKEN' } });
    }
    await audit(trx, actor, 'auth.email.changed', { targetType: 'person', targetId: person.id });
  });
}

export async function updateProfile(deps: D, actor: Actor, input: ProfileInput): Promise<void> {
  const person = requirePerson(actor);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, person.id, {
      display_name: input.displayName,
      pronouns: input.pronouns || null,
      locale: input.locale,
      time_zone: input.timeZone,
      updated_at: nowTs(deps.clock),
    });
    await audit(trx, actor, 'auth.profile.updated', { targetType: 'person', targetId: person.id });
  });
}

/** The language switcher saves the choice for signed-in people. */
export async function saveLocale(deps: D, actor: Actor, locale: string): Promise<void> {
  const person = personOf(actor);
  if (person && person.locale !== locale) await repo.updatePerson(deps.db, person.id, { locale });
}

// ── Two-factor authentication ────────────────────────────────────────────

/** A secret for the enrolment page; kept unconfirmed until a code proves the app has it. */
export async function startTotpEnrolment(deps: D, actor: Actor): Promise<string> {
  const person = requirePerson(actor);
  const row = await repo.getPersonRow(deps.db, person.id);
  if (row.totp_enabled_at) throw new AppError('TOTP_ALREADY_ENABLED', 409);
  if (row.totp_secret) return row.totp_secret;
  const secret = newTotpSecret();
  await repo.updatePerson(deps.db, person.id, { totp_secret: secret });
  return secret;
}

/** Confirms enrolment; returns recovery codes, shown once. */
export async function confirmTotp(deps: D, actor: Actor, input: { current: string; code: string }): Promise<string[]> {
  const person = requirePerson(actor);
  const row = await reauthenticate(deps, person.id, input.current);
  if (row.totp_enabled_at) throw new AppError('TOTP_ALREADY_ENABLED', 409);
  if (!row.totp_secret) throw new AppError('TOTP_NOT_STARTED', 409);
  const step = matchTotp(row.totp_secret, input.code, deps.clock.now());
  if (step === undefined) throw validationFailed({ code: 'auth.codeWrong' }, 'MFA_CODE_WRONG');
  return deps.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, person.id, { totp_enabled_at: nowTs(deps.clock), totp_last_step: step, updated_at: nowTs(deps.clock) });
    const codes = await replaceRecoveryCodes(deps, trx, person.id);
    await audit(trx, actor, 'auth.2fa.enabled', { targetType: 'person', targetId: person.id });
    return codes;
  });
}

export async function disableTotp(deps: D, actor: Actor, input: { current: string; code: string }): Promise<void> {
  const person = requirePerson(actor);
  if (mustUseTwoFactor(person)) throw forbidden('TOTP_REQUIRED_FOR_ROLE');
  await reauthenticate(deps, person.id, input.current);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await consumeSecondFactor(deps, trx, person.id, input.code))) throw validationFailed({ code: 'auth.codeWrong' }, 'MFA_CODE_WRONG');
    await repo.updatePerson(trx, person.id, { totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: nowTs(deps.clock) });
    await trx.deleteFrom('recovery_codes').where('person_id', '=', person.id).execute();
    await audit(trx, actor, 'auth.2fa.disabled', { targetType: 'person', targetId: person.id });
  });
}

export async function regenerateRecoveryCodes(deps: D, actor: Actor, input: { current: string }): Promise<string[]> {
  const person = requirePerson(actor);
  const row = await reauthenticate(deps, person.id, input.current);
  if (!row.totp_enabled_at) throw new AppError('TOTP_NOT_ENABLED', 409);
  return deps.db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(deps, trx, person.id);
    await audit(trx, actor, 'auth.2fa.recovery_regenerated', { targetType: 'person', targetId: person.id });
    return codes;
  });
}

export async function unusedRecoveryCodes(deps: D, personId: string): Promise<number> {
  const r = await deps.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Recovery codes carry 50 bits of randomness each, so a fast hash is enough.
const recoveryHash = (code: string) => createHash('sha256').update(`hearth-recovery:${code}`).digest('hex');

async function replaceRecoveryCodes(deps: D, trx: Db, personId: string): Promise<string[]> {
  await trx.deleteFrom('recovery_codes').where('person_id', '=', personId).execute();
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes: string[] = [];
  for (let i = 0; i < RECOVERY_CODES; i++) {
    const bytes = randomBytes(10);
    const code = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    codes.push(`${code.slice(0, 5)}-${code.slice(5)}`);
    await trx
      .insertInto('recovery_codes')
      .values({ id: newId(), person_id: personId, code_hash: recoveryHash(code), used_at: null, created_at: nowTs(deps.clock) })
      .execute();
  }
  return codes;
}

// ── Password reset by e-mail ─────────────────────────────────────────────

/** Always looks the same from outside, whether or not the address is known. */
export async function requestPasswordReset(deps: D, email: string): Promise<void> {
  if (!deps.mail?.enabled) throw new AppError('MAIL_NOT_CONFIGURED', 503);
  const row = await repo.findPersonRowByEmail(deps.db, email);
  if (!row || row.status !== 'active') return;
  const token = newToken();
  const link = `${deps.config.baseUrl}/password/reset/${token}`;
  const t = translator(row.locale ?? deps.config.defaultLocale).t;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_resets')
      .values({
        id: newId(),
        person_id: row.id,
        token_hash: hashToken(token),
        created_at: nowTs(deps.clock),
        expires_at: addMs(deps.clock, RESET_TTL_MS),
        used_at: null,
      })
      .execute();
    await queueMail(trx, deps.clock, {
      to: row.email,
      subject: t('mail.reset.subject'),
      text: t('mail.reset.body', { name: row.display_name, link, minutes: RESET_TTL_MS / 60_000 }),
    });
    await audit(trx, anonymous, 'auth.reset.requested', { targetType: 'person', targetId: row.id });
  });
}

async function findResetRow(deps: D, trx: Db, token: string) {
  const row = await trx.selectFrom('password_resets').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.used_at || fromTimestamp(row.expires_at) <= deps.clock.now()) return undefined;
  return row;
}

export async function resetTokenValid(deps: D, token: string): Promise<boolean> {
  return (await findResetRow(deps, deps.db, token)) !== undefined;
}

export async function completePasswordReset(deps: D, token: string, password: string): Promise<void> {
  const probe = await findResetRow(deps, deps.db, token);
  if (!probe) throw new AppError('RESET_TOKEN_INVALID', 410);
  const person = repo.toPerson(await repo.getPersonRow(deps.db, probe.person_id));
  const hash = await newPasswordHash(password, [person.email, person.displayName]);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findResetRow(deps, trx, token);
    if (!row) throw new AppError('RESET_TOKEN_INVALID', 410);
    await trx.updateTable('password_resets').set({ used_at: nowTs(deps.clock) }).where('id', '=', row.id).execute();
    await repo.updatePerson(trx, row.person_id, { password_hash: hash, updated_at: nowTs(deps.clock) });
    const ended = await repo.deleteSessionsOf(trx, row.person_id);
    await audit(trx, anonymous, 'auth.reset.completed', { targetType: 'person', targetId: row.person_id, data: { sessionsEnded: ended } });
  });
}

// ── Administration of people ─────────────────────────────────────────────

export async function suspendPerson(deps: D, actor: Actor, personId: string): Promise<void> {
  if (!canManagePeople(actor)) throw forbidden();
  if (personOf(actor)?.id === personId) throw new AppError('CANNOT_SUSPEND_SELF', 409);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.getPersonRow(trx, personId);
    if (row.fed_role === 'admin' && (await repo.countAdmins(trx)) <= 1) throw new AppError('LAST_ADMIN', 409);
    await repo.updatePerson(trx, personId, { status: 'suspended', updated_at: nowTs(deps.clock) });
    // Suspension ends every session at once, not at the next expiry.
    const ended = await repo.deleteSessionsOf(trx, personId);
    // API tokens too, so that reinstatement does not quietly bring old credentials back.
    const tokensRevoked = await revokeApiTokensOf(trx, personId, nowTs(deps.clock));
    await audit(trx, actor, 'auth.person.suspended', { targetType: 'person', targetId: personId, data: { sessionsEnded: ended, ...(tokensRevoked ? { tokensRevoked } : {}) } });
  });
}

export async function reinstatePerson(deps: D, actor: Actor, personId: string): Promise<void> {
  if (!canManagePeople(actor)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.getPersonRow(trx, personId);
    if (row.status === 'active') return;
    await repo.updatePerson(trx, personId, { status: 'active', updated_at: nowTs(deps.clock) });
    await audit(trx, actor, 'auth.person.reinstated', { targetType: 'person', targetId: personId });
  });
}

export async function setFederationRole(deps: D, actor: Actor, personId: string, role: FedRole | null): Promise<void> {
  if (!canManagePeople(actor)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.getPersonRow(trx, personId);
    if (row.fed_role === role) return;
    // Only an active admin counts towards keeping the federation administrable.
    if (row.fed_role === 'admin' && row.status === 'active' && (await repo.countAdmins(trx)) <= 1) throw new AppError('LAST_ADMIN', 409);
    await repo.updatePerson(trx, personId, { fed_role: role, updated_at: nowTs(deps.clock) });
    await audit(trx, actor, 'auth.role.changed', { targetType: 'person', targetId: personId, data: { from: row.fed_role, to: role } });
  });
}

// ── Command line ─────────────────────────────────────────────────────────

export async function createAdminFromCli(deps: D, input: { email: string; displayName: string; password: string }): Promise<Person> {
  return deps.db.transaction().execute((trx) => createPerson(deps, trx, systemActor('cli'), { ...input, fedRole: 'admin' }));
}

export async function resetPasswordFromCli(deps: D, email: string, password: string): Promise<{ person: Person; sessionsEnded: number }> {
  const row = await repo.findPersonRowByEmail(deps.db, email);
  if (!row) throw new AppError('PERSON_NOT_FOUND', 404);
  const hash = await newPasswordHash(password, [row.email, row.display_name]);
  const sessionsEnded = await deps.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, row.id, { password_hash: hash, updated_at: nowTs(deps.clock) });
    const ended = await repo.deleteSessionsOf(trx, row.id);
    await audit(trx, systemActor('cli'), 'auth.password.reset_by_admin', { targetType: 'person', targetId: row.id, data: { sessionsEnded: ended } });
    return ended;
  });
  return { person: repo.toPerson(row), sessionsEnded };
}


// ── Administration pages ─────────────────────────────────────────────────

export async function listPeopleForAdmin(deps: D, actor: Actor, filter: { q?: string | undefined; after?: string | undefined }): Promise<{ people: Person[]; next: string | undefined }> {
  if (!canManagePeople(actor)) throw forbidden();
  return repo.listPeople(deps.db, {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.after ? { after: filter.after } : {}),
    limit: 50,
  });
}

export interface PersonOrganisation {
  id: string;
  slug: string;
  name: string;
  role: 'org_admin' | 'member';
}

export interface PersonAdminView {
  person: Person;
  organisations: PersonOrganisation[];
  /** Fully signed-in sessions. */
  sessions: number;
}

/** Checks the policy before looking the person up, so others cannot probe which ids exist. */
export async function viewPersonForAdmin(deps: D, actor: Actor, personId: string): Promise<PersonAdminView> {
  if (!canManagePeople(actor)) throw forbidden();
  const person = repo.toPerson(await repo.getPersonRow(deps.db, personId));
  const organisations = await deps.db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.org_id')
    .select(['organisations.id', 'organisations.slug', 'organisations.name', 'memberships.role'])
    .where('memberships.person_id', '=', personId)
    .orderBy('organisations.name')
    .execute();
  return { person, organisations, sessions: await repo.countSessionsOf(deps.db, personId) };
}
