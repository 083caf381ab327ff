import { describe, expect, it } from 'vitest';
import { SharedValues } from './shared-values.js';

/** A string equal to `text` but built at run time, so it is a different copy (as JSON.parse makes them). */
const copy = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

describe('SharedValues', () => {
  it.each([
    { name: 'equal option objects become one object, whatever their key order', a: { b: 1, a: { x: 'y' } }, b: { a: { x: 'y' }, b: 1 }, same: true },
    { name: 'different option objects stay different', a: { a: 1 }, b: { a: 2 }, same: false },
  ])('$name', ({ a, b, same }) => {
    const shared = new SharedValues();
    const first = shared.object(a);
    expect(shared.object(b) === first).toBe(same);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('a shared object is frozen to its depth, so no cache reader can change it for others', () => {
    const shared = new SharedValues();
    const kept = shared.object({ helm: { values: { replicas: 2 } } });
    expect(Object.isFrozen(kept.helm.values)).toBe(true);
  });

  it('label values are shared but each object keeps its own map', () => {
    const shared = new SharedValues();
    const a = shared.labels({ bundle: copy('app'), cluster: copy('c-1') });
    const b = shared.labels({ bundle: copy('app'), cluster: copy('c-2') });
    expect(a).not.toBe(b);
    expect(a).toEqual({ bundle: 'app', cluster: 'c-1' });
    expect(b).toEqual({ bundle: 'app', cluster: 'c-2' });
  });

  it('values of the older generation are promoted when used, and dropped when not', () => {
    const shared = new SharedValues({ capacity: 2 });
    const kept = shared.object({ v: 'kept' });
    shared.object({ v: 'other' });
    // The generation is full: this starts a new one, the first two become the older generation.
    shared.object({ v: 'third' });
    expect(shared.object({ v: 'kept' })).toBe(kept);
    const dropped = shared.object({ v: 'other' });
    shared.object({ v: 'fourth' });
    shared.object({ v: 'fifth' });
    shared.object({ v: 'sixth' });
    shared.object({ v: 'seventh' });
    expect(shared.object({ v: 'other' })).not.toBe(dropped);
  });

  it('undefined stays undefined', () => {
    const shared = new SharedValues();
    expect(shared.string(undefined)).toBeUndefined();
    expect(shared.object(undefined)).toBeUndefined();
    expect(shared.labels(undefined)).toBeUndefined();
  });
});
