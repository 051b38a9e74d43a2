// The federation module's public face.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { federationPages } from './federation.pages.js';
import { federationApi } from './federation.api.js';

export { listOrganisationsOf, createOrganisation, viewOrganisation } from './federation.service.js';
export type { Organisation } from './federation.repository.js';
export { exportOrganisation, registerExportContributor, ORG_EXPORT_FORMAT, ORG_EXPORT_VERSION } from './federation.export.js';
export type { ExportContributor, OrgExport } from './federation.export.js';

export async function federationModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await federationPages(app, deps);
  await federationApi(app, deps);
}
