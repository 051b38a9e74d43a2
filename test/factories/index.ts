// Factories insert through the services and repositories and return domain objects.
// Every test makes its own people and organisations; none assumes empty tables.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../src/kernel/deps.js';
import type { Person } from '../../src/kernel/auth/actor.js';
import { systemActor } from '../../src/kernel/auth/actor.js';
import type { FedRole } from '../../src/kernel/auth/auth.tables.js';
import { createPerson } from '../../src/kernel/auth/auth.service.js';
import { updatePerson, findPersonRow, toPerson } from '../../src/kernel/auth/auth.repository.js';
import { newTotpSecret, totpNow } from '../../src/kernel/auth/totp.js';
import { createOrganisation } from '../../src/modules/federation/index.js';
import type { Organisation } from '../../src/modules/federation/federation.repository.js';
import type { OrgRole } from '../../src/modules/federation/federation.tables.js';
import { toTimestamp } from '../../src/kernel/time.js';
import type { InjectBrowser } from '../helpers/browser.js';

export const PASSWORD = 'correct horse battery staple';

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface TestPerson extends Person {
  password: string;
  totpSecret?: string;
}

export async function makePerson(
  deps: Deps,
  opts: { fedRole?: FedRole | null; totp?: boolean; email?: string; name?: string; status?: 'active' | 'suspended' } = {},
): Promise<TestPerson> {
  const email = opts.email ?? `${unique('person')}@example.org`;
  const person = await deps.db
    .transaction()
    .execute((trx) => createPerson(deps, trx, systemActor('test'), { displayName: opts.name ?? 'Test Person', email, password: PASSWORD, fedRole: opts.fedRole ?? null }));
  let totpSecret: string | undefined;
  // Federation admins must have TOTP; give it to them unless a test says otherwise.
  if (opts.totp ?? opts.fedRole === 'admin') {
    totpSecret = newTotpSecret();
    await updatePerson(deps.db, person.id, { totp_secret: totpSecret, totp_enabled_at: toTimestamp(new Date()) });
  }
  if (opts.status === 'suspended') await updatePerson(deps.db, person.id, { status: 'suspended' });
  const fresh = toPerson((await findPersonRow(deps.db, person.id))!);
  return { ...fresh, password: PASSWORD, ...(totpSecret ? { totpSecret } : {}) };
}

export async function makeOrg(deps: Deps, opts: { name?: string; slug?: string } = {}): Promise<Organisation> {
  const slug = opts.slug ?? unique('org');
  return createOrganisation(deps, systemActor('test'), { name: opts.name ?? `Collective ${slug}`, slug });
}

export async function addMember(deps: Deps, org: Organisation, person: Person, role: OrgRole = 'member'): Promise<void> {
  await deps.db.insertInto('memberships').values({ org_id: org.id, person_id: person.id, role, created_at: toTimestamp(new Date()) }).execute();
}

/** Sign a test person in through the real login form (and TOTP step when enabled). */
export async function signIn(browser: InjectBrowser, person: TestPerson): Promise<void> {
  await browser.get('/login');
  const res = await browser.post('/login', { email: person.email, password: person.password });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  if (String(res.headers.location).startsWith('/login/2fa')) {
    await browser.get('/login/2fa');
    // A used step is refused (replay guard); take the next one, which the ±1 window still accepts.
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(current, (usedSteps.get(person.id) ?? -1) + 1);
    usedSteps.set(person.id, step);
    const code = totpNow(person.totpSecret!, new Date(step * 30_000 + 1000));
    const r2 = await browser.post('/login/2fa', { code });
    if (r2.statusCode !== 303) throw new Error(`second factor failed: ${r2.statusCode}`);
  }
}
const usedSteps = new Map<string, number>();
