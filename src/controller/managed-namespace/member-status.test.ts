import { describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { ManagedNamespaceMemberStatus } from '../../api/managed-namespace.js';
import { LABELS } from '../../api/names.js';
import { differencesOf, memberDisplay, memberStatuses } from './member-status.js';

const NOW = '2026-01-02T00:00:00Z';
const EARLIER = '2026-01-01T00:00:00Z';

function bd(cluster: string, options: { deploymentID?: string; applied?: string; installed?: { status: 'True' | 'False'; reason: string; message?: string }; deleting?: boolean } = {}): BundleDeployment {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: {
      name: 'mns-team-a',
      namespace: `cluster-${cluster}`,
      labels: { [LABELS.clusterName]: cluster },
      ...(options.deleting ? { deletionTimestamp: EARLIER } : {}),
    },
    spec: options.deploymentID ? { deploymentID: options.deploymentID } : {},
    status: {
      ...(options.applied ? { appliedDeploymentID: options.applied } : {}),
      ...(options.installed ? { conditions: [{ type: 'Installed', ...options.installed }] } : {}),
    },
  };
}

const refused = 'namespace team-a already exists and differs from the definition, so adoptionPolicy IfIdentical refuses to adopt it: labels.team: "x" on the cluster, "a" desired; annotations.owner: missing';

interface Case {
  name: string;
  listed?: string[];
  clusters?: string[];
  deployments: BundleDeployment[];
  previous?: ManagedNamespaceMemberStatus[];
  expectedContent?: string;
  expected: Array<Partial<ManagedNamespaceMemberStatus>>;
}

const cases: Case[] = [
  {
    name: 'a listed member that is not a Cluster of the workspace is Pending, saying so',
    listed: ['ghost'],
    deployments: [],
    expected: [{ clusterName: 'ghost', state: 'Pending', message: 'ghost is not a Cluster of workspace fleet-default' }],
  },
  {
    name: 'a known member without a BundleDeployment is Pending',
    listed: ['a'],
    clusters: ['a'],
    deployments: [],
    expected: [{ clusterName: 'a', state: 'Pending', message: 'waiting for the BundleDeployment' }],
  },
  {
    name: 'a member whose agent has not applied the deployment yet is Pending',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c1:h' })],
    expected: [{ clusterName: 'a', state: 'Pending', message: 'waiting for the agent to apply the namespace' }],
  },
  {
    name: 'a member whose agent applied the deployment asked for is Placed',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c1:h', applied: 'c1:h', installed: { status: 'True', reason: 'Applied' } })],
    expected: [{ clusterName: 'a', state: 'Placed' }],
  },
  {
    name: 'a member still deploying an older Content than the Bundle renders now is Pending',
    listed: ['a'],
    clusters: ['a'],
    expectedContent: 'c2',
    deployments: [bd('a', { deploymentID: 'c1:h', applied: 'c1:h', installed: { status: 'True', reason: 'Applied' } })],
    expected: [{ clusterName: 'a', state: 'Pending', message: 'waiting for the rollout of the latest definition' }],
  },
  {
    name: 'a member deploying the Content the Bundle renders now is Placed',
    listed: ['a'],
    clusters: ['a'],
    expectedContent: 'c1',
    deployments: [bd('a', { deploymentID: 'c1:h', applied: 'c1:h', installed: { status: 'True', reason: 'Applied' } })],
    expected: [{ clusterName: 'a', state: 'Placed' }],
  },
  {
    name: 'a member that applied an older deployment is Pending again',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c2:h', applied: 'c1:h', installed: { status: 'True', reason: 'Applied' } })],
    expected: [{ clusterName: 'a', state: 'Pending' }],
  },
  {
    name: 'a refused adoption is Failed with the differing fields',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c1:h', installed: { status: 'False', reason: 'AdoptionRefused', message: refused } })],
    expected: [{ clusterName: 'a', state: 'Failed', message: refused, differences: ['labels.team: "x" on the cluster, "a" desired', 'annotations.owner: missing'] }],
  },
  {
    name: 'a failed apply is Failed without differences',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c1:h', installed: { status: 'False', reason: 'ApplyFailed', message: 'forbidden' } })],
    expected: [{ clusterName: 'a', state: 'Failed', message: 'forbidden' }],
  },
  {
    name: 'a member dropped from the list whose BundleDeployment remains is Removing',
    listed: ['a'],
    clusters: ['a', 'b'],
    deployments: [bd('a', { deploymentID: 'c1:h', applied: 'c1:h' }), bd('b', { deploymentID: 'c1:h', applied: 'c1:h' })],
    expected: [{ clusterName: 'a', state: 'Placed' }, { clusterName: 'b', state: 'Removing' }],
  },
  {
    name: 'a BundleDeployment being deleted is Removing',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c1:h', applied: 'c1:h', deleting: true })],
    expected: [{ clusterName: 'a', state: 'Removing' }],
  },
  {
    name: 'without a member list, members are the clusters the Bundle was deployed to',
    clusters: [],
    deployments: [bd('b', { deploymentID: 'c1:h', applied: 'c1:h' }), bd('a', { deploymentID: 'c1:h' })],
    expected: [{ clusterName: 'a', state: 'Pending' }, { clusterName: 'b', state: 'Placed' }],
  },
  {
    name: 'a member keeps its transition time while its state does not change',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c1:h', applied: 'c1:h' })],
    previous: [{ clusterName: 'a', state: 'Placed', lastTransitionTime: EARLIER }],
    expected: [{ clusterName: 'a', state: 'Placed', lastTransitionTime: EARLIER }],
  },
  {
    name: 'a member that changes state takes the current time',
    listed: ['a'],
    clusters: ['a'],
    deployments: [bd('a', { deploymentID: 'c1:h', applied: 'c1:h' })],
    previous: [{ clusterName: 'a', state: 'Pending', lastTransitionTime: EARLIER }],
    expected: [{ clusterName: 'a', state: 'Placed', lastTransitionTime: NOW }],
  },
];

describe('memberStatuses', () => {
  it.each(cases)('$name', (c) => {
    const members = memberStatuses({
      workspace: 'fleet-default',
      ...(c.listed ? { listedMembers: c.listed } : {}),
      clusterNames: new Set(c.clusters ?? []),
      bundleDeployments: c.deployments,
      ...(c.previous ? { previous: c.previous } : {}),
      ...(c.expectedContent ? { expectedContent: c.expectedContent } : {}),
      now: NOW,
    });
    expect(members).toHaveLength(c.expected.length);
    c.expected.forEach((e, i) => expect(members[i]).toMatchObject(e));
  });
});

describe('memberDisplay', () => {
  const cases = [
    { name: 'no member shows 0/0 and no state', members: [], expected: { readyMembers: '0/0', state: '' } },
    { name: 'all placed or adopted shows no state', members: [{ clusterName: 'a', state: 'Placed' }, { clusterName: 'b', state: 'Adopted' }], expected: { readyMembers: '2/2', state: '' } },
    { name: 'the worst state is shown', members: [{ clusterName: 'a', state: 'Pending' }, { clusterName: 'b', state: 'Failed' }, { clusterName: 'c', state: 'Placed' }], expected: { readyMembers: '1/3', state: 'Failed' } },
    { name: 'removing members do not count as members', members: [{ clusterName: 'a', state: 'Placed' }, { clusterName: 'b', state: 'Removing' }], expected: { readyMembers: '1/1', state: 'Removing' } },
  ] as const;
  it.each(cases)('$name', (c) => {
    expect(memberDisplay(c.members as unknown as ManagedNamespaceMemberStatus[])).toEqual(c.expected);
  });
});

describe('differencesOf', () => {
  it.each([
    { name: 'a message without the refusal marker has no differences', message: 'forbidden', expected: [] },
    { name: 'the differences after the marker are split on "; "', message: 'x refuses to adopt it: a; b', expected: ['a', 'b'] },
  ])('$name', ({ message, expected }) => {
    expect(differencesOf(message)).toEqual(expected);
  });
});
