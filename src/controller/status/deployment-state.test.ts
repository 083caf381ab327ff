import { describe, expect, it } from 'vitest';
import type { BundleDeployment, BundleDeploymentSpec, BundleDeploymentStatus } from '../../api/bundle-deployment.js';
import { deploymentState } from './deployment-state.js';

const bd = (spec: BundleDeploymentSpec, status?: BundleDeploymentStatus): BundleDeployment => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'BundleDeployment',
  metadata: { name: 'app', namespace: 'cluster-ws-c-0' },
  spec,
  ...(status ? { status } : {}),
});

const cases = [
  { name: 'no BundleDeployment yet is Pending', bd: undefined, want: 'Pending' },
  { name: 'a BundleDeployment created while held, with no deploymentID, is OutOfSync', bd: bd({ stagedDeploymentID: 's-1:a' }), want: 'OutOfSync' },
  { name: 'a deploymentID the agent has not applied is WaitApplied', bd: bd({ deploymentID: 's-1:a', stagedDeploymentID: 's-1:a' }), want: 'WaitApplied' },
  {
    name: 'a deploymentID whose apply failed (Deployed False) is ErrApplied',
    bd: bd({ deploymentID: 's-1:a' }, { appliedDeploymentID: 's-0:a', conditions: [{ type: 'Deployed', status: 'False', message: 'boom' }] }),
    want: 'ErrApplied',
  },
  { name: 'applied but not ready is NotReady', bd: bd({ deploymentID: 's-1:a' }, { appliedDeploymentID: 's-1:a', ready: false }), want: 'NotReady' },
  { name: 'ready on an old id with a new one staged is OutOfSync', bd: bd({ deploymentID: 's-1:a', stagedDeploymentID: 's-2:a' }, { appliedDeploymentID: 's-1:a', ready: true }), want: 'OutOfSync' },
  { name: 'ready with drift is Modified', bd: bd({ deploymentID: 's-1:a' }, { appliedDeploymentID: 's-1:a', ready: true, nonModified: false }), want: 'Modified' },
  { name: 'applied, ready and unmodified is Ready', bd: bd({ deploymentID: 's-1:a', stagedDeploymentID: 's-1:a' }, { appliedDeploymentID: 's-1:a', ready: true, nonModified: true }), want: 'Ready' },
];

describe('deploymentState', () => {
  it.each(cases)('$name', ({ bd: deployment, want }) => {
    expect(deploymentState(deployment)).toBe(want);
  });
});
