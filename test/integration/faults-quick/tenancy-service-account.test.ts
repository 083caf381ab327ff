/**
 * A tenant's repository aimed at what its workspace may not deploy (issue 12, hostile
 * repositories): a manifest in another tenant's namespace, a ClusterRole, a Namespace.
 *
 * - Workspace team-a is restricted to its deployer service account (GitRepoRestriction
 *   `defaultServiceAccount`, `allowedServiceAccounts`): the agent applies its bundles as
 *   `team-a-deployer`, which may edit `team-a-apps` only, so the member refuses the rest;
 *   each refusal shows on the BundleDeployment, the Bundle and the GitRepo naming the object
 *   (a fleet.yaml borrowing the other tenant's account is refused on the hub already),
 *   and the other tenant's namespace is left exactly as it was, also after the hostile
 *   manifest leaves the repository (it is not pruned as if it had been applied).
 * - Workspace team-b is also restricted to `allowedTargetNamespaces: [team-b-apps]`: a GitRepo
 *   without a targetNamespace or aimed at team-a's namespace is refused on the hub, a manifest
 *   naming team-a's namespace lands in team-b's, and a ClusterRole is refused when rendering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../../src/api/bundle.js';
import { API_VERSION } from '../../../src/api/group.js';
import { startTenancyWorld, TEAM_A, TEAM_B, type TenancyWorld } from '../../faults/support/tenancy-harness.js';
import { setUpTenants, tenantObjects } from '../../faults/support/tenancy-members.js';
import { conditionOf, deploymentOn, getOrUndefined } from '../../faults/support/tenancy-objects.js';

// Generous: the machine may be busy; a protection that fails shows as a wrong value, not a slow one.
const WAIT = { timeout: 60_000, interval: 200 };
const cm = (name: string, namespace?: string, owner = 'a') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  owner: ${owner}\n`;
const clusterRole = (name: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n`;
const files = {
  'a/own/fleet.yaml': 'defaultNamespace: team-a-apps\n',
  'a/own/cm.yaml': cm('a-app'),
  'a/cross/cm.yaml': cm('b-config', 'team-b-apps', 'a-was-here'),
  // One object the deployer may write and one of the other tenant's it may not (not named by
  // any other bundle: an object another inventory lists is never pruned, which would hide a leak).
  'a/cross2/cm.yaml': `${cm('a-cross2', 'team-a-apps')}---\n${cm('b-other', 'team-b-apps', 'a-again')}`,
  'a/clusterrole/role.yaml': clusterRole('team-a-superuser'),
  // The tenant controls fleet.yaml: here it borrows the other tenant's deployer.
  'a/borrow/fleet.yaml': 'serviceAccount: team-b-deployer\n',
  'a/borrow/cm.yaml': cm('b-config', 'team-b-apps', 'borrowed'),
  'a/namespace/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a-extra\n',
  'b/ok/cm.yaml': cm('b-app', 'team-a-apps', 'b'),
  'b/cluster/role.yaml': clusterRole('team-b-superuser'),
};
const ALL = [{ name: 'all', clusterSelector: {} }];

// A test may wait on several steps of the pipeline, each up to WAIT, on a busy machine.
describe('a tenant repository aimed at another tenant’s namespace and at cluster-scoped kinds', { timeout: 180_000 }, () => {
  let w: TenancyWorld;
  /** The tenants' own objects before any GitRepo exists (with resourceVersions). */
  const before: { a: Awaited<ReturnType<typeof tenantObjects>>; b: Awaited<ReturnType<typeof tenantObjects>> } = { a: [], b: [] };
  const a1 = () => w.members.a1!;
  const b1 = () => w.members.b1!;
  const bundle = (workspace: string, name: string) => getOrUndefined<Bundle>(w.admin, { apiVersion: API_VERSION, kind: 'Bundle', namespace: workspace, name });

  beforeAll(async () => {
    w = await startTenancyWorld({
      files,
      members: [
        { name: 'a1', workspace: TEAM_A, labels: {} },
        { name: 'b1', workspace: TEAM_B, labels: {} },
      ],
    });
    for (const m of [a1(), b1()]) await setUpTenants(m.client);
    await a1().client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b-other', namespace: 'team-b-apps' }, data: { owner: 'b' } });
    before.b = await tenantObjects(a1().client, 'team-b-apps');
    before.a = await tenantObjects(b1().client, 'team-a-apps');
    const restriction = (workspace: string, deployer: string, extra: Record<string, unknown>) => ({
      apiVersion: API_VERSION,
      kind: 'GitRepoRestriction',
      metadata: { name: 'tenant', namespace: workspace },
      defaultServiceAccount: deployer,
      allowedServiceAccounts: [deployer],
      ...extra,
    });
    await w.admin.create(restriction(TEAM_A, 'team-a-deployer', {}));
    await w.admin.create(restriction(TEAM_B, 'team-b-deployer', { allowedTargetNamespaces: ['team-b-apps'] }));
    await w.createGitRepo(TEAM_A, 'tenant-a', { branch: 'main', paths: ['a/own', 'a/cross', 'a/cross2', 'a/clusterrole', 'a/namespace', 'a/borrow'], targets: ALL });
    await w.createGitRepo(TEAM_A, 'sneaky', { branch: 'main', paths: ['a/own'], targets: ALL, serviceAccount: 'flotilla-agent' });
    await w.createGitRepo(TEAM_B, 'tenant-b', { branch: 'main', paths: ['b/ok', 'b/cluster'], targets: ALL, targetNamespace: 'team-b-apps' });
    await w.createGitRepo(TEAM_B, 'no-target', { branch: 'main', paths: ['b/ok'], targets: ALL });
    await w.createGitRepo(TEAM_B, 'wrong-target', { branch: 'main', paths: ['b/ok'], targets: ALL, targetNamespace: 'team-a-apps' });
  }, 120_000);

  afterAll(async () => {
    await w?.stop();
  }, 120_000);

  const refusals = [
    { name: 'a ConfigMap in the other tenant’s namespace', bundle: 'tenant-a-a-cross', names: 'configmaps "b-config"', at: 'in the namespace "team-b-apps"' },
    { name: 'a ClusterRole', bundle: 'tenant-a-a-clusterrole', names: 'clusterroles.rbac.authorization.k8s.io "team-a-superuser"', at: 'at the cluster scope' },
    { name: 'a Namespace', bundle: 'tenant-a-a-namespace', names: 'namespaces "team-a-extra"', at: 'team-a-deployer' },
  ];

  it('team-a’s own bundle is applied as its deployer service account (the restriction’s default)', async () => {
    await expect.poll(async () => conditionOf(await deploymentOn(w.admin, a1(), 'tenant-a-a-own'), 'Ready').status, WAIT).toBe('True');
    expect((await deploymentOn(w.admin, a1(), 'tenant-a-a-own'))?.spec.options?.serviceAccount).toBe('team-a-deployer');
    expect((await getOrUndefined(a1().client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a-apps', name: 'a-app' }))?.data).toEqual({ owner: 'a' });
  });

  it.each(refusals)('$name is refused by the member, named on the BundleDeployment, the Bundle and the GitRepo', async ({ bundle: name, names, at }) => {
    await expect.poll(async () => conditionOf(await deploymentOn(w.admin, a1(), name), 'Installed').reason, WAIT).toBe('ApplyFailed');
    const installed = conditionOf(await deploymentOn(w.admin, a1(), name), 'Installed');
    expect(installed.message).toContain(`${names} is forbidden: User "system:serviceaccount:flotilla-system:team-a-deployer"`);
    expect(installed.message).toContain(at);
    // The Bundle gathers its BundleDeployments' status changes for a moment (coalesced) before it shows them.
    await expect.poll(async () => (await bundle(TEAM_A, name))?.status?.summary?.errApplied, WAIT).toBe(1);
    const b = await bundle(TEAM_A, name);
    expect(JSON.stringify(b?.status?.summary?.nonReadyResources)).toContain(JSON.stringify(names).slice(1, -1));
    await expect.poll(async () => JSON.stringify((await w.getGitRepo(TEAM_A, 'tenant-a')).status?.summary), WAIT).toContain(JSON.stringify(names).slice(1, -1));
  });

  it('nothing cluster-scoped was created and the other tenant’s namespace is exactly as it was, on both members', async () => {
    for (const m of [a1(), b1()]) {
      expect(await getOrUndefined(m.client, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'team-a-superuser' })).toBeUndefined();
      expect(await getOrUndefined(m.client, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'team-b-superuser' })).toBeUndefined();
      expect(await getOrUndefined(m.client, { apiVersion: 'v1', kind: 'Namespace', name: 'team-a-extra' })).toBeUndefined();
    }
    expect(before.b.map((o) => o.name)).toEqual(['b-config', 'b-other']);
    expect(await tenantObjects(a1().client, 'team-b-apps')).toEqual(before.b);
  });

  it('a GitRepo naming a service account the restriction does not allow deploys nothing, and its Bundle says why', async () => {
    await expect.poll(async () => conditionOf(await bundle(TEAM_A, 'sneaky-a-own'), 'Targeted').reason, WAIT).toBe('RestrictedByGitRepoRestriction');
    expect(conditionOf(await bundle(TEAM_A, 'sneaky-a-own'), 'Targeted').message).toContain('service account "flotilla-agent" is not one of the allowed team-a-deployer');
    expect(await deploymentOn(w.admin, a1(), 'sneaky-a-own')).toBeUndefined();
  });

  it('a fleet.yaml borrowing the other tenant’s service account deploys nothing, and its Bundle says why', async () => {
    await expect.poll(async () => conditionOf(await bundle(TEAM_A, 'tenant-a-a-borrow'), 'Targeted').message ?? '', WAIT).toContain(
      'service account "team-b-deployer" is not one of the allowed team-a-deployer',
    );
    expect(await deploymentOn(w.admin, a1(), 'tenant-a-a-borrow')).toBeUndefined();
    expect(await tenantObjects(a1().client, 'team-b-apps')).toEqual(before.b);
  });

  it.each([
    { name: 'a GitRepo without a targetNamespace', repo: 'no-target', message: 'a targetNamespace is required, one of team-b-apps' },
    { name: 'a GitRepo aimed at team-a’s namespace', repo: 'wrong-target', message: 'target namespace "team-a-apps" is not one of the allowed team-b-apps' },
  ])('in team-b (allowedTargetNamespaces), $name deploys nothing, and its Bundle says why', async ({ repo, message }) => {
    await expect.poll(async () => conditionOf(await bundle(TEAM_B, `${repo}-b-ok`), 'Targeted').message ?? '', WAIT).toContain(message);
    expect(await deploymentOn(w.admin, b1(), `${repo}-b-ok`)).toBeUndefined();
  });

  it('in team-b, a manifest naming team-a’s namespace lands in team-b’s, and its ClusterRole is refused by the member', async () => {
    await expect.poll(async () => (await getOrUndefined(b1().client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-b-apps', name: 'b-app' }))?.data, WAIT).toEqual({ owner: 'b' });
    expect(await tenantObjects(b1().client, 'team-a-apps')).toEqual(before.a);
    await expect.poll(async () => conditionOf(await deploymentOn(w.admin, b1(), 'tenant-b-b-cluster'), 'Installed').message ?? '', WAIT).toContain(
      'clusterroles.rbac.authorization.k8s.io "team-b-superuser" is forbidden',
    );
  });

  it('dropping the refused manifest from git does not prune the other tenant’s object it named', async () => {
    await w.commit({ 'a/cross/cm.yaml': cm('a-cross', 'team-a-apps') });
    await expect.poll(async () => conditionOf(await deploymentOn(w.admin, a1(), 'tenant-a-a-cross'), 'Ready').status, WAIT).toBe('True');
    expect((await getOrUndefined(a1().client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a-apps', name: 'a-cross' }))?.data).toEqual({ owner: 'a' });
    expect(await tenantObjects(a1().client, 'team-b-apps')).toEqual(before.b);
  });

  it('removing a refused bundle altogether deletes what it applied and not the other tenant’s object it named', async () => {
    await expect.poll(async () => conditionOf(await deploymentOn(w.admin, a1(), 'tenant-a-a-cross2'), 'Installed').message ?? '', WAIT).toContain('configmaps "b-other" is forbidden');
    expect((await getOrUndefined(a1().client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a-apps', name: 'a-cross2' }))?.data).toEqual({ owner: 'a' });
    await w.commit({ 'a/cross2/cm.yaml': null });
    await expect.poll(() => deploymentOn(w.admin, a1(), 'tenant-a-a-cross2'), WAIT).toBeUndefined();
    // The agent's removal deleting the object the bundle did apply shows it has run.
    await expect.poll(() => getOrUndefined(a1().client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a-apps', name: 'a-cross2' }), WAIT).toBeUndefined();
    expect(await tenantObjects(a1().client, 'team-b-apps')).toEqual(before.b);
  });
});
