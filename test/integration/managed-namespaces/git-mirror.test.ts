/**
 * fleet.yaml `managedNamespaces` items, synced from a real git server: each item gets a
 * ManagedNamespace record owned by the GitRepo and labelled as coming from git, whose status
 * follows the path Bundle's BundleDeployments; the CLI reads these records but refuses to
 * change them; an item removed from git removes its record; and the same definition given
 * to the CLI renders exactly the objects the fleet.yaml item rendered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../../src/api/bundle.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { decodeContent } from '../../../src/bundle/index.js';
import { commitFiles } from '../../support/git-repo.js';
import { condition, createCluster, deploymentOf, getOrUndefined, managedNamespace, member, reportStatus, startHub, WORKSPACE, type Hub } from './harness.js';

const WAIT = { timeout: 20_000, interval: 100 };
let hub: Hub;

const FLEET_YAML = `defaultNamespace: team-g1
managedNamespaces:
  - name: team-g1
    labels: {team: g1}
    annotations: {owner: "g1@example.com"}
    resourceQuota: {cpuRequests: 250m, cpuLimits: "1", memoryLimits: 512Mi}
    networkPolicy: {ingress: denyAll}
    deletePolicy: delete
    roleAssignments:
      - role: admin
        groups: [g1-admins]
  - name: team-g2
`;

const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {tier: gold}
`;

async function managedObjects(bundle: Bundle | undefined, owner: string): Promise<KubeObject[]> {
  const name = bundle?.metadata.labels?.['flotilla.io/content-name'] ?? '';
  const content = await hub.client.get<KubeObject>({ apiVersion: API_VERSION, kind: 'Content', name });
  return (decodeContent(content.content as string) as KubeObject[]).filter((o) => o.metadata.labels?.['flotilla.io/managed-namespace'] === owner);
}

function bundleOf(name: string): Promise<Bundle | undefined> {
  return getOrUndefined<Bundle>(hub.client, { kind: 'Bundle', namespace: WORKSPACE, name });
}

beforeAll(async () => {
  hub = await startHub();
  await createCluster(hub.client, 'east', { env: 'prod' });
  await commitFiles(hub.repoPath, { files: { 'fleet.yaml': FLEET_YAML, 'app.yaml': APP } });
  await hub.client.create({ apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name: 'teams', namespace: WORKSPACE }, spec: { repo: hub.repoUrl, branch: 'main', targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] } });
});

afterAll(async () => {
  await hub?.stop();
});

describe('fleet.yaml managed namespaces mirrored as ManagedNamespaces', () => {
  it('each item gets a record labelled with its source and owned by the GitRepo', async () => {
    await expect.poll(async () => (await managedNamespace(hub.client, 'team-g2'))?.metadata.name, WAIT).toBe('team-g2');
    const mns = await managedNamespace(hub.client, 'team-g1');
    expect(mns?.metadata.labels).toMatchObject({ 'flotilla.io/managed-namespace-source': 'git', 'flotilla.io/repo-name': 'teams', 'flotilla.io/bundle-name': 'teams' });
    expect(mns?.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}`)).toEqual(['GitRepo/teams']);
    expect(mns?.spec).toMatchObject({ labels: { team: 'g1' }, networkPolicy: { ingress: 'DenyAll' }, deletePolicy: 'Delete', roleAssignments: [{ role: 'Admin', kind: 'Group', name: 'g1-admins' }] });
  });

  it("the record's status follows the path Bundle's BundleDeployments", async () => {
    await expect.poll(async () => (await deploymentOf(hub.client, 'east', 'teams'))?.spec.deploymentID, WAIT).toBeTruthy();
    await expect.poll(async () => (await managedNamespace(hub.client, 'team-g1'))?.status?.bundleName, WAIT).toBe('teams');
    await expect.poll(async () => member(await managedNamespace(hub.client, 'team-g1'), 'east')?.state, WAIT).toBe('Pending');
    await reportStatus(hub.client, (await deploymentOf(hub.client, 'east', 'teams'))!, { applied: true });
    await expect.poll(async () => member(await managedNamespace(hub.client, 'team-g1'), 'east')?.state, WAIT).toBe('Placed');
    expect(condition(await managedNamespace(hub.client, 'team-g1'), 'Ready')?.status).toBe('True');
  });

  it('the hub gets the namespace with its labels and role bindings, as for the CLI', async () => {
    await expect.poll(async () => (await getOrUndefined<KubeObject>(hub.client, { apiVersion: 'v1', kind: 'Namespace', name: 'team-g1' }))?.metadata.labels?.team, WAIT).toBe('g1');
    const rbs = await hub.client.listAll<KubeObject>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' }, { namespace: 'team-g1' });
    expect(rbs.items.map((rb) => (rb.roleRef as { name: string }).name)).toEqual(['flotilla:managed-namespace:admin']);
  });

  it.each([
    { name: 'update', args: ['update', 'team-g1', '--labels', 'team=x'] },
    { name: 'create over it', args: ['create', 'team-g1'] },
    { name: 'delete', args: ['delete', 'team-g1'] },
    { name: 'role-assignment create', args: ['role-assignment', 'create', 'team-g1', '--role', 'reader', '--user', 'bob'] },
  ])('the CLI refuses to $name a record from git', async ({ args }) => {
    await expect(hub.cli(...args)).rejects.toThrow('ManagedNamespace "team-g1" comes from git (GitRepo teams); change it in its fleet.yaml, the CLI only reads it');
    expect((await managedNamespace(hub.client, 'team-g1'))?.spec.labels).toEqual({ team: 'g1' });
  });

  it('the CLI reads it: show lists the member, list shows the row', async () => {
    expect((await hub.cli('show', 'team-g1')).stdout).toMatch(/^ +east +Placed /m);
    expect((await hub.cli('list')).stdout).toMatch(/^team-g1 +1\/1 +Never +Delete/m);
  });

  it('an item removed from fleet.yaml removes its record', async () => {
    await commitFiles(hub.repoPath, { files: { 'fleet.yaml': FLEET_YAML.replace('  - name: team-g2\n', '') } });
    await expect.poll(() => managedNamespace(hub.client, 'team-g2'), WAIT).toBeUndefined();
    expect(await managedNamespace(hub.client, 'team-g1')).toBeDefined();
  });

  it('the same definition from the CLI renders the same objects as the fleet.yaml item', async () => {
    const fromGit = await managedObjects(await bundleOf('teams'), `${WORKSPACE}.team-g1`);
    expect(fromGit.map((o) => o.kind).sort()).toEqual(['Namespace', 'NetworkPolicy', 'ResourceQuota', 'RoleBinding']);
    await commitFiles(hub.repoPath, { files: { 'fleet.yaml': 'defaultNamespace: default\n' } });
    await expect.poll(() => managedNamespace(hub.client, 'team-g1'), WAIT).toBeUndefined();
    await hub.cli('create', 'team-g1', '--labels', 'team=g1', '--annotations', 'owner=g1@example.com', '--cpu-requests', '250m', '--cpu-limits', '1', '--memory-limits', '512Mi', '--ingress-policy', 'denyAll', '--delete-policy', 'delete', '--member-cluster-names', 'east');
    await hub.cli('role-assignment', 'create', 'team-g1', '--role', 'admin', '--group', 'g1-admins');
    await expect.poll(async () => ((await bundleOf('mns-team-g1'))?.spec.managedNamespaces?.[0]?.roleAssignments ?? []).length, WAIT).toBe(1);
    await expect.poll(async () => managedObjects(await bundleOf('mns-team-g1'), `${WORKSPACE}.team-g1`), WAIT).toEqual(fromGit);
  });
});
