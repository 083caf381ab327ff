import { describe, expect, it } from 'vitest';
import { fieldElement, formatFieldPath, keyElement, valueElement } from './field-path.js';
import { FieldSet } from './field-set.js';

describe('FieldSet', () => {
  it('FieldsV1 reads and writes back unchanged, with "." first and field names before keys and values', () => {
    const text =
      '{"f:metadata":{"f:finalizers":{".":{},"v:\\"a\\"":{}}},"f:spec":{"f:list":{".":{},"f:x":{},"k:{\\"name\\":\\"a\\"}":{".":{},"f:name":{}},"v:1":{}}}}';
    expect(JSON.stringify(FieldSet.fromFieldsV1(JSON.parse(text)).toFieldsV1())).toBe(text);
  });

  it('members are written in Kubernetes order whatever order they were added in', () => {
    const set = FieldSet.fromPaths([
      [fieldElement('spec'), 'i:10'],
      [fieldElement('spec'), valueElement('b')],
      [fieldElement('spec'), keyElement({ port: 80, protocol: 'TCP' })],
      [fieldElement('spec'), 'i:9'],
      [fieldElement('spec'), fieldElement('z')],
      [fieldElement('spec'), fieldElement('a')],
      [fieldElement('spec'), keyElement({ port: 8080, protocol: 'TCP' })],
      [fieldElement('spec'), valueElement('a')],
    ]);
    expect(Object.keys(set.toFieldsV1()['f:spec'] ?? {})).toEqual([
      'f:a',
      'f:z',
      'k:{"port":80,"protocol":"TCP"}',
      'k:{"port":8080,"protocol":"TCP"}',
      'v:"a"',
      'v:"b"',
      'i:9',
      'i:10',
    ]);
  });

  const a = FieldSet.fromPaths([['f:data', 'f:a'], ['f:data', 'f:b'], ['f:spec']]);
  const b = FieldSet.fromPaths([['f:data', 'f:b'], ['f:data', 'f:c']]);
  const paths = (s: FieldSet): string[] => s.paths().map(formatFieldPath);

  it.each([
    { name: 'union holds the paths of both', got: () => paths(a.union(b)), expected: ['.data.a', '.data.b', '.data.c', '.spec'] },
    { name: 'intersection holds the shared paths', got: () => paths(a.intersection(b)), expected: ['.data.b'] },
    { name: 'difference drops the other set\'s paths', got: () => paths(a.difference(b)), expected: ['.data.a', '.spec'] },
  ])('$name', ({ got, expected }) => {
    expect(got()).toEqual(expected);
  });

  // Results share the operands' untouched subtrees instead of copying every path of them.
  const spec = FieldSet.fromPaths([['f:spec', 'f:a', 'f:b'], ['f:spec', 'f:c']]);
  const data = FieldSet.fromPaths([['f:data', 'f:x'], ['f:data', 'f:y']]);
  const shared = spec.union(data);
  it.each([
    { name: 'a union shares the subtree only its left side has', got: () => shared.child('f:spec') === spec.child('f:spec') },
    { name: 'a union shares the subtree only its right side has', got: () => shared.child('f:data') === data.child('f:data') },
    { name: 'a difference shares the subtree the other side does not touch', got: () => shared.difference(data).child('f:spec') === spec.child('f:spec') },
    { name: 'a shared subtree keeps its own paths after the operation', got: () => paths(spec).join() === '.spec.a.b,.spec.c' && paths(shared.difference(data)).join() === '.spec.a.b,.spec.c' },
  ])('$name', ({ got }) => {
    expect(got()).toBe(true);
  });

  it.each([
    { name: 'a set with members is not empty', set: FieldSet.fromPaths([['f:a']]), empty: false },
    { name: 'a set with only deep members is not empty', set: FieldSet.fromPaths([['f:a', 'f:b', 'f:c']]), empty: false },
    { name: 'the difference of a set with itself is empty', set: spec.difference(spec), empty: true },
    { name: 'a set from no paths is empty', set: FieldSet.fromPaths([]), empty: true },
  ])('$name', ({ set, empty }) => {
    expect(set.isEmpty()).toBe(empty);
  });

  it.each([
    { name: 'a field prints with a dot', path: ['f:spec', 'f:replicas'], expected: '.spec.replicas' },
    {
      name: 'a map-list item prints its keys',
      path: ['f:spec', 'f:ports', keyElement({ protocol: 'TCP', port: 80 }), 'f:name'],
      expected: '.spec.ports[port=80,protocol="TCP"].name',
    },
    { name: 'a set item prints its value', path: ['f:metadata', 'f:finalizers', valueElement('x')], expected: '.metadata.finalizers[="x"]' },
  ])('$name', ({ path, expected }) => {
    expect(formatFieldPath(path)).toBe(expected);
  });
});
