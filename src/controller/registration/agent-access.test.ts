import { describe, expect, it } from 'vitest';
import type { ClusterRegistrationToken } from '../../api/cluster-registration-token.js';
import type { KubeObject } from '../../api/meta.js';
import { clusterNamespaceName } from '../../api/names.js';
import { agentAccessObjects, agentUserName, contentReaderClusterRole } from './agent-access.js';
import { registrationReaderObjects, tokenAccessObjects } from './token-access.js';

const id = { workspace: 'fleet-default', cluster: 'east' };
const objects = agentAccessObjects(id);
const find = (kind: string, namespace?: string) => objects.filter((o) => o.kind === kind && o.metadata.namespace === namespace);
const rulesOf = (o: KubeObject | undefined) => (o as { rules?: unknown } | undefined)?.rules;

const grants = [
  {
    name: 'in its cluster namespace it reads and watches BundleDeployments and writes only their status',
    role: () => find('Role', clusterNamespaceName('fleet-default', 'east'))[0],
    rules: [
      { apiGroups: ['flotilla.io'], resources: ['bundledeployments'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['flotilla.io'], resources: ['bundledeployments/status'], verbs: ['update', 'patch'] },
    ],
  },
  {
    name: 'in its workspace it may update only its own Cluster’s status',
    role: () => find('Role', 'fleet-default')[0],
    rules: [{ apiGroups: ['flotilla.io'], resources: ['clusters/status'], resourceNames: ['east'], verbs: ['update', 'patch'] }],
  },
  {
    name: 'on Content it may only get, never list or watch',
    role: () => contentReaderClusterRole(),
    rules: [{ apiGroups: ['flotilla.io'], resources: ['contents'], verbs: ['get'] }],
  },
];

describe('agentAccessObjects', () => {
  it.each(grants)('$name', ({ role, rules }) => {
    expect(rulesOf(role())).toEqual(rules);
  });

  it('grants nothing else: two Roles, two RoleBindings and one ClusterRoleBinding, all to the agent’s ServiceAccount', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(['ClusterRoleBinding', 'Role', 'Role', 'RoleBinding', 'RoleBinding', 'Secret', 'ServiceAccount']);
    const subjects = objects.filter((o) => o.kind.endsWith('Binding')).map((b) => (b as { subjects?: { name: string; namespace: string }[] }).subjects);
    const sa = objects.find((o) => o.kind === 'ServiceAccount')!;
    for (const s of subjects) expect(s).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'flotilla-clusters-system' }]);
    expect(agentUserName(id)).toBe(`system:serviceaccount:flotilla-clusters-system:${sa.metadata.name}`);
  });
});

describe('tokenAccessObjects', () => {
  const token: ClusterRegistrationToken = { apiVersion: 'flotilla.io/v1alpha1', kind: 'ClusterRegistrationToken', metadata: { name: 'join', namespace: 'fleet-default', uid: 'u1' }, spec: {} };

  it('lets the token create and get ClusterRegistrations in its workspace, and nothing more', () => {
    const role = tokenAccessObjects(token).find((o) => o.kind === 'Role');
    expect(rulesOf(role)).toEqual([{ apiGroups: ['flotilla.io'], resources: ['clusterregistrations'], verbs: ['create', 'get'] }]);
  });

  it('owns its objects, so they go with the token', () => {
    for (const o of tokenAccessObjects(token)) expect(o.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ClusterRegistrationToken', name: 'join', uid: 'u1' });
  });

  it('lets one token read one registration’s Secret by name only', () => {
    const [role, binding] = registrationReaderObjects({ workspace: 'fleet-default', registration: 'reg-1', secretName: 'registration-x', tokenServiceAccount: 'join' });
    expect(rulesOf(role)).toEqual([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['registration-x'], verbs: ['get'] }]);
    expect((binding as { subjects?: unknown }).subjects).toEqual([{ kind: 'ServiceAccount', name: 'join', namespace: 'fleet-default' }]);
  });
});
