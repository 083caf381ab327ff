import { describe, expect, it } from 'vitest';
import { CleanupStack } from './cleanup-stack.js';

describe('CleanupStack', () => {
  const cases = [
    {
      name: 'steps run last-registered first',
      steps: ['remove dir', 'stop process'],
      failing: [] as string[],
      ran: ['stop process', 'remove dir'],
      failures: [] as string[],
    },
    {
      name: 'a failing step is reported and the others still run',
      steps: ['remove dir', 'stop etcd', 'stop flotilla'],
      failing: ['stop etcd'],
      ran: ['stop flotilla', 'stop etcd', 'remove dir'],
      failures: ['stop etcd: it refused'],
    },
  ];

  it.each(cases)('$name', async ({ steps, failing, ran, failures }) => {
    const stack = new CleanupStack();
    const seen: string[] = [];
    for (const label of steps) {
      stack.defer(label, () => {
        seen.push(label);
        if (failing.includes(label)) throw new Error('it refused');
      });
    }
    expect(await stack.runAll()).toEqual(failures);
    expect(seen).toEqual(ran);
  });

  it('a second caller waits for the run under way, so no directory is removed before its process stopped', async () => {
    const stack = new CleanupStack();
    const events: string[] = [];
    stack.defer('remove dir', () => void events.push('dir removed'));
    stack.defer('stop process', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push('process stopped');
    });
    const first = stack.runAll();
    await stack.runAll().then(() => events.push('second caller resumed'));
    await first;
    expect(events).toEqual(['process stopped', 'dir removed', 'second caller resumed']);
  });

  it('running twice runs each step once, so a signal handler and a finally block can both call it', async () => {
    const stack = new CleanupStack();
    let runs = 0;
    stack.defer('count', () => void runs++);
    await Promise.all([stack.runAll(), stack.runAll()]);
    await stack.runAll();
    expect(runs).toBe(1);
    expect(stack.pending).toBe(0);
  });
});
