import { describe, expect, it } from 'vitest';
import { missingKindsMessage } from './missing-kinds.js';

const widget = (name: string) => ({ apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'shop', name });

describe('missingKindsMessage', () => {
  const cases = [
    {
      name: 'one object of a missing kind is named with its kind, version and the CRD hint',
      refs: [widget('a')],
      applied: 4,
      expected: 'the member does not serve kind Widget in example.com/v1 (is its CustomResourceDefinition installed?): Widget shop/a; 4 other objects applied',
    },
    {
      name: 'two missing kinds are listed one after the other',
      refs: [widget('a'), { apiVersion: 'other.io/v2', kind: 'Gadget', name: 'g' }],
      applied: 1,
      expected:
        'the member does not serve kind Widget in example.com/v1 (is its CustomResourceDefinition installed?): Widget shop/a; ' +
        'the member does not serve kind Gadget in other.io/v2 (is its CustomResourceDefinition installed?): Gadget g; 1 other object applied',
    },
    {
      name: 'many objects of one kind are named up to three and counted after that',
      refs: ['a', 'b', 'c', 'd', 'e'].map(widget),
      applied: 0,
      expected: 'the member does not serve kind Widget in example.com/v1 (is its CustomResourceDefinition installed?): Widget shop/a, Widget shop/b, Widget shop/c and 2 more; 0 other objects applied',
    },
  ];
  it.each(cases)('$name', ({ refs, applied, expected }) => {
    expect(missingKindsMessage(refs, applied)).toBe(expected);
  });
});
