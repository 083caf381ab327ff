/**
 * Per-cluster Helm values end to end: `${ .ClusterName }`, `${ .ClusterLabels.region }` and
 * `${ .ClusterValues.greeting }` substituted per member, a values file, and a target
 * customization's `helm.values` merged over them for prod clusters only; and Rancher
 * Fleet's helm-kustomize layout, where a prod customization's `kustomize.dir` patches the
 * chart's output. Each member's objects are checked field by field, so a value that leaked
 * from one member to the other shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configMapOn, deploymentShape, fixtureTree, startHelmFleet, WAIT, type HelmFleet, type MemberName } from './deploy-harness.js';

let fleet: HelmFleet;

beforeAll(async () => {
  fleet = await startHelmFleet();
  const files = {
    ...(await fixtureTree('repos/per-cluster', 'per-cluster')),
    ...(await fixtureTree('charts/greeter', 'per-cluster/greeter')),
    ...(await fixtureTree('repos/helm-kustomize', 'helm-kustomize')),
    ...(await fixtureTree('charts/greeter', 'helm-kustomize/greeter')),
  };
  await fleet.commit(files, 'per-cluster values and helm-kustomize');
  await fleet.addGitRepo('values', { paths: ['per-cluster'] });
  await fleet.addGitRepo('layout', { paths: ['helm-kustomize'] });
}, 120_000);

afterAll(async () => {
  await fleet?.stop();
});

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

describe('per-cluster values', () => {
  it.each(perCluster)('$name', async ({ member, data, deployment }) => {
    await expect.poll(async () => (await configMapOn(fleet, member, 'helm-per-cluster', 'tailored-settings'))?.data, WAIT).toEqual(data);
    const configMap = await configMapOn(fleet, member, 'helm-per-cluster', 'tailored-settings');
    expect(configMap?.metadata.labels?.['greeter.example.com/tier']).toBe(member === 'west' ? 'premium' : 'standard');
    expect(await deploymentShape(fleet, member, 'helm-per-cluster', 'tailored')).toEqual(deployment);
  });
});

const layout: Array<{ name: string; member: MemberName; greeting: string; replicas: number; overlayLabel: string | undefined }> = [
  { name: 'a staging member gets the chart’s output unpatched', member: 'east', greeting: 'hello', replicas: 1, overlayLabel: undefined },
  { name: 'a prod member gets the chart’s output with the kustomize overlay’s patches', member: 'west', greeting: 'patched by kustomize', replicas: 5, overlayLabel: 'prod' },
];

describe('helm-kustomize layout', () => {
  it.each(layout)('$name', async ({ member, greeting, replicas, overlayLabel }) => {
    await expect.poll(async () => (await configMapOn(fleet, member, 'helm-kustomize', 'kustomized-settings'))?.data?.greeting, WAIT).toBe(greeting);
    const configMap = await configMapOn(fleet, member, 'helm-kustomize', 'kustomized-settings');
    expect(configMap?.data).toEqual({ greeting, cluster: 'unknown', region: 'none', chartVersion: '0.1.0', releaseNamespace: 'helm-kustomize' });
    const shape = await deploymentShape(fleet, member, 'helm-kustomize', 'kustomized');
    expect(shape).toMatchObject({ replicas, image: 'registry.example.com/greeter:1.0', greeting: 'hello' });
    expect(shape?.labels?.overlay).toBe(overlayLabel);
    expect(shape?.labels).toMatchObject({ 'app.kubernetes.io/instance': 'kustomized', 'helm.sh/chart': 'greeter-0.1.0' });
  });
});
