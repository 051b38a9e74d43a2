import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { version } from '../version.js';
import { serve } from './serve.js';
import { worker } from './worker.js';
import { migrate } from './migrate.js';
import { createAdmin } from './create-admin.js';
import { resetPassword } from './reset-password.js';
import { audit } from './audit.js';
import { backup } from './backup.js';
import { exportOrg } from './export-org.js';
import { check } from './check.js';
import { ledger } from './ledger.js';
import { posture } from './posture.js';
import { CliError, errorLine } from './support.js';

export { CliError } from './support.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
}

export interface Command {
  summary: string;
  usage: string;
  /** More help for `hearth help COMMAND`: options, exit codes. */
  details?: string;
  /** Returns an exit code, or undefined for a long-running command (serve, worker). */
  run(args: string[], io: CliIo, config: () => Config): Promise<number | undefined>;
}

export const commands: Record<string, Command> = {
  serve,
  worker,
  migrate,
  'create-admin': createAdmin,
  'reset-password': resetPassword,
  audit,
  backup,
  'export-org': exportOrg,
  check,
  ledger,
  posture,
  version: {
    summary: 'print the version',
    usage: 'hearth version [--json]',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
      io.stdout.write(values.json ? `${JSON.stringify({ version, node: process.version })}\n` : `hearth ${version} (Node ${process.version})\n`);
      return 0;
    },
  },
};

function help(io: CliIo): number {
  const lines = ['Usage: hearth <command> [options]', '', 'Commands:'];
  const width = Math.max(...Object.keys(commands).map((c) => c.length)) + 2;
  for (const [name, cmd] of Object.entries(commands)) lines.push(`  ${name.padEnd(width)}${cmd.summary}`);
  lines.push('  help'.padEnd(width + 2) + 'show this help, or `hearth help COMMAND`');
  lines.push('', 'Exit status: 0 done, 1 failed, 2 wrong arguments, 78 invalid configuration.');
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function commandHelp(io: CliIo, cmd: Command): number {
  io.stdout.write(`Usage: ${cmd.usage}\n\n${cmd.summary}\n${cmd.details ? `\n${cmd.details.trimEnd()}\n` : ''}`);
  return 0;
}

/** `--help` or `-h` before a `--` asks for help whatever else is on the line. */
const wantsHelp = (args: string[]) => {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

export async function runCli(argv: string[], io: CliIo): Promise<number | undefined> {
  const [name = 'help', ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    if (rest.length === 0) return help(io);
    const cmd = Object.hasOwn(commands, rest[0]!) ? commands[rest[0]!] : undefined;
    if (!cmd || rest.length > 1) {
      io.stderr.write(`hearth help: unknown command "${rest.join(' ')}" (try "hearth help")\n`);
      return 2;
    }
    return commandHelp(io, cmd);
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    io.stderr.write(`hearth: unknown command "${name}" (try "hearth help")\n`);
    return 2;
  }
  if (wantsHelp(rest)) return commandHelp(io, cmd);
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig(io.env));
  try {
    return await cmd.run(rest, io, getConfig);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`hearth: ${errorLine(err)}\n`);
      return 78;
    }
    if (err instanceof CliError) {
      io.stderr.write(`hearth ${name}: ${errorLine(err)}\n`);
      return err.exitCode;
    }
    // parseArgs reports unknown, malformed or unexpected arguments.
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const message = errorLine(err).replace(/\. To specify a positional argument.*$/, '');
      io.stderr.write(`hearth ${name}: ${message} (usage: ${cmd.usage.split('\n')[0]})\n`);
      return 2;
    }
    io.stderr.write(`hearth ${name}: ${errorLine(err)}\n`);
    return 1;
  }
}
