// The projects module's public face: its Fastify plugin, and what later modules
// (needs, grants, results) use to tie their records to projects.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { registerExportContributor } from '../federation/index.js';
import { projectPages } from './projects.pages.js';
import { projectApi } from './projects.api.js';
import { exportProjectParticipations } from './projects.service.js';

export { linkToProject, unlinkFromProject, projectsLinkedTo, findProject, viewProject, PROPOSAL_LINK } from './projects.service.js';
export type { Project, ProjectView, ProjectSummary } from './projects.service.js';
export type { ProjectStatus, ProjectRole } from './projects.tables.js';

// Once per process: the CLI's export-org loads this module too (through app.ts).
registerExportContributor('projects', (db, org) => exportProjectParticipations(db, org.id));

export async function projectsModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await projectPages(app, deps);
  await projectApi(app, deps);
}
