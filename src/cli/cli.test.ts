import { describe, expect, it } from 'vitest';
import { runHearth } from '../../test/helpers/cli.js';
import { version } from '../version.js';
import { commands } from './cli.js';

const oneLine = (s: string) => s.endsWith('\n') && !s.slice(0, -1).includes('\n');

describe('hearth version and help', () => {
  it('prints the version as text and as JSON', async () => {
    const text = await runHearth(['version']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`hearth ${version} (Node ${process.version})\n`);
    const json = await runHearth(['version', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ version, node: process.version });
  });

  it('lists every command with its summary', async () => {
    const res = await runHearth(['help']);
    expect(res.code).toBe(0);
    for (const [name, cmd] of Object.entries(commands)) {
      expect(res.stdout).toContain(`  ${name}`);
      expect(res.stdout).toContain(cmd.summary);
    }
    // No command at all shows the same help.
    expect((await runHearth([])).stdout).toBe(res.stdout);
  });

  it('shows the usage, options and exit codes of one command, with help COMMAND or --help', async () => {
    const res = await runHearth(['help', 'create-admin']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: hearth create-admin --email E --name N [--password-stdin] [--json]');
    expect(res.stdout).toContain('--password-stdin');
    expect(res.stdout).toContain('Exit status');
    const flag = await runHearth(['create-admin', '--help']);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toBe(res.stdout);
  });

  it('answers an unknown command with one line and exit status 2', async () => {
    const res = await runHearth(['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('hearth: unknown command "frobnicate" (try "hearth help")\n');
    const help = await runHearth(['help', 'frobnicate']);
    expect(help.code).toBe(2);
    expect(oneLine(help.stderr)).toBe(true);
    // Not a way to reach Object.prototype.
    expect((await runHearth(['constructor'])).code).toBe(2);
  });
});

describe('hearth argument errors', () => {
  it.each([
    [['version', 'extra'], 'Unexpected argument'],
    [['version', '--verbose'], "Unknown option '--verbose'"],
    [['migrate', '--bogus'], "Unknown option '--bogus'"],
    [['create-admin', '--name', 'Ada'], 'missing --email'],
    [['create-admin', '--email', 'ada@example.org'], 'missing --name'],
    [['create-admin', '--email', 'not-an-address', '--name', 'Ada'], '--email: not a valid e-mail address'],
    [['create-admin', '--email'], "Option '--email <value>' argument missing"],
    [['reset-password'], 'missing --email'],
    [['export-org'], 'missing SLUG'],
    [['export-org', 'a', 'b'], 'give exactly one SLUG'],
    [['backup', 'now'], 'Unexpected argument'],
    [['backup', '--out'], "Option '--out <value>' argument missing"],
    [['serve', '--bogus'], "Unknown option '--bogus'"],
    [['worker', '--bogus'], "Unknown option '--bogus'"],
  ])('%j → exit 2 with one line naming the problem and the usage', async (argv, problem) => {
    const res = await runHearth(argv, { env: { DATABASE_URL: 'sqlite::memory:' } });
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(oneLine(res.stderr)).toBe(true);
    expect(res.stderr).toContain(`hearth ${argv[0]}: `);
    expect(res.stderr).toContain(problem);
    expect(res.stderr).toContain(`(usage: ${commands[argv[0]!]!.usage.split('\n')[0]})`);
  });
});

describe('hearth configuration errors', () => {
  it('stops with exit status 78 and one line listing every problem', async () => {
    const res = await runHearth(['migrate'], { env: { HEARTH_PORT: 'abc', HEARTH_HSTS: 'maybe', DATABASE_URL: 'sqlite::memory:' } });
    expect(res.code).toBe(78);
    expect(res.stdout).toBe('');
    expect(oneLine(res.stderr)).toBe(true);
    expect(res.stderr).toMatch(/^hearth: invalid configuration: /);
    expect(res.stderr).toContain('HEARTH_PORT');
    expect(res.stderr).toContain('HEARTH_HSTS');
  });

  it('does not need a valid configuration for version and help', async () => {
    expect((await runHearth(['version'], { env: { HEARTH_PORT: 'abc' } })).code).toBe(0);
    expect((await runHearth(['help', 'backup'], { env: { HEARTH_PORT: 'abc' } })).code).toBe(0);
  });
});
