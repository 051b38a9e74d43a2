// Applications to join over JSON, for federation members (coordinators also see the contact address).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors } from '../../kernel/http/openapi.js';
import { canSeeApplicantContact } from './admissions.policy.js';
import type { Application } from './admissions.repository.js';
import { applicationStatuses } from './admissions.tables.js';
import * as svc from './admissions.service.js';

const application = z.object({
  id: z.string(),
  orgName: z.string(),
  serves: z.string(),
  countries: z.array(z.string()).describe('ISO 3166-1 alpha-2'),
  languages: z.array(z.string()).describe('ISO 639-1'),
  contactName: z.string(),
  contactEmail: z.string().nullable().describe('Coordinators only; null for everyone else'),
  status: z.enum(applicationStatuses),
  proposalId: z.string().nullable(),
  orgId: z.string().nullable().describe('The organisation created when the admission passed'),
  receivedAt: z.string(),
  decidedAt: z.string().nullable(),
});

export async function admissionApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const json = (a: Application, contact: boolean) => ({
    id: a.id,
    orgName: a.orgName,
    serves: a.serves,
    countries: a.countries,
    languages: a.languages,
    contactName: a.contactName,
    contactEmail: contact ? a.contactEmail : null,
    status: a.status,
    proposalId: a.proposalId,
    orgId: a.orgId,
    receivedAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  });

  api.get(
    '/api/v1/applications',
    {
      schema: {
        tags: ['federation'],
        summary: 'Applications to join: those waiting, and the latest decided',
        response: { 200: z.object({ waiting: z.array(application), decided: z.array(application) }), ...errors(401, 403) },
      },
    },
    async (req) => {
      const overview = await svc.listApplicationsFor(deps, req.actor);
      const contact = canSeeApplicantContact(req.actor);
      return { waiting: overview.waiting.map((a) => json(a, contact)), decided: overview.decided.map((a) => json(a, contact)) };
    },
  );

  api.get(
    '/api/v1/applications/:id',
    {
      schema: {
        tags: ['federation'],
        summary: 'One application to join',
        params: z.object({ id: z.string().max(40) }),
        response: { 200: application, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const view = await svc.viewApplication(deps, req.actor, req.params.id, req.i18n.locale);
      return json(view.application, view.contactEmail !== null);
    },
  );
}
