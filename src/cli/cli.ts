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

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
}

/** A problem the person can fix: printed as one line, exit status 1 (or as given). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export interface Command {
  summary: string;
  usage: string;
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
  version: {
    summary: 'print the version',
    usage: 'hearth version [--json]',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
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
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export async function runCli(argv: string[], io: CliIo): Promise<number | undefined> {
  const [name = 'help', ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    const cmd = rest[0] ? commands[rest[0]] : undefined;
    if (cmd) {
      io.stdout.write(`${cmd.usage}\n\n${cmd.summary}\n`);
      return 0;
    }
    return help(io);
  }
  const cmd = commands[name];
  if (!cmd) {
    io.stderr.write(`hearth: unknown command "${name}" (try "hearth help")\n`);
    return 2;
  }
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig(io.env));
  try {
    return await cmd.run(rest, io, getConfig);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`hearth: ${err.message}\n`);
      return 78;
    }
    if (err instanceof CliError) {
      io.stderr.write(`hearth: ${err.message}\n`);
      return err.exitCode;
    }
    // parseArgs reports unknown or malformed options.
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`hearth ${name}: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`hearth: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
