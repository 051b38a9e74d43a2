// HTML routes of the services a member offers: list, add, edit, delete (after confirmation).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { parseInput } from '../../kernel/http/forms.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { emptyForm } from '../../kernel/views/components/form.js';
import { getEditableOrganisation } from './profile.service.js';
import { serviceFormSchema } from './services.schemas.js';
import * as svc from './services.service.js';
import * as v from './views/services.views.js';

const params = (req: FastifyRequest) => req.params as Record<string, string>;

export async function servicesPages(app: FastifyInstance, deps: Deps): Promise<void> {
  // Decided before the input is read, so a refusal never depends on what was sent.
  const authorize = async (req: FastifyRequest) => {
    requirePerson(req);
    return getEditableOrganisation(deps, req.actor, params(req).slug!);
  };

  app.get('/orgs/:slug/services', async (req, reply) => {
    requirePerson(req);
    const { org, services } = await svc.listServicesFor(deps, req.actor, params(req).slug!);
    return reply.page(<v.ServicesPage org={org} services={services} />);
  });

  const renderNew = async (req: FastifyRequest, state = emptyForm({ kind: 'mail', registration: 'open', status: 'active' })) => {
    const org = await authorize(req);
    return <v.ServiceFormPage org={org} action={`/orgs/${org.slug}/services/new`} state={state} title={req.i18n.t('services.addTo', { org: org.name })} />;
  };
  app.get('/orgs/:slug/services/new', async (req, reply) => reply.page(await renderNew(req)));
  app.post('/orgs/:slug/services/new', { config: { form: renderNew } }, async (req, reply) => {
    await authorize(req);
    const service = await svc.createService(deps, req.actor, params(req).slug!, parseInput(serviceFormSchema, req.body));
    return reply.seeOther(`/orgs/${params(req).slug}/services`, { kind: 'ok', key: 'services.created', values: { name: service.name } });
  });

  const renderEdit = async (req: FastifyRequest, state?: ReturnType<typeof emptyForm>) => {
    requirePerson(req);
    const { org, service } = await svc.getServiceFor(deps, req.actor, params(req).slug!, params(req).id!);
    return (
      <v.ServiceFormPage
        org={org}
        action={`/orgs/${org.slug}/services/${service.id}/edit`}
        state={state ?? emptyForm(v.serviceFormValues(service))}
        title={req.i18n.t('services.editTitle', { name: service.name })}
      />
    );
  };
  app.get('/orgs/:slug/services/:id/edit', async (req, reply) => reply.page(await renderEdit(req)));
  app.post('/orgs/:slug/services/:id/edit', { config: { form: renderEdit } }, async (req, reply) => {
    await authorize(req);
    const service = await svc.updateService(deps, req.actor, params(req).slug!, params(req).id!, parseInput(serviceFormSchema, req.body));
    return reply.seeOther(`/orgs/${params(req).slug}/services`, { kind: 'ok', key: 'services.updated', values: { name: service.name } });
  });

  app.get('/orgs/:slug/services/:id/delete', async (req, reply) => {
    requirePerson(req);
    const { org, service } = await svc.getServiceFor(deps, req.actor, params(req).slug!, params(req).id!);
    return reply.page(<v.DeleteServicePage org={org} service={service} />);
  });
  app.post('/orgs/:slug/services/:id/delete', async (req, reply) => {
    requirePerson(req);
    await svc.deleteService(deps, req.actor, params(req).slug!, params(req).id!);
    return reply.seeOther(`/orgs/${params(req).slug}/services`, { kind: 'ok', key: 'services.deleted' });
  });
}
