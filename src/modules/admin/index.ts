import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { adminPages } from './admin.pages.js';
import { adminPeoplePages } from './admin.people.js';
import { adminAuditPages } from './admin.audit.js';
import { adminJobsPages } from './admin.jobs.js';

export async function adminModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await adminPages(app, deps);
  await adminPeoplePages(app, deps);
  await adminAuditPages(app, deps);
  await adminJobsPages(app, deps);
}
