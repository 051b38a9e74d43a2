// Everything every route gets: parsers, cookies, security headers, CSRF,
// rate limits, the request's actor and language, page rendering, one error
// handler (JSON under /api, the form again for failed forms, a page otherwise),
// health, metrics and the stylesheet.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { AppError, type FieldMessage } from '../errors.js';
import { type Actor, anonymous, isFedAdmin } from '../auth/actor.js';
import { actorFor, loadSession, saveLocale, type LoadedSession } from '../auth/auth.service.js';
import { mustUseTwoFactor } from '../auth/auth.policy.js';
import { actorForBearer } from '../auth/tokens.service.js';
import { tokenAllows } from '../auth/tokens.policy.js';
import { isLocale, negotiateLocale, translator, type Translator } from '../i18n/i18n.js';
import { Ctx, type Flash, type PageContext } from '../views/context.js';
import type { FormState } from '../views/components/form.js';
import { safeValues } from './forms.js';
import { publicDir } from '../../paths.js';
import { ErrorPage } from '../views/error-page.js';

export type FormRenderer = (req: FastifyRequest, state: FormState) => VNode | Promise<VNode>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: LoadedSession | undefined;
    i18n: Translator;
  }
  interface FastifyReply {
    /** Render a page (a Layout-wrapped vnode) with this request's context. */
    page(node: VNode, status?: number): FastifyReply;
    /** POST → 303 → GET, with an optional message for the next page. */
    seeOther(path: string, flash?: Flash): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Renders this route's form again after a failed POST. */
    form?: FormRenderer;
    /** Routes a federation admin without TOTP may still use. */
    allowRestricted?: boolean;
    /**
     * An anonymous respondent's form (voices): its POST skips the cookie-based
     * CSRF check because it carries its own signed, single-use form token, which
     * the route MUST verify itself. Such forms set no cookie at all. Never set this
     * on a route that acts with the signed-in person's authority.
     */
    anonymousForm?: boolean;
  }
}

export const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');

export function sessionCookieName(deps: Deps) {
  return deps.config.secure ? '__Host-hearth_session' : 'hearth_session';
}
const LOCALE_COOKIE = 'hearth_lang';
const FLASH_COOKIE = 'hearth_flash';

/** A path on this site, or '/': refuses protocol-relative and encoded-slash tricks. */
export function localPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500) return '/';
  let decoded = next;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return '/';
  }
  if (!next.startsWith('/') || next.startsWith('//') || decoded.startsWith('//') || /[\\\s]/.test(decoded)) return '/';
  return next;
}

function cssAsset() {
  const body = readFileSync(resolve(publicDir, 'hearth.css'));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, href: `/assets/hearth.${hash}.css`, etag: `"${hash}"` };
}

export async function kernelPlugin(app: FastifyInstance, deps: Deps): Promise<void> {
  const { config } = deps;
  const css = cssAsset();
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secure };

  await app.register(fastifyCookie, { secret: deps.secret });
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // HSTS is decided per request below (only over HTTPS, or when forced on).
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: config.secure ? '__Host-hearth_csrf' : 'hearth_csrf',
    cookieOpts: { ...cookieOpts, signed: true },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      return (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? (req.headers['x-csrf-token'] as string | undefined);
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // Each app has its own memory store; behind several web processes the limits are per process.
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', 429, { retryAfter: Math.ceil(ctx.ttl / 1000) }, { seconds: Math.ceil(ctx.ttl / 1000) }),
  });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', undefined);
  app.decorateRequest('i18n', null as never);

  // Who is asking, and in which language.
  app.addHook('onRequest', async (req, reply) => {
    req.actor = anonymous;
    let refusal: AppError | undefined;
    const authorization = req.headers.authorization;
    if (isApi(req) && authorization !== undefined) {
      // A script's personal API token. The session cookie is not consulted, and a
      // credential that does not work is refused, never treated as anonymous.
      try {
        req.actor = await actorForBearer(deps, authorization);
        if (req.actor.kind === 'person' && !tokenAllows(req.actor.token?.scopes ?? [], req.method)) refusal = new AppError('TOKEN_SCOPE', 403);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        reply.header('WWW-Authenticate', 'Bearer realm="hearth"');
        refusal = err;
      }
    } else {
      const token = req.cookies[sessionCookieName(deps)];
      if (token) {
        const session = await loadSession(deps, token);
        req.session = session;
        if (session && !session.mfaPending) req.actor = await actorFor(deps.db, session.person);
      }
    }
    const person = req.actor.kind === 'person' ? req.actor.person : undefined;
    const locale = negotiateLocale(person?.locale, req.cookies[LOCALE_COOKIE], req.headers['accept-language'], config.defaultLocale);
    req.i18n = translator(locale, person?.timeZone ?? config.defaultTimeZone);
    if (refusal) throw refusal;
  });

  // CSRF on every state change made by a browser. API calls with a bearer token carry no ambient authority
  // (only a token that authenticated gets here: any other Authorization header on /api/ was refused above).
  app.addHook('preHandler', async (req, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
    if (isApi(req) && req.actor.kind === 'person' && req.actor.token) return;
    // Acts with no one's authority; the route checks its own signed single-use token.
    if (req.routeOptions.config?.anonymousForm === true) return;
    await new Promise<void>((resolveCheck, reject) => {
      app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolveCheck()));
    });
  });

  // A federation admin without a second factor may only enrol one.
  app.addHook('preHandler', async (req, reply) => {
    if (req.actor.kind !== 'person' || !mustUseTwoFactor(req.actor.person) || req.actor.person.totpEnabled) return;
    if (req.routeOptions.config.allowRestricted || isApi(req)) return;
    return reply.seeOther('/account/2fa', { kind: 'error', key: 'auth.mustEnrol2fa' });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('Permissions-Policy', 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()');
    if (config.hsts === 'on' || (config.hsts === 'auto' && req.protocol === 'https')) {
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    deps.metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
    let flash: Flash | undefined;
    const raw = req.cookies[FLASH_COOKIE];
    if (raw) {
      const unsigned = req.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) {
        try {
          flash = JSON.parse(unsigned.value) as Flash;
        } catch {
          flash = undefined;
        }
      }
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    const restricted =
      req.actor.kind === 'person' && mustUseTwoFactor(req.actor.person) && !req.actor.person.totpEnabled;
    // The CSRF token (and with it the CSRF cookie) is made only when the page has a
    // form that needs it: pages without such a form set no cookie for visitors.
    let csrf: string | undefined;
    return {
      i18n: req.i18n,
      actor: req.actor,
      get csrf() {
        csrf ??= reply.generateCsrf();
        return csrf;
      },
      path: req.url,
      cssHref: css.href,
      flash,
      restricted,
    };
  }

  app.decorateReply('page', function (this: FastifyReply, node: VNode, status = 200) {
    const ctx = pageContext(this.request, this);
    const html = '<!doctype html>' + renderToString(<Ctx.Provider value={ctx}>{node}</Ctx.Provider>);
    return this.code(status).type('text/html; charset=utf-8').send(html);
  });

  app.decorateReply('seeOther', function (this: FastifyReply, path: string, flash?: Flash) {
    if (flash) this.setCookie(FLASH_COOKIE, JSON.stringify(flash), { ...cookieOpts, signed: true, maxAge: 60 });
    return this.redirect(localPath(path), 303);
  });

  app.setErrorHandler(async (err, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    if (appErr.status === 429 && typeof appErr.details.retryAfter === 'number') reply.header('Retry-After', String(appErr.details.retryAfter));
    const message = req.i18n ? req.i18n.tDynamic(`error.${appErr.code}`, appErr.values) : appErr.code;
    if (!req.i18n) req.i18n = translator(config.defaultLocale);
    if (!req.actor) req.actor = anonymous;

    if (isApi(req)) {
      const fields = appErr.details.fields
        ? Object.fromEntries(Object.entries(appErr.details.fields).map(([k, v]) => [k, { code: v.key, message: req.i18n.tDynamic(v.key, v.values) }]))
        : undefined;
      return reply.code(appErr.status).send({
        error: { code: appErr.code, message, details: { ...appErr.details, ...(fields ? { fields } : {}) } },
      });
    }
    if (appErr.status === 401 && req.method === 'GET') {
      return reply.redirect(`/login?next=${encodeURIComponent(localPath(req.url))}`, 303);
    }
    const form = req.routeOptions.config?.form;
    if (form && req.method === 'POST') {
      const state: FormState = {
        values: safeValues(req.body),
        errors: appErr.details.fields ?? {},
        error: appErr.code === 'VALIDATION_FAILED' ? undefined : { key: `error.${appErr.code}`, values: appErr.values },
      };
      let page: VNode | undefined;
      try {
        page = await form(req, state);
      } catch {
        // The form itself cannot be shown (its target is gone): report the original error instead.
        page = undefined;
      }
      if (page) return reply.page(page, appErr.status);
    }
    return reply.page(<ErrorPage status={appErr.status} message={message} requestId={appErr.status >= 500 ? String(req.id) : undefined} />, appErr.status);
  });

  app.setNotFoundHandler(async (req) => {
    if (!req.i18n) req.i18n = translator(config.defaultLocale);
    throw new AppError('NOT_FOUND', 404);
  });

  // ── Kernel routes ──────────────────────────────────────────────────────

  app.get('/healthz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return reply.send({ status: 'ok' });
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  app.get('/metrics', async (req, reply) => {
    const auth = req.headers.authorization ?? '';
    const tokenOk = !!config.metricsToken && auth === `Bearer ${config.metricsToken}`;
    // req.ip honours HEARTH_TRUST_PROXY, so a proxy on this host does not make every client "local".
    const loopback = req.ip === '127.0.0.1' || req.ip === '::1' || req.ip === '::ffff:127.0.0.1';
    if (!tokenOk && !loopback) throw new AppError('FORBIDDEN', 403);
    const queued = await deps.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'queued')
      .executeTakeFirstOrThrow();
    deps.metrics.jobsQueued.set(Number(queued.n));
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.get('/assets/:file', { config: { allowRestricted: true } }, async (req, reply) => {
    const { file } = req.params as { file: string };
    if (`/assets/${file}` !== css.href) throw new AppError('NOT_FOUND', 404);
    return reply
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('ETag', css.etag)
      .type('text/css; charset=utf-8')
      .send(css.body);
  });

  // The language switcher: plain links, so it works without JavaScript.
  app.get('/lang/:code', { config: { allowRestricted: true } }, async (req, reply) => {
    const { code } = req.params as { code: string };
    const next = localPath((req.query as Record<string, unknown>).next);
    if (!isLocale(code)) throw new AppError('NOT_FOUND', 404);
    reply.setCookie(LOCALE_COOKIE, code, { ...cookieOpts, httpOnly: true, maxAge: 365 * 24 * 3600 });
    await saveLocale(deps, req.actor, code);
    return reply.redirect(next, 303);
  });

  void isFedAdmin;
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: Record<string, FieldMessage> = {};
    for (const v of err.validation) {
      const name = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_form';
      fields[name] ??= { key: 'form.invalid' };
    }
    return new AppError('VALIDATION_FAILED', 422, { fields });
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE', 413);
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError('CSRF_INVALID', 403);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_REQUEST', 400);
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return new AppError('BAD_REQUEST', e.statusCode);
  return new AppError('INTERNAL', 500);
}
