// The harness itself: skip-or-require, free ports, and stop() leaving nothing behind.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { bedAvailable, findBinary, freePort, startProcess, tcpListening } from './bed.js';

// Running, not a zombie waiting for a parent that is gone to reap it.
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('the test-bed harness', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('skips with a notice when a binary is missing, and fails instead under HEARTH_REQUIRE_BED=1', () => {
    vi.stubEnv('HEARTH_REQUIRE_BED', ''); // CI runs this file with it set
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(findBinary('sh')).toMatch(/\/sh$/);
    expect(bedAvailable('shell', ['sh'])).toBe(true);
    expect(bedAvailable('nothing', ['hearth-no-such-binary'])).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('hearth-no-such-binary'));
    vi.stubEnv('HEARTH_REQUIRE_BED', '1');
    expect(() => bedAvailable('nothing', ['hearth-no-such-binary'])).toThrow(/HEARTH_REQUIRE_BED=1/);
  });

  it('freePort finds a port free on several loopback addresses', async () => {
    const port = await freePort(['127.0.0.1', '127.0.0.2'], { udp: true });
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(port, '127.0.0.2', r));
    expect(await tcpListening('127.0.0.2', port)).toBe(true);
    await new Promise<void>((r) => srv.close(() => r()));
    expect(await tcpListening('127.0.0.2', port)).toBe(false);
  });

  it('startProcess waits for ready, and stop() kills the whole process group', async () => {
    const port = await freePort(['127.0.0.1']);
    const script = `const net=require('net');const {spawn}=require('child_process');` + `const c=spawn('sleep',['30'],{stdio:'ignore'});console.log(c.pid);` + `net.createServer().listen(${port},'127.0.0.1');`;
    const proc = await startProcess(process.execPath, ['-e', script], { ready: () => tcpListening('127.0.0.1', port), name: 'node' });
    await sleep(50);
    const grandchild = Number(proc.output().trim());
    expect(alive(proc.pid)).toBe(true);
    expect(alive(grandchild)).toBe(true);
    await proc.stop();
    await sleep(50);
    expect(alive(proc.pid)).toBe(false);
    expect(alive(grandchild)).toBe(false);
  });

  it('a server that exits before it is ready fails with its output', async () => {
    await expect(startProcess(process.execPath, ['-e', 'console.error("bad config"); process.exit(3)'], { ready: async () => false, name: 'broken' })).rejects.toThrow(/broken exited before it was ready:[\s\S]*bad config/);
  });
});
