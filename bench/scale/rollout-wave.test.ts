import { describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../src/api/bundle-deployment.js';
import { RolloutWave } from './rollout-wave.js';

function bd(name: string, spec: string, status: { applied?: string; ready?: boolean } = {}): BundleDeployment {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name, namespace: 'cluster-a' },
    spec: { deploymentID: spec },
    status: { ...(status.applied ? { appliedDeploymentID: status.applied } : {}), ...(status.ready !== undefined ? { ready: status.ready } : {}) },
  };
}

describe('RolloutWave', () => {
  const cases = [
    { name: 'a BundleDeployment applied and ready counts at the time it was seen', seen: [bd('b1', 's:1', { applied: 's:1', ready: true })], ready: 1, latencies: [250] },
    { name: 'one applied but not ready does not count', seen: [bd('b1', 's:1', { applied: 's:1', ready: false })], ready: 0, latencies: [] },
    { name: 'one ready with an older deployment applied does not count', seen: [bd('b1', 's:2', { applied: 's:1', ready: true })], ready: 0, latencies: [] },
    { name: 'one still on the deployment it had before the wave does not count', seen: [bd('b0', 's:0', { applied: 's:0', ready: true })], ready: 0, latencies: [] },
    { name: 'one outside the wave does not count', seen: [bd('other', 's:1', { applied: 's:1', ready: true })], ready: 0, latencies: [] },
    { name: 'a second Ready of the same BundleDeployment keeps the first time', seen: [bd('b1', 's:1', { applied: 's:1', ready: true }), bd('b1', 's:1', { applied: 's:1', ready: true })], ready: 1, latencies: [250] },
  ];
  it.each(cases)('$name', ({ seen, ready, latencies }) => {
    const wave = new RolloutWave({ expected: 2, startedAt: 1000, before: new Map([['cluster-a/b0', 's:0']]), includes: (x) => x.metadata.name !== 'other' });
    seen.forEach((x, i) => wave.observe(x, 1250 + i * 100));
    expect(wave.readyCount).toBe(ready);
    expect(wave.latenciesMs()).toEqual(latencies);
    expect(wave.done).toBe(false);
  });

  it('whenDone resolves once the expected count is Ready, and rejects with the count reached on timeout', async () => {
    const wave = new RolloutWave({ expected: 1, startedAt: 0 });
    const done = wave.whenDone(5_000);
    wave.observe(bd('b1', 's:1', { applied: 's:1', ready: true }), 10);
    await expect(done).resolves.toBeUndefined();
    await expect(new RolloutWave({ expected: 3, startedAt: 0 }).whenDone(10)).rejects.toThrow(/only 0 of 3 BundleDeployments were Ready/);
  });
});
