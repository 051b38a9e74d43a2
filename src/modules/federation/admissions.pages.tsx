import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { parseInput } from '../../kernel/http/forms.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { personOf } from '../../kernel/auth/actor.js';
import { emptyForm } from '../../kernel/views/components/form.js';
import { isLanguage } from '../../kernel/text/index.js';
import { instantToWallText, isTimeZone, proposalFieldsSchema } from '../governance/index.js';
import * as svc from './admissions.service.js';
import { applicationSchema } from './admissions.schemas.js';
import * as v from './admissions.views.js';
import { admissionApi } from './admissions.api.js';

// Per source address, counting every attempt: the form is public and anonymous.
const applyLimit = { rateLimit: { max: 5, timeWindow: '10 minutes' } };
const TWO_WEEKS_MS = 14 * 24 * 3_600_000;

/** The pages, and the JSON API beside them. */
export async function admissionPages(app: FastifyInstance, deps: Deps): Promise<void> {
  await admissionApi(app, deps);
  const params = (req: FastifyRequest) => req.params as Record<string, string>;

  const renderApply = (_req: FastifyRequest, state = emptyForm()) => <v.ApplyPage state={state} />;
  app.get('/apply', async (req, reply) => reply.page(renderApply(req)));
  app.post('/apply', { config: { form: renderApply, ...applyLimit } }, async (req, reply) => {
    await svc.submitApplication(deps, parseInput(applicationSchema, req.body), { locale: req.i18n.locale });
    return reply.seeOther('/apply/thanks');
  });
  app.get('/apply/thanks', async (_req, reply) => reply.page(<v.ThanksPage />));

  app.get('/applications', async (req, reply) => reply.page(<v.ApplicationsPage overview={await svc.listApplicationsFor(deps, req.actor)} />));
  app.get('/applications/:id', async (req, reply) =>
    reply.page(<v.ApplicationPage view={await svc.viewApplication(deps, req.actor, params(req).id!, req.i18n.locale)} />),
  );

  const renderPropose = async (req: FastifyRequest, state = emptyForm()) => {
    const a = await svc.getApplicationForProposal(deps, req.actor, params(req).id!);
    const person = personOf(req.actor);
    const zone = person?.timeZone && isTimeZone(person.timeZone) ? person.timeZone : req.i18n.timeZone;
    const lang = isLanguage(req.i18n.locale) ? req.i18n.locale : 'en';
    const draft = svc.admissionDraft(a, req.i18n.locale);
    const defaults = { lang, timeZone: zone, closesAt: instantToWallText(new Date(deps.clock.now().getTime() + TWO_WEEKS_MS), zone), ...draft };
    return <v.ProposeAdmissionPage application={a} state={state} defaults={defaults} />;
  };
  app.get('/applications/:id/propose', async (req, reply) => reply.page(await renderPropose(req)));
  app.post('/applications/:id/propose', { config: { form: renderPropose } }, async (req, reply) => {
    await svc.getApplicationForProposal(deps, req.actor, params(req).id!);
    const p = await svc.proposeAdmission(deps, req.actor, params(req).id!, parseInput(proposalFieldsSchema, req.body));
    return reply.seeOther(`/proposals/${p.id}`, { kind: 'ok', key: 'admission.propose.done' });
  });

  app.get('/applications/:id/dismiss', async (req, reply) => {
    const a = await svc.getApplicationForDismissal(deps, req.actor, params(req).id!);
    return reply.page(<v.DismissPage application={a} />);
  });
  app.post('/applications/:id/dismiss', async (req, reply) => {
    requirePerson(req);
    await svc.dismissApplication(deps, req.actor, params(req).id!);
    return reply.seeOther(`/applications/${params(req).id}`, { kind: 'ok', key: 'admission.dismiss.done' });
  });

  app.post('/applications/:id/invitation', async (req, reply) => {
    requirePerson(req);
    const inv = await svc.inviteApplicant(deps, req.actor, params(req).id!);
    if (inv.mailed) return reply.seeOther(`/applications/${params(req).id}`, { kind: 'ok', key: 'org.invite.sent', values: { email: inv.email } });
    // Without SMTP the coordinator passes the link on by a channel they trust; shown once, here.
    return reply.page(<v.ApplicantLinkPage applicationId={params(req).id!} link={inv.link} email={inv.email} org={inv.org.name} />);
  });
}
