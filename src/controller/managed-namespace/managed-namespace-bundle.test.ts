import { describe, expect, it } from 'vitest';
import type { ManagedNamespace, ManagedNamespacePlacement } from '../../api/managed-namespace.js';
import { desiredManagedNamespaceBundle, managedNamespaceBundleName, placementTargets } from './managed-namespace-bundle.js';

describe('managedNamespaceBundleName', () => {
  it.each([
    { name: 'a short name is mns- and the name', input: 'team-a', expected: 'mns-team-a' },
    { name: 'a long name is cut to 53 characters with a hash suffix', input: 'a'.repeat(60), expected: `mns-${'a'.repeat(43)}-` },
  ])('$name', ({ input, expected }) => {
    const name = managedNamespaceBundleName(input);
    expect(name.length).toBeLessThanOrEqual(53);
    expect(name.startsWith(expected)).toBe(true);
    if (input.length > 49) expect(name).toMatch(/-[0-9a-f]{5}$/);
  });

  it('two long names that share a prefix get different Bundle names', () => {
    expect(managedNamespaceBundleName(`${'a'.repeat(55)}-x`)).not.toBe(managedNamespaceBundleName(`${'a'.repeat(55)}-y`));
  });
});

describe('placementTargets', () => {
  const cases: Array<{ name: string; placement: ManagedNamespacePlacement; expected: unknown[] }> = [
    { name: 'no placement has no target (hub only)', placement: {}, expected: [] },
    { name: 'listed members become one sorted target per cluster, without duplicates', placement: { memberClusterNames: ['b', 'a', 'b'] }, expected: [{ name: 'a', clusterName: 'a' }, { name: 'b', clusterName: 'b' }] },
    { name: 'a selector becomes one target', placement: { clusterSelector: { matchLabels: { env: 'prod' } } }, expected: [{ name: 'selector', clusterSelector: { matchLabels: { env: 'prod' } } }] },
    { name: 'a group becomes one target', placement: { clusterGroup: 'prod' }, expected: [{ name: 'group', clusterGroup: 'prod' }] },
  ];
  it.each(cases)('$name', ({ placement, expected }) => {
    expect(placementTargets(placement)).toEqual(expected);
  });
});

describe('desiredManagedNamespaceBundle', () => {
  it('carries the definition as its one managed namespace item, owned by the ManagedNamespace', () => {
    const mns: ManagedNamespace = { apiVersion: 'flotilla.io/v1alpha1', kind: 'ManagedNamespace', metadata: { name: 'team-a', namespace: 'fleet-default', uid: 'u1' }, spec: { memberClusterNames: ['a'] } };
    const bundle = desiredManagedNamespaceBundle(mns, { name: 'team-a', labels: { team: 'a' }, roleAssignments: [{ role: 'Reader', users: ['alice'] }] });
    expect(bundle.metadata).toMatchObject({ name: 'mns-team-a', namespace: 'fleet-default', labels: { 'flotilla.io/managed-namespace-name': 'team-a' } });
    expect(bundle.metadata.ownerReferences).toEqual([{ apiVersion: 'flotilla.io/v1alpha1', kind: 'ManagedNamespace', name: 'team-a', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    expect(bundle.spec.managedNamespaces).toEqual([{ name: 'team-a', labels: { team: 'a' }, roleAssignments: [{ role: 'Reader', kind: 'User', name: 'alice' }] }]);
    expect(bundle.spec.targets).toEqual([{ name: 'a', clusterName: 'a' }]);
    expect(bundle.spec.resources).toEqual([]);
  });
});
