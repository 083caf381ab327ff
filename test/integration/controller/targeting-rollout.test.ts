/**
 * Rollouts and status on a real embedded hub, with BundleDeployment readiness written as an
 * agent would: a new version rolls out only while the unavailable clusters stay within
 * maxUnavailable, and the Bundle, GitRepo, Cluster and ClusterGroup summaries follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../../src/api/bundle.js';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { Cluster } from '../../../src/api/cluster.js';
import type { ClusterGroup } from '../../../src/api/cluster-group.js';
import type { GitRepo } from '../../../src/api/git-repo.js';
import { API_VERSION } from '../../../src/api/group.js';
import { bundle, cluster, create, deploymentOf, getObject, reportApplied, startHub, type Hub } from './targeting-harness.js';

let hub: Hub;
const WAIT = { timeout: 15_000, interval: 50 };
const WS = 'fleet-default';
const CLUSTERS = ['roll-1', 'roll-2', 'roll-3', 'roll-4'];

beforeAll(async () => {
  hub = await startHub();
  for (const name of CLUSTERS) await create(hub, cluster(WS, name, { roll: 'yes' }));
  await create(hub, { apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name: 'rollrepo', namespace: WS }, spec: { repo: 'https://git.example.com/roll.git', targets: [{ clusterSelector: { matchLabels: { roll: 'yes' } } }] } });
  await create(hub, { apiVersion: API_VERSION, kind: 'ClusterGroup', metadata: { name: 'rollers', namespace: WS }, spec: { selector: { matchLabels: { roll: 'yes' } } } });
  await create(hub, bundle(WS, 'rollrepo-app', { rolloutStrategy: { maxUnavailable: 1 } }, { 'flotilla.io/repo-name': 'rollrepo' }));
});

afterAll(async () => {
  await hub?.stop();
});

async function deployments(): Promise<BundleDeployment[]> {
  const found = await Promise.all(CLUSTERS.map((c) => deploymentOf(hub, WS, c, 'rollrepo-app')));
  return found.filter((bd): bd is BundleDeployment => bd !== undefined);
}

/** Reports every BundleDeployment whose deploymentID is not applied yet as applied and ready. */
async function agentsApply(): Promise<void> {
  for (const bd of await deployments()) if (bd.spec.deploymentID && bd.status?.appliedDeploymentID !== bd.spec.deploymentID) await reportApplied(hub, bd, { ready: true });
}

async function checkIn(): Promise<void> {
  for (const name of CLUSTERS)
    await hub.client.apply({ apiVersion: API_VERSION, kind: 'Cluster', metadata: { name, namespace: WS }, status: { agent: { lastSeen: new Date().toISOString() } } }, { fieldManager: 'flotilla-agent', force: true, subresource: 'status' });
}

const bundleStatus = async () => (await getObject<Bundle>(hub, { kind: 'Bundle', namespace: WS, name: 'rollrepo-app' }))?.status;

describe('a rollout with maxUnavailable', () => {
  it('first deploys everywhere, and the summaries count what the agents report', async () => {
    await expect.poll(async () => (await deployments()).filter((bd) => bd.spec.deploymentID).length, WAIT).toBe(4);
    await expect.poll(async () => (await bundleStatus())?.summary?.waitApplied, WAIT).toBe(4);
    expect((await bundleStatus())?.display).toEqual({ readyClusters: '0/4', state: 'WaitApplied' });

    await agentsApply();
    await checkIn();
    await expect.poll(async () => (await bundleStatus())?.display, WAIT).toEqual({ readyClusters: '4/4', state: '' });
    expect((await bundleStatus())?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    await expect
      .poll(async () => (await getObject<GitRepo>(hub, { kind: 'GitRepo', namespace: WS, name: 'rollrepo' }))?.status, WAIT)
      .toMatchObject({ display: { readyBundleDeployments: '4/4' }, readyClusters: 4, desiredReadyClusters: 4, summary: { ready: 4, desiredReady: 4 } });
    await expect
      .poll(async () => (await getObject<Cluster>(hub, { kind: 'Cluster', namespace: WS, name: 'roll-1' }))?.status, WAIT)
      .toMatchObject({ display: { readyBundles: '1/1', state: '' }, readyGitRepos: 1, desiredReadyGitRepos: 1 });
    await expect
      .poll(async () => (await getObject<ClusterGroup>(hub, { kind: 'ClusterGroup', namespace: WS, name: 'rollers' }))?.status, WAIT)
      .toMatchObject({ clusterCount: 4, nonReadyClusterCount: 0, display: { readyClusters: '4/4', readyBundles: '4/4', state: '' } });
  });

  it('a new version stops while a cluster is not ready and continues as clusters become ready', async () => {
    const before = (await deployments())[0]?.spec.deploymentID;
    await hub.client.patch(
      { apiVersion: API_VERSION, kind: 'Bundle', namespace: WS, name: 'rollrepo-app' },
      { spec: { resources: [{ name: 'configmap.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: green\n' }] } },
      { type: 'merge' },
    );
    const onNew = async () => (await deployments()).filter((bd) => bd.spec.deploymentID === bd.spec.stagedDeploymentID && bd.spec.deploymentID !== before).length;
    await expect.poll(onNew, WAIT).toBe(1);
    const staged = await deployments();
    expect(staged.every((bd) => bd.spec.stagedDeploymentID !== before)).toBe(true);
    await expect.poll(async () => (await bundleStatus())?.summary?.outOfSync, WAIT).toBe(3);

    for (let promoted = 2; promoted <= 4; promoted++) {
      // Held while the promoted cluster has not applied its new version.
      expect(await onNew()).toBe(promoted - 1);
      await agentsApply();
      await expect.poll(onNew, WAIT).toBe(promoted);
    }
    await agentsApply();
    await expect.poll(async () => (await bundleStatus())?.display, WAIT).toEqual({ readyClusters: '4/4', state: '' });
  });

  it('a cluster reported not ready shows in the Bundle, Cluster and ClusterGroup status', async () => {
    const bd = await deploymentOf(hub, WS, 'roll-3', 'rollrepo-app');
    await reportApplied(hub, bd as BundleDeployment, { ready: false });
    await expect.poll(async () => (await bundleStatus())?.summary, WAIT).toMatchObject({ ready: 3, notReady: 1, nonReadyResources: [{ name: `${WS}/roll-3`, bundleState: 'NotReady' }] });
    expect((await bundleStatus())?.display).toEqual({ readyClusters: '3/4', state: 'NotReady' });
    await expect.poll(async () => (await getObject<Cluster>(hub, { kind: 'Cluster', namespace: WS, name: 'roll-3' }))?.status?.display, WAIT).toEqual({ readyBundles: '0/1', state: 'NotReady' });
    await expect
      .poll(async () => (await getObject<ClusterGroup>(hub, { kind: 'ClusterGroup', namespace: WS, name: 'rollers' }))?.status, WAIT)
      .toMatchObject({ nonReadyClusterCount: 1, nonReadyClusters: ['roll-3'], display: { readyClusters: '3/4' } });
  });
});
