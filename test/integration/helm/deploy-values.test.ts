/**
 * Per-cluster Helm values end to end: `${ .ClusterName }`, `${ .ClusterLabels.region }` and
 * `${ .ClusterValues.greeting }` substituted per member, a values file, and a target
 * customization's `helm.values` merged over them for prod clusters only. Each member's
 * objects are checked field by field, so a value that leaked from one member to the other
 * shows.
 */
import { describe, expect, it } from 'vitest';
import { configMapOn, deploymentShape, fixtureTree, STEP_TIMEOUT, WAIT, type HelmFleet, type MemberName, useHelmFleet } from './deploy-harness.js';

let fleet: HelmFleet;

useHelmFleet(
  async (started) => {
    fleet = started;
    const files = {
      ...(await fixtureTree('repos/per-cluster', 'per-cluster')),
      ...(await fixtureTree('charts/greeter', 'per-cluster/greeter')),
    };
    await fleet.commit(files, 'per-cluster values');
    await fleet.addGitRepo('values', { paths: ['per-cluster'] });
  },
);

const perCluster: Array<{ name: string; member: MemberName; data: Record<string, string>; deployment: Record<string, unknown> }> = [
  {
    name: 'east (staging) gets its own name, region label and template value, and the values file’s replicas and image',
    member: 'east',
    data: { greeting: 'guten tag', cluster: 'east', region: 'eu', chartVersion: '0.1.0', releaseNamespace: 'helm-per-cluster' },
    deployment: { replicas: 2, image: 'registry.example.com/greeter-from-values-file:1.5', greeting: 'guten tag', labels: expect.objectContaining({ 'greeter.example.com/tier': 'standard' }) },
  },
  {
    name: 'west (prod) gets its own substitutions, and the prod customization’s values win over the values file',
    member: 'west',
    data: { greeting: 'howdy', cluster: 'west', region: 'us', chartVersion: '0.1.0', releaseNamespace: 'helm-per-cluster' },
    deployment: { replicas: 3, image: 'registry.example.com/greeter-from-values-file:2.0', greeting: 'howdy', labels: expect.objectContaining({ 'greeter.example.com/tier': 'premium' }) },
  },
];

describe('per-cluster values', { timeout: STEP_TIMEOUT }, () => {
  it.each(perCluster)('$name', async ({ member, data, deployment }) => {
    await expect.poll(async () => (await configMapOn(fleet, member, 'helm-per-cluster', 'tailored-settings'))?.data, WAIT).toEqual(data);
    const configMap = await configMapOn(fleet, member, 'helm-per-cluster', 'tailored-settings');
    expect(configMap?.metadata.labels?.['greeter.example.com/tier']).toBe(member === 'west' ? 'premium' : 'standard');
    await expect.poll(() => deploymentShape(fleet, member, 'helm-per-cluster', 'tailored'), WAIT).toEqual(deployment);
  });
});
