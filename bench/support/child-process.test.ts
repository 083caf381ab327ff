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
});
