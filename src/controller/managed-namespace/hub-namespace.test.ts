import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import type { ManagedNamespaceDefinition } from '../../bundle/index.js';
import { hubNamespaceObjects, hubRemoval, hubTakeover } from './hub-namespace.js';

const OWNER = 'fleet-default.team-a';

function ns(labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels } };
}

describe('hubNamespaceObjects', () => {
  it('renders the Namespace and RoleBindings but no quota, policy or ClusterRoleBinding', () => {
    const def: ManagedNamespaceDefinition = {
      name: 'team-a',
      labels: { team: 'a' },
      annotations: { owner: 'x' },
      resourceQuota: { cpuLimits: '1' },
      networkPolicy: { ingress: 'DenyAll' },
      roleAssignments: [{ role: 'Writer', groups: ['devs'] }, { role: 'ClusterAdmin', users: ['root'] }],
    };
    const objects = hubNamespaceObjects(def, 'fleet-default');
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'RoleBinding']);
    expect(objects[0]?.metadata.labels).toEqual({ team: 'a', 'flotilla.io/managed-namespace': OWNER });
    expect(objects[0]?.metadata.annotations).toMatchObject({ owner: 'x' });
    expect(objects[1]).toMatchObject({ metadata: { namespace: 'team-a' }, roleRef: { name: 'flotilla:managed-namespace:writer' }, subjects: [{ kind: 'Group', name: 'devs' }] });
  });
});

describe('hubTakeover', () => {
  const cases = [
    { name: 'an absent namespace is taken', live: undefined, policy: 'Never', expected: { take: true } },
    { name: 'our own namespace is taken', live: ns({ 'flotilla.io/managed-namespace': OWNER }), policy: 'Never', expected: { take: true } },
    { name: "another definition's namespace is refused under every policy", live: ns({ 'flotilla.io/managed-namespace': 'fleet-local.team-a' }), policy: 'Always', expected: { take: false, reason: 'ManagedByOther' } },
    { name: 'an unmanaged namespace is refused under Never', live: ns(), policy: 'Never', expected: { take: false, reason: 'AdoptionNever' } },
    { name: 'an unmanaged namespace is taken under Always', live: ns(), policy: 'Always', expected: { take: true } },
  ] as const;
  it.each(cases)('$name', ({ live, policy, expected }) => {
    expect(hubTakeover(live, { name: 'team-a', adoptionPolicy: policy }, OWNER)).toMatchObject(expected);
  });
});

describe('hubRemoval', () => {
  const cases = [
    { name: 'a namespace already gone needs nothing', live: undefined, policy: 'Delete', expected: 'none' },
    { name: 'a namespace another owner manages is left alone', live: ns({ 'flotilla.io/managed-namespace': 'other' }), policy: 'Delete', expected: 'none' },
    { name: 'Delete deletes our namespace', live: ns({ 'flotilla.io/managed-namespace': OWNER }), policy: 'Delete', expected: 'delete' },
    { name: 'Keep releases our namespace', live: ns({ 'flotilla.io/managed-namespace': OWNER }), policy: 'Keep', expected: 'release' },
    { name: 'no policy means Keep', live: ns({ 'flotilla.io/managed-namespace': OWNER }), policy: undefined, expected: 'release' },
  ] as const;
  it.each(cases)('$name', ({ live, policy, expected }) => {
    expect(hubRemoval(live, OWNER, policy).action).toBe(expected);
  });
});
