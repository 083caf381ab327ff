import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { applyOrder, deleteOrder } from './apply-order.js';
import { diffInventory } from './inventory-diff.js';
import { refKey, type AppliedObjectRef } from './object-ref.js';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });
const ref = (apiVersion: string, kind: string, name: string, namespace?: string): AppliedObjectRef => ({ apiVersion, kind, name, ...(namespace ? { namespace } : {}) });
const names = (items: ReadonlyArray<{ kind: string; metadata?: { name?: string }; name?: string }>) => items.map((i) => `${i.kind}/${i.metadata?.name ?? i.name}`);

describe('applyOrder', () => {
  const cases = [
    {
      name: 'Namespaces and CRDs come first, then cluster-scoped objects, then namespaced ones',
      input: [obj('apps/v1', 'Deployment', 'web', 'app'), obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r'), obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'c'), obj('v1', 'Namespace', 'app')],
      expected: ['Namespace/app', 'CustomResourceDefinition/c', 'ClusterRole/r', 'Deployment/web'],
    },
    {
      name: 'objects of one tier keep the Content order',
      input: [obj('v1', 'ConfigMap', 'b', 'x'), obj('v1', 'ConfigMap', 'a', 'x')],
      expected: ['ConfigMap/b', 'ConfigMap/a'],
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => expect(names(applyOrder(input))).toEqual(expected));

  it('deletion runs in the reverse order, so the namespace goes last', () => {
    expect(names(deleteOrder([ref('v1', 'Namespace', 'app'), ref('v1', 'ConfigMap', 'c', 'app')]))).toEqual(['ConfigMap/c', 'Namespace/app']);
  });
});

describe('diffInventory', () => {
  const cm = ref('v1', 'ConfigMap', 'old', 'app');
  const cases = [
    { name: 'an object applied before and dropped now is pruned', previous: [cm], others: [], options: {}, prune: ['ConfigMap/old'], kept: [] },
    { name: 'a dropped Namespace is never pruned (reason: Namespace)', previous: [ref('v1', 'Namespace', 'app')], others: [], options: {}, prune: [], kept: ['Namespace'] },
    { name: 'an object another bundle also lists is not pruned (reason: SharedWithOtherBundle)', previous: [cm], others: [cm], options: {}, prune: [], kept: ['SharedWithOtherBundle'] },
    { name: 'keepResources keeps every dropped object (reason: KeepResources)', previous: [cm], others: [], options: { keepResources: true }, prune: [], kept: ['KeepResources'] },
    { name: 'a CRD is kept unless deleteCRDResources', previous: [ref('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'c')], others: [], options: {}, prune: [], kept: ['CustomResourceDefinition'] },
    { name: 'a CRD is pruned under deleteCRDResources', previous: [ref('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'c')], others: [], options: { deleteCRDResources: true }, prune: ['CustomResourceDefinition/c'], kept: [] },
    { name: 'an object whose apiVersion changed but group stays is not pruned', previous: [ref('apps/v1beta1', 'Deployment', 'web', 'app')], others: [], options: {}, prune: [], kept: [] },
  ];
  it.each(cases)('$name', ({ previous, others, options, prune, kept }) => {
    const diff = diffInventory({ desired: [obj('apps/v1', 'Deployment', 'web', 'app')], previous, otherInventories: new Set(others.map(refKey)), ...options });
    expect(names(diff.prune)).toEqual(prune);
    expect(diff.kept.map((k) => k.reason)).toEqual(kept);
    expect(names(diff.inventory)).toEqual(['Deployment/web']);
  });
});
