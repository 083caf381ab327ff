/**
 * Rancher Fleet's helm-kustomize layout end to end: a chart in the bundle, and for prod
 * clusters a target customization whose `kustomize.dir` holds a kustomization with only
 * patches, which apply to the chart's rendered output. The staging member must get the
 * chart's output unpatched, the prod member the patched objects.
 */
import { describe, expect, it } from 'vitest';
import { configMapOn, deploymentShape, fixtureTree, STEP_TIMEOUT, WAIT, type HelmFleet, type MemberName, useHelmFleet } from './deploy-harness.js';

let fleet: HelmFleet;

useHelmFleet(
  async (started) => {
    fleet = started;
    const files = {
      ...(await fixtureTree('repos/helm-kustomize', 'helm-kustomize')),
      ...(await fixtureTree('charts/greeter', 'helm-kustomize/greeter')),
    };
    await fleet.commit(files, 'helm-kustomize');
    await fleet.addGitRepo('layout', { paths: ['helm-kustomize'] });
  },
);

const layout: Array<{ name: string; member: MemberName; greeting: string; replicas: number; overlayLabel: string | undefined }> = [
  { name: 'a staging member gets the chart’s output unpatched', member: 'east', greeting: 'hello', replicas: 1, overlayLabel: undefined },
  { name: 'a prod member gets the chart’s output with the kustomize overlay’s patches', member: 'west', greeting: 'patched by kustomize', replicas: 5, overlayLabel: 'prod' },
];

describe('helm-kustomize layout', { timeout: STEP_TIMEOUT }, () => {
  it.each(layout)('$name', async ({ member, greeting, replicas, overlayLabel }) => {
    await expect.poll(async () => (await configMapOn(fleet, member, 'helm-kustomize', 'kustomized-settings'))?.data?.greeting, WAIT).toBe(greeting);
    const configMap = await configMapOn(fleet, member, 'helm-kustomize', 'kustomized-settings');
    expect(configMap?.data).toEqual({ greeting, cluster: 'unknown', region: 'none', chartVersion: '0.1.0', releaseNamespace: 'helm-kustomize' });
    await expect.poll(() => deploymentShape(fleet, member, 'helm-kustomize', 'kustomized'), WAIT).toMatchObject({ replicas, image: 'registry.example.com/greeter:1.0', greeting: 'hello' });
    const shape = await deploymentShape(fleet, member, 'helm-kustomize', 'kustomized');
    expect(shape?.labels?.overlay).toBe(overlayLabel);
    expect(shape?.labels).toMatchObject({ 'app.kubernetes.io/instance': 'kustomized', 'helm.sh/chart': 'greeter-0.1.0' });
  });
});
