import { describe, expect, it } from 'vitest';
import { BundleReferenceIndex, bundleMatchers, type ClusterChange } from './affected-bundles.js';
import type { TargetBundle } from './bundle-target.js';
import { compileGroup, compileMatcher, groupsOfCluster, matchesCluster } from './cluster-matcher.js';
import type { Labels } from '../api/meta.js';
import type { TargetCluster, TargetGroup } from './target-cluster.js';

const groups: TargetGroup[] = [
  { name: 'eu', namespace: 'ws', labels: { geo: 'yes' }, selector: { matchLabels: { region: 'eu' } } },
  { name: 'default', namespace: 'ws', labels: {}, selector: {} },
];
const bundles: TargetBundle[] = [
  { name: 'by-env', namespace: 'ws', targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] },
  { name: 'by-group', namespace: 'ws', targets: [{ clusterGroup: 'eu' }] },
  { name: 'by-group-selector', namespace: 'ws', targets: [{ clusterGroupSelector: { matchLabels: { geo: 'yes' } } }] },
  { name: 'by-name', namespace: 'ws', targets: [{ clusterName: 'c1' }] },
  { name: 'by-customization', namespace: 'ws', targets: [{ clusterName: 'c1' }], targetCustomizations: [{ clusterSelector: { matchLabels: { tier: 'gold' } } }] },
  { name: 'by-partition', namespace: 'ws', targets: [{ clusterName: 'c2' }], rolloutStrategy: { partitions: [{ clusterSelector: { matchExpressions: [{ key: 'canary', operator: 'Exists' }] } }] } },
  { name: 'invalid', namespace: 'ws', targets: [{ clusterSelector: { matchExpressions: [{ key: 'x', operator: 'In' }] } }] },
];
const refs = new BundleReferenceIndex();
for (const b of bundles) refs.set(`ws/${b.name}`, bundleMatchers(b));

const c1: TargetCluster = { name: 'c1', namespace: 'ws', labels: { env: 'dev', region: 'us', tier: 'gold' } };

describe('affectedBundles', () => {
  const cases: { name: string; change: ClusterChange; want: string[] }[] = [
    { name: 'a change of a label no selector reads affects only bundles with an invalid selector', change: { before: c1, after: { ...c1, labels: { ...c1.labels, owner: 'x' } } }, want: ['ws/invalid'] },
    { name: 'a change of a selected label affects the bundles selecting on it', change: { before: c1, after: { ...c1, labels: { ...c1.labels, env: 'prod' } } }, want: ['ws/by-env', 'ws/invalid'] },
    {
      name: 'joining a group affects the bundles targeting the group by name or by group selector',
      change: { before: c1, after: { ...c1, labels: { ...c1.labels, region: 'eu' } } },
      want: ['ws/by-group', 'ws/by-group-selector', 'ws/invalid'],
    },
    { name: 'a label read by a customization affects that bundle', change: { before: c1, after: { ...c1, labels: { ...c1.labels, tier: 'silver' } } }, want: ['ws/by-customization', 'ws/invalid'] },
    { name: 'a label read by a rollout partition affects that bundle', change: { before: c1, after: { ...c1, labels: { ...c1.labels, canary: 'true' } } }, want: ['ws/by-partition', 'ws/invalid'] },
    { name: 'a new cluster affects the bundles that select it', change: { after: c1 }, want: ['ws/by-customization', 'ws/by-name', 'ws/invalid'] },
    { name: 'a removed cluster affects the bundles that selected it', change: { before: { ...c1, name: 'c9', labels: { env: 'prod' } } }, want: ['ws/by-env', 'ws/invalid'] },
    { name: 'pausing a cluster affects the bundles that select it', change: { before: c1, after: { ...c1, paused: true } }, want: ['ws/by-customization', 'ws/by-name', 'ws/invalid'] },
  ];
  it.each(cases)('$name', ({ change, want }) => {
    expect(refs.affectedBundles(change, groups)).toEqual(want);
  });

  it('a deleted bundle is no longer reported', () => {
    const own = new BundleReferenceIndex();
    own.set('ws/a', [{ clusterSelector: { matchLabels: { env: 'prod' } } }]);
    own.delete('ws/a');
    expect(own.affectedBundles({ before: c1, after: { ...c1, labels: { env: 'prod' } } }, groups)).toEqual([]);
  });

  it('never misses a bundle whose matchers change their answer for a relabelled cluster', () => {
    const compiledGroups = groups.map(compileGroup);
    const valid = bundles.filter((b) => b.name !== 'invalid');
    const labelSets: Labels[] = [{}, { env: 'prod' }, { region: 'eu' }, { tier: 'gold', canary: '' }, { env: 'prod', region: 'eu', tier: 'gold' }];
    for (const before of labelSets) {
      for (const after of labelSets) {
        const b = { ...c1, labels: before };
        const a = { ...c1, labels: after };
        const affected = new Set(refs.affectedBundles({ before: b, after: a }, groups));
        for (const bundle of valid) {
          const changed = bundleMatchers(bundle).some((m) => {
            const compiled = compileMatcher(m);
            return matchesCluster(compiled, b, groupsOfCluster(b, compiledGroups)) !== matchesCluster(compiled, a, groupsOfCluster(a, compiledGroups));
          });
          if (changed) expect(affected.has(`ws/${bundle.name}`)).toBe(true);
        }
      }
    }
  });
});
