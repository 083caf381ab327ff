import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { CoalescingQueue } from './coalescing-queue.js';

describe('CoalescingQueue', () => {
  it('keys added within one window are flushed once each when it ends', async () => {
    const clock = new ManualClock();
    const flushed: string[] = [];
    const queue = new CoalescingQueue({ clock, window: Duration.milliseconds(500), flush: (k) => flushed.push(k) });
    for (const k of ['a', 'b', 'a', 'a', 'c']) queue.add(k);
    await Promise.resolve();
    expect(flushed).toEqual([]);
    clock.advance(Duration.milliseconds(500));
    await expect.poll(() => flushed).toEqual(['a', 'b', 'c']);
    queue.add('a');
    clock.advance(Duration.milliseconds(500));
    await expect.poll(() => flushed).toEqual(['a', 'b', 'c', 'a']);
  });

  it('a stopped queue flushes nothing', async () => {
    const clock = new ManualClock();
    const flushed: string[] = [];
    const queue = new CoalescingQueue({ clock, window: Duration.milliseconds(500), flush: (k) => flushed.push(k) });
    queue.add('a');
    queue.stop();
    clock.advance(Duration.seconds(1));
    await Promise.resolve();
    expect(flushed).toEqual([]);
  });
});
