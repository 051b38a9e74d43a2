// Every query of the services members offer.
import type { Db } from '../../kernel/db/connect.js';
import { notFound } from '../../kernel/errors.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { OrgServicesTable, RegistrationPolicy, ServiceKind, ServiceStatus } from './profile.tables.js';

export interface Service {
  id: string;
  orgId: string;
  kind: ServiceKind;
  name: string;
  url: string;
  software: string | null;
  softwareVersion: string | null;
  registration: RegistrationPolicy;
  countries: string[];
  status: ServiceStatus;
  createdAt: Date;
  updatedAt: Date;
}

export const toService = (r: OrgServicesTable): Service => ({
  id: r.id,
  orgId: r.org_id,
  kind: r.kind,
  name: r.name,
  url: r.url,
  software: r.software,
  softwareVersion: r.software_version,
  registration: r.registration,
  countries: r.server_countries ? r.server_countries.split(',') : [],
  status: r.status,
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
});

export const joinCountries = (codes: readonly string[]) => codes.join(',');

const CHUNK = 5_000;

/** Services of many organisations, grouped by organisation, each list in a stable order. */
export async function listServicesOf(db: Db, orgIds: readonly string[]): Promise<Map<string, Service[]>> {
  const out = new Map<string, Service[]>();
  for (let i = 0; i < orgIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('org_services')
      .selectAll()
      .where('org_id', 'in', orgIds.slice(i, i + CHUNK))
      .orderBy('org_id')
      .orderBy('kind')
      .orderBy('name')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const s = toService(r);
      const list = out.get(s.orgId);
      if (list) list.push(s);
      else out.set(s.orgId, [s]);
    }
  }
  return out;
}

export async function listServices(db: Db, orgId: string): Promise<Service[]> {
  return (await listServicesOf(db, [orgId])).get(orgId) ?? [];
}

/** A service of this organisation only: an id from another organisation is "not found". */
export async function getService(db: Db, orgId: string, id: string): Promise<Service> {
  const r = await db.selectFrom('org_services').selectAll().where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
  if (!r) throw notFound('SERVICE_NOT_FOUND');
  return toService(r);
}

export async function insertService(db: Db, row: OrgServicesTable): Promise<void> {
  await db.insertInto('org_services').values(row).execute();
}

export async function updateService(
  db: Db,
  orgId: string,
  id: string,
  fields: Omit<OrgServicesTable, 'id' | 'org_id' | 'created_at' | 'updated_at'>,
  now: Timestamp,
): Promise<void> {
  const r = await db
    .updateTable('org_services')
    .set({ ...fields, updated_at: now })
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw notFound('SERVICE_NOT_FOUND');
}

export async function deleteService(db: Db, orgId: string, id: string): Promise<void> {
  const r = await db.deleteFrom('org_services').where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
  if (Number(r.numDeletedRows) !== 1) throw notFound('SERVICE_NOT_FOUND');
}
