import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../api/cluster.js';
import { clusterKey, formatWhy, type WhyAnswer } from './bundle-why.js';

const cluster = (namespace: string, name: string): Cluster => ({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Cluster', metadata: { name, namespace }, spec: {} });
const clusters = [cluster('fleet-default', 'a'), cluster('team', 'a'), cluster('team', 'b')];

describe('clusterKey', () => {
  const cases = [
    { name: 'a workspace-qualified name is taken as it is', arg: 'other/x', want: 'other/x' },
    { name: 'a bare name is looked up in the bundle’s workspace first', arg: 'a', want: 'fleet-default/a' },
    { name: 'a bare name found in exactly one other workspace is taken from there', arg: 'b', want: 'team/b' },
  ];
  it.each(cases)('$name', ({ arg, want }) => {
    expect(clusterKey(arg, 'fleet-default', clusters)).toBe(want);
  });

  it('a bare name found in several other workspaces asks for the workspace', () => {
    expect(() => clusterKey('a', 'elsewhere', clusters)).toThrow(/several workspaces \(fleet-default, team\)/);
  });

  it('an unknown cluster is named in the error', () => {
    expect(() => clusterKey('zzz', 'fleet-default', clusters)).toThrow('cluster "zzz" not found in any workspace');
  });
});

describe('formatWhy', () => {
  const cases: { name: string; answer: WhyAnswer; want: string[] }[] = [
    {
      name: 'a targeted cluster names the target and the customizations used',
      answer: { targeted: true, bundle: 'ws/app', cluster: 'ws/c', target: { index: 0, name: 'eu' }, customizations: [{ index: 1 }], options: {}, optionsHash: 'abc', message: 'target "eu" matches with customization #1' },
      want: ['  targeted: target "eu" matches with customization #1', '  customizations: customization #1', '  options hash: abc'],
    },
    {
      name: 'a refused cluster gives the reason and the target that matched',
      answer: { targeted: false, bundle: 'ws/app', cluster: 'ws/c', reason: 'DoNotDeploy', message: 'target "eu" sets doNotDeploy', target: { index: 0, name: 'eu' } },
      want: ['  not targeted (DoNotDeploy): target "eu" sets doNotDeploy', '  matching target "eu"'],
    },
    {
      name: 'a bundle that cannot be resolved says nothing deployed changes',
      answer: { error: { reason: 'InvalidSelector', message: 'values: must not be empty' } },
      want: ['  not resolved (InvalidSelector): values: must not be empty', '  nothing deployed is changed until this is fixed'],
    },
  ];
  it.each(cases)('$name', ({ answer, want }) => {
    expect(formatWhy('ws/app', 'ws/c', answer).split('\n')).toEqual(['Bundle ws/app on cluster ws/c:', ...want, '']);
  });

  it('a BundleDeployment held by the rollout shows its staged id', () => {
    const text = formatWhy('ws/app', 'ws/c', { targeted: false, bundle: 'ws/app', cluster: 'ws/c', reason: 'NoTargetMatched', message: 'no target matches the cluster' }, {
      apiVersion: 'flotilla.io/v1alpha1',
      kind: 'BundleDeployment',
      metadata: { name: 'app', namespace: 'cluster-ws-c-0123' },
      spec: { deploymentID: 's-1:aa', stagedDeploymentID: 's-2:bb' },
      status: { appliedDeploymentID: 's-1:aa', ready: true, nonModified: true },
    });
    expect(text).toContain('  BundleDeployment cluster-ws-c-0123/app: OutOfSync\n    deploymentID: s-1:aa\n    staged: s-2:bb (the rollout holds it back)');
  });
});
