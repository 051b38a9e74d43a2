import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { parseInput } from '../http/forms.js';
import { localPath, sessionCookieName } from '../http/kernel.plugin.js';
import { emptyForm } from '../views/components/form.js';
import { personOf, type Person } from './actor.js';
import * as auth from './auth.service.js';
import * as s from './auth.schemas.js';
import { mustUseTwoFactor } from './auth.policy.js';
import { countSessionsOf } from './auth.repository.js';
import { totpUri } from './totp.js';
import * as v from './auth.views.js';

// Per source address; the per-account throttle lives in the service.
const loginLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
const setupLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
const resetLimit = { rateLimit: { max: 5, timeWindow: '1 minute' } };

export function requirePerson(req: FastifyRequest): Person {
  const person = personOf(req.actor);
  if (!person) throw new AppError('UNAUTHENTICATED', 401);
  return person;
}

export async function authPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const cookieName = sessionCookieName(deps);
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secure,
      maxAge: Math.floor(deps.config.sessionMaxMs / 1000),
    });
  const nextOf = (req: FastifyRequest) => localPath((req.query as Record<string, unknown>).next ?? '/');

  // ── Login ──
  const renderLogin = (req: FastifyRequest, state = emptyForm()) => <v.LoginPage state={state} next={nextOf(req)} mailEnabled={deps.mail.enabled} />;
  app.get('/login', async (req, reply) => {
    if (req.actor.kind === 'person') return reply.seeOther(nextOf(req));
    return reply.page(renderLogin(req));
  });
  app.post('/login', { config: { form: renderLogin, ...loginLimit } }, async (req, reply) => {
    const input = parseInput(s.loginSchema, req.body);
    const result = await auth.login(deps, { email: input.email, password: input.password, source: req.ip });
    setSessionCookie(reply, result.session);
    if (result.mfaPending) return reply.seeOther(`/login/2fa?next=${encodeURIComponent(nextOf(req))}`);
    return reply.seeOther(nextOf(req));
  });

  const render2fa = (req: FastifyRequest, state = emptyForm()) => <v.SecondFactorPage state={state} next={nextOf(req)} />;
  app.get('/login/2fa', async (req, reply) => {
    if (!req.session?.mfaPending) return reply.seeOther('/login');
    return reply.page(render2fa(req));
  });
  app.post('/login/2fa', { config: { form: render2fa, ...loginLimit } }, async (req, reply) => {
    if (!req.session?.mfaPending) return reply.seeOther('/login');
    const input = parseInput(s.mfaSchema, req.body);
    const token = await auth.completeSecondFactor(deps, req.session, input.code, req.ip);
    setSessionCookie(reply, token);
    return reply.seeOther(nextOf(req));
  });

  app.post('/logout', { config: { allowRestricted: true } }, async (req, reply) => {
    await auth.logout(deps, req.session);
    reply.clearCookie(cookieName, { path: '/' });
    return reply.seeOther('/', { kind: 'ok', key: 'auth.signedOut' });
  });

  // ── First run ──
  const renderSetup = (req: FastifyRequest, state = emptyForm()) => <v.SetupPage token={(req.params as { token: string }).token} state={state} />;
  app.get('/setup/:token', { config: setupLimit }, async (req, reply) => {
    const { token } = req.params as { token: string };
    if (!(await auth.setupTokenValid(deps, token))) throw new AppError('SETUP_TOKEN_INVALID', 410);
    return reply.page(renderSetup(req));
  });
  app.post('/setup/:token', { config: { form: renderSetup, ...setupLimit } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const input = parseInput(s.setupSchema, req.body);
    const { session } = await auth.completeSetup(deps, token, input);
    setSessionCookie(reply, session);
    return reply.seeOther('/account/2fa', { kind: 'ok', key: 'auth.setup.done' });
  });

  // ── Account ──
  const renderAccount = async (req: FastifyRequest, state = emptyForm()) => {
    const person = requirePerson(req);
    return <v.AccountPage person={person} state={state} sessions={await countSessionsOf(deps.db, person.id)} />;
  };
  app.get('/account', async (req, reply) => reply.page(await renderAccount(req)));
  app.post('/account', { config: { form: renderAccount } }, async (req, reply) => {
    requirePerson(req);
    await auth.updateProfile(deps, req.actor, parseInput(s.profileSchema, req.body));
    return reply.seeOther('/account', { kind: 'ok', key: 'account.saved' });
  });

  const renderPassword = (req: FastifyRequest, state = emptyForm()) => (requirePerson(req), <v.PasswordPage state={state} />);
  app.get('/account/password', { config: { allowRestricted: true } }, async (req, reply) => reply.page(renderPassword(req)));
  app.post('/account/password', { config: { form: renderPassword, allowRestricted: true } }, async (req, reply) => {
    requirePerson(req);
    const input = parseInput(s.passwordChangeSchema, req.body);
    await auth.changePassword(deps, req.actor, input, req.session?.idHash);
    if (input.keepSession === 'yes') return reply.seeOther('/account', { kind: 'ok', key: 'account.passwordChanged' });
    reply.clearCookie(cookieName, { path: '/' });
    return reply.seeOther('/login', { kind: 'ok', key: 'account.passwordChangedSignIn' });
  });

  const renderEmail = (req: FastifyRequest, state = emptyForm()) => <v.EmailPage state={state} email={requirePerson(req).email} />;
  app.get('/account/email', async (req, reply) => reply.page(renderEmail(req)));
  app.post('/account/email', { config: { form: renderEmail } }, async (req, reply) => {
    requirePerson(req);
    await auth.changeEmail(deps, req.actor, parseInput(s.emailChangeSchema, req.body));
    return reply.seeOther('/account', { kind: 'ok', key: 'account.emailChanged' });
  });

  // ── Two-factor ──
  const render2faSettings = async (req: FastifyRequest, state = emptyForm()) => {
    const person = requirePerson(req);
    const secret = person.totpEnabled ? undefined : await auth.startTotpEnrolment(deps, req.actor);
    return (
      <v.TwoFactorPage
        person={person}
        secret={secret}
        uri={secret ? totpUri(secret, person.email) : undefined}
        state={state}
        remaining={person.totpEnabled ? await auth.unusedRecoveryCodes(deps, person.id) : 0}
        required={mustUseTwoFactor(person)}
      />
    );
  };
  const twofa = { allowRestricted: true };
  app.get('/account/2fa', { config: twofa }, async (req, reply) => reply.page(await render2faSettings(req)));
  app.post('/account/2fa/confirm', { config: { form: render2faSettings, ...twofa } }, async (req, reply) => {
    requirePerson(req);
    const codes = await auth.confirmTotp(deps, req.actor, parseInput(s.totpConfirmSchema, req.body));
    // Shown once, in this response; never stored in a readable form.
    return reply.page(<v.RecoveryCodesPage codes={codes} />);
  });
  app.post('/account/2fa/recovery', { config: { form: render2faSettings, ...twofa } }, async (req, reply) => {
    requirePerson(req);
    const codes = await auth.regenerateRecoveryCodes(deps, req.actor, parseInput(s.reauthSchema, req.body));
    return reply.page(<v.RecoveryCodesPage codes={codes} />);
  });
  app.post('/account/2fa/disable', { config: { form: render2faSettings, ...twofa } }, async (req, reply) => {
    requirePerson(req);
    await auth.disableTotp(deps, req.actor, parseInput(s.totpDisableSchema, req.body));
    return reply.seeOther('/account', { kind: 'ok', key: 'twofa.disabled' });
  });

  // ── Sessions ──
  app.get('/account/sessions', async (req, reply) => {
    const person = requirePerson(req);
    return reply.page(<v.SessionsPage count={await countSessionsOf(deps.db, person.id)} />);
  });
  app.post('/account/sessions/end', async (req, reply) => {
    requirePerson(req);
    const ended = await auth.signOutEverywhere(deps, req.actor, req.session?.idHash);
    return reply.seeOther('/account/sessions', { kind: 'ok', key: 'sessions.ended', values: { count: ended } });
  });

  // ── Password reset ──
  const renderForgot = (_req: FastifyRequest, state = emptyForm()) => <v.ForgotPage state={state} mailEnabled={deps.mail.enabled} />;
  app.get('/password/forgot', async (req, reply) => reply.page(renderForgot(req)));
  app.post('/password/forgot', { config: { form: renderForgot, ...resetLimit } }, async (req, reply) => {
    const input = parseInput(s.forgotSchema, req.body);
    await auth.requestPasswordReset(deps, input.email);
    return reply.seeOther('/login', { kind: 'ok', key: 'reset.sent' });
  });
  // GET only shows the form: mail scanners that follow links must not use up the token.
  const renderReset = async (req: FastifyRequest, state = emptyForm()) => {
    const { token } = req.params as { token: string };
    return <v.ResetPage token={token} state={state} valid={await auth.resetTokenValid(deps, token)} />;
  };
  app.get('/password/reset/:token', { config: resetLimit }, async (req, reply) => reply.page(await renderReset(req)));
  app.post('/password/reset/:token', { config: { form: renderReset, ...resetLimit } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    await auth.completePasswordReset(deps, token, parseInput(s.resetSchema, req.body).password);
    return reply.seeOther('/login', { kind: 'ok', key: 'reset.done' });
  });
}
