/**
 * A workspace is a tenancy boundary (issue 12, tenancy): a GitRepo of workspace team-a whose
 * selector matches a cluster of team-b by its labels reaches it only while a
 * BundleNamespaceMapping of team-a opens team-b. Without the mapping no BundleDeployment
 * appears in team-b's cluster namespace and `flotilla bundle why` names the missing mapping;
 * with it the bundle lands on team-b's member; removing it takes the bundle back, deleting
 * its objects on that member, while team-a's own cluster keeps them. Real hub, controllers,
 * git server, member clusters and agents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../src/api/group.js';
import { LABELS } from '../../../src/api/names.js';
import { startTenancyWorld, TEAM_A, TEAM_B, type TenancyWorld } from '../../faults/support/tenancy-harness.js';
import { bundleWhy, deploymentOn, getOrUndefined } from '../../faults/support/tenancy-objects.js';

// Generous: the machine may be busy; a protection that fails shows as a wrong value, not a slow one.
const WAIT = { timeout: 60_000, interval: 200 };
const BUNDLE = 'apps-app';
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared-app\ndata:\n  owner: team-a\n';
const mapping = {
  apiVersion: API_VERSION,
  kind: 'BundleNamespaceMapping',
  metadata: { name: 'open-team-b', namespace: TEAM_A },
  bundleSelector: { matchLabels: { [LABELS.repoName]: 'apps' } },
  namespaceSelector: { matchLabels: { tenant: 'b' } },
};

// A test may wait on several steps of the pipeline, each up to WAIT, on a busy machine.
describe('a GitRepo of workspace team-a and the clusters of workspace team-b', { timeout: 180_000 }, () => {
  let w: TenancyWorld;
  const cmOn = (member: string) => getOrUndefined(w.members[member]!.client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'shared-app' });
  const why = (cluster: string) => bundleWhy(w.hub.kubeconfigPath, { bundle: BUNDLE, cluster, workspace: TEAM_A });

  beforeAll(async () => {
    w = await startTenancyWorld({
      files: { 'app/fleet.yaml': 'defaultNamespace: shop\n', 'app/cm.yaml': configMap },
      members: [
        { name: 'a1', workspace: TEAM_A, labels: { env: 'prod' } },
        { name: 'b1', workspace: TEAM_B, labels: { env: 'prod' } },
      ],
    });
    await w.createGitRepo(TEAM_A, 'apps', { branch: 'main', paths: ['app'], targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] });
  }, 120_000);

  afterAll(async () => {
    await w?.stop();
  }, 120_000);

  it('without a mapping, the bundle lands on team-a’s prod cluster only, and bundle why names the missing mapping for team-b’s', async () => {
    await expect.poll(async () => (await cmOn('a1'))?.data, WAIT).toEqual({ owner: 'team-a' });
    // Targeting decides a bundle's clusters in one pass: once a1 has it, b1's decision is made.
    expect(await deploymentOn(w.admin, w.members.b1!, BUNDLE)).toBeUndefined();
    expect(await cmOn('b1')).toBeUndefined();
    expect(await why(`${TEAM_B}/b1`)).toContain(`not targeted (NoNamespaceMapping): the cluster is in workspace ${TEAM_B} and no BundleNamespaceMapping of ${TEAM_A} opens it to the bundle`);
  });

  it('a mapping in the target workspace (team-b) does not open it to team-a’s bundles', async () => {
    const foreign = { ...mapping, metadata: { name: 'from-b', namespace: TEAM_B }, bundleSelector: {}, namespaceSelector: {} };
    await w.admin.create(foreign);
    // A commit after the mapping is the barrier: once a1 has it, the bundle was re-targeted with the mapping present.
    await w.commit({ 'app/cm.yaml': configMap.replace('owner: team-a', 'owner: team-a-v2') });
    await expect.poll(async () => (await cmOn('a1'))?.data, WAIT).toEqual({ owner: 'team-a-v2' });
    expect(await deploymentOn(w.admin, w.members.b1!, BUNDLE)).toBeUndefined();
    expect(await why(`${TEAM_B}/b1`)).toContain('not targeted (NoNamespaceMapping)');
    await w.admin.delete({ apiVersion: API_VERSION, kind: 'BundleNamespaceMapping', namespace: TEAM_B, name: 'from-b' });
  });

  it('a mapping of team-a that opens team-b deploys the bundle to team-b’s member', async () => {
    await w.admin.create(mapping);
    await expect.poll(async () => (await cmOn('b1'))?.data, WAIT).toEqual({ owner: 'team-a-v2' });
    expect(await deploymentOn(w.admin, w.members.b1!, BUNDLE)).toBeDefined();
    expect(await why(`${TEAM_B}/b1`)).toContain('targeted: target "prod" matches');
  });

  it('removing the mapping takes the bundle back from team-b’s member and keeps it on team-a’s', async () => {
    await w.admin.delete({ apiVersion: API_VERSION, kind: 'BundleNamespaceMapping', namespace: TEAM_A, name: 'open-team-b' });
    await expect.poll(() => deploymentOn(w.admin, w.members.b1!, BUNDLE), WAIT).toBeUndefined();
    await expect.poll(() => cmOn('b1'), WAIT).toBeUndefined();
    expect((await cmOn('a1'))?.data).toEqual({ owner: 'team-a-v2' });
    expect(await why(`${TEAM_B}/b1`)).toContain('not targeted (NoNamespaceMapping)');
  });
});
