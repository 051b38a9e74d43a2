// People, for federation admins: list and search, details, federation role,
// suspension (behind a confirmation page) and reinstatement.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput, safeValues } from '../../kernel/http/forms.js';
import { emptyForm } from '../../kernel/views/components/form.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { canManagePeople } from '../../kernel/auth/auth.policy.js';
import * as auth from '../../kernel/auth/auth.service.js';
import { confirmSchema, fedRoleSchema, peopleQuerySchema } from './admin.schemas.js';
import * as v from './views/people.views.js';

/** The service's refusals (last admin, suspending oneself) come back as a message on the person's page. */
async function refusalAsFlash(reply: FastifyReply, personId: string, action: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof AppError && err.status === 409) {
      return reply.seeOther(v.personPath(personId), { kind: 'error', key: `error.${err.code}`, values: err.values });
    }
    throw err;
  }
}

/** Signed in (else 401 → sign-in page) and allowed to manage people (else 403), before any input is read. */
function requireAdmin(req: FastifyRequest) {
  const person = requirePerson(req);
  if (!canManagePeople(req.actor)) throw new AppError('FORBIDDEN', 403);
  return person;
}

export async function adminPeoplePages(app: FastifyInstance, deps: Deps): Promise<void> {
  const personId = (req: FastifyRequest) => (req.params as { id: string }).id;

  app.get('/admin/people', async (req, reply) => {
    requireAdmin(req);
    let query;
    try {
      query = parseInput(peopleQuerySchema, req.query);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      return reply.page(<v.PeopleListPage people={[]} next={undefined} q={undefined} state={{ values: safeValues(req.query), errors: err.details.fields ?? {} }} />, 422);
    }
    const { people, next } = await auth.listPeopleForAdmin(deps, req.actor, query);
    return reply.page(<v.PeopleListPage people={people} next={next} q={query.q} state={emptyForm(query.after ? { after: query.after } : {})} />);
  });

  const renderPerson = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    return <v.PersonPage view={await auth.viewPersonForAdmin(deps, req.actor, personId(req))} state={state} />;
  };
  app.get('/admin/people/:id', async (req, reply) => reply.page(await renderPerson(req)));

  // A bad role value shows the person's page again with the message at the role form.
  app.post('/admin/people/:id/role', { config: { form: renderPerson } }, async (req, reply) => {
    const me = requireAdmin(req);
    const id = personId(req);
    const { role } = parseInput(fedRoleSchema, req.body);
    return refusalAsFlash(reply, id, async () => {
      await auth.setFederationRole(deps, req.actor, id, role);
      // An admin who gave up their own role can no longer see the admin pages.
      if (id === me.id && role !== 'admin') return reply.seeOther('/', { kind: 'ok', key: 'admin.people.roleChanged' });
      return reply.seeOther(v.personPath(id), { kind: 'ok', key: 'admin.people.roleChanged' });
    });
  });

  app.get('/admin/people/:id/suspend', async (req, reply) => {
    requirePerson(req);
    const { person } = await auth.viewPersonForAdmin(deps, req.actor, personId(req));
    return reply.page(<v.SuspendPage person={person} />);
  });
  app.post('/admin/people/:id/suspend', async (req, reply) => {
    requireAdmin(req);
    const id = personId(req);
    parseInput(confirmSchema, req.body);
    return refusalAsFlash(reply, id, async () => {
      await auth.suspendPerson(deps, req.actor, id);
      const { person } = await auth.viewPersonForAdmin(deps, req.actor, id);
      return reply.seeOther(v.personPath(id), { kind: 'ok', key: 'admin.people.suspended', values: { name: person.displayName } });
    });
  });

  app.post('/admin/people/:id/reinstate', async (req, reply) => {
    requireAdmin(req);
    const id = personId(req);
    await auth.reinstatePerson(deps, req.actor, id);
    const { person } = await auth.viewPersonForAdmin(deps, req.actor, id);
    return reply.seeOther(v.personPath(id), { kind: 'ok', key: 'admin.people.reinstated', values: { name: person.displayName } });
  });
}
