import { describe, expect, it } from 'vitest';
import { compileGroup, compileMatcher, groupsOfCluster, matchesCluster, type ClusterMatcher } from './cluster-matcher.js';
import type { TargetCluster, TargetGroup } from './target-cluster.js';

const cluster: TargetCluster = { name: 'prod-eu-1', namespace: 'fleet-default', labels: { env: 'prod', region: 'eu', tier: '2' } };
const groups: TargetGroup[] = [
  { name: 'prod', namespace: 'fleet-default', labels: { kind: 'env' }, selector: { matchLabels: { env: 'prod' } } },
  { name: 'eu', namespace: 'fleet-default', labels: { kind: 'geo' }, selector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } },
  { name: 'dev', namespace: 'fleet-default', labels: { kind: 'env' }, selector: { matchLabels: { env: 'dev' } } },
  { name: 'nil', namespace: 'fleet-default', labels: { kind: 'other' } },
  { name: 'elsewhere', namespace: 'team-a', labels: { kind: 'env' }, selector: {} },
];
const compiledGroups = groups.map(compileGroup);
const own = groupsOfCluster(cluster, compiledGroups);

describe('group membership', () => {
  it('a cluster belongs to the groups of its own namespace whose selector matches, never to one without a selector', () => {
    expect(own.map((g) => g.name)).toEqual(['prod', 'eu']);
  });
});

describe('matchesCluster', () => {
  const cases: { name: string; matcher: ClusterMatcher; want: boolean }[] = [
    { name: 'a matcher with no criteria matches nothing', matcher: {}, want: false },
    { name: 'an empty cluster selector matches every cluster', matcher: { clusterSelector: {} }, want: true },
    { name: 'a null cluster selector is no criterion, so it matches nothing alone', matcher: { clusterSelector: null }, want: false },
    { name: 'clusterName matches the same name', matcher: { clusterName: 'prod-eu-1' }, want: true },
    { name: 'clusterName does not match another name', matcher: { clusterName: 'prod-eu-2' }, want: false },
    { name: 'matchLabels selects a cluster with the label', matcher: { clusterSelector: { matchLabels: { env: 'prod' } } }, want: true },
    { name: 'matchLabels refuses a cluster with another value', matcher: { clusterSelector: { matchLabels: { env: 'dev' } } }, want: false },
    { name: 'an In expression selects a listed value', matcher: { clusterSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us', 'eu'] }] } }, want: true },
    { name: 'a NotIn expression refuses a listed value', matcher: { clusterSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] } }, want: false },
    { name: 'a NotIn expression selects a cluster without the label', matcher: { clusterSelector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] } }, want: true },
    { name: 'an Exists expression selects a cluster with the key', matcher: { clusterSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }, want: true },
    { name: 'a DoesNotExist expression refuses a cluster with the key', matcher: { clusterSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } }, want: false },
    { name: 'clusterGroup matches a group the cluster belongs to', matcher: { clusterGroup: 'eu' }, want: true },
    { name: 'clusterGroup does not match a group the cluster is not in', matcher: { clusterGroup: 'dev' }, want: false },
    { name: 'clusterGroup does not match a group without a selector', matcher: { clusterGroup: 'nil' }, want: false },
    { name: 'clusterGroupSelector matches by the labels of a group the cluster is in', matcher: { clusterGroupSelector: { matchLabels: { kind: 'geo' } } }, want: true },
    { name: 'clusterGroupSelector does not match groups the cluster is not in', matcher: { clusterGroupSelector: { matchLabels: { kind: 'other' } } }, want: false },
    { name: 'clusterGroup and clusterGroupSelector must hold for the same group', matcher: { clusterGroup: 'prod', clusterGroupSelector: { matchLabels: { kind: 'geo' } } }, want: false },
    { name: 'criteria are AND-ed: name and a failing selector do not match', matcher: { clusterName: 'prod-eu-1', clusterSelector: { matchLabels: { env: 'dev' } } }, want: false },
    { name: 'criteria are AND-ed: selector and group both holding match', matcher: { clusterSelector: { matchLabels: { env: 'prod' } }, clusterGroup: 'eu' }, want: true },
  ];
  it.each(cases)('$name', ({ matcher, want }) => {
    expect(matchesCluster(compileMatcher(matcher), cluster, own)).toBe(want);
  });

  it('a group criterion never matches a cluster that belongs to no group', () => {
    const lone: TargetCluster = { name: 'x', namespace: 'fleet-default', labels: {} };
    const matcher = compileMatcher({ clusterGroupSelector: { matchExpressions: [{ key: 'kind', operator: 'DoesNotExist' }] } });
    expect(matchesCluster(matcher, lone, groupsOfCluster(lone, compiledGroups))).toBe(false);
  });

  it('an invalid selector is refused when compiled', () => {
    expect(() => compileMatcher({ clusterSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] } })).toThrow(/values must be given/);
  });
});
