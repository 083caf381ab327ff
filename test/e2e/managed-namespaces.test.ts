/**
 * Managed namespaces end to end: `flotilla namespace` on a real hub, the controllers, and an
 * agent per member cluster applying to real member API servers. Checks the members' actual
 * objects for each network policy and quota choice, proves delegated access with real
 * requests as the delegated users, and applies both delete policies on deletion and on
 * member removal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../src/api/group.js';
import type { KubeObject } from '../../src/api/meta.js';
import { isForbidden } from '../../src/kube/api-error.js';
import type { ObjectClient } from '../../src/kube/object-client.js';
import { getOrUndefined, namespaceGone, namespaceOn, startFleet, WORKSPACE, type Fleet, type MemberName, type UserName } from './managed-namespaces-harness.js';

const WAIT = { timeout: 30_000, interval: 200 };
const OWNER = (name: string) => `${WORKSPACE}.${name}`;
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet();
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
});

async function placed(name: string): Promise<void> {
  await fleet.cli('wait', name, '--for', 'placed', '--timeout', '30s');
}

function quota(member: MemberName, ns: string): Promise<KubeObject | undefined> {
  return getOrUndefined(fleet.member[member], { apiVersion: 'v1', kind: 'ResourceQuota', namespace: ns, name: 'flotilla-resource-quota' });
}

function policy(member: MemberName, ns: string): Promise<KubeObject | undefined> {
  return getOrUndefined(fleet.member[member], { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: ns, name: 'flotilla-network-policy' });
}

async function bindings(member: MemberName, ns: string): Promise<string[]> {
  const { items } = await fleet.member[member].listAll<KubeObject>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' }, { namespace: ns });
  return items.map((rb) => (rb.roleRef as { name: string }).name).sort();
}

describe('placement on the members', () => {
  it('places the namespace with its labels, quota, policy and bindings on every listed member', async () => {
    await fleet.cli('create', 'team-e', '--labels', 'team=e', '--annotations', 'owner=e@example.com', '--cpu-requests', '500m', '--cpu-limits', '1', '--memory-requests', '256Mi', '--memory-limits', '1Gi', '--ingress-policy', 'allowSameNamespace', '--egress-policy', 'denyAll', '--member-cluster-names', 'east', 'west');
    for (const [role, user] of [['reader', 'alice'], ['writer', 'wendy'], ['admin', 'adam']] as const) await fleet.cli('role-assignment', 'create', 'team-e', '--role', role, '--user', user);
    await placed('team-e');
    for (const m of ['east', 'west'] as const) {
      const ns = await namespaceOn(fleet.member[m], 'team-e');
      expect(ns?.metadata.labels).toMatchObject({ team: 'e', 'flotilla.io/managed-namespace': OWNER('team-e') });
      expect(ns?.metadata.annotations).toMatchObject({ owner: 'e@example.com', 'flotilla.io/delete-policy': 'Keep' });
      expect((await quota(m, 'team-e'))?.spec).toEqual({ hard: { 'requests.cpu': '500m', 'limits.cpu': '1', 'requests.memory': '256Mi', 'limits.memory': '1Gi' } });
      expect((await policy(m, 'team-e'))?.spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-e' } } }] }],
        egress: [],
      });
      await expect.poll(() => bindings(m, 'team-e'), WAIT).toEqual(['flotilla:managed-namespace:admin', 'flotilla:managed-namespace:reader', 'flotilla:managed-namespace:writer']);
    }
    const { stdout } = await fleet.cli('show', 'team-e');
    expect(stdout).toMatch(/^ +east +Placed /m);
    expect(stdout).toMatch(/^ +west +Placed /m);
  });

  it.each([
    { name: 'AllowAll in both directions is one empty rule each', flags: ['--ingress-policy', 'allowAll', '--egress-policy', 'AllowAll'], spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] } },
    { name: 'DenyAll ingress alone lists only Ingress, with no rule', flags: ['--ingress-policy', 'denyAll'], spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [] } },
    { name: 'AllowSameNamespace egress alone peers with the namespace itself', flags: ['--egress-policy', 'allowSameNamespace'], spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-p' } } }] }] } },
    { name: 'no policy flag creates no NetworkPolicy', flags: [], spec: undefined },
  ])('network policy: $name', async ({ flags, spec }) => {
    await fleet.cli('create', 'team-p', '--member-cluster-names', 'east', '--cpu-limits', '2', ...flags);
    await placed('team-p');
    await expect.poll(async () => (await policy('east', 'team-p'))?.spec, WAIT).toEqual(spec);
    expect((await quota('east', 'team-p'))?.spec).toEqual({ hard: { 'limits.cpu': '2' } });
  });

  it('a definition without quota has no ResourceQuota on the member', async () => {
    await fleet.cli('create', 'team-p', '--member-cluster-names', 'east', '--delete-policy', 'delete');
    await placed('team-p');
    await expect.poll(() => quota('east', 'team-p'), WAIT).toBeUndefined();
    await fleet.cli('delete', 'team-p');
    await expect.poll(() => namespaceGone(fleet.member.east, 'team-p'), WAIT).toBe(true);
  });
});

async function forbidden(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return false;
  } catch (err) {
    if (isForbidden(err)) return true;
    throw err;
  }
}

describe('delegated access on a member, as the delegated users', () => {
  const secret = (ns: string) => ({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'db' });
  const roleBinding = (ns: string, name: string): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'mallory' }],
  });
  let as: Record<UserName, ObjectClient>;

  beforeAll(async () => {
    await fleet.member.east.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'team-e' }, stringData: { password: 'x' } });
    await fleet.member.east.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elsewhere' } });
    await fleet.member.east.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'elsewhere' }, stringData: { password: 'y' } });
    as = { alice: await fleet.as('alice', 'east'), wendy: await fleet.as('wendy', 'east'), adam: await fleet.as('adam', 'east'), carl: await fleet.as('carl', 'east') };
  });

  it('a Reader reads ConfigMaps but cannot read Secrets or RoleBindings', async () => {
    expect((await as.alice.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'team-e' })).items).toBeDefined();
    expect(await forbidden(() => as.alice.get(secret('team-e')))).toBe(true);
    expect(await forbidden(() => as.alice.list({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' }, { namespace: 'team-e' }))).toBe(true);
  });

  it('a Writer reads Secrets but cannot create a RoleBinding', async () => {
    expect((await as.wendy.get<KubeObject>(secret('team-e'))).metadata.name).toBe('db');
    expect(await forbidden(() => as.wendy.create(roleBinding('team-e', 'by-wendy')))).toBe(true);
  });

  it('an Admin cannot change the ResourceQuota', async () => {
    const ref = { apiVersion: 'v1', kind: 'ResourceQuota', namespace: 'team-e', name: 'flotilla-resource-quota' };
    expect(await forbidden(() => as.adam.patch(ref, { spec: { hard: { 'limits.cpu': '100' } } }, { type: 'merge' }))).toBe(true);
    expect(await forbidden(() => as.adam.delete(ref))).toBe(true);
    expect((await quota('east', 'team-e'))?.spec).toMatchObject({ hard: { 'limits.cpu': '1' } });
  });

  it.each(['alice', 'wendy', 'adam'] as const)('%s cannot touch another namespace', async (user) => {
    expect(await forbidden(() => as[user].get(secret('elsewhere')))).toBe(true);
    expect(await forbidden(() => as[user].list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'elsewhere' }))).toBe(true);
    expect(await forbidden(() => as[user].create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'elsewhere' } }))).toBe(true);
  });

  it('a ClusterAdmin, once the workspace allows it, can read another namespace', async () => {
    expect(await forbidden(() => as.carl.get(secret('elsewhere')))).toBe(true);
    await fleet.hub.create({ apiVersion: API_VERSION, kind: 'GitRepoRestriction', metadata: { name: 'admins', namespace: WORKSPACE }, allowClusterAdminRoleAssignments: true });
    await fleet.cli('role-assignment', 'create', 'team-e', '--role', 'cluster-admin', '--user', 'carl');
    await expect.poll(async () => !(await forbidden(() => as.carl.get(secret('elsewhere')))), WAIT).toBe(true);
    await placed('team-e');
    await fleet.cli('role-assignment', 'delete', 'team-e', '--role', 'cluster-admin', '--user', 'carl');
    const memberBindings = async () => (await fleet.member.east.listAll<KubeObject>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' }, { labelSelector: 'flotilla.io/managed-namespace' })).items.map((c) => c.metadata.name);
    await expect.poll(memberBindings, WAIT).toEqual([]);
    await expect.poll(() => forbidden(() => as.carl.get(secret('elsewhere'))), WAIT).toBe(true);
  });
});

describe('delete policies', () => {
  it('Keep on member removal: the namespace stays on the dropped member with its quota and policy, released and without bindings', async () => {
    await fleet.cli('update', 'team-e', '--member-cluster-names', 'east');
    await expect.poll(async () => (await namespaceOn(fleet.member.west, 'team-e'))?.metadata.labels?.['flotilla.io/managed-namespace'], WAIT).toBeUndefined();
    const ns = await namespaceOn(fleet.member.west, 'team-e');
    expect(ns?.metadata.deletionTimestamp).toBeUndefined();
    expect(ns?.metadata.labels?.team).toBe('e');
    await expect.poll(() => bindings('west', 'team-e'), WAIT).toEqual([]);
    expect(await quota('west', 'team-e')).toBeDefined();
    expect(await policy('west', 'team-e')).toBeDefined();
    expect((await namespaceOn(fleet.member.east, 'team-e'))?.metadata.labels?.['flotilla.io/managed-namespace']).toBe(OWNER('team-e'));
  });

  it('Keep on deletion: the namespace stays on the member, released and without bindings', async () => {
    await fleet.cli('delete', 'team-e');
    await fleet.cli('wait', 'team-e', '--for', 'deleted', '--timeout', '30s');
    await expect.poll(async () => (await namespaceOn(fleet.member.east, 'team-e'))?.metadata.labels?.['flotilla.io/managed-namespace'], WAIT).toBeUndefined();
    await expect.poll(() => bindings('east', 'team-e'), WAIT).toEqual([]);
    expect((await namespaceOn(fleet.member.east, 'team-e'))?.metadata.deletionTimestamp).toBeUndefined();
    expect(await getOrUndefined(fleet.member.east, { apiVersion: 'v1', kind: 'Secret', namespace: 'team-e', name: 'db' })).toBeDefined();
  });

  it('Delete on member removal deletes the namespace on the dropped member only', async () => {
    await fleet.cli('create', 'team-d', '--labels', 'team=d', '--delete-policy', 'delete', '--member-cluster-names', 'east', 'west');
    await placed('team-d');
    await fleet.cli('update', 'team-d', '--member-cluster-names', 'east');
    await expect.poll(() => namespaceGone(fleet.member.west, 'team-d'), WAIT).toBe(true);
    expect(await namespaceGone(fleet.member.east, 'team-d')).toBe(false);
  });

  it('Delete on deletion deletes the namespace on the member', async () => {
    await fleet.cli('delete', 'team-d');
    await expect.poll(() => namespaceGone(fleet.member.east, 'team-d'), WAIT).toBe(true);
  });

  it('an unmanaged namespace of the same name on a member not in the list is never touched', async () => {
    await fleet.member.west.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-u', labels: { mine: 'yes' } } });
    await fleet.cli('create', 'team-u', '--labels', 'team=u', '--delete-policy', 'delete', '--member-cluster-names', 'east');
    await placed('team-u');
    await fleet.cli('delete', 'team-u');
    await expect.poll(() => namespaceGone(fleet.member.east, 'team-u'), WAIT).toBe(true);
    expect((await namespaceOn(fleet.member.west, 'team-u'))?.metadata).toMatchObject({ labels: { mine: 'yes' } });
    expect((await namespaceOn(fleet.member.west, 'team-u'))?.metadata.deletionTimestamp).toBeUndefined();
  });
});
