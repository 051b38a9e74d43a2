// Where each translation stands against the English source catalog:
// keys missing, keys English no longer has, and whether the order matches.
// Languages missing the same keys are listed together.
//
//   node scripts/i18n-status.mjs            report; exit 1 when a catalog is incomplete or has extra keys
//   node scripts/i18n-status.mjs --sort     also rewrite each catalog in en.json's order (extra keys last)
//   node scripts/i18n-status.mjs --english  show the English text beside each missing key
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '..', 'src', 'kernel', 'i18n', 'catalogs');
const args = new Set(process.argv.slice(2));
const sort = args.has('--sort');
const english = args.has('--english');

const read = (file) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const source = read('en.json');
const sourceKeys = Object.keys(source);

let incomplete = false;
/** missing-key list (joined) → languages missing exactly those */
const missingGroups = new Map();

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en.json').sort()) {
  const lang = file.slice(0, -'.json'.length);
  const text = readFileSync(join(dir, file), 'utf8');
  const catalog = JSON.parse(text);
  const keys = Object.keys(catalog);
  const missing = sourceKeys.filter((k) => !(k in catalog));
  const extra = keys.filter((k) => !(k in source));
  const expectedOrder = sourceKeys.filter((k) => k in catalog);
  const inOrder = keys.filter((k) => k in source).every((k, i) => k === expectedOrder[i]);

  const notes = [];
  if (missing.length) notes.push(`${missing.length} missing`);
  if (extra.length) notes.push(`${extra.length} extra`);
  if (!inOrder) notes.push(sort ? 'reordered' : 'out of order (run with --sort)');
  console.log(`${lang}: ${sourceKeys.length - missing.length}/${sourceKeys.length}${notes.length ? ` — ${notes.join(', ')}` : ' — complete'}`);
  if (extra.length) {
    console.log(`  extra keys (no longer in en.json):`);
    for (const k of extra) console.log(`    ${k}`);
  }
  if (missing.length) {
    const id = missing.join('\n');
    missingGroups.set(id, [...(missingGroups.get(id) ?? []), lang]);
  }
  if (missing.length || extra.length) incomplete = true;

  if (sort && !inOrder) {
    const sorted = {};
    for (const k of sourceKeys) if (k in catalog) sorted[k] = catalog[k];
    // Extra keys stay, at the end, so nothing is lost silently; the catalog test still fails on them.
    for (const k of extra) sorted[k] = catalog[k];
    writeFileSync(join(dir, file), JSON.stringify(sorted, null, 2) + '\n');
  }
}

for (const [id, langs] of missingGroups) {
  const keys = id.split('\n');
  console.log(`\nmissing in ${langs.join(', ')} (${keys.length}):`);
  for (const k of keys) console.log(english ? `  ${k}: ${JSON.stringify(source[k])}` : `  ${k}`);
}
process.exitCode = incomplete ? 1 : 0;
