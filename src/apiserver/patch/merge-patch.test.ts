import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from './json-value.js';
import { applyMergePatch, applyObjectMergePatch } from './merge-patch.js';
import { PatchError } from './patch-error.js';

// The cases of RFC 7386 appendix A, plus the Kubernetes-shaped ones.
const cases: { name: string; target: JsonValue; patch: JsonValue; expected: JsonValue }[] = [
  { name: 'a member is replaced', target: { a: 'b' }, patch: { a: 'c' }, expected: { a: 'c' } },
  { name: 'a member is added', target: { a: 'b' }, patch: { b: 'c' }, expected: { a: 'b', b: 'c' } },
  { name: 'null deletes a member', target: { a: 'b', b: 'c' }, patch: { a: null }, expected: { b: 'c' } },
  { name: 'arrays are replaced, not merged', target: { a: [1, 2] }, patch: { a: [3] }, expected: { a: [3] } },
  { name: 'objects merge recursively', target: { a: { b: 'c', d: 'e' } }, patch: { a: { b: 'x' } }, expected: { a: { b: 'x', d: 'e' } } },
  { name: 'an object replaces a scalar', target: { a: 'b' }, patch: { a: { c: 'd' } }, expected: { a: { c: 'd' } } },
  { name: 'nulls inside a new object are dropped', target: {}, patch: { a: { b: null, c: 1 } }, expected: { a: { c: 1 } } },
  { name: 'a non-object patch replaces the target', target: { a: 'b' }, patch: ['c'], expected: ['c'] },
  {
    name: 'a label is removed from a Kubernetes object with null',
    target: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { a: null } } },
    expected: { metadata: { labels: { b: '2' } } },
  },
];

describe('applyMergePatch', () => {
  it.each(cases)('$name', ({ target, patch, expected }) => {
    const before = structuredClone(target);
    expect(applyMergePatch(target, patch)).toEqual(expected);
    expect(target).toEqual(before);
  });

  it('a merge patch of an object that is not an object is a bad request', () => {
    expect(() => applyObjectMergePatch({ a: 1 } as JsonObject, [1])).toThrow(PatchError);
    expect(() => applyObjectMergePatch({ a: 1 } as JsonObject, [1])).toThrow(expect.objectContaining({ code: 400 }));
  });

  it('the result shares nothing with the input', () => {
    const target: JsonObject = { a: { b: [1] } };
    const result = applyMergePatch(target, { c: 1 }) as { a: { b: number[] } };
    result.a.b.push(2);
    expect(target).toEqual({ a: { b: [1] } });
  });
});
