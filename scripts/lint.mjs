// The house lint: the few rules no off-the-shelf linter knows about.
// Pure Node, no dependencies; run with `npm run lint`. Prints file:line, the
// rule and what to do instead, and exits 1 when anything is found.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const problems = [];
const report = (file, line, rule, message) => problems.push({ file, line, rule, message });

// ── Source rules ─────────────────────────────────────────────────────────

const walkedDirs = ['src', 'test', 'e2e', 'bench'];
const sourceExt = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(path, out);
    } else if (sourceExt.test(e.name)) out.push(path);
  }
  return out;
}

const inSrc = (f) => f.startsWith('src/');
const isTsx = (f) => f.endsWith('.tsx');
const isTest = (f) => /\.test\.[cm]?[tj]sx?$/.test(f) || f.startsWith('e2e/');

/** Each rule: which files, what to look for, what to say. */
const lineRules = [
  {
    rule: 'env',
    // main.ts only hands the environment to the CLI, which passes it to loadConfig.
    // Tests beside the code are test code, like test/: they may read switches such as HEARTH_WRITE_SCHEMA.
    applies: (f) => inSrc(f) && f !== 'src/config.ts' && f !== 'src/main.ts' && !isTest(f),
    test: (l) => l.includes('process.env'),
    message: 'process.env is read only in src/config.ts; take the value from Config',
  },
  {
    rule: 'dialect',
    applies: (f) => inSrc(f) && f !== 'src/kernel/db/dialect.ts' && f !== 'src/kernel/db/connect.ts',
    test: (l) => l.includes('PostgresAdapter') || l.includes('engineOf(') || l.includes('.engine ==='),
    message: 'database dialect branch outside src/kernel/db/dialect.ts; add a helper there',
  },
  {
    rule: 'raw-html',
    // The Markdown component is the one sanctioned sink, for renderMarkdown's sanitised output.
    applies: (f) => f !== 'src/kernel/views/components/markdown.tsx',
    test: (l) => l.includes('dangerouslySetInnerHTML') || l.includes('innerHTML'),
    message: 'raw HTML bypasses escaping; render JSX (or sanitised Markdown through the kernel helper)',
  },
  {
    rule: 'inline-style',
    applies: isTsx,
    test: (l) => /(^|[\s{(<])style=/.test(l),
    message: 'inline style attributes break the strict CSP; add a class to public/hearth.css',
  },
  {
    rule: 'inline-script',
    applies: isTsx,
    test: (l) => l.includes('<script'),
    message: 'inline scripts break the strict CSP and the no-JavaScript promise',
  },
  {
    rule: 'console-log',
    applies: inSrc,
    test: (l) => l.includes('console.log'),
    message: "use the logger (deps.log) or the CLI's io.stdout",
  },
  {
    rule: 'test-only',
    applies: isTest,
    test: (l) => l.includes('.only('),
    message: '.only( silently skips every other test',
  },
];

// A whole-line comment is prose about the rule, not a use of it.
const isCommentLine = (l) => /^\s*(\/\/|\/\*|\*)/.test(l);

for (const file of walkedDirs.flatMap((d) => walk(d))) {
  const rules = lineRules.filter((r) => r.applies(file));
  if (rules.length === 0) continue;
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (isCommentLine(text)) return;
    for (const r of rules) if (r.test(text)) report(file, i + 1, r.rule, r.message);
  });
}

// ── package.json: exact versions only ────────────────────────────────────

const exactVersion = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
{
  const text = readFileSync(join(root, 'package.json'), 'utf8');
  const pkg = JSON.parse(text);
  const lines = text.split('\n');
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, version] of Object.entries(pkg[field] ?? {})) {
      if (exactVersion.test(version)) continue;
      const line = lines.findIndex((l) => l.includes(`"${name}"`)) + 1;
      report('package.json', line || 1, 'exact-version', `${field} ${name}@${version}: pin an exact version (no ^ ~ * or ranges)`);
    }
  }
}

// ── package-lock.json: every package from the registry, with integrity ──

const registry = 'https://registry.npmjs.org/';
{
  let lock;
  try {
    lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  } catch (err) {
    report('package-lock.json', 1, 'lockfile', `cannot read the lockfile: ${err.message}`);
  }
  for (const [path, entry] of Object.entries(lock?.packages ?? {})) {
    // The root project, workspace links and packages bundled inside another carry no tarball of their own.
    if (path === '' || entry.link || entry.inBundle) continue;
    if (entry.resolved !== undefined && !String(entry.resolved).startsWith(registry)) {
      report('package-lock.json', 1, 'lockfile', `${path} is resolved from ${entry.resolved}, not ${registry}`);
    }
    if (!entry.integrity) report('package-lock.json', 1, 'lockfile', `${path} has no integrity hash`);
  }
}

// ── No machine paths in files that get committed ─────────────────────────

{
  const parent = dirname(root);
  // At the file-system root there is no meaningful prefix to look for, and a shared
  // scratch directory (a checkout under /tmp) would flag every documented /tmp path.
  const shared = new Set(['/tmp', '/var/tmp', '/home', '/srv', '/opt']);
  // The checkout's own path is always wrong in a committed file; its parent too, unless shared.
  const withSep = (p) => (p.endsWith(sep) ? p : p + sep);
  const needles = [withSep(root), ...(parent !== dirname(parent) && !shared.has(parent) ? [withSep(parent)] : [])];
  {
    let files = [];
    try {
      // Tracked files and new ones not ignored: what the next commit would hold.
      files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
        .split('\0')
        .filter(Boolean);
    } catch (err) {
      report('.', 1, 'absolute-path', `git ls-files failed: ${err.message}`);
    }
    for (const file of new Set(files)) {
      let buf;
      try {
        if (statSync(join(root, file)).size > 5 * 1024 * 1024) continue;
        buf = readFileSync(join(root, file));
      } catch {
        continue; // deleted in the work tree
      }
      if (buf.subarray(0, 8000).includes(0)) continue; // binary
      const text = buf.toString('utf8');
      const needle = needles.find((n) => text.includes(n));
      if (!needle) continue;
      text.split('\n').forEach((line, i) => {
        if (line.includes(needle)) report(file, i + 1, 'absolute-path', `machine path ${needle}… in a committed file; make it relative to the repository`);
      });
    }
  }
}

// ── Report ───────────────────────────────────────────────────────────────

if (problems.length) {
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  for (const p of problems) process.stderr.write(`${p.file}:${p.line}  ${p.rule}  ${p.message}\n`);
  process.stderr.write(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  process.exitCode = 1;
}
