// The loopback test bed's shared harness: free ports, temporary directories,
// servers started as child processes (each in its own process group, so a
// stop kills everything it forked), and the skip-or-require rule:
// a missing binary skips the bed's tests with a printed notice, unless
// HEARTH_REQUIRE_BED=1 (CI), where it is an error.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** CI sets HEARTH_REQUIRE_BED=1: a missing server is then a failure, not a skip. */
export const bedRequired = (): boolean => process.env.HEARTH_REQUIRE_BED === '1';

// Daemons live in sbin, which a normal user's PATH may lack.
const searchPath = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'].filter(Boolean);

/** The full path of an executable, or undefined when it is not installed. */
export function findBinary(name: string): string | undefined {
  for (const dir of searchPath) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * True when every binary is installed. Otherwise prints which are missing and
 * returns false (use with describe.skipIf), or throws under HEARTH_REQUIRE_BED=1.
 */
export function bedAvailable(what: string, binaries: string[]): boolean {
  const missing = binaries.filter((b) => !findBinary(b));
  if (missing.length === 0) return true;
  const msg = `${what}: missing ${missing.join(', ')} (see .ci/run for the Debian packages)`;
  if (bedRequired()) throw new Error(`HEARTH_REQUIRE_BED=1 but ${msg}`);
  console.warn(`[hearth tests] ${msg}: these tests are skipped.`);
  return false;
}

export interface TempDir {
  path: string;
  remove(): void;
}

export function tempDir(prefix = 'hearth-bed-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function tcpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function udpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    sock.once('error', () => {
      sock.close();
      resolve(false);
    });
    sock.bind({ address: host, port, exclusive: true }, () => sock.close(() => resolve(true)));
  });
}

/**
 * A random high port free on every one of `hosts` (TCP, and UDP when asked),
 * so one server can listen on several loopback addresses at the same port.
 */
// Ports are checked before they are bound, so two picks must never meet: each
// vitest worker draws from its own slice of the range, and a port handed out in
// this process is never handed out again (a bed picks several before binding any).
const handedOut = new Set<number>();
const SLICES = 4;
const slice = (Number(process.env.VITEST_POOL_ID ?? process.pid) % SLICES + SLICES) % SLICES;

export async function freePort(hosts: string[], opts: { udp?: boolean } = {}): Promise<number> {
  const width = Math.floor(40000 / SLICES);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + slice * width + Math.floor(Math.random() * width);
    if (handedOut.has(port)) continue;
    let ok = true;
    for (const h of hosts) {
      if (!(await tcpFree(h, port)) || (opts.udp && !(await udpFree(h, port)))) {
        ok = false;
        break;
      }
    }
    if (ok) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port on ${hosts.join(', ')}`);
}

/** Resolves when something accepts TCP connections on host:port. */
export function tcpListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(500, () => done(false));
  });
}

export interface BedProcess {
  readonly pid: number;
  /** stdout and stderr so far (for failure messages). */
  output(): string;
  /** SIGTERM to the whole process group, SIGKILL after a grace period; resolves when the child is gone. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Start a server in the foreground, in its own process group, and wait until
 * `ready()` says it serves (polled every 25 ms), or fail with its output.
 */
export async function startProcess(
  command: string,
  args: string[],
  opts: {
    cwd?: string;
    env?: Record<string, string>;
    ready: () => Promise<boolean>;
    timeoutMs?: number;
    name?: string;
    /** 'pipe' keeps stdin open for the child's life (`openssl s_server` stops at end of input). */
    stdin?: 'ignore' | 'pipe';
  },
): Promise<BedProcess> {
  const name = opts.name ?? command;
  const child = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A crashed test run must not leave servers behind.
    process.once('exit', () => {
      for (const c of running) killGroup(c, 'SIGKILL');
    });
  }
  let out = '';
  const keep = (c: Buffer) => {
    out += c.toString();
    if (out.length > 64_000) out = out.slice(-32_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      out += `\n${err.message}`;
      exited = true;
      running.delete(child);
      resolve();
    });
  });

  const proc: BedProcess = {
    get pid() {
      return child.pid ?? -1;
    },
    output: () => out,
    async stop() {
      if (exited) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 2000);
      await exitedPromise;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // anything the server forked
    },
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    if (exited) throw new Error(`${name} exited before it was ready:\n${out}`);
    if (await opts.ready().catch(() => false)) return proc;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${name} was not ready within ${opts.timeoutMs ?? 10_000} ms:\n${out}`);
    }
    await sleep(25);
  }
}

/** Run a command to completion; resolves with stdout, rejects with stderr on a non-zero exit. */
export function run(command: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 20_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err || out}`));
    });
  });
}
