// Queries of the public directory and the machine-readable federation.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/connect.js';
import { likeMatch, likePattern } from '../../kernel/db/like.js';
import { fromTimestamp } from '../../kernel/time.js';
import { toOrganisation, type Organisation } from './federation.repository.js';
import { ORG_TEXT_OWNER } from './profile.repository.js';
import type { RegistrationPolicy, ServiceKind } from './profile.tables.js';

export interface DirectoryFilters {
  /** Words in the name or either description (any language). */
  q?: string | undefined;
  kind?: ServiceKind | undefined;
  lang?: string | undefined;
  country?: string | undefined;
  /** Words in the free-text region. */
  region?: string | undefined;
  registration?: RegistrationPolicy | undefined;
}

function filtered(db: Db, f: DirectoryFilters) {
  let q = db.selectFrom('organisations as o').leftJoin('org_profiles as p', 'p.org_id', 'o.id').where('o.status', '=', 'active');
  if (f.kind || f.registration) {
    const { kind, registration } = f;
    q = q.where((eb) => {
      let s = eb.selectFrom('org_services as s').select('s.id').whereRef('s.org_id', '=', 'o.id');
      if (kind) s = s.where('s.kind', '=', kind);
      if (registration) s = s.where('s.registration', '=', registration);
      return eb.exists(s);
    });
  }
  if (f.lang) {
    const lang = f.lang;
    q = q.where((eb) => eb.exists(eb.selectFrom('org_profile_languages as l').select('l.org_id').whereRef('l.org_id', '=', 'o.id').where('l.lang', '=', lang)));
  }
  if (f.country) {
    const country = f.country;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('org_profile_countries as c').select('c.org_id').whereRef('c.org_id', '=', 'o.id').where('c.country', '=', country)),
    );
  }
  if (f.region) q = q.where(likeMatch(sql`lower(${sql.ref('p.region')})`, likePattern(f.region.toLowerCase(), 'contains')));
  if (f.q) {
    const pattern = likePattern(f.q.toLowerCase(), 'contains');
    q = q.where((eb) =>
      eb.or([
        likeMatch(sql`lower(${sql.ref('o.name')})`, pattern),
        eb.exists(
          eb
            .selectFrom('texts as t')
            .select('t.owner_id')
            .whereRef('t.owner_id', '=', 'o.id')
            .where('t.owner_type', '=', ORG_TEXT_OWNER)
            .where('t.field', 'in', ['summary', 'description'])
            .where(likeMatch(sql`lower(${sql.ref('t.body')})`, pattern)),
        ),
      ]),
    );
  }
  return q;
}

/** Active members matching every filter, by slug, a page at a time (keyset on the slug). */
export async function searchMembers(db: Db, f: DirectoryFilters, opts: { after?: string | undefined; limit: number }): Promise<{ orgs: Organisation[]; next: string | undefined }> {
  let q = filtered(db, f).selectAll('o').orderBy('o.slug').limit(opts.limit + 1);
  if (opts.after) q = q.where('o.slug', '>', opts.after);
  const rows = await q.execute();
  const orgs = rows.slice(0, opts.limit).map(toOrganisation);
  return { orgs, next: rows.length > opts.limit ? orgs.at(-1)?.slug : undefined };
}

export async function countMembers(db: Db, f: DirectoryFilters): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listActiveOrganisations(db: Db): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisations').selectAll().where('status', '=', 'active').orderBy('slug').execute();
  return rows.map(toOrganisation);
}

/** What changes whenever any public data of any active member changes (see org_profiles.revision). */
export interface FederationVersion {
  key: string;
  lastModified: Date | null;
}

export async function federationVersion(db: Db): Promise<FederationVersion> {
  const r = await db
    .selectFrom('organisations as o')
    .leftJoin('org_profiles as p', 'p.org_id', 'o.id')
    .where('o.status', '=', 'active')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('o.updated_at').as('org_at'),
      eb.fn.max('p.updated_at').as('profile_at'),
      eb.fn.sum<number>('p.revision').as('revisions'),
    ])
    .executeTakeFirstOrThrow();
  const latest = [r.org_at, r.profile_at].filter((x): x is string => typeof x === 'string').sort().at(-1);
  return {
    key: `${Number(r.n)}:${Number(r.revisions ?? 0)}:${r.org_at ?? ''}:${r.profile_at ?? ''}`,
    lastModified: latest ? fromTimestamp(latest) : null,
  };
}

/** Languages and countries some active member names: the directory's filters offer only these. */
export async function listUsedFacets(db: Db): Promise<{ languages: string[]; countries: string[] }> {
  const [languages, countries] = await Promise.all([
    db
      .selectFrom('org_profile_languages as l')
      .innerJoin('organisations as o', 'o.id', 'l.org_id')
      .where('o.status', '=', 'active')
      .select('l.lang')
      .distinct()
      .orderBy('l.lang')
      .execute(),
    db
      .selectFrom('org_profile_countries as c')
      .innerJoin('organisations as o', 'o.id', 'c.org_id')
      .where('o.status', '=', 'active')
      .select('c.country')
      .distinct()
      .orderBy('c.country')
      .execute(),
  ]);
  return { languages: languages.map((r) => r.lang), countries: countries.map((r) => r.country) };
}
