import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { WritePacer } from './write-pacer.js';

/** Each step: advance the clock, then either record a write or ask how long a key waits. */
type Step = { advance?: number; wrote?: string; waitFor?: string; expect?: number };

const cases: Array<{ name: string; steps: Step[] }> = [
  { name: 'a key never written may be written at once', steps: [{ waitFor: 'a', expect: 0 }] },
  { name: 'a key just written waits the whole interval', steps: [{ wrote: 'a' }, { waitFor: 'a', expect: 2000 }] },
  { name: 'a key written a while ago waits only what is left of the interval', steps: [{ wrote: 'a' }, { advance: 1500, waitFor: 'a', expect: 500 }] },
  { name: 'a key written an interval ago may be written again', steps: [{ wrote: 'a' }, { advance: 2000, waitFor: 'a', expect: 0 }] },
  { name: 'keys are paced apart: writing one does not hold back another', steps: [{ wrote: 'a' }, { waitFor: 'b', expect: 0 }, { advance: 1000, wrote: 'b' }, { waitFor: 'a', expect: 1000 }, { waitFor: 'b', expect: 2000 }] },
  { name: 'writing a key again starts its interval again', steps: [{ wrote: 'a' }, { advance: 2500, wrote: 'a' }, { advance: 100, waitFor: 'a', expect: 1900 }] },
];

describe('WritePacer', () => {
  it.each(cases)('$name', ({ steps }) => {
    const clock = new ManualClock(1_000_000);
    const pacer = new WritePacer({ clock, interval: () => Duration.seconds(2) });
    for (const step of steps) {
      if (step.advance) clock.advance(Duration.milliseconds(step.advance));
      if (step.wrote) pacer.wrote(step.wrote);
      if (step.waitFor) expect(pacer.waitFor(step.waitFor).toMilliseconds()).toBe(step.expect);
    }
  });

  it('forgets keys whose interval has passed, so idle objects cost no memory', () => {
    const clock = new ManualClock(0);
    const pacer = new WritePacer({ clock, interval: () => Duration.seconds(2) });
    for (let i = 0; i < 100; i++) pacer.wrote(`c${i}`);
    expect(pacer.size).toBe(100);
    clock.advance(Duration.seconds(3));
    pacer.wrote('late');
    expect(pacer.size).toBe(1);
    expect(pacer.waitFor('c0').toMilliseconds()).toBe(0);
  });
});
