// Runs every benchmark in bench/ (each file here but this one; helpers live in
// bench/lib/) and prints their tables, or one JSON object with --json. Names
// given run only those files: `npm run bench -- federation`.
// Run through `npm run bench`, which builds dist/ first.
import { readdirSync } from 'node:fs';
import type { Benchmark } from './lib/types.ts';

const json = process.argv.includes('--json');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const progress = (line: string) => process.stderr.write(`${line}\n`);

const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
  .sort();

const results: Record<string, unknown> = {};
let failed = false;
for (const file of files) {
  // A computed specifier: Node loads the .ts file itself (type stripping).
  const mod = (await import(new URL(file, import.meta.url).href)) as { benchmark?: Benchmark };
  if (!mod.benchmark) continue;
  progress(`bench: ${mod.benchmark.name}`);
  try {
    const result = await mod.benchmark.run(progress);
    results[mod.benchmark.name] = result.data;
    if (!json) process.stdout.write(`${result.text}\n`);
  } catch (err) {
    failed = true;
    progress(`bench: ${mod.benchmark.name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
