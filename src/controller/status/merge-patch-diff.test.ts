import { describe, expect, it } from 'vitest';
import { mergePatchDiff } from './merge-patch-diff.js';

const cases = [
  { name: 'a key the new object lacks is sent as null', current: { ready: 1, nonReady: [{ n: 'a' }] }, desired: { ready: 2 }, patch: { ready: 2, nonReady: null } },
  { name: 'nested objects are diffed key by key', current: { a: { b: 1, c: 2 } }, desired: { a: { b: 1 } }, patch: { a: { b: 1, c: null } } },
  { name: 'arrays are replaced whole', current: { list: [1, 2, 3] }, desired: { list: [1] }, patch: { list: [1] } },
  { name: 'a removed value is null', current: { a: 1 }, desired: undefined, patch: null },
  { name: 'an object replacing a scalar is sent whole', current: 'x', desired: { a: 1 }, patch: { a: 1 } },
  { name: 'an undefined key counts as absent', current: { a: 1, b: 2 }, desired: { a: 1, b: undefined }, patch: { a: 1, b: null } },
];

describe('mergePatchDiff', () => {
  it.each(cases)('$name', ({ current, desired, patch }) => {
    expect(mergePatchDiff(current, desired)).toEqual(patch);
  });
});
