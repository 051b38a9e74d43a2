// The audit log for federation admins: filters in the address (a GET form), newest first.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput, safeValues } from '../../kernel/http/forms.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { canReadAuditLog } from '../../kernel/auth/auth.policy.js';
import { auditQuerySchema } from '../../kernel/audit/audit.schemas.js';
import { type AuditPage, listAuditForAdmin } from '../../kernel/audit/audit.service.js';
import { AuditLogPage } from './views/audit.views.js';

const noEntries: AuditPage = { entries: [], next: undefined, people: new Map(), orgs: new Map() };

export async function adminAuditPages(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get('/admin/audit', async (req, reply) => {
    requirePerson(req);
    // Refuse before reading the filter, so others get 403 whatever they send.
    if (!canReadAuditLog(req.actor)) throw new AppError('FORBIDDEN', 403);
    const values = safeValues(req.query);
    try {
      const query = parseInput(auditQuerySchema, req.query);
      const page = await listAuditForAdmin(deps, req.actor, query, req.i18n.timeZone);
      return reply.page(<AuditLogPage page={page} filters={values} state={{ values, errors: {} }} status="ok" />);
    } catch (err) {
      // A filter that does not parse (a bad date, an unknown address) shows the form again.
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      return reply.page(<AuditLogPage page={noEntries} filters={values} state={{ values, errors: err.details.fields ?? {} }} status="invalid" />, 422);
    }
  });
}
