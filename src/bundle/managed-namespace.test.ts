import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { renderManagedNamespace, type ManagedNamespaceDefinition } from './managed-namespace.js';
import { RESERVED_NAMESPACES, validateManagedNamespace } from './managed-namespace-validation.js';
import { memberClusterRoles, memberRoleRules } from './member-roles.js';

const ownerLabels = { 'flotilla.io/managed-namespace': 'team-a' };
const sameNamespacePeer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } } };

function find(objects: KubeObject[], kind: string): KubeObject | undefined {
  return objects.find((o) => o.kind === kind);
}

describe('renderManagedNamespace: the Namespace', () => {
  it('carries the labels, annotations, owner label and both policies, with their defaults', () => {
    const objects = renderManagedNamespace({ name: 'team-a', labels: { team: 'a' }, annotations: { note: 'x' } });
    expect(objects).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'team-a',
          labels: { team: 'a', ...ownerLabels },
          annotations: { note: 'x', 'flotilla.io/adoption-policy': 'Never', 'flotilla.io/delete-policy': 'Keep' },
        },
      },
    ]);
  });

  it('uses the owner given for the managed-namespace label', () => {
    const [ns] = renderManagedNamespace({ name: 'team-a' }, { owner: 'fleet-default.team-a' });
    expect(ns?.metadata.labels).toEqual({ 'flotilla.io/managed-namespace': 'fleet-default.team-a' });
  });
});

describe('renderManagedNamespace: the NetworkPolicy', () => {
  const cases: Array<{ name: string; policy: ManagedNamespaceDefinition['networkPolicy']; spec: Record<string, unknown> | undefined }> = [
    { name: 'no direction set renders no NetworkPolicy', policy: {}, spec: undefined },
    { name: 'ingress AllowAll is one empty ingress rule', policy: { ingress: 'AllowAll' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] } },
    { name: 'ingress DenyAll lists the policy type with no rule', policy: { ingress: 'DenyAll' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [] } },
    { name: 'ingress AllowSameNamespace allows only the namespace itself', policy: { ingress: 'AllowSameNamespace' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [sameNamespacePeer] }] } },
    { name: 'egress AllowAll is one empty egress rule', policy: { egress: 'AllowAll' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] } },
    { name: 'egress DenyAll lists the policy type with no rule', policy: { egress: 'DenyAll' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [] } },
    { name: 'egress AllowSameNamespace allows only the namespace itself', policy: { egress: 'AllowSameNamespace' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [sameNamespacePeer] }] } },
    {
      name: 'both directions make one policy with both types',
      policy: { ingress: 'DenyAll', egress: 'AllowAll' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [{}] },
    },
  ];
  it.each(cases)('$name', ({ policy, spec }) => {
    const np = find(renderManagedNamespace({ name: 'team-a', networkPolicy: policy }), 'NetworkPolicy');
    if (spec === undefined) {
      expect(np).toBeUndefined();
      return;
    }
    expect(np).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'flotilla-network-policy', namespace: 'team-a', labels: ownerLabels },
      spec,
    });
  });
});

describe('renderManagedNamespace: the ResourceQuota', () => {
  const cases = [
    { name: 'no quota set renders no ResourceQuota', quota: {}, hard: undefined },
    { name: 'a cpu limit alone renders only limits.cpu', quota: { cpuLimits: '2' }, hard: { 'limits.cpu': '2' } },
    {
      name: 'all four map to requests/limits of cpu and memory',
      quota: { cpuRequests: '500m', cpuLimits: '1', memoryRequests: '256Mi', memoryLimits: '1Gi' },
      hard: { 'requests.cpu': '500m', 'limits.cpu': '1', 'requests.memory': '256Mi', 'limits.memory': '1Gi' },
    },
  ];
  it.each(cases)('$name', ({ quota, hard }) => {
    const rq = find(renderManagedNamespace({ name: 'team-a', resourceQuota: quota }), 'ResourceQuota');
    if (hard === undefined) {
      expect(rq).toBeUndefined();
      return;
    }
    expect(rq).toEqual({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'flotilla-resource-quota', namespace: 'team-a', labels: ownerLabels },
      spec: { hard },
    });
  });
});

describe('renderManagedNamespace: role assignments', () => {
  const cases = [
    { name: 'Reader binds the reader ClusterRole in the namespace', role: 'Reader' as const, kind: 'RoleBinding', roleName: 'flotilla:managed-namespace:reader' },
    { name: 'Writer binds the writer ClusterRole in the namespace', role: 'Writer' as const, kind: 'RoleBinding', roleName: 'flotilla:managed-namespace:writer' },
    { name: 'Admin binds the admin ClusterRole in the namespace', role: 'Admin' as const, kind: 'RoleBinding', roleName: 'flotilla:managed-namespace:admin' },
    { name: 'ClusterAdmin binds cluster-admin cluster-wide', role: 'ClusterAdmin' as const, kind: 'ClusterRoleBinding', roleName: 'cluster-admin' },
  ];
  it.each(cases)('$name', ({ role, kind, roleName }) => {
    const objects = renderManagedNamespace({ name: 'team-a', roleAssignments: [{ role, users: ['alice'], groups: ['devs'] }] });
    const binding = find(objects, kind);
    expect(binding?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName });
    expect(binding?.subjects).toEqual([
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
    ]);
    expect(binding?.metadata.namespace).toBe(kind === 'RoleBinding' ? 'team-a' : undefined);
    expect(binding?.metadata.labels).toEqual(ownerLabels);
  });

  it('names bindings by content, so reordering assignments keeps their names', () => {
    const a = { role: 'Reader' as const, users: ['a'] };
    const b = { role: 'Writer' as const, groups: ['g'] };
    const names = (def: ManagedNamespaceDefinition): string[] =>
      renderManagedNamespace(def).filter((o) => o.kind === 'RoleBinding').map((o) => o.metadata.name ?? '').sort();
    expect(names({ name: 'team-a', roleAssignments: [a, b] })).toEqual(names({ name: 'team-a', roleAssignments: [b, a] }));
    expect(new Set(names({ name: 'team-a', roleAssignments: [a, b] })).size).toBe(2);
  });
});

describe('validateManagedNamespace', () => {
  const valid = [
    {
      name: 'enums are matched case-insensitively and normalised',
      input: { name: 'team-a', networkPolicy: { ingress: 'allowSameNamespace', egress: 'DENYALL' }, adoptionPolicy: 'ifIdentical', deletePolicy: 'keep', roleAssignments: [{ role: 'cluster-admin', users: ['u'] }] },
      expected: { name: 'team-a', networkPolicy: { ingress: 'AllowSameNamespace', egress: 'DenyAll' }, adoptionPolicy: 'IfIdentical', deletePolicy: 'Keep', roleAssignments: [{ role: 'ClusterAdmin', users: ['u'] }] },
    },
    {
      name: 'quantities given as YAML numbers are kept as text',
      input: { name: 'team-a', resourceQuota: { cpuRequests: 1, cpuLimits: '2' } },
      expected: { name: 'team-a', resourceQuota: { cpuRequests: '1', cpuLimits: '2' } },
    },
  ];
  it.each(valid)('$name', ({ input, expected }) => {
    expect(validateManagedNamespace(input)).toEqual({ definition: expected, issues: [] });
  });

  const invalid = [
    { name: 'a missing name is refused', input: {}, path: ['name'], message: /required/ },
    { name: 'an upper-case name is refused', input: { name: 'Team' }, path: ['name'], message: /not a valid namespace name/ },
    { name: 'a name over 63 characters is refused', input: { name: 'a'.repeat(64) }, path: ['name'], message: /not a valid namespace name/ },
    ...RESERVED_NAMESPACES.map((ns) => ({ name: `the reserved name ${ns} is refused`, input: { name: ns }, path: ['name'], message: /reserved/ })),
    { name: 'an invalid quantity is refused', input: { name: 'a', resourceQuota: { memoryLimits: '1GB' } }, path: ['resourceQuota', 'memoryLimits'], message: /not a Kubernetes quantity/ },
    { name: 'a negative quantity is refused', input: { name: 'a', resourceQuota: { cpuLimits: '-1' } }, path: ['resourceQuota', 'cpuLimits'], message: /negative/ },
    { name: 'memory requests above limits are refused', input: { name: 'a', resourceQuota: { memoryRequests: '2Gi', memoryLimits: '1Gi' } }, path: ['resourceQuota', 'memoryRequests'], message: /must not be above/ },
    { name: 'an unknown network policy names the allowed values', input: { name: 'a', networkPolicy: { ingress: 'Open' } }, path: ['networkPolicy', 'ingress'], message: /AllowAll, AllowSameNamespace, DenyAll/ },
    { name: 'an unknown adoption policy names the allowed values', input: { name: 'a', adoptionPolicy: 'Sometimes' }, path: ['adoptionPolicy'], message: /Never, IfIdentical, Always/ },
    { name: 'an unknown role names the allowed values', input: { name: 'a', roleAssignments: [{ role: 'Owner', users: ['u'] }] }, path: ['roleAssignments', 0, 'role'], message: /Reader, Writer, Admin, ClusterAdmin/ },
    { name: 'an assignment without users or groups is refused', input: { name: 'a', roleAssignments: [{ role: 'Reader' }] }, path: ['roleAssignments', 0], message: /at least one user or group/ },
    { name: "a label under Flotilla's prefix is refused", input: { name: 'a', labels: { 'flotilla.io/managed-namespace': 'x' } }, path: ['labels', 'flotilla.io/managed-namespace'], message: /Flotilla's own/ },
    { name: 'an invalid label value is refused', input: { name: 'a', labels: { team: 'has space' } }, path: ['labels', 'team'], message: /label value/ },
    { name: 'an unknown field is refused', input: { name: 'a', placement: {} }, path: ['placement'], message: /unknown field/ },
  ];
  it.each(invalid)('$name', ({ input, path, message }) => {
    const result = validateManagedNamespace(input);
    expect(result.definition).toBeUndefined();
    expect(result.issues).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) as string }));
  });
});

describe('member roles', () => {
  const all = (role: 'Reader' | 'Writer' | 'Admin'): Array<{ group: string; resource: string; verb: string }> =>
    memberRoleRules(role).flatMap((r) => r.apiGroups.flatMap((group) => r.resources.flatMap((resource) => r.verbs.map((verb) => ({ group, resource, verb })))));
  const can = (role: 'Reader' | 'Writer' | 'Admin', group: string, resource: string, verb: string): boolean =>
    all(role).some((p) => p.group === group && p.resource === resource && p.verb === verb);
  const cases = [
    { name: 'a Reader reads pods', role: 'Reader' as const, group: '', resource: 'pods', verb: 'list', allowed: true },
    { name: 'a Reader cannot read Secrets', role: 'Reader' as const, group: '', resource: 'secrets', verb: 'get', allowed: false },
    { name: 'a Reader cannot read RoleBindings', role: 'Reader' as const, group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verb: 'get', allowed: false },
    { name: 'a Reader cannot change deployments', role: 'Reader' as const, group: 'apps', resource: 'deployments', verb: 'update', allowed: false },
    { name: 'a Writer reads Secrets', role: 'Writer' as const, group: '', resource: 'secrets', verb: 'get', allowed: true },
    { name: 'a Writer creates deployments', role: 'Writer' as const, group: 'apps', resource: 'deployments', verb: 'create', allowed: true },
    { name: 'a Writer cannot create RoleBindings', role: 'Writer' as const, group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verb: 'create', allowed: false },
    { name: 'a Writer cannot change the ResourceQuota', role: 'Writer' as const, group: '', resource: 'resourcequotas', verb: 'update', allowed: false },
    { name: 'an Admin creates RoleBindings', role: 'Admin' as const, group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verb: 'create', allowed: true },
    { name: 'an Admin cannot change the ResourceQuota', role: 'Admin' as const, group: '', resource: 'resourcequotas', verb: 'patch', allowed: false },
    { name: 'an Admin cannot delete the Namespace', role: 'Admin' as const, group: '', resource: 'namespaces', verb: 'delete', allowed: false },
    { name: 'an Admin reads the ResourceQuota', role: 'Admin' as const, group: '', resource: 'resourcequotas', verb: 'get', allowed: true },
  ];
  it.each(cases)('$name', ({ role, group, resource, verb, allowed }) => {
    expect(can(role, group, resource, verb)).toBe(allowed);
  });

  it('no member role uses wildcards, so nothing is granted by accident', () => {
    const rules = memberClusterRoles().flatMap((r) => r.rules as Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>);
    expect(rules.flatMap((r) => [...r.apiGroups, ...r.resources, ...r.verbs])).not.toContain('*');
    expect(memberClusterRoles().map((r) => r.metadata.name)).toEqual([
      'flotilla:managed-namespace:reader',
      'flotilla:managed-namespace:writer',
      'flotilla:managed-namespace:admin',
    ]);
  });
});
