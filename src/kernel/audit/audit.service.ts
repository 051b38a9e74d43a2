// Reading the audit log, for federation admins.
import type { Deps } from '../deps.js';
import type { Actor } from '../auth/actor.js';
import { canReadAuditLog } from '../auth/auth.policy.js';
import { findPersonRowByEmail } from '../auth/auth.repository.js';
import { forbidden, validationFailed } from '../errors.js';
import { type AuditEntry, type AuditFilter, type OrgLabel, displayNamesOf, findOrgLabelBySlug, listAuditEntries, orgLabelsOf } from './audit.js';
import type { AuditQuery } from './audit.schemas.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page. */
  next: number | undefined;
  /** Display names of the people who acted or were acted on. */
  people: Map<string, string>;
  orgs: Map<string, OrgLabel>;
}

/** The offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a calendar day (yyyy-mm-dd) begins in a time zone; `plusDays` moves the day first. */
export function startOfDayIn(day: string, timeZone: string, plusDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d + plusDays);
  // Twice, so a day on which the offset changes still starts at its own offset.
  const first = midnight - zoneOffsetMs(midnight, timeZone);
  return new Date(midnight - zoneOffsetMs(first, timeZone));
}

/**
 * One page of the log, newest first. Dates are days in the reader's time zone,
 * `to` included. An e-mail address or short name that matches no one is a field error.
 */
export async function listAuditForAdmin(deps: Pick<Deps, 'db'>, actor: Actor, query: AuditQuery, timeZone: string): Promise<AuditPage> {
  if (!canReadAuditLog(actor)) throw forbidden();
  const filter: AuditFilter = { limit: AUDIT_PAGE_SIZE };
  const problems: Record<string, string> = {};
  if (query.action) filter.action = query.action;
  if (query.email) {
    const person = await findPersonRowByEmail(deps.db, query.email);
    if (person) filter.actorId = person.id;
    else problems.email = 'admin.audit.noSuchPerson';
  }
  if (query.org) {
    const org = await findOrgLabelBySlug(deps.db, query.org);
    if (org) filter.orgId = org.id;
    else problems.org = 'admin.audit.noSuchOrg';
  }
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  if (query.from) filter.from = startOfDayIn(query.from, timeZone);
  if (query.to) filter.to = startOfDayIn(query.to, timeZone, 1);
  if (query.before) filter.before = query.before;

  const { entries, next } = await listAuditEntries(deps.db, filter);
  const personIds = new Set<string>();
  const orgIds = new Set<string>();
  for (const e of entries) {
    if (e.actorId) personIds.add(e.actorId);
    if (e.targetType === 'person' && e.targetId) personIds.add(e.targetId);
    if (e.orgId) orgIds.add(e.orgId);
    if (e.targetType === 'organisation' && e.targetId) orgIds.add(e.targetId);
  }
  return {
    entries,
    next,
    people: await displayNamesOf(deps.db, [...personIds]),
    orgs: await orgLabelsOf(deps.db, [...orgIds]),
  };
}
