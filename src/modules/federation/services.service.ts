// The services a member offers (mail, hosting, chat, VPN, …), kept by its org-admins.
import type { Deps } from '../../kernel/deps.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { nowTs } from '../../kernel/time.js';
import type { Organisation } from './federation.repository.js';
import { isCountryCode } from './profile.countries.js';
import { touchProfile } from './profile.repository.js';
import { getEditableOrganisation } from './profile.service.js';
import type { ServiceInput } from './services.schemas.js';
import * as repo from './services.repository.js';
import type { Service } from './services.repository.js';

type D = Pick<Deps, 'db' | 'clock'>;

function checkCountries(countries: readonly string[]): void {
  const bad = countries.filter((c) => !isCountryCode(c));
  if (bad.length) {
    const values = { codes: bad.join(', ') };
    throw new AppError('PROFILE_COUNTRY_UNKNOWN', 422, { fields: { countries: { key: 'error.PROFILE_COUNTRY_UNKNOWN', values } } }, values);
  }
}

const fieldsOf = (input: ServiceInput) => ({
  kind: input.kind,
  name: input.name,
  url: input.url,
  software: input.software,
  software_version: input.softwareVersion,
  registration: input.registration,
  server_countries: repo.joinCountries(input.countries),
  status: input.status,
});

export async function listServicesFor(deps: D, actor: Actor, slug: string): Promise<{ org: Organisation; services: Service[] }> {
  const org = await getEditableOrganisation(deps, actor, slug);
  return { org, services: await repo.listServices(deps.db, org.id) };
}

/** One service, for its edit form; authorization first, so another organisation's id reveals nothing. */
export async function getServiceFor(deps: D, actor: Actor, slug: string, id: string): Promise<{ org: Organisation; service: Service }> {
  const org = await getEditableOrganisation(deps, actor, slug);
  return { org, service: await repo.getService(deps.db, org.id, id) };
}

export async function createService(deps: D, actor: Actor, slug: string, input: ServiceInput): Promise<Service> {
  const org = await getEditableOrganisation(deps, actor, slug);
  checkCountries(input.countries);
  return deps.db.transaction().execute(async (trx) => {
    const now = nowTs(deps.clock);
    const row = { id: newId(), org_id: org.id, ...fieldsOf(input), created_at: now, updated_at: now };
    await repo.insertService(trx, row);
    await touchProfile(trx, org.id, now);
    await audit(trx, actor, 'federation.service.created', { targetType: 'service', targetId: row.id, orgId: org.id, data: { kind: input.kind, name: input.name } });
    return repo.toService(row);
  });
}

export async function updateService(deps: D, actor: Actor, slug: string, id: string, input: ServiceInput): Promise<Service> {
  const org = await getEditableOrganisation(deps, actor, slug);
  checkCountries(input.countries);
  return deps.db.transaction().execute(async (trx) => {
    const now = nowTs(deps.clock);
    const before = await repo.getService(trx, org.id, id);
    await repo.updateService(trx, org.id, id, fieldsOf(input), now);
    await touchProfile(trx, org.id, now);
    const changed = (Object.keys(input) as (keyof ServiceInput)[]).filter((k) => {
      const old = k === 'countries' ? before.countries : before[k];
      return JSON.stringify(old) !== JSON.stringify(input[k]);
    });
    await audit(trx, actor, 'federation.service.updated', { targetType: 'service', targetId: id, orgId: org.id, data: { changed } });
    return repo.getService(trx, org.id, id);
  });
}

export async function deleteService(deps: D, actor: Actor, slug: string, id: string): Promise<void> {
  const org = await getEditableOrganisation(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.getService(trx, org.id, id);
    await repo.deleteService(trx, org.id, id);
    await touchProfile(trx, org.id, nowTs(deps.clock));
    await audit(trx, actor, 'federation.service.deleted', { targetType: 'service', targetId: id, orgId: org.id, data: { kind: before.kind, name: before.name } });
  });
}
