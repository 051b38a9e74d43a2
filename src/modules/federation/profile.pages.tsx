// HTML routes of the profile as its org-admins edit it: fields, logo (a
// multipart upload), translations and the self-description file.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { Deps } from '../../kernel/deps.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { translationSchema } from '../../kernel/text/index.js';
import { emptyForm, type FormState } from '../../kernel/views/components/form.js';
import { LOGO_MAX_BYTES } from './profile.image.js';
import { profileFormSchema, selfDescDecisionSchema, selfDescUrlSchema, TEXT_FIELDS, translationRemoveSchema } from './profile.schemas.js';
import * as svc from './profile.service.js';
import * as selfdesc from './selfdesc.service.js';
import { findSource } from './selfdesc.repository.js';
import * as v from './views/profile.views.js';
import { z } from 'zod';

const params = (req: FastifyRequest) => req.params as Record<string, string>;

/** A private key pasted by mistake is never sent back to the browser. */
function withoutPrivateKey(state: FormState): FormState {
  if (!/PRIVATE KEY BLOCK/.test(state.values.openpgpKey ?? '')) return state;
  return { ...state, values: { ...state.values, openpgpKey: '' } };
}

const translationFormSchema = translationSchema.extend({ field: z.enum(TEXT_FIELDS, { error: 'form.invalidChoice' }) });

/** Errors of the review step that send the person back to the review page with a message. */
const reviewProblem = (err: unknown): err is AppError => err instanceof AppError && (err.code.startsWith('SELFDESC_') || err.code.startsWith('PROFILE_OPENPGP_'));

export async function profilePages(app: FastifyInstance, deps: Deps): Promise<void> {
  // Who may act is decided before the input is read: a refusal never depends on what was sent.
  const authorize = async (req: FastifyRequest) => {
    requirePerson(req);
    return svc.getEditableOrganisation(deps, req.actor, params(req).slug!);
  };
  // The profile page, with the state of whichever of its forms failed.
  const renderProfile = async (req: FastifyRequest, forms: { main?: FormState; logo?: FormState; selfdesc?: FormState } = {}) => {
    requirePerson(req);
    const view = await svc.viewProfileForEdit(deps, req.actor, params(req).slug!);
    const source = await findSource(deps.db, view.org.id);
    const saved = emptyForm(v.profileFormValues(view, req.i18n.locale));
    return <v.ProfileEditPage view={view} state={forms.main ? withoutPrivateKey(forms.main) : saved} logoState={forms.logo} selfdesc={source} selfdescState={forms.selfdesc} />;
  };

  app.get('/orgs/:slug/profile', async (req, reply) => reply.page(await renderProfile(req)));
  app.post('/orgs/:slug/profile', { config: { form: (req, state) => renderProfile(req, { main: state }) } }, async (req, reply) => {
    await authorize(req);
    const input = parseInput(profileFormSchema, req.body);
    const org = await svc.updateProfile(deps, req.actor, params(req).slug!, input);
    return reply.seeOther(`/orgs/${org.slug}/profile`, { kind: 'ok', key: 'profile.saved' });
  });

  // The logo upload lives in its own scope: only this route accepts multipart bodies.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 3, parts: 4, fieldSize: 1024, headerPairs: 20 },
    });
    // Before a byte of the file is read: who is asking (401/403), then the CSRF
    // token, which the form sends as a field before the file.
    scope.addHook('preValidation', async (req, reply) => {
      if (!req.isMultipart()) return;
      await authorize(req);
      const body: Record<string, unknown> = {};
      req.body = body;
      let checked = false;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'field') {
            if (typeof part.value === 'string') body[part.fieldname] = part.value;
            continue;
          }
          if (!checked) {
            await new Promise<void>((done, fail) => scope.csrfProtection(req, reply, (err?: Error) => (err ? fail(err) : done())));
            checked = true;
          }
          if (part.fieldname !== 'logo') {
            part.file.resume();
            continue;
          }
          const data = await part.toBuffer();
          body.logo = { data, truncated: part.file.truncated } satisfies svc.LogoUpload;
        }
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('PROFILE_LOGO_TOO_LARGE', 422, { fields: { logo: { key: 'error.PROFILE_LOGO_TOO_LARGE', values: { max: LOGO_MAX_BYTES / 1024 } } } }, { max: LOGO_MAX_BYTES / 1024 });
        }
        if (err instanceof AppError || code?.startsWith('FST_CSRF')) throw err;
        if (typeof code === 'string' && code.startsWith('FST_')) throw new AppError('PROFILE_UPLOAD_INVALID', 422, { fields: { logo: { key: 'error.PROFILE_UPLOAD_INVALID' } } });
        throw err;
      }
    });
    scope.post('/orgs/:slug/profile/logo', { config: { form: (req, state) => renderProfile(req, { logo: state }) } }, async (req, reply) => {
      requirePerson(req);
      const logo = (req.body as Record<string, unknown> | undefined)?.logo;
      const upload = logo && typeof logo === 'object' && Buffer.isBuffer((logo as svc.LogoUpload).data) ? (logo as svc.LogoUpload) : undefined;
      await svc.setLogo(deps, req.actor, params(req).slug!, upload);
      return reply.seeOther(`/orgs/${params(req).slug}/profile`, { kind: 'ok', key: 'profile.logoSaved' });
    });
  });

  app.post('/orgs/:slug/profile/logo/remove', async (req, reply) => {
    requirePerson(req);
    await svc.removeLogo(deps, req.actor, params(req).slug!);
    return reply.seeOther(`/orgs/${params(req).slug}/profile`, { kind: 'ok', key: 'profile.logoRemoved' });
  });

  // ── Translations ──
  const renderTranslations = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    const view = await svc.viewProfileForEdit(deps, req.actor, params(req).slug!);
    return <v.TranslationsPage slug={view.org.slug} name={view.org.name} texts={view.texts} state={state} />;
  };
  app.get('/orgs/:slug/profile/translations', async (req, reply) => reply.page(await renderTranslations(req)));
  app.post('/orgs/:slug/profile/translations', { config: { form: renderTranslations } }, async (req, reply) => {
    await authorize(req);
    const input = parseInput(translationFormSchema, req.body);
    await svc.saveTranslation(deps, req.actor, params(req).slug!, input);
    return reply.seeOther(`/orgs/${params(req).slug}/profile/translations`, { kind: 'ok', key: 'profile.translationSaved' });
  });
  app.post('/orgs/:slug/profile/translations/remove', { config: { form: renderTranslations } }, async (req, reply) => {
    await authorize(req);
    const { field, lang } = parseInput(translationRemoveSchema, req.body);
    await svc.removeTranslation(deps, req.actor, params(req).slug!, field, lang);
    return reply.seeOther(`/orgs/${params(req).slug}/profile/translations`, { kind: 'ok', key: 'profile.translationRemoved' });
  });

  // ── Self-description ──
  const afterFetch = (reply: FastifyReply, slug: string, outcome: selfdesc.FetchOutcome | undefined) => {
    const profile = `/orgs/${slug}/profile#selfdesc`;
    if (!outcome) return reply.seeOther(profile, { kind: 'ok', key: 'selfdesc.removed' });
    if (!outcome.ok) return reply.seeOther(profile, { kind: 'error', key: `error.${outcome.code}`, values: outcome.values });
    if (outcome.changes > 0) return reply.seeOther(`/orgs/${slug}/profile/selfdesc`, { kind: 'ok', key: 'selfdesc.fetchedChanges', values: { count: outcome.changes } });
    return reply.seeOther(profile, { kind: 'ok', key: outcome.rejectedAgain ? 'selfdesc.fetchedRejected' : 'selfdesc.fetchedNoChanges' });
  };

  app.get('/orgs/:slug/profile/selfdesc', async (req, reply) => {
    requirePerson(req);
    const view = await selfdesc.viewSelfDesc(deps, req.actor, params(req).slug!);
    return reply.page(<v.SelfDescReviewPage slug={view.org.slug} name={view.org.name} view={view} />);
  });
  app.post('/orgs/:slug/profile/selfdesc', { config: { form: (req, state) => renderProfile(req, { selfdesc: state }) } }, async (req, reply) => {
    await authorize(req);
    const { url } = parseInput(selfDescUrlSchema, req.body);
    const outcome = await selfdesc.setSource(deps, req.actor, params(req).slug!, url);
    return afterFetch(reply, params(req).slug!, outcome);
  });
  app.post('/orgs/:slug/profile/selfdesc/fetch', async (req, reply) => {
    requirePerson(req);
    return afterFetch(reply, params(req).slug!, await selfdesc.fetchNow(deps, req.actor, params(req).slug!));
  });
  app.post('/orgs/:slug/profile/selfdesc/apply', async (req, reply) => {
    await authorize(req);
    const slug = params(req).slug!;
    try {
      const { version } = parseInput(selfDescDecisionSchema, req.body);
      await selfdesc.applySelfDesc(deps, req.actor, slug, version);
    } catch (err) {
      if (reviewProblem(err)) return reply.seeOther(`/orgs/${slug}/profile/selfdesc`, { kind: 'error', key: `error.${err.code}`, values: err.values });
      throw err;
    }
    return reply.seeOther(`/orgs/${slug}/profile`, { kind: 'ok', key: 'selfdesc.applied' });
  });
  app.post('/orgs/:slug/profile/selfdesc/reject', async (req, reply) => {
    await authorize(req);
    const slug = params(req).slug!;
    try {
      const { version } = parseInput(selfDescDecisionSchema, req.body);
      await selfdesc.rejectSelfDesc(deps, req.actor, slug, version);
    } catch (err) {
      if (reviewProblem(err)) return reply.seeOther(`/orgs/${slug}/profile/selfdesc`, { kind: 'error', key: `error.${err.code}`, values: err.values });
      throw err;
    }
    return reply.seeOther(`/orgs/${slug}/profile`, { kind: 'ok', key: 'selfdesc.rejected' });
  });
}
