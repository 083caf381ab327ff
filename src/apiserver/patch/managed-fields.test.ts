import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { formatFieldPath } from './field-path.js';
import { FieldSet } from './field-set.js';
import { trackedFields, withoutManagedFieldsView } from './managed-fields.js';

const paths = (s: FieldSet): string[] => s.paths().map(formatFieldPath);

describe('trackedFields', () => {
  it.each([
    { name: 'apiVersion and kind are never owned', paths: [['f:apiVersion'], ['f:kind'], ['f:data', 'f:a']], expected: ['.data.a'] },
    { name: 'of metadata only labels, annotations, finalizers and ownerReferences are owned', paths: [['f:metadata', 'f:name'], ['f:metadata', 'f:labels', 'f:app'], ['f:metadata', 'f:resourceVersion'], ['f:metadata', 'f:finalizers', 'v:"x"']], expected: ['.metadata.finalizers[="x"]', '.metadata.labels.app'] },
    { name: 'metadata itself is never owned', paths: [['f:metadata'], ['f:spec']], expected: ['.spec'] },
    { name: 'a set that is all untracked becomes empty', paths: [['f:kind'], ['f:metadata', 'f:uid']], expected: [] },
    { name: 'a member with fields below keeps both', paths: [['f:spec'], ['f:spec', 'f:replicas']], expected: ['.spec', '.spec.replicas'] },
  ])('$name', ({ paths: given, expected }) => {
    const tracked = trackedFields(FieldSet.fromPaths(given));
    expect(paths(tracked)).toEqual(expected);
    expect(tracked.isEmpty()).toBe(expected.length === 0);
  });
});

describe('withoutManagedFieldsView', () => {
  const object = (): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'a', managedFields: [{ manager: 'm', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: {} }] },
    data: { k: 'v' },
  });
  it.each([
    { name: 'the view has no managedFields', check: (o: KubeObject, v: Record<string, unknown>) => !('managedFields' in (v.metadata as object)) },
    { name: 'the object keeps its managedFields', check: (o: KubeObject) => o.metadata.managedFields?.length === 1 },
    { name: 'the view keeps the rest of metadata', check: (_o: KubeObject, v: Record<string, unknown>) => (v.metadata as { name?: string }).name === 'a' },
    { name: 'the view shares the content below the top level instead of copying it', check: (o: KubeObject, v: Record<string, unknown>) => v.data === o.data },
  ])('$name', ({ check }) => {
    const o = object();
    expect(check(o, withoutManagedFieldsView(o))).toBe(true);
  });
});
