import { describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../../api/bundle-deployment.js';
import { bundleClusterTable } from './bundle-clusters.js';

function deployment(cluster: string, spec: BundleDeployment['spec'], status?: BundleDeployment['status']): BundleDeployment {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name: 'web', namespace: `cluster-fleet-default-${cluster}-0123456789ab`, labels: { 'flotilla.io/cluster-name': cluster, 'flotilla.io/cluster-namespace': 'fleet-default' } },
    spec,
    ...(status ? { status } : {}),
  };
}

const cases = [
  { name: 'a deployment the agent reports ready shows Ready with no message', bd: deployment('a', { deploymentID: 's:1' }, { appliedDeploymentID: 's:1', ready: true }), want: ['a', 'fleet-default', 'cluster-fleet-default-a-0123456789ab', 'Ready', ''] },
  { name: 'a deployment not applied yet waits for the agent', bd: deployment('b', { deploymentID: 's:2' }, { appliedDeploymentID: 's:1', ready: true }), want: ['b', 'fleet-default', 'cluster-fleet-default-b-0123456789ab', 'WaitApplied', ''] },
  { name: 'a staged deployment the rollout holds back is out of sync', bd: deployment('c', { stagedDeploymentID: 's:1' }), want: ['c', 'fleet-default', 'cluster-fleet-default-c-0123456789ab', 'OutOfSync', ''] },
  {
    name: 'the agent’s own state and failing condition are shown as written',
    bd: deployment('d', { deploymentID: 's:1' }, { display: { state: 'ErrApplied' }, conditions: [{ type: 'Deployed', status: 'False', message: 'namespace team-a exists and differs' }] }),
    want: ['d', 'fleet-default', 'cluster-fleet-default-d-0123456789ab', 'ErrApplied', 'namespace team-a exists and differs'],
  },
  {
    name: 'an applied deployment with a non-ready object names the object',
    bd: deployment('e', { deploymentID: 's:1' }, { appliedDeploymentID: 's:1', ready: false, nonReadyStatus: [{ kind: 'Deployment', namespace: 'web', name: 'api', summary: { message: ['0/2 replicas available'] } }] }),
    want: ['e', 'fleet-default', 'cluster-fleet-default-e-0123456789ab', 'NotReady', 'Deployment web/api: 0/2 replicas available'],
  },
];

describe('bundleClusterTable', () => {
  it.each(cases)('$name', ({ bd, want }) => {
    expect(bundleClusterTable([bd]).rows).toEqual([want]);
  });

  it('rows are sorted by workspace and cluster', () => {
    const rows = bundleClusterTable([deployment('z', { deploymentID: 'x' }), deployment('a', { deploymentID: 'x' })]).rows;
    expect(rows.map((r) => r[0])).toEqual(['a', 'z']);
  });
});
