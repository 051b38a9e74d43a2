// Small pieces the commands share: errors as one line, output, stdin, Deps.
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Config } from '../config.js';
import { createDeps, createLogger } from '../kernel/boot.js';
import { connectDatabase } from '../kernel/db/connect.js';
import type { Deps } from '../kernel/deps.js';
import { AppError } from '../kernel/errors.js';
import { translator } from '../kernel/i18n/i18n.js';
import type { CliIo } from './cli.js';

/** A problem the person can fix: printed as one line, exit status 1 (or as given). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Wrong or missing arguments: exit status 2, with the usage so the fix is at hand. */
export function usageError(usage: string, message: string): CliError {
  return new CliError(`${message} (usage: ${usage.split('\n')[0]})`, 2);
}

/** Any error as a single line: scripts read stderr line by line. */
export function errorLine(err: unknown): string {
  if (err instanceof AppError) return describeAppError(err);
  let text: string;
  if (err instanceof AggregateError && !err.message) text = err.errors.map((e: unknown) => errorLine(e)).join('; ');
  else if (err instanceof Error) text = err.message || (err as { code?: string }).code || err.name;
  else text = String(err);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The English message of an AppError and of each field it names (the same texts the web shows). */
export function describeAppError(err: AppError): string {
  const t = translator('en');
  const fields = Object.entries(err.details.fields ?? {}).map(([field, m]) => `${field}: ${t.tDynamic(m.key, m.values)}`);
  if (fields.length > 0) return fields.join('; ');
  const key = `error.${err.code}`;
  return t.has(key) ? t.tDynamic(key, err.values) : err.code;
}

/** The refusals of account commands a person can act on, as the one line the CLI prints; others pass through. */
export function passwordOrAccountError(err: unknown): never {
  if (err instanceof AppError) {
    if (err.code === 'EMAIL_TAKEN') throw new CliError('an account with this e-mail already exists');
    if (err.code === 'PERSON_NOT_FOUND') throw new CliError('there is no account with this e-mail address');
    const password = err.details.fields?.password;
    if (password) throw new CliError(`password refused: ${translator('en').tDynamic(password.key, password.values)}`);
  }
  throw err;
}

/** Resolves once the text is handed to the stream, so output is complete before the exit code is set. */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

export function writeJson(io: CliIo, value: unknown): Promise<void> {
  return write(io.stdout, `${JSON.stringify(value, null, 2)}\n`);
}

export const isTerminal = (stream: NodeJS.WritableStream | NodeJS.ReadableStream | undefined) =>
  (stream as { isTTY?: boolean } | undefined)?.isTTY === true;

/**
 * The first line of standard input (without its line ending), for --password-stdin.
 * Reading stops there; at most `max` characters are kept, which the password policy then refuses.
 */
export async function readFirstLine(io: CliIo, max = 4096): Promise<string> {
  const stream = io.stdin;
  if (!stream) throw new CliError('--password-stdin: there is no standard input to read from', 2);
  if (isTerminal(stream)) await write(io.stderr, 'Password (shown as you type; end with Enter): ');
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    const finish = (line: string) => {
      cleanup();
      stream.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const nl = text.indexOf('\n');
      if (nl >= 0) finish(text.slice(0, nl));
      else if (text.length > max) finish(text.slice(0, max + 1));
    };
    const onEnd = () => finish(text + decoder.end());
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}

// 32 symbols without the look-alikes l, o, 0 and 1: each byte's low 5 bits pick one uniformly.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 20 random symbols (100 bits) in groups of four, easy to read aloud and type once. */
export function generatePassword(): string {
  const symbols = [...randomBytes(20)].map((b) => PASSWORD_ALPHABET[b & 31]).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

/** Builds Deps for a one-shot command and always closes the database and the mailer afterwards. */
export async function withDeps<T>(config: Config, io: CliIo, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const handle = connectDatabase(config.databaseUrl);
  try {
    // Logs go to stderr: stdout carries the command's output (JSON for scripts).
    const { deps } = await createDeps(config, { handle, log: createLogger(config.logLevel, io.stderr) });
    try {
      return await fn(deps);
    } finally {
      deps.mail.close();
    }
  } finally {
    await handle.close();
  }
}
