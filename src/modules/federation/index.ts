// The federation module's public face.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { federationPages } from './federation.pages.js';
import { federationApi } from './federation.api.js';
import { announcementPages } from './announcements.pages.js';
import { announcementApi } from './announcements.api.js';
import { exportAnnouncements } from './announcements.service.js';
import { registerExportContributor as registerContributor } from './federation.export.js';
import { profilePages } from './profile.pages.js';
import { profileApi } from './profile.api.js';
import { servicesPages } from './services.pages.js';
import { servicesApi } from './services.api.js';
import { directoryPages } from './directory.pages.js';
import { exportProfile } from './profile.export.js';
import { admissionPages } from './admissions.pages.js';
import { exportAdmission } from './admissions.service.js';

export { listOrganisationsOf, createOrganisation, viewOrganisation } from './federation.service.js';
export type { Organisation } from './federation.repository.js';
export { exportOrganisation, registerExportContributor, ORG_EXPORT_FORMAT, ORG_EXPORT_VERSION } from './federation.export.js';
export type { ExportContributor, OrgExport } from './federation.export.js';
export { registerSelfDescJobs } from './selfdesc.service.js';
export { registerAdmissionHooks } from './admissions.service.js';

export async function federationModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await federationPages(app, deps);
  await federationApi(app, deps);
  await announcementPages(app, deps);
  await announcementApi(app, deps);
  await directoryPages(app, deps);
  await profilePages(app, deps);
  await profileApi(app, deps);
  await servicesPages(app, deps);
  await servicesApi(app, deps);
  await admissionPages(app, deps);
}

// Once per process (the CLI's export-org imports this module too).
registerContributor('announcements', (db, org) => exportAnnouncements(db, org.id));
registerContributor('profile', (db, org) => exportProfile(db, org));
registerContributor('admission', (db, org) => exportAdmission(db, org.id));
export { listOrgAdmins, type Recipient } from './federation.repository.js';
