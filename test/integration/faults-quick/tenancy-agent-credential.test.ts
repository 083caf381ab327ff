/**
 * What a running agent's own hub credential cannot reach (issue 12, tenancy), beyond what
 * test/integration/agent/isolation.test.ts already proves (another cluster's
 * BundleDeployments, listing or watching Contents, other Clusters' status): here the agents
 * joined through real registration in two workspaces, and agent a1's credential is tried
 * against watching across namespaces, the other agents' credentials (their token Secrets,
 * their registration results, a TokenRequest, impersonating them), the workspaces' secrets
 * (git credentials, the join token) and the workspace's GitRepos and Bundles. Every answer
 * is the hub's own 403; a control request shows the credential works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { CLUSTERS_SYSTEM_NAMESPACE } from '../../../src/api/names.js';
import { agentServiceAccountName, agentTokenSecretName } from '../../../src/controller/registration/index.js';
import { startTenancyWorld, TEAM_A, TEAM_B, type TenancyWorld } from '../../faults/support/tenancy-harness.js';

const F = API_VERSION;
let w: TenancyWorld;
/** The registration result Secret of each member, by member name. */
const registrationSecrets: Record<string, string> = {};

beforeAll(async () => {
  w = await startTenancyWorld({
    files: { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' },
    members: [
      { name: 'a1', workspace: TEAM_A, labels: {} },
      { name: 'a2', workspace: TEAM_A, labels: {} },
      { name: 'b1', workspace: TEAM_B, labels: {} },
    ],
  });
  for (const workspace of [TEAM_A, TEAM_B]) {
    await w.admin.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'git-creds', namespace: workspace }, stringData: { password: 'x' } });
    const { items } = await w.admin.list<KubeObject>({ apiVersion: F, kind: 'ClusterRegistration' }, { namespace: workspace });
    for (const r of items) registrationSecrets[(r.spec as { clusterName: string }).clusterName] = (r.status as { secretName: string }).secretName;
  }
  await w.admin.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'in-cluster-namespace', namespace: w.members.a1!.agent.credential.clusterNamespace }, stringData: { password: 'x' } });
}, 120_000);

afterAll(async () => {
  await w?.stop();
}, 120_000);

/** The HTTP status the hub answers agent `member`'s own credential with. */
async function statusAs(member: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<number> {
  const token = w.members[member]!.agent.credential.token;
  const answer = await w.hub.request(method, path, options.body, { Authorization: `Bearer ${token}`, ...options.headers });
  return answer.status;
}

const secretPath = (namespace: string, name = '') => `/api/v1/namespaces/${namespace}/secrets${name ? `/${name}` : ''}`;
const agentSa = (workspace: string, cluster: string) => agentServiceAccountName(workspace, cluster);

// A test may wait on several steps of the pipeline, each up to WAIT, on a busy machine.
describe('agent a1’s hub credential', { timeout: 180_000 }, () => {
  it('works: it may list its own BundleDeployments (control)', async () => {
    expect(await statusAs('a1', 'GET', `/apis/${F}/namespaces/${w.members.a1!.agent.credential.clusterNamespace}/bundledeployments`)).toBe(200);
  });

  it('registration recorded a result Secret and a token Secret for every member (what the cases below reach for exists)', async () => {
    expect(Object.keys(registrationSecrets).sort()).toEqual(['a1', 'a2', 'b1']);
    for (const [workspace, cluster] of [[TEAM_A, 'a2'], [TEAM_B, 'b1']] as const) {
      expect((await w.hub.request('GET', secretPath(CLUSTERS_SYSTEM_NAMESPACE, agentTokenSecretName(workspace, cluster)))).status).toBe(200);
      expect((await w.hub.request('GET', secretPath(CLUSTERS_SYSTEM_NAMESPACE, registrationSecrets[cluster]))).status).toBe(200);
    }
  });

  const forbidden = [
    { name: 'watch BundleDeployments across all namespaces', request: () => ['GET', `/apis/${F}/bundledeployments?watch=true&timeoutSeconds=1`] as const },
    { name: 'watch the Clusters of its workspace', request: () => ['GET', `/apis/${F}/namespaces/${TEAM_A}/clusters?watch=true&timeoutSeconds=1`] as const },
    { name: 'watch Secrets across all namespaces', request: () => ['GET', '/api/v1/secrets?watch=true&timeoutSeconds=1'] as const },
    { name: 'read agent a2’s token Secret (same workspace)', request: () => ['GET', secretPath(CLUSTERS_SYSTEM_NAMESPACE, agentTokenSecretName(TEAM_A, 'a2'))] as const },
    { name: 'read agent b1’s token Secret (other workspace)', request: () => ['GET', secretPath(CLUSTERS_SYSTEM_NAMESPACE, agentTokenSecretName(TEAM_B, 'b1'))] as const },
    { name: 'read its own token Secret on the hub', request: () => ['GET', secretPath(CLUSTERS_SYSTEM_NAMESPACE, agentTokenSecretName(TEAM_A, 'a1'))] as const },
    { name: 'read a2’s registration result', request: () => ['GET', secretPath(CLUSTERS_SYSTEM_NAMESPACE, registrationSecrets.a2)] as const },
    { name: 'read b1’s registration result', request: () => ['GET', secretPath(CLUSTERS_SYSTEM_NAMESPACE, registrationSecrets.b1)] as const },
    { name: 'read Secrets in its own cluster namespace', request: () => ['GET', secretPath(w.members.a1!.agent.credential.clusterNamespace, 'in-cluster-namespace')] as const },
    { name: 'read its workspace’s git credentials', request: () => ['GET', secretPath(TEAM_A, 'git-creds')] as const },
    { name: 'read the other workspace’s git credentials', request: () => ['GET', secretPath(TEAM_B, 'git-creds')] as const },
    { name: 'list its workspace’s Secrets (the join token’s among them)', request: () => ['GET', secretPath(TEAM_A)] as const },
    { name: 'list its workspace’s GitRepos', request: () => ['GET', `/apis/${F}/namespaces/${TEAM_A}/gitrepos`] as const },
    { name: 'list its workspace’s Bundles', request: () => ['GET', `/apis/${F}/namespaces/${TEAM_A}/bundles`] as const },
    { name: 'list ClusterRegistrationTokens', request: () => ['GET', `/apis/${F}/namespaces/${TEAM_A}/clusterregistrationtokens`] as const },
  ];

  it.each(forbidden)('may not $name (403)', async ({ request }) => {
    const [method, path] = request();
    expect(await statusAs('a1', method, path)).toBe(403);
  });

  it('may not mint a token for agent b1’s ServiceAccount (TokenRequest, 403)', async () => {
    const path = `/api/v1/namespaces/${CLUSTERS_SYSTEM_NAMESPACE}/serviceaccounts/${agentSa(TEAM_B, 'b1')}/token`;
    const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: [] } };
    expect(await statusAs('a1', 'POST', path, { body })).toBe(403);
  });

  it.each([
    { name: 'agent a2 (same workspace)', workspace: TEAM_A, cluster: 'a2' },
    { name: 'agent b1 (other workspace)', workspace: TEAM_B, cluster: 'b1' },
  ])('may not act as $name by impersonation (403), though that agent may read its own namespace', async ({ workspace, cluster }) => {
    const user = `system:serviceaccount:${CLUSTERS_SYSTEM_NAMESPACE}:${agentSa(workspace, cluster)}`;
    const path = `/apis/${F}/namespaces/${w.members[cluster]!.agent.credential.clusterNamespace}/bundledeployments`;
    expect(await statusAs(cluster, 'GET', path)).toBe(200);
    expect(await statusAs('a1', 'GET', path, { headers: { 'Impersonate-User': user } })).toBe(403);
  });
});
