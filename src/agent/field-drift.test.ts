import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { normalizeForCompare } from './compare-patches.js';
import { type FieldsV1, fieldDifferences, mergePatchFor, ownedFieldsOf } from './field-drift.js';

const owned: FieldsV1 = {
  'f:data': { 'f:key': {} },
  'f:metadata': { 'f:labels': { 'f:team': {} } },
  'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:name': {}, 'f:image': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } }, 'f:args': {} },
};
const expected = {
  data: { key: 'one' },
  metadata: { labels: { team: 'a' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 80 }] }], args: ['a', 'b'] },
};

describe('fieldDifferences', () => {
  const cases = [
    { name: 'an identical object has no difference', live: expected, paths: [] },
    { name: 'a changed owned value is a difference', live: { ...expected, data: { key: 'two' } }, paths: ['data.key'] },
    { name: 'a removed owned label is a difference', live: { ...expected, metadata: { labels: {} } }, paths: ['metadata.labels.team'] },
    { name: 'an extra label no one told the agent about is not a difference', live: { ...expected, metadata: { labels: { team: 'a', extra: 'x' } } }, paths: [] },
    {
      name: 'defaulted fields inside a keyed list element and an injected sidecar are not differences',
      live: { ...expected, spec: { ...expected.spec, containers: [{ name: 'sidecar', image: 'envoy' }, { name: 'web', image: 'nginx:1', imagePullPolicy: 'Always', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
      paths: [],
    },
    { name: 'a changed field of a list element matched by key is a difference', live: { ...expected, spec: { ...expected.spec, containers: [{ name: 'web', image: 'nginx:2', ports: [{ containerPort: 80 }] }] } }, paths: ['spec.containers[name=web].image'] },
    { name: 'a missing list element is a difference', live: { ...expected, spec: { ...expected.spec, containers: [] } }, paths: ['spec.containers[name=web]'] },
    { name: 'an atomic list is compared whole', live: { ...expected, spec: { ...expected.spec, args: ['a'] } }, paths: ['spec.args'] },
  ];
  it.each(cases)('$name', ({ live, paths }) => expect(fieldDifferences(expected, live, owned).map((d) => d.path)).toEqual(paths));

  it('the merge patch sets the whole list where an element differs', () => {
    const live = { ...expected, data: { key: 'two' }, spec: { ...expected.spec, containers: [] } };
    expect(mergePatchFor(expected, fieldDifferences(expected, live, owned))).toEqual({ data: { key: 'one' }, spec: { containers: expected.spec.containers } });
  });

  it('only the Apply entries of the named manager on the main resource count as owned', () => {
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        managedFields: [
          { manager: 'flotilla-agent', operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {} } } },
          { manager: 'flotilla-agent', operation: 'Update', fieldsV1: { 'f:data': { 'f:b': {} } } },
          { manager: 'other', operation: 'Apply', fieldsV1: { 'f:data': { 'f:c': {} } } },
        ],
      },
    };
    expect(ownedFieldsOf(obj, 'flotilla-agent')).toEqual({ 'f:data': { 'f:a': {} } });
  });
});

describe('normalizeForCompare (diff.comparePatches)', () => {
  const cases = [
    { name: 'a JSON pointer removes the path on both sides', patch: { jsonPointers: ['/data/key'] }, paths: [] },
    { name: 'a remove operation removes the path', patch: { operations: [{ op: 'remove', path: '/data/key' }] }, paths: [] },
    { name: 'a replace operation sets the same value on both sides', patch: { operations: [{ op: 'replace', path: '/data/key', value: 'same' }] }, paths: [] },
    { name: 'a pointer elsewhere leaves the difference', patch: { jsonPointers: ['/data/other'] }, paths: ['data.key'] },
  ];
  it.each(cases)('$name', ({ patch, paths }) => {
    const live = { ...expected, data: { key: 'changed' } };
    expect(fieldDifferences(normalizeForCompare(expected, [patch]), normalizeForCompare(live, [patch]), owned).map((d) => d.path)).toEqual(paths);
  });
});
