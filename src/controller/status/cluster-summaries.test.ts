import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Cluster } from '../../api/cluster.js';
import type { ClusterGroup } from '../../api/cluster-group.js';
import type { Condition } from '../../api/meta.js';
import { bundleStatus } from './bundle-status.js';
import { clusterGroupSummary } from './cluster-group-summary.js';
import { clusterSummary, isClusterReady, isHeartbeatOnly } from './cluster-summary.js';
import { gitRepoSummary } from './gitrepo-summary.js';
import { statusChanged } from './status-change.js';
import { summarizeDeployments } from './summary.js';

const NOW = '2026-01-01T00:00:00.000Z';
const LATER = '2026-01-01T01:00:00.000Z';

function deployment(bundle: string, ready: boolean, repo = 'repo'): BundleDeployment {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name: bundle, namespace: 'cluster-ws-c-0', labels: { 'flotilla.io/bundle-name': bundle, 'flotilla.io/bundle-namespace': 'ws', 'flotilla.io/repo-name': repo } },
    spec: { deploymentID: 's-1:a' },
    status: { appliedDeploymentID: 's-1:a', ready, nonModified: true },
  };
}

function cluster(name: string, options: { checkedIn: boolean; ready?: boolean; labels?: Record<string, string> }): Cluster {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name, namespace: 'ws', labels: options.labels ?? {} },
    spec: {},
    status: {
      ...(options.checkedIn ? { agent: { lastSeen: NOW } } : {}),
      conditions: [{ type: 'Ready', status: options.ready ? 'True' : 'False' }],
      summary: { ready: options.ready ? 1 : 0, desiredReady: 1 },
    },
  };
}

describe('clusterSummary', () => {
  const cases = [
    { name: 'a cluster whose agent never reported waits for check-in', checkedIn: false, bds: [deployment('a', true)], display: { readyBundles: '1/1', state: 'WaitCheckIn' }, ready: false },
    { name: 'a checked-in cluster with every bundle ready is ready', checkedIn: true, bds: [deployment('a', true), deployment('b', true)], display: { readyBundles: '2/2', state: '' }, ready: true },
    { name: 'a checked-in cluster with a non-ready bundle shows its state', checkedIn: true, bds: [deployment('a', true), deployment('b', false)], display: { readyBundles: '1/2', state: 'NotReady' }, ready: false },
  ];
  it.each(cases)('$name', ({ checkedIn, bds, display, ready }) => {
    const c = cluster('c', { checkedIn });
    const status = clusterSummary(c, bds, NOW);
    expect(status.display).toEqual(display);
    expect(isClusterReady({ ...c, status })).toBe(ready);
  });

  it('counts GitRepos: one is ready on the cluster only when all its bundles there are', () => {
    const status = clusterSummary(cluster('c', { checkedIn: true }), [deployment('a', true, 'one'), deployment('b', false, 'one'), deployment('c', true, 'two')], NOW);
    expect([status.readyGitRepos, status.desiredReadyGitRepos]).toEqual([1, 2]);
  });
});

describe('clusterSummary of a cluster whose agent stopped reporting', () => {
  const lost: Condition = { type: 'AgentConnected', status: 'False', reason: 'AgentNotReporting', message: 'no heartbeat from the agent for 9s (last seen 2026-01-01T00:00:00Z)' };
  const back: Condition = { type: 'AgentConnected', status: 'True', reason: 'Heartbeat', message: 'the agent reports within the grace period' };
  const cases = [
    { name: 'an agent lost past its grace makes the cluster not ready, saying why', connected: lost, ready: false, reason: 'AgentNotReporting', message: /no heartbeat from the agent for 9s/ },
    { name: 'an agent reporting again makes the cluster ready again', connected: back, ready: true, reason: 'Ready', message: /^$/ },
    { name: 'a cluster never judged by the liveness monitor is ready on its bundles alone', connected: undefined, ready: true, reason: 'Ready', message: /^$/ },
  ];
  it.each(cases)('$name', ({ connected, ready, reason, message }) => {
    const c = cluster('c', { checkedIn: true, ready: true });
    c.status!.conditions = [...(c.status!.conditions ?? []), ...(connected ? [connected] : [])];
    const status = clusterSummary(c, [deployment('a', true)], LATER);
    const readyCondition = status.conditions?.find((x) => x.type === 'Ready');
    expect(readyCondition).toMatchObject({ status: ready ? 'True' : 'False', reason });
    expect(readyCondition?.message).toMatch(message);
    expect(isClusterReady({ ...c, status })).toBe(ready);
  });
});

describe('isHeartbeatOnly', () => {
  const base = cluster('c-0', { checkedIn: true, ready: true, labels: { env: 'prod' } });
  const beat = (c: Cluster, at: string): Cluster => ({ ...c, metadata: { ...c.metadata, resourceVersion: at }, status: { ...c.status, agent: { ...c.status?.agent, lastSeen: at } } });
  const cases: Array<{ name: string; after: Cluster; only: boolean }> = [
    { name: 'a later lastSeen (and resourceVersion) is only a heartbeat', after: beat(base, LATER), only: true },
    { name: 'the first check-in is not: the summary leaves WaitCheckIn', after: beat(base, LATER), only: false },
    { name: 'a lost agent (AgentConnected False) with the heartbeat is not', after: { ...beat(base, LATER), status: { ...beat(base, LATER).status, conditions: [{ type: 'AgentConnected', status: 'False' }] } }, only: false },
    { name: 'a relabel is not', after: { ...beat(base, LATER), metadata: { ...base.metadata, labels: { env: 'dev' } } }, only: false },
    { name: 'a new summary is not', after: { ...beat(base, LATER), status: { ...beat(base, LATER).status, summary: { ready: 0, desiredReady: 1 } } }, only: false },
  ];
  it.each(cases)('$name', ({ name, after, only }) => {
    const before = name.startsWith('the first') ? cluster('c-0', { checkedIn: false, ready: true, labels: { env: 'prod' } }) : base;
    expect(isHeartbeatOnly(before, after)).toBe(only);
  });
});

describe('clusterGroupSummary', () => {
  const group: ClusterGroup = { apiVersion: 'flotilla.io/v1alpha1', kind: 'ClusterGroup', metadata: { name: 'g', namespace: 'ws' }, spec: { selector: {} } };
  it('counts its clusters, names the non-ready ones and sums their summaries', () => {
    const status = clusterGroupSummary({ group, members: [cluster('a', { checkedIn: true, ready: true }), cluster('b', { checkedIn: true, ready: false })], now: NOW });
    expect(status).toMatchObject({ clusterCount: 2, nonReadyClusterCount: 1, nonReadyClusters: ['b'], display: { readyClusters: '1/2', readyBundles: '1/2' } });
    expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', message: 'clusters not ready: b' });
  });

  it('an invalid selector selects nothing and says so on Processed', () => {
    const status = clusterGroupSummary({ group, members: undefined, selectorError: 'bad operator', now: NOW });
    expect(status.clusterCount).toBe(0);
    expect(status.conditions?.find((c) => c.type === 'Processed')).toMatchObject({ status: 'False', reason: 'InvalidSelector', message: 'bad operator' });
  });
});

describe('gitRepoSummary', () => {
  it('sums its bundles, and readyClusters is the lowest ready count over them', () => {
    const bundle = (ready: number, desiredReady: number): Bundle => ({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle', metadata: { name: 'b' }, spec: {}, status: { summary: { ready, desiredReady } } });
    expect(gitRepoSummary([bundle(3, 3), bundle(1, 3)])).toMatchObject({ readyClusters: 1, desiredReadyClusters: 3, display: { readyBundleDeployments: '4/6' }, summary: { ready: 4, desiredReady: 6 } });
  });
});

describe('bundleStatus and statusChanged', () => {
  const bundle: Bundle = { apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle', metadata: { name: 'app', namespace: 'ws', generation: 2 }, spec: {} };
  const summary = summarizeDeployments([{ name: 'ws/c', deployment: deployment('app', true) }]);

  it('a problem makes Ready False and Stalled True with its reason, and display shows it', () => {
    const status = bundleStatus({ bundle, summary, problem: { reason: 'InvalidSelector', message: 'bad' }, refusals: [], now: NOW });
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Ready', 'False', 'InvalidSelector'],
      ['Stalled', 'True', 'InvalidSelector'],
      ['Targeted', 'True', 'Targeted'],
    ]);
    expect(status.display).toEqual({ readyClusters: '1/1', state: 'InvalidSelector' });
  });

  it('a refused cluster sets Targeted False with the refusal', () => {
    const refusal = { targeted: false as const, bundle: 'b/app', cluster: 'ws/c', reason: 'DuplicateBundleName' as const, message: 'bundle b/app is refused on cluster ws/c: bundle ws/app of the same name already reaches it' };
    const status = bundleStatus({ bundle, summary, refusals: [refusal], now: NOW });
    expect(status.conditions?.find((c) => c.type === 'Targeted')).toMatchObject({ status: 'False', reason: 'DuplicateBundleName', message: refusal.message });
  });

  it('recomputing an unchanged status later keeps transition times, so nothing is written', () => {
    const first = bundleStatus({ bundle, summary, refusals: [], now: NOW });
    const again = bundleStatus({ bundle: { ...bundle, status: first }, summary, refusals: [], now: LATER });
    expect(again.conditions?.[0]?.lastTransitionTime).toBe(NOW);
    expect(statusChanged(['conditions', 'summary', 'display'], again, first)).toBe(false);
  });

  it('a field the writer owns but no longer sets is a change; fields of other writers are not', () => {
    expect(statusChanged(['summary', 'display.readyBundleDeployments'], { display: { readyBundleDeployments: '1/1' } }, { summary: { ready: 1 }, display: { readyBundleDeployments: '1/1' } })).toBe(true);
    expect(statusChanged(['display.readyBundleDeployments'], { display: { readyBundleDeployments: '1/1' } }, { display: { readyBundleDeployments: '1/1', state: 'GitUpdating' } })).toBe(false);
    expect(statusChanged(['conditions'], { conditions: [{ type: 'Ready', status: 'True' }] }, { conditions: [{ type: 'Accepted', status: 'False' }, { type: 'Ready', status: 'True' }] })).toBe(false);
  });
});
