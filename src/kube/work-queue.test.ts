import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { Duration } from './duration.js';
import { WorkQueue } from './work-queue.js';

/** Takes every ready key without waiting. */
async function drain(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) keys.push((await queue.take())!);
  return keys;
}

describe('WorkQueue', () => {
  const cases = [
    {
      name: 'a key added twice is handed out once',
      steps: async (q: WorkQueue) => {
        q.add('ns/a');
        q.add('ns/b');
        q.add('ns/a');
        return drain(q);
      },
      expected: ['ns/a', 'ns/b'],
    },
    {
      name: 'a key added while processing is not handed out until done',
      steps: async (q: WorkQueue) => {
        q.add('ns/a');
        const first = await q.take();
        q.add('ns/a');
        const during = await drain(q);
        q.done(first!);
        return [...during, 'after done:', ...(await drain(q))];
      },
      expected: ['after done:', 'ns/a'],
    },
    {
      name: 'a key not added again while processing is not handed out again',
      steps: async (q: WorkQueue) => {
        q.add('ns/a');
        q.done((await q.take())!);
        return drain(q);
      },
      expected: [],
    },
  ];
  it.each(cases)('$name', async ({ steps, expected }) => {
    expect(await steps(new WorkQueue({ clock: new ManualClock() }))).toEqual(expected);
  });

  it('hands a key to a waiting taker as soon as it is added', async () => {
    const q = new WorkQueue({ clock: new ManualClock() });
    const waiting = q.take();
    q.add('x');
    expect(await waiting).toBe('x');
    expect(q.inProgress).toBe(1);
  });

  it('adds a delayed key only when its time comes, and the earliest of two delays wins', async () => {
    const clock = new ManualClock();
    const q = new WorkQueue({ clock });
    q.addAfter('k', Duration.seconds(10));
    q.addAfter('k', Duration.seconds(3));
    clock.advance(Duration.seconds(2));
    await Promise.resolve();
    expect(q.length).toBe(0);
    clock.advance(Duration.seconds(1));
    await expect.poll(() => q.length).toBe(1);
    expect(await drain(q)).toEqual(['k']);
    clock.advance(Duration.seconds(10));
    await new Promise((r) => setImmediate(r));
    expect(q.length).toBe(0);
  });

  it('backs off exponentially per key and starts over once forgotten', () => {
    const q = new WorkQueue({ clock: new ManualClock(), backoff: { initial: Duration.milliseconds(10), max: Duration.seconds(1) } });
    const delays = [q.addRateLimited('a'), q.addRateLimited('a'), q.addRateLimited('b'), q.addRateLimited('a')].map((d) => d.toMilliseconds());
    expect(delays).toEqual([10, 20, 10, 40]);
    expect(q.retries('a')).toBe(3);
    q.forget('a');
    expect(q.addRateLimited('a').toMilliseconds()).toBe(10);
  });

  it('answers waiting takers with undefined and drops delayed keys on shut down', async () => {
    const clock = new ManualClock();
    const q = new WorkQueue({ clock });
    const waiting = q.take();
    q.addAfter('later', Duration.seconds(1));
    q.shutDown();
    expect(await waiting).toBeUndefined();
    expect(clock.waiting).toBe(0);
    q.add('ignored');
    expect(q.length).toBe(0);
  });
});
