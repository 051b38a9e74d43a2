import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { sessionCookieName } from '../../kernel/http/kernel.plugin.js';
import { emptyForm } from '../../kernel/views/components/form.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { registerSchema } from '../../kernel/auth/auth.schemas.js';
import * as svc from './federation.service.js';
import { canCreateOrganisation } from './federation.policy.js';
import { createOrgSchema, inviteSchema, memberRoleSchema } from './federation.schemas.js';
import * as v from './views/org.views.js';

const acceptLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export async function federationPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Record<string, string>;

  app.get('/orgs', async (req, reply) => {
    requirePerson(req);
    const after = (req.query as Record<string, unknown>).after;
    const { orgs, next } = await svc.listOrganisationsFor(deps, req.actor, { after: typeof after === 'string' ? after : undefined });
    return reply.page(<v.OrgListPage orgs={orgs} next={next} canCreate={canCreateOrganisation(req.actor)} />);
  });

  const renderNew = (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    if (!canCreateOrganisation(req.actor)) throw new AppError('FORBIDDEN', 403);
    return <v.NewOrgPage state={state} />;
  };
  app.get('/orgs/new', async (req, reply) => reply.page(renderNew(req)));
  app.post('/orgs/new', { config: { form: renderNew } }, async (req, reply) => {
    requirePerson(req);
    const org = await svc.createOrganisation(deps, req.actor, parseInput(createOrgSchema, req.body));
    return reply.seeOther(`/orgs/${org.slug}`, { kind: 'ok', key: 'org.created' });
  });

  app.get('/orgs/:slug', async (req, reply) => {
    requirePerson(req);
    return reply.page(<v.OrgPage view={await svc.viewOrganisation(deps, req.actor, params(req).slug!)} />);
  });

  const renderInvite = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    const org = await svc.getManagedOrganisation(deps, req.actor, params(req).slug!);
    return <v.InvitePage slug={org.slug} name={org.name} state={state} />;
  };
  app.get('/orgs/:slug/invite', async (req, reply) => reply.page(await renderInvite(req)));
  app.post('/orgs/:slug/invite', { config: { form: renderInvite } }, async (req, reply) => {
    requirePerson(req);
    const input = parseInput(inviteSchema, req.body);
    const { link, mailed } = await svc.inviteToOrganisation(deps, req.actor, params(req).slug!, input);
    if (mailed) return reply.seeOther(`/orgs/${params(req).slug}`, { kind: 'ok', key: 'org.invite.sent', values: { email: input.email } });
    // Without SMTP the inviter passes the link on by their own channel; shown once, here.
    return reply.page(<v.InviteLinkPage slug={params(req).slug!} link={link} email={input.email} />);
  });

  app.post('/orgs/:slug/invitations/:id/revoke', async (req, reply) => {
    requirePerson(req);
    await svc.revokeInvitation(deps, req.actor, params(req).slug!, params(req).id!);
    return reply.seeOther(`/orgs/${params(req).slug}`, { kind: 'ok', key: 'org.invitationRevoked' });
  });

  app.post('/orgs/:slug/members/:personId/role', async (req, reply) => {
    requirePerson(req);
    const { role } = parseInput(memberRoleSchema, req.body);
    await svc.changeMemberRole(deps, req.actor, params(req).slug!, params(req).personId!, role);
    return reply.seeOther(`/orgs/${params(req).slug}`, { kind: 'ok', key: 'org.roleChanged' });
  });

  app.get('/orgs/:slug/members/:personId/remove', async (req, reply) => {
    requirePerson(req);
    const view = await svc.viewOrganisation(deps, req.actor, params(req).slug!);
    if (!view.canManage) throw new AppError('FORBIDDEN', 403);
    const member = view.members.find((m) => m.personId === params(req).personId);
    if (!member) throw new AppError('MEMBER_NOT_FOUND', 404);
    return reply.page(<v.RemoveMemberPage slug={view.org.slug} name={view.org.name} member={member} />);
  });
  app.post('/orgs/:slug/members/:personId/remove', async (req, reply) => {
    requirePerson(req);
    await svc.removeMember(deps, req.actor, params(req).slug!, params(req).personId!);
    return reply.seeOther(`/orgs/${params(req).slug}`, { kind: 'ok', key: 'org.memberRemoved' });
  });

  // ── Accepting an invitation ──
  const renderAccept = async (req: FastifyRequest, state = emptyForm()) => {
    const token = params(req).token!;
    const open = await svc.readInvitation(deps, token);
    return <v.AcceptInvitePage token={token} open={open} state={state} signedIn={req.actor.kind === 'person'} />;
  };
  app.get('/invite/:token', { config: acceptLimit }, async (req, reply) => reply.page(await renderAccept(req)));
  app.post('/invite/:token', { config: { form: renderAccept, ...acceptLimit } }, async (req, reply) => {
    requirePerson(req);
    const org = await svc.acceptInvitation(deps, req.actor, params(req).token!);
    return reply.seeOther(`/orgs/${org.slug}`, { kind: 'ok', key: 'invite.joined', values: { org: org.name } });
  });
  app.post('/invite/:token/register', { config: { form: renderAccept, ...acceptLimit } }, async (req, reply: FastifyReply) => {
    const input = parseInput(registerSchema, req.body);
    const { org, session } = await svc.acceptInvitationWithNewAccount(deps, params(req).token!, { ...input, locale: req.i18n.locale });
    reply.setCookie(sessionCookieName(deps), session, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secure,
      maxAge: Math.floor(deps.config.sessionMaxMs / 1000),
    });
    return reply.seeOther(`/orgs/${org.slug}`, { kind: 'ok', key: 'invite.joined', values: { org: org.name } });
  });
}
