// Child processes that run our TypeScript directly, with the pinned Node that runs the tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const loader = fileURLToPath(new URL('./ts-loader.mjs', import.meta.url));

export function spawnTs(script: string, args: string[] = [], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  // NODE_OPTIONS from the test runner is not meant for the child.
  return spawn(process.execPath, ['--import', loader, script, ...args], { env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: 'pipe' });
}

/** Collects a child's output line by line; next() waits for the next stdout line. */
export function lines(child: ChildProcessWithoutNullStreams): { next(timeoutMs?: number): Promise<string>; stderr: () => string } {
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  return {
    next(timeoutMs = 20_000) {
      const line = queue.shift();
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no output from the child within ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        const onExit = (code: number | null) => reject(new Error(`the child exited (${code}) before printing; stderr: ${err}`));
        child.once('exit', onExit);
        waiting.push((l) => {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(l);
        });
      });
    },
    stderr: () => err,
  };
}

export function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
