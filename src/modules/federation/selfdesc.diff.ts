// Field-by-field differences between the profile in Hearth and what a
// self-description file states. Pure: no database, no network.
import type { ProfileSnapshot, SnapshotText } from './selfdesc.schemas.js';
import type { ServiceInput } from './services.schemas.js';

export type SnapshotField = Exclude<keyof ProfileSnapshot, 'summary' | 'description' | 'services'>;

export type DiffRow =
  | { kind: 'value'; field: SnapshotField; before: string | null; after: string | null }
  | { kind: 'text'; field: 'summary' | 'description'; lang: string; before: SnapshotText | null; after: SnapshotText | null }
  | { kind: 'service'; key: string; before: ServiceInput | null; after: ServiceInput | null };

/** Everything the profile holds, in snapshot form (for comparison). */
export type FullSnapshot = Required<ProfileSnapshot>;

const valueFields: SnapshotField[] = [
  'name',
  'countries',
  'region',
  'languages',
  'founded',
  'website',
  'email',
  'securityContact',
  'donationUrl',
  'openpgp',
];

const show = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  // Lists of codes are sets: their order means nothing.
  if (Array.isArray(v)) return v.length ? [...v].sort().join(', ') : null;
  return String(v);
};

const sameText = (a: SnapshotText | undefined, b: SnapshotText | undefined) =>
  !!a && !!b && a.body === b.body && a.source === b.source && (a.source || (a.translator === b.translator && a.machine === b.machine));

const serviceKey = (s: ServiceInput) => `${s.kind} ${s.url}`;
const sameService = (a: ServiceInput, b: ServiceInput) => JSON.stringify(normaliseService(a)) === JSON.stringify(normaliseService(b));
const normaliseService = (s: ServiceInput) => ({ ...s, countries: [...s.countries].sort() });

/**
 * The rows that would change if `incoming` were applied to `current`. Fields the
 * file leaves out are not compared. `openpgpLabel` turns a key into what people
 * compare (its fingerprint).
 */
export function diffSnapshots(current: FullSnapshot, incoming: ProfileSnapshot, openpgpLabel: (armored: string) => string = (k) => k): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const field of valueFields) {
    if (!(field in incoming) || incoming[field] === undefined) continue;
    let before = show(current[field]);
    let after = show(incoming[field]);
    if (field === 'openpgp') {
      if (current.openpgp === incoming.openpgp) continue;
      before = current.openpgp ? openpgpLabel(current.openpgp) : null;
      after = incoming.openpgp ? openpgpLabel(incoming.openpgp) : null;
    } else if (before === after) continue;
    rows.push({ kind: 'value', field, before, after });
  }
  for (const field of ['summary', 'description'] as const) {
    const next = incoming[field];
    if (!next) continue;
    const langs = [...new Set([...current[field].map((t) => t.lang), ...next.map((t) => t.lang)])].sort();
    for (const lang of langs) {
      const a = current[field].find((t) => t.lang === lang);
      const b = next.find((t) => t.lang === lang);
      if (!sameText(a, b)) rows.push({ kind: 'text', field, lang, before: a ?? null, after: b ?? null });
    }
  }
  if (incoming.services) {
    const before = new Map(current.services.map((s) => [serviceKey(s), s]));
    const after = new Map(incoming.services.map((s) => [serviceKey(s), s]));
    for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const a = before.get(key);
      const b = after.get(key);
      if (a && b && sameService(a, b)) continue;
      rows.push({ kind: 'service', key, before: a ?? null, after: b ?? null });
    }
  }
  return rows;
}
