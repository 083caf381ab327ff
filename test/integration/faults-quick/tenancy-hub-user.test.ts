/**
 * A tenant on the hub cannot escalate (issue 12, tenancy), tried with the real kubectl and
 * the tenant's own token against the embedded hub with every controller running and a
 * member of the other workspace joined. alice administers workspace team-a only: the
 * Kubernetes `admin` ClusterRole bound there by a RoleBinding, and a workspace-editor role
 * for GitRepos. She may bind what she holds and manage team-a's GitRepos (controls); she
 * may not bind cluster-admin, write a Role wider than her own, reach team-b, read the
 * clusters' credentials, impersonate, or open other workspaces with a mapping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../src/api/group.js';
import { CLUSTERS_SYSTEM_NAMESPACE } from '../../../src/api/names.js';
import { agentTokenSecretName } from '../../../src/controller/registration/index.js';
import { startTenancyWorld, TEAM_A, TEAM_B, type TenancyWorld } from '../../faults/support/tenancy-harness.js';
import { kubectl } from '../../support/kubectl.js';

const RBAC = 'rbac.authorization.k8s.io';
let w: TenancyWorld;

const gitRepo = (namespace: string, name: string) =>
  JSON.stringify({ apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name, namespace }, spec: { repo: w.repoUrl, branch: 'main', paths: ['app'] } });

/** kubectl as alice. */
const asAlice = (args: string[], input?: string) => kubectl(args, { kubeconfig: w.userKubeconfig('alice'), cacheDir: w.kubectlCacheDir, ...(input ? { input } : {}) });

beforeAll(async () => {
  w = await startTenancyWorld({
    files: { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' },
    members: [{ name: 'b1', workspace: TEAM_B, labels: {} }],
    hubUsers: ['alice'],
  });
  await w.admin.create({
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name: 'workspace-editor', namespace: TEAM_A },
    rules: [
      { apiGroups: ['flotilla.io'], resources: ['gitrepos'], verbs: ['*'] },
      { apiGroups: ['flotilla.io'], resources: ['bundles', 'clusters', 'clustergroups'], verbs: ['get', 'list', 'watch'] },
    ],
  });
  for (const [name, roleRef] of [['alice-admin', { kind: 'ClusterRole', name: 'admin' }], ['alice-editor', { kind: 'Role', name: 'workspace-editor' }]] as const) {
    await w.admin.create({
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name, namespace: TEAM_A },
      roleRef: { apiGroup: RBAC, ...roleRef },
      subjects: [{ apiGroup: RBAC, kind: 'User', name: 'alice' }],
    });
  }
}, 120_000);

afterAll(async () => {
  await w?.stop();
}, 120_000);

// A test may wait on several steps of the pipeline, each up to WAIT, on a busy machine.
describe('alice, administrator of workspace team-a on the hub', { timeout: 180_000 }, () => {
  const allowed = [
    { name: 'bind the view role to a teammate in team-a', args: ['create', 'rolebinding', 'bob-view', '--clusterrole=view', '--user=bob', '-n', TEAM_A] },
    { name: 'write a Role no wider than her own in team-a', args: ['create', 'role', 'reader', '--verb=get,list', '--resource=configmaps,secrets', '-n', TEAM_A] },
    { name: 'create a GitRepo in team-a', args: ['apply', '-f', '-'], input: () => gitRepo(TEAM_A, 'mine') },
    { name: 'read the Clusters of team-a', args: ['get', 'clusters.flotilla.io', '-n', TEAM_A] },
  ];

  it.each(allowed)('may $name (control)', async ({ args, input }) => {
    const result = await asAlice(args, input?.());
    expect(result.stderr).not.toMatch(/forbidden|error/i);
    expect(result.code).toBe(0);
  });

  const forbidden = [
    { name: 'bind cluster-admin to herself in team-a', args: ['create', 'rolebinding', 'pwn', '--clusterrole=cluster-admin', '--user=alice', '-n', TEAM_A] },
    { name: 'bind cluster-admin cluster-wide', args: ['create', 'clusterrolebinding', 'pwn', '--clusterrole=cluster-admin', '--user=alice'] },
    { name: 'write a Role granting everything in team-a', args: ['create', 'role', 'everything', '--verb=*', '--resource=*.*', '-n', TEAM_A] },
    { name: 'write a Role granting the escalate verb on roles', args: ['create', 'role', 'escalator', '--verb=escalate,bind', '--resource=roles.rbac.authorization.k8s.io', '-n', TEAM_A] },
    { name: 'create a GitRepo in team-b', args: ['apply', '-f', '-'], input: () => gitRepo(TEAM_B, 'theirs') },
    { name: 'bind herself the admin role in team-b', args: ['create', 'rolebinding', 'pwn', '--clusterrole=admin', '--user=alice', '-n', TEAM_B] },
    { name: 'read the Clusters of team-b', args: ['get', 'clusters.flotilla.io', '-n', TEAM_B] },
    { name: 'list the clusters’ credential Secrets', args: ['get', 'secrets', '-n', CLUSTERS_SYSTEM_NAMESPACE] },
    { name: 'read agent b1’s token Secret', args: ['get', 'secret', agentTokenSecretName(TEAM_B, 'b1'), '-n', CLUSTERS_SYSTEM_NAMESPACE] },
    { name: 'read Secrets of all namespaces', args: ['get', 'secrets', '-A'] },
    { name: 'read BundleDeployments of all namespaces', args: ['get', 'bundledeployments.flotilla.io', '-A'] },
    { name: 'act as the hub admin by impersonation', args: ['get', 'secrets', '-n', CLUSTERS_SYSTEM_NAMESPACE, '--as=system:admin', '--as-group=system:masters'] },
    { name: 'write a GitRepoRestriction for team-a that allows ClusterAdmin', args: ['apply', '-f', '-'], input: () => JSON.stringify({ apiVersion: API_VERSION, kind: 'GitRepoRestriction', metadata: { name: 'mine', namespace: TEAM_A }, allowClusterAdminRoleAssignments: true }) },
    {
      name: 'open team-b to team-a’s bundles with a BundleNamespaceMapping',
      args: ['apply', '-f', '-'],
      input: () => JSON.stringify({ apiVersion: API_VERSION, kind: 'BundleNamespaceMapping', metadata: { name: 'open', namespace: TEAM_A }, bundleSelector: {}, namespaceSelector: { matchLabels: { tenant: 'b' } } }),
    },
  ];

  it.each(forbidden)('may not $name (Forbidden)', async ({ args, input }) => {
    const result = await asAlice(args, input?.());
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/\(Forbidden\)|forbidden/);
  });

  it('the agent token Secret she was refused exists (the refusal is RBAC, not a missing object)', async () => {
    expect((await w.hub.request('GET', `/api/v1/namespaces/${CLUSTERS_SYSTEM_NAMESPACE}/secrets/${agentTokenSecretName(TEAM_B, 'b1')}`)).status).toBe(200);
  });

  it('the escalation refusal says why', async () => {
    const result = await asAlice(['create', 'rolebinding', 'pwn2', '--clusterrole=cluster-admin', '--user=alice', '-n', TEAM_A]);
    expect(result.stderr).toMatch(/escalat|cannot bind|not allowed to bind|attempting to grant/i);
  });
});
