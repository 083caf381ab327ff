/**
 * The targeting controller on a real embedded hub: Bundles become BundleDeployments in
 * their clusters' namespaces, and follow Clusters as they are relabelled, deleted, or
 * opened to another workspace by a BundleNamespaceMapping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterNamespaceName } from '../../../src/api/names.js';
import type { Bundle } from '../../../src/api/bundle.js';
import type { Cluster } from '../../../src/api/cluster.js';
import { bundleWhyCommand } from '../../../src/cli/commands/bundle-why.js';
import { bundle, cluster, create, deployedTo, deploymentOf, getObject, namespace, relabel, remove, startHub, type Hub } from './targeting-harness.js';

let hub: Hub;
const WAIT = { timeout: 15_000, interval: 50 };

beforeAll(async () => {
  hub = await startHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe('cluster namespaces', () => {
  it('a new Cluster gets its namespace on the hub and names it in status.namespace', async () => {
    const c = cluster('fleet-default', 'ns-one', {});
    await create(hub, c);
    const expected = clusterNamespaceName('fleet-default', 'ns-one');
    await expect.poll(async () => (await getObject<Cluster>(hub, { kind: 'Cluster', namespace: 'fleet-default', name: 'ns-one' }))?.status?.namespace, WAIT).toBe(expected);
    const ns = await getObject(hub, { apiVersion: 'v1', kind: 'Namespace', name: expected });
    expect(ns?.metadata.labels).toMatchObject({ 'flotilla.io/cluster-name': 'ns-one', 'flotilla.io/cluster-namespace': 'fleet-default', 'flotilla.io/managed': 'true' });
  });
});

describe('bundles follow clusters', () => {
  it('relabelling a Cluster moves its BundleDeployments', async () => {
    await create(hub, cluster('fleet-default', 'move-a', { env: 'prod' }), cluster('fleet-default', 'move-b', { env: 'dev' }));
    await create(hub, bundle('fleet-default', 'move-app', { targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] }));
    await expect.poll(() => deployedTo(hub, 'fleet-default', 'move-app'), WAIT).toEqual(['fleet-default/move-a']);
    const bd = await deploymentOf(hub, 'fleet-default', 'move-a', 'move-app');
    expect(bd?.spec.deploymentID).toMatch(/^s-[0-9a-f]+:[0-9a-f]{64}$/);
    expect(bd?.spec.stagedDeploymentID).toBe(bd?.spec.deploymentID);

    await relabel(hub, cluster('fleet-default', 'move-a', {}), { env: 'dev' });
    await relabel(hub, cluster('fleet-default', 'move-b', {}), { env: 'prod' });
    await expect.poll(() => deployedTo(hub, 'fleet-default', 'move-app'), WAIT).toEqual(['fleet-default/move-b']);
  });

  it('flotilla bundle why says which target reaches a cluster, and why another is not reached', async () => {
    const why = async (clusterName: string): Promise<string> => {
      let out = '';
      const io = { stdout: (t: string) => void (out += t), stderr: () => undefined, kubeconfigEnv: undefined, home: '/nonexistent', now: () => new Date(), interrupted: () => new AbortController().signal };
      await bundleWhyCommand(io).parseAsync(['move-app', '--cluster', clusterName, '--kubeconfig', hub.api.kubeconfigPath], { from: 'user' });
      return out;
    };
    const targeted = await why('move-b');
    expect(targeted).toContain('Bundle fleet-default/move-app on cluster fleet-default/move-b:');
    expect(targeted).toContain('targeted: target "prod" matches');
    expect(targeted).toMatch(/BundleDeployment cluster-fleet-default-move-b-[0-9a-f]{12}\/move-app: (WaitApplied|Ready)/);
    expect(await why('move-a')).toContain('not targeted (NoTargetMatched): no target matches the cluster');
  });

  it('deleting a Cluster removes its namespace and its BundleDeployments', async () => {
    const c = cluster('fleet-default', 'gone', { env: 'gone' });
    await create(hub, c, bundle('fleet-default', 'gone-app', { targets: [{ clusterSelector: { matchLabels: { env: 'gone' } } }] }));
    await expect.poll(() => deployedTo(hub, 'fleet-default', 'gone-app'), WAIT).toEqual(['fleet-default/gone']);
    await remove(hub, c);
    await expect.poll(() => getObject(hub, { apiVersion: 'v1', kind: 'Namespace', name: clusterNamespaceName('fleet-default', 'gone') }), WAIT).toBeUndefined();
    await expect.poll(() => deployedTo(hub, 'fleet-default', 'gone-app'), WAIT).toEqual([]);
  });

  it('a mapping makes a central team’s bundle reach clusters of another workspace, and removing it takes them back', async () => {
    await create(hub, namespace('team-central', { tier: 'central' }), namespace('team-edge', { tier: 'edge' }));
    await create(hub, cluster('team-edge', 'edge-1', { site: 'edge' }), cluster('team-central', 'hq', { site: 'edge' }));
    await create(hub, bundle('team-central', 'shared', { targets: [{ clusterSelector: { matchLabels: { site: 'edge' } } }] }, { shared: 'yes' }));
    await expect.poll(() => deployedTo(hub, 'team-central', 'shared'), WAIT).toEqual(['team-central/hq']);

    const mapping = { apiVersion: 'flotilla.io/v1alpha1', kind: 'BundleNamespaceMapping', metadata: { name: 'to-edge', namespace: 'team-central' }, bundleSelector: { matchLabels: { shared: 'yes' } }, namespaceSelector: { matchLabels: { tier: 'edge' } } };
    await create(hub, mapping);
    await expect.poll(() => deployedTo(hub, 'team-central', 'shared'), WAIT).toEqual(['team-central/hq', 'team-edge/edge-1']);
    await remove(hub, mapping);
    await expect.poll(() => deployedTo(hub, 'team-central', 'shared'), WAIT).toEqual(['team-central/hq']);
  });

  it('an invalid selector changes nothing and shows a Stalled condition', async () => {
    await create(hub, cluster('fleet-default', 'keep', { app: 'keep' }), bundle('fleet-default', 'keep-app', { targets: [{ clusterSelector: { matchLabels: { app: 'keep' } } }] }));
    await expect.poll(() => deployedTo(hub, 'fleet-default', 'keep-app'), WAIT).toEqual(['fleet-default/keep']);
    await hub.client.patch(
      { apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle', namespace: 'fleet-default', name: 'keep-app' },
      { spec: { targets: [{ clusterSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }] } },
      { type: 'merge' },
    );
    await expect
      .poll(async () => (await getObject<Bundle>(hub, { kind: 'Bundle', namespace: 'fleet-default', name: 'keep-app' }))?.status?.conditions?.find((c) => c.type === 'Stalled'), WAIT)
      .toMatchObject({ status: 'True', reason: 'InvalidSelector' });
    expect(await deployedTo(hub, 'fleet-default', 'keep-app')).toEqual(['fleet-default/keep']);
  });

  it('of two same-named bundles from different workspaces reaching one cluster, the second is refused naming both', async () => {
    await create(hub, namespace('team-dup', { dup: 'yes' }));
    await create(hub, cluster('fleet-default', 'dup-target', { dup: 'target' }));
    await create(hub, bundle('fleet-default', 'dup-app', { targets: [{ clusterSelector: { matchLabels: { dup: 'target' } } }] }));
    await expect.poll(() => deployedTo(hub, 'fleet-default', 'dup-app'), WAIT).toEqual(['fleet-default/dup-target']);
    await create(hub, bundle('team-dup', 'dup-app', { targets: [{ clusterSelector: { matchLabels: { dup: 'target' } } }] }, { dup: 'yes' }));
    await create(hub, { apiVersion: 'flotilla.io/v1alpha1', kind: 'BundleNamespaceMapping', metadata: { name: 'all', namespace: 'team-dup' }, bundleSelector: {}, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'fleet-default' } } });
    await expect
      .poll(async () => (await getObject<Bundle>(hub, { kind: 'Bundle', namespace: 'team-dup', name: 'dup-app' }))?.status?.conditions?.find((c) => c.type === 'Targeted'), WAIT)
      .toMatchObject({ status: 'False', reason: 'DuplicateBundleName' });
    const targeted = (await getObject<Bundle>(hub, { kind: 'Bundle', namespace: 'team-dup', name: 'dup-app' }))?.status?.conditions?.find((c) => c.type === 'Targeted');
    expect(targeted?.message).toContain('team-dup/dup-app');
    expect(targeted?.message).toContain('fleet-default/dup-app');
    expect(await deployedTo(hub, 'team-dup', 'dup-app')).toEqual([]);
    expect(await deployedTo(hub, 'fleet-default', 'dup-app')).toEqual(['fleet-default/dup-target']);
  });
});
