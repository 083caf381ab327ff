import { describe, expect, it } from 'vitest';
import { EventHistory, TooOldResourceVersionError, type EventHistoryOptions } from './event-history.js';
import type { StoreEvent } from './object-store.js';

const event = (cluster: string, rv: number, jsonLength = 100): StoreEvent => ({
  type: 'MODIFIED',
  cluster,
  resource: '/configmaps',
  namespace: 'ns',
  rv,
  entry: { obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${rv}` } }, json: 'x'.repeat(jsonLength) },
});

interface Case {
  name: string;
  options?: Partial<EventHistoryOptions>;
  /** [cluster, rv, milliseconds after the start] */
  events: Array<[string, number, number]>;
  /** When the watch restarts, in milliseconds after the start. */
  at: number;
  watch: { cluster: string; fromRv: number };
  /** rvs replayed, or 'expired' for 410. */
  expected: number[] | 'expired';
}

const MINUTE = 60_000;
const cases: Case[] = [
  {
    name: 'a watch resumes with the events after its resourceVersion, in order',
    events: [['a', 1, 0], ['a', 2, 0], ['a', 3, 0]],
    at: 0,
    watch: { cluster: 'a', fromRv: 1 },
    expected: [2, 3],
  },
  {
    name: 'another cluster\'s events are not replayed',
    events: [['a', 1, 0], ['b', 2, 0], ['a', 3, 0]],
    at: 0,
    watch: { cluster: 'a', fromRv: 0 },
    expected: [1, 3],
  },
  {
    name: 'events within the window are kept for a watch however old it is',
    events: [['a', 1, 0], ['a', 2, 4 * MINUTE]],
    at: 4 * MINUTE + 59_000,
    watch: { cluster: 'a', fromRv: 0 },
    expected: [1, 2],
  },
  {
    name: 'a watch from before events older than the window is told its version expired',
    events: [['a', 1, 0], ['a', 2, 4 * MINUTE]],
    at: 5 * MINUTE + 1,
    watch: { cluster: 'a', fromRv: 0 },
    expected: 'expired',
  },
  {
    name: 'a watch that saw the events older than the window still resumes',
    events: [['a', 1, 0], ['a', 2, 4 * MINUTE]],
    at: 5 * MINUTE + 1,
    watch: { cluster: 'a', fromRv: 1 },
    expected: [2],
  },
  {
    name: 'a quiet cluster resumes from a version newer than its last event once that event aged out',
    events: [['a', 1, 0], ['b', 2, 6 * MINUTE]],
    at: 6 * MINUTE,
    watch: { cluster: 'a', fromRv: 2 },
    expected: [],
  },
  {
    name: 'past the memory cap the oldest events of any cluster are dropped, whatever their age',
    options: { maxBytes: 2 * (2 * 100 + 200) },
    events: [['a', 1, 0], ['b', 2, 0], ['a', 3, 0]],
    at: 0,
    watch: { cluster: 'a', fromRv: 0 },
    expected: 'expired',
  },
  {
    name: 'within the memory cap a watch after the dropped events resumes',
    options: { maxBytes: 2 * (2 * 100 + 200) },
    events: [['a', 1, 0], ['b', 2, 0], ['a', 3, 0]],
    at: 0,
    watch: { cluster: 'a', fromRv: 1 },
    expected: [3],
  },
  {
    name: 'past the per-cluster count the cluster\'s oldest events are dropped',
    options: { maxEventsPerCluster: 2 },
    events: [['a', 1, 0], ['a', 2, 0], ['a', 3, 0]],
    at: 0,
    watch: { cluster: 'a', fromRv: 0 },
    expected: 'expired',
  },
];

describe('EventHistory', () => {
  it.each(cases)('$name', ({ options, events, at, watch, expected }) => {
    let now = 0;
    const history = new EventHistory({ windowMs: 5 * MINUTE, maxBytes: 1 << 30, maxEventsPerCluster: 100_000, now: () => now, ...options });
    let currentRv = 0;
    for (const [cluster, rv, time] of events) {
      now = time;
      history.add(event(cluster, rv), currentRv);
      currentRv = rv;
    }
    now = at;
    const replayed: number[] = [];
    const run = () => history.replay(watch.cluster, watch.fromRv, currentRv, (e) => replayed.push(e.rv));
    if (expected === 'expired') expect(run).toThrow(TooOldResourceVersionError);
    else {
      run();
      expect(replayed).toEqual(expected);
    }
  });

  it('an event leaving history lets go of its serialised object, which the events still kept hold', () => {
    let now = 0;
    const history = new EventHistory({ windowMs: MINUTE, maxBytes: 1 << 30, maxEventsPerCluster: 100_000, now: () => now });
    const old = event('a', 1);
    const recent = event('a', 2);
    history.add(old, 0);
    now = 2 * MINUTE;
    history.add(recent, 1);
    expect(old.entry.json).toBeUndefined();
    expect(recent.entry.json).toBe('x'.repeat(100));
  });

  it('dropping events gives back their estimated bytes and leaves none behind once all aged out', () => {
    let now = 0;
    const history = new EventHistory({ windowMs: MINUTE, maxBytes: 1 << 30, maxEventsPerCluster: 100_000, now: () => now });
    for (let rv = 1; rv <= 5000; rv++) history.add(event(`c${rv % 7}`, rv), rv - 1);
    expect(history.size).toBe(5000);
    expect(history.bytes).toBe(5000 * (2 * 100 + 200));
    now = 2 * MINUTE;
    history.add(event('c0', 5001), 5000);
    expect(history.size).toBe(1);
    expect(history.bytes).toBe(2 * 100 + 200);
  });
});
