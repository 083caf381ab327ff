import { describe, expect, it } from 'vitest';
import { PatchError, applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

describe('applyStrategicMergePatch', () => {
  const pod = {
    spec: {
      containers: [
        { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }], env: [{ name: 'X', value: '1' }] },
        { name: 'b', image: 'b:1' },
      ],
      tolerations: [{ key: 't1' }],
    },
    metadata: { finalizers: ['f1'], labels: { keep: 'yes', drop: 'yes' } },
  };
  const cases = [
    { name: 'merges containers by name', patch: { spec: { containers: [{ name: 'b', image: 'b:2' }] } }, pick: (o: typeof pod) => o.spec.containers.map((c) => c.image), expected: ['a:1', 'b:2'] },
    { name: 'appends a container with a new name', patch: { spec: { containers: [{ name: 'c', image: 'c:1' }] } }, pick: (o: typeof pod) => o.spec.containers.map((c) => c.name), expected: ['a', 'b', 'c'] },
    { name: 'deletes a list item with $patch: delete', patch: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } }, pick: (o: typeof pod) => o.spec.containers.map((c) => c.name), expected: ['b'] },
    { name: 'merges container ports on containerPort', patch: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }] }] } }, pick: (o: typeof pod) => o.spec.containers[0]?.ports, expected: [{ containerPort: 80, name: 'http' }] },
    { name: 'replaces lists without a merge key', patch: { spec: { tolerations: [{ key: 't2' }] } }, pick: (o: typeof pod) => o.spec.tolerations, expected: [{ key: 't2' }] },
    { name: 'null deletes a key', patch: { metadata: { labels: { drop: null } } }, pick: (o: typeof pod) => o.metadata.labels, expected: { keep: 'yes' } },
    { name: 'unions finalizers', patch: { metadata: { finalizers: ['f2', 'f1'] } }, pick: (o: typeof pod) => o.metadata.finalizers, expected: ['f1', 'f2'] },
    { name: '$patch: replace replaces a map', patch: { metadata: { labels: { $patch: 'replace', only: 'this' } } }, pick: (o: typeof pod) => o.metadata.labels, expected: { only: 'this' } },
    { name: '$patch: replace in a list replaces the list', patch: { spec: { containers: [{ $patch: 'replace' }, { name: 'z', image: 'z' }] } }, pick: (o: typeof pod) => o.spec.containers, expected: [{ name: 'z', image: 'z' }] },
  ];
  it.each(cases)('$name', ({ patch, pick, expected }) => {
    const out = applyStrategicMergePatch(pod, patch) as typeof pod;
    expect(pick(out)).toEqual(expected);
    expect(pod.spec.containers).toHaveLength(2);
  });
});

describe('applyMergePatch', () => {
  const cases = [
    { name: 'replaces lists whole', target: { a: [1, 2], b: 1 }, patch: { a: [3] }, expected: { a: [3], b: 1 } },
    { name: 'null deletes', target: { a: 1, b: 2 }, patch: { b: null }, expected: { a: 1 } },
    { name: 'merges nested maps', target: { m: { x: 1 } }, patch: { m: { y: 2 } }, expected: { m: { x: 1, y: 2 } } },
  ];
  it.each(cases)('$name', ({ target, patch, expected }) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });
});

describe('applyJsonPatch', () => {
  const doc = { a: { b: [1, 2] }, c: 'x' };
  const cases = [
    { name: 'adds at the end of a list with -', ops: [{ op: 'add', path: '/a/b/-', value: 3 }], expected: { a: { b: [1, 2, 3] }, c: 'x' } },
    { name: 'inserts at a list index', ops: [{ op: 'add', path: '/a/b/0', value: 0 }], expected: { a: { b: [0, 1, 2] }, c: 'x' } },
    { name: 'removes a key', ops: [{ op: 'remove', path: '/c' }], expected: { a: { b: [1, 2] } } },
    { name: 'replaces a value', ops: [{ op: 'replace', path: '/c', value: 'y' }], expected: { a: { b: [1, 2] }, c: 'y' } },
    { name: 'moves a value', ops: [{ op: 'move', from: '/c', path: '/d' }], expected: { a: { b: [1, 2] }, d: 'x' } },
    { name: 'copies a value', ops: [{ op: 'copy', from: '/a/b', path: '/e' }], expected: { a: { b: [1, 2] }, c: 'x', e: [1, 2] } },
    { name: 'passes a true test', ops: [{ op: 'test', path: '/c', value: 'x' }], expected: doc },
    { name: 'unescapes ~1 and ~0 in pointers', ops: [{ op: 'add', path: '/a~1b~0', value: 1 }], expected: { a: { b: [1, 2] }, c: 'x', 'a/b~': 1 } },
  ];
  it.each(cases)('$name', ({ ops, expected }) => {
    expect(applyJsonPatch(doc, ops)).toEqual(expected);
    expect(doc).toEqual({ a: { b: [1, 2] }, c: 'x' });
  });

  const failures = [
    { name: 'a failed test', ops: [{ op: 'test', path: '/c', value: 'y' }] },
    { name: 'removing a missing key', ops: [{ op: 'remove', path: '/nope' }] },
    { name: 'an index out of range', ops: [{ op: 'replace', path: '/a/b/5', value: 1 }] },
    { name: 'an unknown operation', ops: [{ op: 'frob', path: '/c' }] },
  ];
  it.each(failures)('refuses $name', ({ ops }) => {
    expect(() => applyJsonPatch(doc, ops)).toThrow(PatchError);
  });
});
