import { describe, expect, it } from 'vitest';
import type { ManagedNamespace } from '../../../api/managed-namespace.js';
import { parseWaitFlags, waitProgress, type WaitTarget } from './wait-for.js';

function mns(generation: number, observed: number | undefined, placed?: 'True' | 'False'): ManagedNamespace {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'ManagedNamespace',
    metadata: { name: 'team-a', generation },
    spec: {},
    status: {
      ...(observed !== undefined ? { observedGeneration: observed } : {}),
      ...(placed ? { conditions: [{ type: 'Placed', status: placed, reason: 'x', message: 'b: Pending', ...(observed !== undefined ? { observedGeneration: observed } : {}) }] } : {}),
    },
  };
}

function refused(): ManagedNamespace {
  const object = mns(1, 1, 'False');
  object.status?.conditions?.push({ type: 'Accepted', status: 'False', reason: 'ClusterAdminNotAllowed', message: 'no ClusterAdmin here', observedGeneration: 1 });
  return object;
}

describe('waitProgress', () => {
  const cases: Array<{ name: string; object: ManagedNamespace | undefined; target: WaitTarget; done: boolean; why?: string; stalled?: boolean }> = [
    { name: 'a gone namespace is deleted', object: undefined, target: 'Deleted', done: true },
    { name: 'an existing namespace is not deleted yet', object: mns(1, 1, 'True'), target: 'Deleted', done: false, why: 'still exists' },
    { name: 'a gone namespace is never placed', object: undefined, target: 'Placed', done: false, why: 'not found' },
    { name: 'a status of an older generation does not count', object: mns(2, 1, 'True'), target: 'Placed', done: false, why: 'the controller has not processed the latest definition yet' },
    { name: 'Placed False says which members wait', object: mns(2, 2, 'False'), target: 'Placed', done: false, why: 'b: Pending' },
    { name: 'Placed True of the current generation is placed', object: mns(2, 2, 'True'), target: 'Placed', done: true },
    { name: 'a definition that is not accepted stops the wait, saying why', object: refused(), target: 'Placed', done: false, why: 'the definition is not accepted: no ClusterAdmin here', stalled: true },
  ];
  it.each(cases)('$name', ({ object, target, done, why, stalled }) => {
    const progress = waitProgress(object, target);
    expect(progress.done).toBe(done);
    if (!progress.done && why) expect(progress.why).toBe(why);
    if (!progress.done) expect(progress.stalled ?? false).toBe(stalled ?? false);
  });
});

describe('parseWaitFlags', () => {
  it.each([
    { name: '--for is case-insensitive and the timeout a duration', flags: { for: 'placed', timeout: '90s' }, target: 'Placed', ms: 90_000 },
    { name: 'deleted with the default five minutes', flags: { for: 'Deleted', timeout: '5m' }, target: 'Deleted', ms: 300_000 },
  ])('$name', ({ flags, target, ms }) => {
    const parsed = parseWaitFlags(flags);
    expect(parsed.target).toBe(target);
    expect(parsed.timeout.toMilliseconds()).toBe(ms);
  });

  it.each([
    { name: 'an unknown --for names placed and deleted', flags: { for: 'ready', timeout: '5m' }, error: '--for ready: not one of placed, deleted' },
    { name: 'a timeout without a unit is refused', flags: { for: 'placed', timeout: '10' }, error: '--timeout 10:' },
  ])('$name', ({ flags, error }) => {
    expect(() => parseWaitFlags(flags)).toThrow(error);
  });
});
