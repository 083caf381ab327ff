import { describe, expect, it } from 'vitest';
import { builtinPatchMeta, builtinTypeInfo, groupKind } from './builtin-patch-meta.js';
import type { PatchMeta } from './type-info.js';

const podTemplate = ['spec', 'template', 'spec'];

const cases: { name: string; apiVersion: string; kind: string; path: string[]; meta: PatchMeta }[] = [
  {
    name: 'Deployment containers merge by name',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    path: [...podTemplate, 'containers'],
    meta: { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] },
  },
  {
    name: 'container ports merge by containerPort and are keyed by port and protocol for apply',
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    path: [...podTemplate, 'containers', 'ports'],
    meta: { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] },
  },
  {
    name: 'volumes merge by name and retain keys',
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    path: [...podTemplate, 'volumes'],
    meta: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] },
  },
  {
    name: 'volumeMounts of an init container merge by mountPath',
    apiVersion: 'batch/v1',
    kind: 'Job',
    path: [...podTemplate, 'initContainers', 'volumeMounts'],
    meta: { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] },
  },
  {
    name: 'CronJob pod templates sit under jobTemplate and merge env by name',
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 'env'],
    meta: { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] },
  },
  {
    name: 'Pod hostAliases merge by ip',
    apiVersion: 'v1',
    kind: 'Pod',
    path: ['spec', 'hostAliases'],
    meta: { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'] },
  },
  { name: 'Pod tolerations are atomic', apiVersion: 'v1', kind: 'Pod', path: ['spec', 'tolerations'], meta: { listType: 'atomic' } },
  { name: 'envFrom is atomic', apiVersion: 'v1', kind: 'Pod', path: ['spec', 'containers', 'envFrom'], meta: { listType: 'atomic' } },
  { name: 'nodeSelector is an atomic map', apiVersion: 'v1', kind: 'Pod', path: ['spec', 'nodeSelector'], meta: { mapType: 'atomic' } },
  {
    name: 'Service ports merge by port and are keyed by port and protocol for apply',
    apiVersion: 'v1',
    kind: 'Service',
    path: ['spec', 'ports'],
    meta: { patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'] },
  },
  {
    name: 'RoleBinding subjects are atomic',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    path: ['subjects'],
    meta: { listType: 'atomic' },
  },
  { name: 'ClusterRole rules are atomic', apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', path: ['rules'], meta: { listType: 'atomic' } },
  {
    name: 'finalizers of any kind merge as a set',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    path: ['metadata', 'finalizers'],
    meta: { patchStrategy: 'merge', listType: 'set' },
  },
  {
    name: 'ownerReferences of any kind merge by uid',
    apiVersion: 'v1',
    kind: 'Secret',
    path: ['metadata', 'ownerReferences'],
    meta: { patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'] },
  },
  { name: 'a field without a declaration has no strategy', apiVersion: 'v1', kind: 'ConfigMap', path: ['data', 'x'], meta: {} },
];

describe('builtinPatchMeta', () => {
  it.each(cases)('$name', ({ apiVersion, kind, path, meta }) => {
    const lookup = builtinPatchMeta(apiVersion, kind);
    expect(lookup?.(path)).toEqual(meta);
  });

  it('a kind that is not built in has no table', () => {
    expect(builtinTypeInfo('flotilla.io/v1alpha1', 'Bundle')).toBeUndefined();
  });

  it.each([
    { name: 'the core group has no suffix', apiVersion: 'v1', kind: 'Pod', expected: 'Pod' },
    { name: 'named groups follow the kind', apiVersion: 'apps/v1', kind: 'Deployment', expected: 'Deployment.apps' },
  ])('$name', ({ apiVersion, kind, expected }) => {
    expect(groupKind(apiVersion, kind)).toBe(expected);
  });
});
