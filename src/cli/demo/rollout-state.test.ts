import { describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { GitRepo } from '../../api/git-repo.js';
import type { ManagedNamespace, MemberState } from '../../api/managed-namespace.js';
import type { Condition } from '../../api/meta.js';
import { rolloutState, type RolloutInput } from './rollout-state.js';

const F = 'flotilla.io/v1alpha1';

function gitRepo(status: GitRepo['status']): GitRepo {
  return { apiVersion: F, kind: 'GitRepo', metadata: { name: 'platform', namespace: 'fleet-default' }, spec: { repo: 'http://127.0.0.1/x.git' }, ...(status ? { status } : {}) } as GitRepo;
}

const synced = gitRepo({ commit: 'abc', conditions: [{ type: 'Ready', status: 'False', reason: 'NotReady', message: 'apps not ready' }] });
const stalled: Condition = { type: 'Stalled', status: 'True', reason: 'BundleError', message: 'app/fleet.yaml: bad' };

/** A BundleDeployment applied (ready or not), waiting to be applied, or failing to apply. */
function bd(name: string, how: 'ready' | 'notReady' | 'waiting' | 'failed'): BundleDeployment {
  const applied = how === 'ready' || how === 'notReady';
  const conditions: Condition[] = how === 'failed' ? [{ type: 'Deployed', status: 'False', message: 'apply failed: forbidden' }] : how === 'notReady' ? [{ type: 'Ready', status: 'False', message: 'Deployment app/web: 0 of 3 replicas available' }] : [];
  return {
    apiVersion: F,
    kind: 'BundleDeployment',
    metadata: { name, namespace: 'cluster-x' },
    spec: { deploymentID: 's-1:abc' },
    status: { ...(applied ? { appliedDeploymentID: 's-1:abc' } : {}), ready: how === 'ready', nonModified: true, conditions },
  } as BundleDeployment;
}

function mns(name: string, members: Array<[string, MemberState]>): ManagedNamespace {
  return { apiVersion: F, kind: 'ManagedNamespace', metadata: { name, namespace: 'fleet-default' }, spec: {}, status: { members: members.map(([clusterName, state]) => ({ clusterName, state })) } } as ManagedNamespace;
}

const base: RolloutInput = {
  clusters: ['member-1', 'member-2'],
  gitRepos: [{ name: 'platform', object: synced }],
  deployments: [
    { cluster: 'member-1', deployment: bd('platform-namespaces', 'ready') },
    { cluster: 'member-1', deployment: bd('platform-apps', 'notReady') },
    { cluster: 'member-2', deployment: bd('platform-namespaces', 'ready') },
  ],
  managedNamespaces: [mns('team-a', [['member-1', 'Placed'], ['member-2', 'Adopted']])],
};

const cases: Array<{ name: string; input: RolloutInput; done: boolean; waitingFor: string[]; stalled?: string[] }> = [
  { name: 'bundles applied everywhere and namespaces placed or adopted is done, though an app is not Ready', input: base, done: true, waitingFor: [] },
  {
    name: 'a GitRepo not yet on the hub is waited for by name',
    input: { ...base, gitRepos: [{ name: 'platform', object: undefined }] },
    done: false,
    waitingFor: ['GitRepo platform: not found on the hub'],
  },
  {
    name: 'a GitRepo without a fetched commit is waited for',
    input: { ...base, gitRepos: [{ name: 'platform', object: gitRepo({}) }] },
    done: false,
    waitingFor: ['GitRepo fleet-default/platform: no commit fetched yet'],
  },
  {
    name: 'a failing git poll names the GitPolling condition and its message',
    input: { ...base, gitRepos: [{ name: 'platform', object: gitRepo({ commit: 'abc', conditions: [{ type: 'GitPolling', status: 'False', reason: 'Unreachable', message: 'connection refused' }] }) }] },
    done: false,
    waitingFor: ['GitRepo fleet-default/platform: condition GitPolling is False (Unreachable: connection refused)'],
  },
  {
    name: 'a Stalled GitRepo is reported as needing the user, not as something to wait for',
    input: { ...base, gitRepos: [{ name: 'platform', object: gitRepo({ commit: 'abc', conditions: [stalled] }) }] },
    done: false,
    waitingFor: ['GitRepo fleet-default/platform: condition Stalled is True (BundleError: app/fleet.yaml: bad)'],
    stalled: ['GitRepo fleet-default/platform: condition Stalled is True (BundleError: app/fleet.yaml: bad)'],
  },
  {
    name: 'a cluster without BundleDeployments is waited for',
    input: { ...base, deployments: base.deployments.filter((d) => d.cluster === 'member-1') },
    done: false,
    waitingFor: ['Cluster member-2: no BundleDeployment yet'],
  },
  {
    name: 'a bundle whose apply failed names the bundle, its state and the agent’s message',
    input: { ...base, deployments: [...base.deployments, { cluster: 'member-2', deployment: bd('platform-apps', 'failed') }] },
    done: false,
    waitingFor: ['Cluster member-2: BundleDeployment platform-apps is ErrApplied (apply failed: forbidden)'],
  },
  {
    name: 'a bundle not applied yet holds the cluster up as WaitApplied',
    input: { ...base, deployments: [...base.deployments, { cluster: 'member-2', deployment: bd('platform-apps', 'waiting') }] },
    done: false,
    waitingFor: ['Cluster member-2: BundleDeployment platform-apps is WaitApplied'],
  },
  {
    name: 'no managed namespace yet is waited for',
    input: { ...base, managedNamespaces: [] },
    done: false,
    waitingFor: ['ManagedNamespace: none yet (the examples’ fleet.yaml managedNamespaces are mirrored as ManagedNamespaces)'],
  },
  {
    name: 'a namespace Pending on one member names that member',
    input: { ...base, managedNamespaces: [mns('team-a', [['member-1', 'Placed'], ['member-2', 'Pending']])] },
    done: false,
    waitingFor: ['ManagedNamespace fleet-default/team-a on member-2: Pending'],
  },
  {
    name: 'a namespace with no member status yet is waited for',
    input: { ...base, managedNamespaces: [mns('team-a', [])] },
    done: false,
    waitingFor: ['ManagedNamespace fleet-default/team-a: not placed on any member yet'],
  },
];

describe('rolloutState', () => {
  it.each(cases)('$name', ({ input, done, waitingFor, stalled }) => {
    const state = rolloutState(input);
    expect(state.done).toBe(done);
    expect(state.waitingFor).toEqual(waitingFor);
    expect(state.stalled).toEqual(stalled ?? []);
  });

  it('counts per cluster what is applied and what is Ready, listing applied bundles that are not Ready with the reason', () => {
    const [first, second] = rolloutState(base).clusters;
    expect(first).toEqual({
      cluster: 'member-1',
      applied: 2,
      ready: 1,
      total: 2,
      notReady: [{ bundle: 'platform-apps', state: 'NotReady', message: 'Deployment app/web: 0 of 3 replicas available' }],
    });
    expect(second).toEqual({ cluster: 'member-2', applied: 1, ready: 1, total: 1, notReady: [] });
  });

  it('counts managed namespaces ready on all their members', () => {
    const input = { ...base, managedNamespaces: [mns('a', [['member-1', 'Placed']]), mns('b', [['member-1', 'Failed']])] } as RolloutInput;
    expect(rolloutState(input).namespaces).toEqual({ ready: 1, total: 2 });
  });
});
