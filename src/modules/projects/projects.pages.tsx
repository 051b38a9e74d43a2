// Project pages: the list and each project's page are public; starting,
// joining and managing need the right organisation role.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { emptyForm } from '../../kernel/views/components/form.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isFedAdmin } from '../../kernel/auth/actor.js';
import { isLanguage, translationSchema } from '../../kernel/text/index.js';
import { listOrganisations } from '../federation/federation.repository.js';
import * as svc from './projects.service.js';
import { adminOrgIds, canStartProjects } from './projects.policy.js';
import {
  confirmSchema,
  contactSchema,
  editProjectSchema,
  joinSchema,
  milestoneDoneSchema,
  milestoneSchema,
  newProjectSchema,
  proposalLinkSchema,
  roleSchema,
} from './projects.schemas.js';
import type { ProjectStatus } from './projects.tables.js';
import * as v from './views/projects.views.js';

type Params = Record<string, string>;
const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : undefined);
const isStatus = (s: string | undefined): s is ProjectStatus => s === 'idea' || s === 'active' || s === 'paused' || s === 'done';

export async function projectPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Params;
  const slugOf = (req: FastifyRequest) => params(req).slug!;
  const readerLang = (req: FastifyRequest) => {
    const asked = str((req.query as Record<string, unknown>).lang)?.toLowerCase();
    return asked && isLanguage(asked) ? asked : req.i18n.locale;
  };
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  app.get('/projects', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const status = str(q.status);
    const list = await svc.listProjects(deps, { status: isStatus(status) ? status : undefined, after: str(q.after), readerLang: readerLang(req) });
    return reply.page(<v.ProjectListPage items={list.items} next={list.next} status={isStatus(status) ? status : undefined} canStart={canStartProjects(req.actor)} />);
  });

  // ── Starting a project ──
  const renderNew = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    if (!canStartProjects(req.actor)) throw forbidden();
    const ids = adminOrgIds(req.actor);
    let orgs = ids.length > 0 ? (await listOrganisations(deps.db, { ids, limit: 200 })).orgs : [];
    // A federation admin may start one for any organisation.
    if (isFedAdmin(req.actor)) orgs = (await listOrganisations(deps.db, { limit: 500 })).orgs;
    return <v.NewProjectPage state={state} orgs={orgs.filter((o) => o.status === 'active')} />;
  };
  app.get('/projects/new', async (req, reply) => reply.page(await renderNew(req)));
  app.post('/projects/new', { config: { form: renderNew } }, async (req, reply) => {
    requirePerson(req);
    const p = await svc.createProject(deps, req.actor, parseInput(newProjectSchema, req.body));
    return reply.seeOther(`/projects/${p.slug}`, { kind: 'ok', key: 'projects.created' });
  });

  app.get('/projects/:slug', async (req, reply) => {
    const view = await svc.viewProject(deps, req.actor, slugOf(req), readerLang(req));
    return reply.page(<v.ProjectPage view={view} today={today()} />);
  });

  // ── Managing (the coordinating organisations' admins) ──
  const managed = async (req: FastifyRequest) => {
    requirePerson(req);
    await svc.managedProject(deps, req.actor, slugOf(req));
    return svc.viewProject(deps, req.actor, slugOf(req), req.i18n.locale);
  };

  const renderEdit = async (req: FastifyRequest, state = emptyForm()) => <v.EditProjectPage view={await managed(req)} state={state} />;
  app.get('/projects/:slug/edit', async (req, reply) => reply.page(await renderEdit(req)));
  app.post('/projects/:slug/edit', { config: { form: renderEdit } }, async (req, reply) => {
    requirePerson(req);
    await svc.managedProject(deps, req.actor, slugOf(req));
    await svc.updateProject(deps, req.actor, slugOf(req), parseInput(editProjectSchema, req.body));
    return reply.seeOther(`/projects/${slugOf(req)}`, { kind: 'ok', key: 'projects.saved' });
  });

  const renderTranslate = async (req: FastifyRequest, state = emptyForm()) => <v.TranslateProjectPage view={await managed(req)} state={state} />;
  app.get('/projects/:slug/translate', async (req, reply) => reply.page(await renderTranslate(req)));
  app.post('/projects/:slug/translate', { config: { form: renderTranslate } }, async (req, reply) => {
    requirePerson(req);
    await svc.managedProject(deps, req.actor, slugOf(req));
    const input = parseInput(translationSchema, req.body);
    await svc.translateProject(deps, req.actor, slugOf(req), input);
    return reply.seeOther(`/projects/${slugOf(req)}?lang=${input.lang}`, { kind: 'ok', key: 'projects.translated' });
  });

  const renderManage = async (req: FastifyRequest, state = emptyForm()) => <v.ManageProjectPage view={await managed(req)} state={state} />;
  app.get('/projects/:slug/manage', async (req, reply) => reply.page(await renderManage(req)));
  const toManage = (req: FastifyRequest) => `/projects/${slugOf(req)}/manage`;

  /** A manage-page form: authorization first, then the form, then the change. */
  const manageForm = (path: string, run: (req: FastifyRequest) => Promise<unknown>, key: string) =>
    app.post(path, { config: { form: renderManage } }, async (req, reply) => {
      requirePerson(req);
      await svc.managedProject(deps, req.actor, slugOf(req));
      await run(req);
      return reply.seeOther(toManage(req), { kind: 'ok', key });
    });

  manageForm('/projects/:slug/orgs/:org/role', (req) => svc.setParticipantRole(deps, req.actor, slugOf(req), params(req).org!, parseInput(roleSchema, req.body).role), 'projects.roleChanged');
  manageForm('/projects/:slug/contacts', (req) => svc.addContact(deps, req.actor, slugOf(req), parseInput(contactSchema, req.body).personId), 'projects.contactAdded');
  manageForm('/projects/:slug/contacts/:personId/remove', (req) => svc.removeContact(deps, req.actor, slugOf(req), params(req).personId!), 'projects.contactRemoved');
  manageForm('/projects/:slug/milestones', (req) => svc.addMilestone(deps, req.actor, slugOf(req), parseInput(milestoneSchema, req.body)), 'projects.milestoneAdded');
  manageForm(
    '/projects/:slug/milestones/:id/done',
    (req) => svc.updateMilestone(deps, req.actor, slugOf(req), params(req).id!, { done: parseInput(milestoneDoneSchema, req.body).done === 'yes' }),
    'projects.milestoneSaved',
  );
  manageForm(
    '/projects/:slug/milestones/:id/delete',
    async (req) => {
      parseInput(confirmSchema, req.body);
      await svc.deleteMilestone(deps, req.actor, slugOf(req), params(req).id!);
    },
    'projects.milestoneDeleted',
  );
  manageForm('/projects/:slug/proposals', (req) => svc.linkProposal(deps, req.actor, slugOf(req), parseInput(proposalLinkSchema, req.body).proposalId), 'projects.linked');
  manageForm('/projects/:slug/proposals/:proposalId/remove', (req) => svc.unlinkProposal(deps, req.actor, slugOf(req), params(req).proposalId!), 'projects.unlinked');

  // ── Taking part ──
  const renderProject = async (req: FastifyRequest) => <v.ProjectPage view={await svc.viewProject(deps, req.actor, slugOf(req), req.i18n.locale)} today={today()} />;
  app.post('/projects/:slug/join', { config: { form: renderProject } }, async (req, reply) => {
    requirePerson(req);
    const { org } = parseInput(joinSchema, req.body);
    await svc.joinProject(deps, req.actor, slugOf(req), org);
    return reply.seeOther(`/projects/${slugOf(req)}`, { kind: 'ok', key: 'projects.joined' });
  });

  const renderLeave = async (req: FastifyRequest) => {
    requirePerson(req);
    const { project, org } = await svc.assertMayRemoveParticipant(deps, req.actor, slugOf(req), params(req).org!);
    return <v.LeaveProjectPage project={project} org={org} />;
  };
  app.get('/projects/:slug/orgs/:org/leave', async (req, reply) => reply.page(await renderLeave(req)));
  app.post('/projects/:slug/orgs/:org/leave', { config: { form: renderLeave } }, async (req, reply) => {
    requirePerson(req);
    await svc.assertMayRemoveParticipant(deps, req.actor, slugOf(req), params(req).org!);
    parseInput(confirmSchema, req.body);
    await svc.removeParticipant(deps, req.actor, slugOf(req), params(req).org!);
    return reply.seeOther(`/projects/${slugOf(req)}`, { kind: 'ok', key: 'projects.left' });
  });
}
