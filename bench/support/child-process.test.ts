import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CleanupStack } from './cleanup-stack.js';
import { startChild } from './child-process.js';

const node = process.execPath;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startChild', () => {
  const failures = [
    {
      name: 'a process that exits before its ready line fails with its last output',
      script: 'console.error("cannot bind 127.0.0.1:1"); process.exit(3)',
      timeoutMs: 10_000,
      message: /did not start: exited with code 3[\s\S]*cannot bind 127\.0\.0\.1:1/,
    },
    {
      name: 'a process that never says it is ready fails after the timeout',
      script: 'setInterval(() => {}, 1000)',
      timeoutMs: 300,
      message: /did not start: no ready line within 300 ms/,
    },
  ];

  it.each(failures)('$name', async ({ script, timeoutMs, message }) => {
    const cleanup = new CleanupStack();
    await expect(startChild({ label: 'peer', command: node, args: ['-e', script], ready: /ready on (\S+)/, readyTimeoutMs: timeoutMs, cleanup })).rejects.toThrow(message);
    expect(await cleanup.runAll()).toEqual([]);
  });

  it('resolves with the ready line\'s match, and the cleanup stack stops the process', async () => {
    const cleanup = new CleanupStack();
    const script = 'process.stdout.write("starting\\nready on https://127.0.0.1:1234\\n"); setInterval(() => {}, 1000)';
    const child = await startChild({ label: 'peer', command: node, args: ['-e', script], ready: /ready on (\S+)/, readyTimeoutMs: 10_000, cleanup });
    expect(child.match[1]).toBe('https://127.0.0.1:1234');
    expect(child.outputTail()).toBe('starting\nready on https://127.0.0.1:1234');
    expect(alive(child.pid)).toBe(true);
    expect(await cleanup.runAll()).toEqual([]);
    expect(alive(child.pid)).toBe(false);
    await child.stop();
  });

  it('with logFile, every line the process writes, before and after the ready line, is in the file once it exits', async () => {
    const cleanup = new CleanupStack();
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-child-log-'));
    const logFile = join(dir, 'peer.log');
    const script = 'console.log("starting"); console.log("ready on x"); setTimeout(() => { console.error("after ready"); process.exit(0); }, 50)';
    const child = await startChild({ label: 'peer', command: node, args: ['-e', script], ready: /ready on (\S+)/, readyTimeoutMs: 10_000, cleanup, logFile });
    await expect.poll(async () => (await readFile(logFile, 'utf8').catch(() => '')).split('\n').sort(), { timeout: 10_000 }).toEqual(['', 'after ready', 'ready on x', 'starting']);
    await child.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const deaths = [
    {
      name: 'a process that dies after it was ready makes whenDied reject with its last output',
      script: 'console.log("ready on x"); setTimeout(() => { console.error("out of memory"); process.exit(7); }, 50)',
      stopFirst: false,
    },
    {
      name: 'a process stopped on purpose leaves whenDied pending',
      script: 'console.log("ready on x"); setInterval(() => {}, 1000)',
      stopFirst: true,
    },
  ];
  it.each(deaths)('$name', async ({ script, stopFirst }) => {
    const cleanup = new CleanupStack();
    const child = await startChild({ label: 'peer', command: node, args: ['-e', script], ready: /ready on (\S+)/, readyTimeoutMs: 10_000, cleanup });
    if (stopFirst) await child.stop();
    const pending = new Promise((resolve) => setTimeout(() => resolve('pending'), 500));
    const outcome = await Promise.race([child.whenDied(), pending]).catch((err: unknown) => (err as Error).message);
    if (stopFirst) expect(outcome).toBe('pending');
    else expect(outcome).toMatch(/peer exited unexpectedly \(code 7\)[\s\S]*out of memory/);
    expect(await cleanup.runAll()).toEqual([]);
  });
});
