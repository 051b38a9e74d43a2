// Native addons must match the Node that runs Hearth (the pinned node@24 in
// node_modules/.bin), not the system Node that ran `npm ci`. When
// better-sqlite3 does not load here, rebuild it against this Node's headers,
// taken from the registry's node-linux-* package when none are at hand.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const root = resolve(import.meta.dirname, '..');

function loads() {
  try {
    const out = execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
      cwd: root,
      stdio: 'pipe',
    });
    return out !== undefined;
  } catch {
    return false;
  }
}

function headers() {
  const version = process.version.slice(1);
  const dir = join(root, 'node_modules', '.cache', `node-headers-${version}`);
  if (existsSync(join(dir, 'include', 'node', 'common.gypi'))) return dir;
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  const tmp = mkdtempSync(join(tmpdir(), 'hearth-headers-'));
  try {
    const file = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', tmp], { cwd: tmp, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(tmp, file), '-C', dir, '--strip-components=1', 'package/include']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

if (!loads()) {
  console.log(`hearth: building better-sqlite3 for Node ${process.version}`);
  const nodedir = headers();
  execFileSync('npm', ['rebuild', 'better-sqlite3', `--nodedir=${nodedir}`], { cwd: root, stdio: 'inherit' });
  if (!loads()) {
    console.error('hearth: better-sqlite3 still does not load; see the build output above');
    process.exit(1);
  }
}
