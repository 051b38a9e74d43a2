// The profile's part of `hearth export-org`: everything the member published,
// every translation with its credit, its services, its logo (base64) and where
// its self-description lives. Runs inside the export's read transaction.
import type { Db } from '../../kernel/db/connect.js';
import { toTimestamp } from '../../kernel/time.js';
import type { Organisation } from './federation.repository.js';
import { findBlob, getProfile, listOrgTexts } from './profile.repository.js';
import { findSource } from './selfdesc.repository.js';
import { listServices } from './services.repository.js';

const ts = (d: Date | null) => (d ? toTimestamp(d) : null);

export async function exportProfile(db: Db, org: Organisation) {
  const profile = await getProfile(db, org.id);
  const texts = await listOrgTexts(db, [org.id], ['summary', 'description']);
  const services = await listServices(db, org.id);
  const logo = profile.logo ? await findBlob(db, profile.logo.id) : undefined;
  const source = await findSource(db, org.id);
  return {
    profile: {
      region: profile.region,
      founded: profile.founded,
      website: profile.website,
      contactEmail: profile.contactEmail,
      securityContact: profile.securityContact,
      openpgp: profile.openpgp
        ? { fingerprint: profile.openpgp.fingerprint, algorithm: profile.openpgp.algorithm, expiresAt: ts(profile.openpgp.expiresAt), key: profile.openpgp.armored }
        : null,
      donationUrl: profile.donationUrl,
      countries: profile.countries,
      languages: profile.languages,
      updatedAt: ts(profile.updatedAt),
    },
    texts: texts.map((t) => ({
      field: t.field,
      lang: t.lang,
      body: t.body,
      source: t.isSource,
      translator: t.translator,
      machine: t.machine,
      updatedAt: ts(t.updatedAt),
    })),
    services: services.map((s) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      url: s.url,
      software: s.software,
      softwareVersion: s.softwareVersion,
      registration: s.registration,
      countries: s.countries,
      status: s.status,
      createdAt: ts(s.createdAt),
      updatedAt: ts(s.updatedAt),
    })),
    logo: logo ? { contentType: logo.contentType, size: logo.size, sha256: logo.id, base64: logo.data.toString('base64') } : null,
    selfDescription: source ? { url: source.url, lastFetchAt: ts(source.lastFetchAt), lastOkAt: ts(source.lastOkAt), lastError: source.lastError?.code ?? null } : null,
  };
}
