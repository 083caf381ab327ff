import { describe, expect, it } from 'vitest';
import { Duration } from '../../kube/duration.js';
import { DEFAULT_STATUS_PACE, statusPace } from './status-pace.js';

const cases = [
  { name: 'a small fleet is paced at the minimum', objects: 20, seconds: 2 },
  { name: 'no objects at all are paced at the minimum', objects: 0, seconds: 2 },
  { name: '1,000 Clusters at 100 writes a second are each written at most every 10 s', objects: 1_000, seconds: 10 },
  { name: '3,000 Clusters are each written at most every 30 s', objects: 3_000, seconds: 30 },
  { name: '10,000 Clusters are held to the longest pace, a minute', objects: 10_000, seconds: 60 },
];

describe('statusPace', () => {
  it.each(cases)('$name', ({ objects, seconds }) => {
    expect(statusPace({ objects, ...DEFAULT_STATUS_PACE }).toMilliseconds()).toBe(seconds * 1000);
  });

  it('a budget of no writes a second is held to the longest pace instead of dividing by zero', () => {
    expect(statusPace({ objects: 5, writesPerSecond: 0, min: Duration.seconds(1), max: Duration.seconds(9) }).toMilliseconds()).toBe(9000);
  });
});
