import { describe, expect, it } from 'vitest';
import type { BundleOnCluster, DependsOn } from './depends-on.js';
import { planRollout, type CurrentDeployment, type RolloutCluster, type RolloutInput } from './rollout.js';
import type { RolloutStrategy } from '../api/rollout-strategy.js';
import { RolloutStrategyError, scaledValue } from './int-or-percent.js';
import type { TargetGroup } from './target-cluster.js';

const onV1: CurrentDeployment = { deploymentId: 'v1', appliedDeploymentId: 'v1', ready: true };
const notReady: CurrentDeployment = { deploymentId: 'v1', appliedDeploymentId: 'v1', ready: false };
const rolling: CurrentDeployment = { deploymentId: 'v2', appliedDeploymentId: 'v1', ready: false };
const onV2: CurrentDeployment = { deploymentId: 'v2', appliedDeploymentId: 'v2', ready: true };

function fleet(count: number, current: (i: number) => CurrentDeployment | undefined = () => onV1, labels: (i: number) => Record<string, string> = () => ({})): RolloutCluster[] {
  return Array.from({ length: count }, (_, i) => {
    const c = current(i);
    return {
      cluster: { name: `c-${String(i).padStart(3, '0')}`, namespace: 'fleet-default', labels: labels(i) },
      desiredDeploymentId: 'v2',
      ...(c ? { current: c } : {}),
    };
  });
}

function plan(clusters: RolloutCluster[], bundle: Partial<RolloutInput['bundle']> = {}, groups: TargetGroup[] = []) {
  return planRollout({ bundle: { name: 'app', namespace: 'fleet-default', ...bundle }, clusters, groups });
}

/** Outcomes in cluster order, as `Outcome` or `Outcome/Reason`. */
function summary(clusters: RolloutCluster[], bundle: Partial<RolloutInput['bundle']> = {}, groups: TargetGroup[] = []): string[] {
  return plan(clusters, bundle, groups).decisions.map((d) => (d.reason ? `${d.outcome}/${d.reason}` : d.outcome));
}

const rep = (n: number, s: string): string[] => Array.from({ length: n }, () => s);

describe('planRollout', () => {
  const canary: RolloutStrategy = { partitions: [{ name: 'canary', clusterSelector: { matchLabels: { canary: 'true' } }, maxUnavailable: 1 }] };
  const canaryLabels = (i: number): Record<string, string> => (i < 3 ? { canary: 'true' } : {});
  const cases: { name: string; clusters: RolloutCluster[]; bundle?: Partial<RolloutInput['bundle']>; want: string[] }[] = [
    { name: 'without a strategy every cluster gets the new deploymentID', clusters: fleet(10), want: rep(10, 'Promoted') },
    { name: 'clusters already on the new deploymentID are up to date', clusters: fleet(3, () => onV2), want: rep(3, 'UpToDate') },
    { name: 'new clusters are created on the new deploymentID whatever the budget', clusters: fleet(3, () => undefined), bundle: { rolloutStrategy: { maxUnavailable: 1 } }, want: rep(3, 'Promoted') },
    {
      name: 'maxUnavailable stops the rollout once that many clusters are unavailable',
      clusters: fleet(10),
      bundle: { rolloutStrategy: { maxUnavailable: 2 } },
      want: [...rep(2, 'Promoted'), ...rep(8, 'Held/MaxUnavailable')],
    },
    { name: 'a percentage maxUnavailable is taken of the targeted clusters', clusters: fleet(10), bundle: { rolloutStrategy: { maxUnavailable: '30%' } }, want: [...rep(3, 'Promoted'), ...rep(7, 'Held/MaxUnavailable')] },
    {
      name: 'clusters still rolling count against maxUnavailable on the next pass',
      clusters: fleet(5, (i) => (i < 2 ? rolling : onV1)),
      bundle: { rolloutStrategy: { maxUnavailable: 2 } },
      want: [...rep(2, 'UpToDate'), ...rep(3, 'Held/MaxUnavailable')],
    },
    {
      name: 'the rollout continues once the rolled clusters are ready',
      clusters: fleet(5, (i) => (i < 2 ? onV2 : onV1)),
      bundle: { rolloutStrategy: { maxUnavailable: 2 } },
      want: [...rep(2, 'UpToDate'), ...rep(2, 'Promoted'), 'Held/MaxUnavailable'],
    },
    {
      name: 'an unavailable cluster is always promoted, since it cannot get worse',
      clusters: fleet(3, (i) => (i === 2 ? notReady : onV1)),
      bundle: { rolloutStrategy: { maxUnavailable: 1 } },
      want: ['Held/MaxUnavailable', 'Held/MaxUnavailable', 'Promoted'],
    },
    { name: 'a paused bundle stages without deploying', clusters: fleet(2), bundle: { paused: true }, want: rep(2, 'Held/Paused') },
    { name: 'a paused bundle still creates new BundleDeployments, held on nothing', clusters: fleet(1, () => undefined), bundle: { paused: true }, want: ['Held/Paused'] },
    {
      name: 'at most maxNew BundleDeployments are created in one pass',
      clusters: fleet(5, () => undefined),
      bundle: { rolloutStrategy: { maxNew: 2 } },
      want: [...rep(2, 'Promoted'), ...rep(3, 'Deferred/MaxNew')],
    },
    {
      name: 'a canary partition holds later partitions until it is within its maxUnavailable',
      clusters: fleet(10, () => onV1, canaryLabels),
      bundle: { rolloutStrategy: canary },
      want: ['Promoted', ...rep(2, 'Held/PartitionMaxUnavailable'), ...rep(7, 'Held/PartitionsUnavailable')],
    },
    {
      name: 'later partitions proceed once the canary partition is ready',
      clusters: fleet(10, (i) => (i < 3 ? onV2 : onV1), canaryLabels),
      bundle: { rolloutStrategy: canary },
      want: [...rep(3, 'UpToDate'), ...rep(7, 'Promoted')],
    },
    {
      name: 'maxUnavailablePartitions lets the next partition start while one is unavailable',
      clusters: fleet(10, () => onV1, canaryLabels),
      bundle: { rolloutStrategy: { ...canary, maxUnavailablePartitions: 1 } },
      want: ['Promoted', ...rep(2, 'Held/PartitionMaxUnavailable'), ...rep(7, 'Promoted')],
    },
    {
      name: 'a partition maxUnavailable of 0 holds its available clusters',
      clusters: fleet(2),
      bundle: { rolloutStrategy: { partitions: [{ name: 'frozen', clusterSelector: {}, maxUnavailable: 0 }] } },
      want: rep(2, 'Held/PartitionMaxUnavailable'),
    },
  ];
  it.each(cases)('$name', ({ clusters, bundle, want }) => {
    expect(summary(clusters, bundle)).toEqual(want);
  });

  it('a held cluster keeps its deploymentID and stages the new one', () => {
    const [d] = plan(fleet(1), { paused: true }).decisions;
    expect(d).toMatchObject({ deploymentId: 'v1', stagedDeploymentId: 'v2', create: false, outcome: 'Held' });
  });

  it('a cluster-level pause holds only that cluster', () => {
    const clusters = fleet(2).map((c, i) => (i === 0 ? { ...c, cluster: { ...c.cluster, paused: true } } : c));
    expect(summary(clusters)).toEqual(['Held/Paused', 'Promoted']);
  });

  it('a customization that pauses a cluster holds only that cluster', () => {
    const clusters = fleet(2).map((c, i) => (i === 1 ? { ...c, paused: true } : c));
    const decisions = plan(clusters).decisions;
    expect(decisions.map((d) => d.reason ?? d.outcome)).toEqual(['Promoted', 'Paused']);
    expect(decisions[1]?.message).toMatch(/options are paused/);
  });

  it('reports the bundle and partition status', () => {
    const { status } = plan(fleet(10, () => onV1, (i): Record<string, string> => (i < 3 ? { canary: 'true' } : {})), { rolloutStrategy: canary });
    expect(status).toEqual({
      unavailable: 1,
      maxUnavailable: 10,
      unavailablePartitions: 1,
      maxUnavailablePartitions: 0,
      newlyCreated: 0,
      partitions: [
        { name: 'canary', count: 3, maxUnavailable: 1, unavailable: 3 },
        { name: 'unpartitioned', count: 7, maxUnavailable: 7, unavailable: 7 },
      ],
    });
  });
});

describe('partitions', () => {
  const cases: { name: string; count: number; strategy?: RolloutStrategy; want: [string, number][] }[] = [
    { name: 'fewer clusters than the threshold form one partition', count: 199, want: [['All', 199]] },
    {
      name: 'from 200 clusters on, partitions of 25% are cut',
      count: 250,
      want: [['Partition 0 - 62', 62], ['Partition 62 - 124', 62], ['Partition 124 - 186', 62], ['Partition 186 - 248', 62], ['Partition 248 - 250', 2]],
    },
    { name: 'an autoPartitionSize of 0 turns auto partitioning off', count: 300, strategy: { autoPartitionSize: 0 }, want: [['All', 300]] },
    { name: 'an autoPartitionThreshold of 0 means a single partition', count: 300, strategy: { autoPartitionThreshold: 0 }, want: [['All', 300]] },
    { name: 'a lower autoPartitionThreshold partitions small fleets', count: 10, strategy: { autoPartitionThreshold: 5, autoPartitionSize: 4 }, want: [['Partition 0 - 4', 4], ['Partition 4 - 8', 4], ['Partition 8 - 10', 2]] },
    {
      name: 'explicit partitions take each cluster into the first that matches, the rest last',
      count: 6,
      strategy: { partitions: [{ name: 'even', clusterSelector: { matchLabels: { parity: 'even' } } }, { name: 'all', clusterSelector: { matchLabels: { parity: 'even' } } }, { name: 'first', clusterName: 'c-001' }] },
      want: [['even', 3], ['all', 0], ['first', 1], ['unpartitioned', 2]],
    },
    {
      name: 'explicit partitions can match by cluster group',
      count: 4,
      strategy: { partitions: [{ name: 'group', clusterGroup: 'low' }] },
      want: [['group', 2], ['unpartitioned', 2]],
    },
  ];
  const groups: TargetGroup[] = [{ name: 'low', namespace: 'fleet-default', labels: {}, selector: { matchExpressions: [{ key: 'n', operator: 'In', values: ['0', '1'] }] } }];
  it.each(cases)('$name', ({ count, strategy, want }) => {
    const clusters = fleet(count, () => onV1, (i) => ({ parity: i % 2 === 0 ? 'even' : 'odd', n: String(i) }));
    const { status } = planRollout({ bundle: { name: 'app', namespace: 'fleet-default', ...(strategy ? { rolloutStrategy: strategy } : {}) }, clusters, groups });
    expect(status.partitions.map((p) => [p.name, p.count])).toEqual(want);
  });

  it("an explicit partition's maxUnavailable defaults to 10%, the rest follow the bundle's", () => {
    const clusters = fleet(30, () => onV1, (i): Record<string, string> => (i < 20 ? { big: 'yes' } : {}));
    const { status } = planRollout({ bundle: { name: 'app', namespace: 'fleet-default', rolloutStrategy: { maxUnavailable: 5, partitions: [{ name: 'big', clusterSelector: { matchLabels: { big: 'yes' } } }] } }, clusters });
    expect(status.partitions.map((p) => [p.name, p.maxUnavailable])).toEqual([['big', 2], ['unpartitioned', 5]]);
  });

  it('an invalid int-or-percent is refused with RolloutStrategyError', () => {
    expect(() => plan(fleet(2), { rolloutStrategy: { maxUnavailable: 'half' } })).toThrow(RolloutStrategyError);
  });

  it('an invalid partition selector is refused with RolloutStrategyError', () => {
    expect(() => plan(fleet(2), { rolloutStrategy: { partitions: [{ clusterSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }] } })).toThrow(RolloutStrategyError);
  });
});

describe('scaledValue', () => {
  it.each([
    { name: 'an integer is taken as is', value: 3, total: 10, want: 3 },
    { name: 'an integer in a string is taken as is', value: '4', total: 10, want: 4 },
    { name: 'a percentage is rounded down', value: '25%', total: 10, want: 2 },
    { name: 'a percentage is at least 1', value: '1%', total: 10, want: 1 },
    { name: 'a percentage of 0 is 1, as in Fleet', value: '0%', total: 10, want: 1 },
    { name: 'no items at all give 1', value: '100%', total: 0, want: 1 },
    { name: 'an integer 0 stays 0', value: 0, total: 10, want: 0 },
  ])('$name', ({ value, total, want }) => {
    expect(scaledValue(value, total)).toBe(want);
  });
});

describe('dependsOn in a rollout', () => {
  const dependsOn: DependsOn[] = [{ name: 'crds' }, { selector: { matchLabels: { layer: 'infra' } } }];
  const ready = (name: string, labels = {}): BundleOnCluster => ({ name, namespace: 'fleet-default', labels, state: 'Ready' });
  const cases: { name: string; onCluster: BundleOnCluster[]; want: string }[] = [
    { name: 'a bundle whose dependencies are ready there is promoted', onCluster: [ready('crds'), ready('net', { layer: 'infra' })], want: 'Promoted' },
    { name: 'a bundle whose named dependency is missing there is held', onCluster: [ready('net', { layer: 'infra' })], want: 'Held/WaitingForDependencies' },
    { name: 'a bundle whose selected dependency is not ready there is held', onCluster: [ready('crds'), { ...ready('net', { layer: 'infra' }), state: 'NotReady' }], want: 'Held/WaitingForDependencies' },
    { name: 'a same-named bundle of another workspace does not satisfy a dependency', onCluster: [{ ...ready('crds'), namespace: 'team-a' }, ready('net', { layer: 'infra' })], want: 'Held/WaitingForDependencies' },
  ];
  it.each(cases)('$name', ({ onCluster, want }) => {
    const [c] = fleet(1);
    expect(summary([{ ...(c as RolloutCluster), bundlesOnCluster: onCluster }], { dependsOn })).toEqual([want]);
  });

  it('a new BundleDeployment waiting for dependencies is created with no deploymentID', () => {
    const [c] = fleet(1, () => undefined);
    const [d] = plan([c as RolloutCluster], { dependsOn }).decisions;
    expect(d).toMatchObject({ create: true, deploymentId: '', stagedDeploymentId: 'v2', reason: 'WaitingForDependencies' });
    expect(d?.message).toMatch(/bundle "crds": not deployed on this cluster/);
  });
});
