/**
 * `flotilla namespace` against a real hub with the controllers in-process: a definition
 * made from the CLI becomes the Bundle `mns-<name>`, a namespace on the hub with the same
 * labels and role bindings, and BundleDeployments for the listed members; an unknown member
 * stays Pending saying why; ClusterAdmin is refused until a GitRepoRestriction allows it;
 * `update` changes only what it is given while `create` replaces the definition; bad flag
 * values write nothing; deleting releases the hub's namespace under Keep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../../src/api/bundle.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { condition, createCluster, deploymentOf, getOrUndefined, managedNamespace, member, reportStatus, startHub, WORKSPACE, type Hub } from './harness.js';

const WAIT = { timeout: 15_000, interval: 100 };
let hub: Hub;

function bundleOf(name: string): Promise<Bundle | undefined> {
  return getOrUndefined<Bundle>(hub.client, { kind: 'Bundle', namespace: WORKSPACE, name });
}

function hubNamespace(name: string): Promise<KubeObject | undefined> {
  return getOrUndefined(hub.client, { apiVersion: 'v1', kind: 'Namespace', name });
}

async function roleBindings(namespace: string): Promise<KubeObject[]> {
  return (await hub.client.listAll<KubeObject>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' }, { namespace, labelSelector: 'flotilla.io/managed-namespace' })).items;
}

beforeAll(async () => {
  hub = await startHub();
  await createCluster(hub.client, 'east');
  await createCluster(hub.client, 'west');
});

afterAll(async () => {
  await hub?.stop();
});

describe('flotilla namespace create', () => {
  it('writes the ManagedNamespace and prints it kubectl-style', async () => {
    const run = await hub.cli(
      'create', 'team-a',
      '--labels', 'team=a', 'tier=web',
      '--annotations', 'owner=a@example.com',
      '--cpu-requests', '500m', '--cpu-limits', '1', '--memory-requests', '256Mi', '--memory-limits', '1Gi',
      '--ingress-policy', 'allowSameNamespace', '--egress-policy', 'allowAll',
      '--adoption-policy', 'ifIdentical', '--delete-policy', 'keep',
      '--member-cluster-names', 'east', 'ghost',
    );
    expect(run.stdout).toBe('managednamespace.flotilla.io/team-a created\n');
    const mns = await managedNamespace(hub.client, 'team-a');
    expect(mns?.metadata.labels).toEqual({ 'flotilla.io/managed-namespace-source': 'cli' });
    expect(mns?.spec).toMatchObject({ adoptionPolicy: 'IfIdentical', deletePolicy: 'Keep', networkPolicy: { ingress: 'AllowSameNamespace', egress: 'AllowAll' }, memberClusterNames: ['east', 'ghost'] });
  });

  it('renders it into the Bundle mns-team-a targeted at the listed members', async () => {
    await expect.poll(() => bundleOf('mns-team-a'), WAIT).toBeDefined();
    const bundle = await bundleOf('mns-team-a');
    expect(bundle?.spec.targets).toEqual([{ name: 'east', clusterName: 'east' }, { name: 'ghost', clusterName: 'ghost' }]);
    expect(bundle?.spec.managedNamespaces).toEqual([
      {
        name: 'team-a',
        labels: { team: 'a', tier: 'web' },
        annotations: { owner: 'a@example.com' },
        resourceQuota: { cpuRequests: '500m', cpuLimits: '1', memoryRequests: '256Mi', memoryLimits: '1Gi' },
        networkPolicy: { ingress: 'AllowSameNamespace', egress: 'AllowAll' },
        adoptionPolicy: 'IfIdentical',
        deletePolicy: 'Keep',
      },
    ]);
    expect(bundle?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ManagedNamespace', name: 'team-a' });
  });

  it('creates the namespace on the hub with the same labels and annotations', async () => {
    await expect.poll(() => hubNamespace('team-a'), WAIT).toBeDefined();
    const ns = await hubNamespace('team-a');
    expect(ns?.metadata.labels).toMatchObject({ team: 'a', tier: 'web', 'flotilla.io/managed-namespace': `${WORKSPACE}.team-a` });
    expect(ns?.metadata.annotations).toMatchObject({ owner: 'a@example.com' });
  });

  it('deploys to the known member and leaves the unknown one Pending, saying so', async () => {
    await expect.poll(() => deploymentOf(hub.client, 'east', 'mns-team-a'), WAIT).toBeDefined();
    await expect.poll(async () => member(await managedNamespace(hub.client, 'team-a'), 'ghost'), WAIT).toMatchObject({ state: 'Pending', message: `ghost is not a Cluster of workspace ${WORKSPACE}` });
    expect(member(await managedNamespace(hub.client, 'team-a'), 'east')?.state).toBe('Pending');
    expect(await deploymentOf(hub.client, 'west', 'mns-team-a')).toBeUndefined();
    expect(condition(await managedNamespace(hub.client, 'team-a'), 'Placed')).toMatchObject({ status: 'False', reason: 'Pending' });
  });

  it("a member's agent reporting the deployment applied makes it Placed", async () => {
    const bd = await deploymentOf(hub.client, 'east', 'mns-team-a');
    await expect.poll(async () => (await deploymentOf(hub.client, 'east', 'mns-team-a'))?.spec.deploymentID, WAIT).toBeTruthy();
    await reportStatus(hub.client, (await deploymentOf(hub.client, 'east', 'mns-team-a')) ?? bd!, { applied: true });
    await expect.poll(async () => member(await managedNamespace(hub.client, 'team-a'), 'east')?.state, WAIT).toBe('Placed');
    const mns = await managedNamespace(hub.client, 'team-a');
    expect(mns?.status?.display).toEqual({ readyMembers: '1/2', state: 'Pending' });
  });

  it('a refused adoption shows Failed with the differing fields', async () => {
    const bd = await deploymentOf(hub.client, 'east', 'mns-team-a');
    const message = 'namespace team-a already exists and differs from the definition, so adoptionPolicy IfIdentical refuses to adopt it: labels.team: "b" on the cluster, "a" desired';
    await reportStatus(hub.client, bd!, { applied: false, reason: 'AdoptionRefused', message });
    await expect.poll(async () => member(await managedNamespace(hub.client, 'team-a'), 'east'), WAIT).toMatchObject({ state: 'Failed', message, differences: ['labels.team: "b" on the cluster, "a" desired'] });
    await reportStatus(hub.client, bd!, { applied: true });
  });

  it('show -o table lists each member cluster with its state', async () => {
    await expect.poll(async () => member(await managedNamespace(hub.client, 'team-a'), 'east')?.state, WAIT).toBe('Placed');
    const { stdout } = await hub.cli('show', 'team-a');
    expect(stdout).toMatch(/^Name: +team-a$/m);
    expect(stdout).toMatch(/^Members:\n +CLUSTER +STATE .*\n +east +Placed .*\n +ghost +Pending .*ghost is not a Cluster of workspace fleet-default/m);
    const json = JSON.parse((await hub.cli('show', '--name', 'team-a', '-o', 'json')).stdout) as { status: { members: unknown[] } };
    expect(json.status.members).toHaveLength(2);
  });

  it('list prints the printer columns', async () => {
    const { stdout } = await hub.cli('list');
    expect(stdout.split('\n')[0]).toMatch(/^NAME +MEMBERS-READY +ADOPTION +DELETE +STATE/);
    expect(stdout).toMatch(/^team-a +1\/2 +IfIdentical +Keep +Pending/m);
  });
});

describe('role assignments', () => {
  it('a Reader assignment becomes a RoleBinding on the hub and in the Bundle', async () => {
    const run = await hub.cli('role-assignment', 'create', 'team-a', '--role', 'reader', '--user', 'alice');
    expect(run.stdout).toContain('role assignment Reader for user alice created');
    await expect.poll(async () => (await roleBindings('team-a')).map((rb) => (rb.roleRef as { name: string }).name), WAIT).toEqual(['flotilla:managed-namespace:reader']);
    await expect.poll(async () => (await bundleOf('mns-team-a'))?.spec.managedNamespaces?.[0]?.roleAssignments, WAIT).toEqual([{ role: 'Reader', kind: 'User', name: 'alice' }]);
    expect((await hub.cli('role-assignment', 'list', 'team-a')).stdout).toMatch(/^Reader +User +alice$/m);
  });

  it('ClusterAdmin is refused without the restriction flag, and nothing is rendered', async () => {
    await hub.cli('role-assignment', 'create', 'team-a', '--role', 'cluster-admin', '--group', 'ops');
    await expect.poll(async () => condition(await managedNamespace(hub.client, 'team-a'), 'Accepted'), WAIT).toMatchObject({ status: 'False', reason: 'ClusterAdminNotAllowed' });
    expect(condition(await managedNamespace(hub.client, 'team-a'), 'Stalled')?.status).toBe('True');
    const roles = (await bundleOf('mns-team-a'))?.spec.managedNamespaces?.[0]?.roleAssignments ?? [];
    expect(roles.map((r) => r.role)).toEqual(['Reader']);
    await expect(hub.cli('wait', 'team-a', '--for', 'placed', '--timeout', '10s')).rejects.toThrow('ManagedNamespace "team-a" will not be placed: the definition is not accepted: a ClusterAdmin role assignment grants the whole member cluster');
  });

  it('a GitRepoRestriction with allowClusterAdminRoleAssignments lets it through', async () => {
    await hub.client.create({ apiVersion: API_VERSION, kind: 'GitRepoRestriction', metadata: { name: 'admins', namespace: WORKSPACE }, allowClusterAdminRoleAssignments: true });
    await expect.poll(async () => condition(await managedNamespace(hub.client, 'team-a'), 'Accepted')?.status, WAIT).toBe('True');
    await expect.poll(async () => ((await bundleOf('mns-team-a'))?.spec.managedNamespaces?.[0]?.roleAssignments ?? []).map((r) => r.role), WAIT).toEqual(['Reader', 'ClusterAdmin']);
    await hub.cli('role-assignment', 'delete', 'team-a', '--role', 'clusterAdmin', '--group', 'ops');
  });
});

describe('update and create over an existing name', () => {
  it('update changes only the flags given, and a member list replaces the old one', async () => {
    expect((await hub.cli('update', 'team-a', '--cpu-limits', '2', '--member-cluster-names', 'west')).stdout).toBe('managednamespace.flotilla.io/team-a configured\n');
    const mns = await managedNamespace(hub.client, 'team-a');
    expect(mns?.spec).toMatchObject({ labels: { team: 'a', tier: 'web' }, resourceQuota: { cpuRequests: '500m', cpuLimits: '2' }, adoptionPolicy: 'IfIdentical', memberClusterNames: ['west'] });
    await expect.poll(() => deploymentOf(hub.client, 'west', 'mns-team-a'), WAIT).toBeDefined();
    await expect.poll(() => deploymentOf(hub.client, 'east', 'mns-team-a'), WAIT).toBeUndefined();
  });

  it('create over an existing name replaces the whole definition, keeping role assignments', async () => {
    expect((await hub.cli('create', 'team-a', '--labels', 'team=a2')).stdout).toBe('managednamespace.flotilla.io/team-a configured\n');
    const mns = await managedNamespace(hub.client, 'team-a');
    expect(mns?.spec).toEqual({ labels: { team: 'a2' }, adoptionPolicy: 'Never', deletePolicy: 'Keep', roleAssignments: [{ role: 'Reader', kind: 'User', name: 'alice' }] });
    await expect.poll(async () => (await hubNamespace('team-a'))?.metadata.labels?.tier, WAIT).toBeUndefined();
    expect((await hubNamespace('team-a'))?.metadata.labels?.team).toBe('a2');
    await expect.poll(async () => (await bundleOf('mns-team-a'))?.spec.targets, WAIT).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    { name: 'an unknown ingress policy names the allowed values', args: ['create', 'team-x', '--ingress-policy', 'open'], error: '--ingress-policy open: not one of allowAll, allowSameNamespace, denyAll' },
    { name: 'an unknown adoption policy names the allowed values', args: ['create', 'team-x', '--adoption-policy', 'maybe'], error: 'not one of never, ifIdentical, always' },
    { name: 'a reserved name is refused', args: ['create', 'kube-system'], error: 'NAME: "kube-system" is a reserved namespace' },
    { name: 'requests above limits are refused', args: ['create', 'team-x', '--cpu-requests', '2', '--cpu-limits', '1'], error: '--cpu-requests: cpu requests (2) must not be above cpu limits (1)' },
    { name: 'a quantity that is not one is refused', args: ['create', 'team-x', '--memory-limits', '1GB'], error: '--memory-limits 1GB: not a Kubernetes quantity' },
    { name: 'update of a namespace that does not exist is refused', args: ['update', 'team-x', '--labels', 'a=b'], error: 'ManagedNamespace "team-x" not found in namespace fleet-default' },
  ])('$name, and nothing is written', async ({ args, error }) => {
    await expect(hub.cli(...args)).rejects.toThrow(error);
    expect(await managedNamespace(hub.client, 'team-x')).toBeUndefined();
    expect(await managedNamespace(hub.client, 'kube-system')).toBeUndefined();
  });
});

describe('hub only and deletion', () => {
  it('with no member listed the namespace exists on the hub only and is placed', async () => {
    await hub.cli('create', 'team-h', '--labels', 'team=h', '--delete-policy', 'delete');
    await expect.poll(async () => condition(await managedNamespace(hub.client, 'team-h'), 'Placed'), WAIT).toMatchObject({ status: 'True', reason: 'HubOnly' });
    expect(await hubNamespace('team-h')).toBeDefined();
    expect((await hub.cli('wait', 'team-h', '--for', 'placed', '--timeout', '10s')).stdout).toBe('managednamespace.flotilla.io/team-h placed\n');
  });

  it('deleting under Delete removes the Bundle and deletes the hub namespace', async () => {
    expect((await hub.cli('delete', 'team-h')).stdout).toBe('managednamespace.flotilla.io/team-h deleted\n');
    await hub.cli('wait', 'team-h', '--for', 'deleted', '--timeout', '10s');
    await expect.poll(() => bundleOf('mns-team-h'), WAIT).toBeUndefined();
    await expect.poll(async () => { const ns = await hubNamespace('team-h'); return ns === undefined || Boolean(ns.metadata.deletionTimestamp); }, WAIT).toBe(true);
  });

  it('deleting under Keep releases the hub namespace: it stays, without the ownership label or role bindings', async () => {
    await hub.cli('delete', 'team-a');
    await expect.poll(() => managedNamespace(hub.client, 'team-a'), WAIT).toBeUndefined();
    const ns = await hubNamespace('team-a');
    expect(ns?.metadata.labels?.team).toBe('a2');
    expect(ns?.metadata.labels?.['flotilla.io/managed-namespace']).toBeUndefined();
    expect(await roleBindings('team-a')).toEqual([]);
    await expect.poll(() => bundleOf('mns-team-a'), WAIT).toBeUndefined();
  });

  it('the hub ClusterRoles for delegating managed namespaces exist', async () => {
    const contributor = await getOrUndefined<KubeObject>(hub.client, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'flotilla:managed-namespace-contributor' });
    const user = await getOrUndefined<KubeObject>(hub.client, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'flotilla:managed-namespace-user' });
    expect((contributor?.rules as Array<{ verbs: string[] }>)[0]?.verbs).toEqual(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
    expect((user?.rules as Array<{ verbs: string[] }>)[0]?.verbs).toEqual(['get', 'list', 'watch']);
  });
});
