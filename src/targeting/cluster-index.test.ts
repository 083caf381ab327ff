import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../../test/support/seeded-random.js';
import { matches, parseLabelSelector, requirementsFromSelector, type Requirement } from '../api/label-selector.js';
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../api/meta.js';
import { ClusterIndex } from './cluster-index.js';
import { compileGroup, compileMatcher, groupsOfCluster, matchesCluster, type ClusterMatcher } from './cluster-matcher.js';
import { objectKey, type TargetCluster, type TargetGroup } from './target-cluster.js';


const KEYS = ['env', 'region', 'tier', 'team', 'example.com/size'];
const VALUES = ['a', 'b', 'c', '1', '10'];
const NAMESPACES = ['fleet-default', 'team-a', 'team-b'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function randomLabels(rnd: () => number): Labels {
  const labels: Labels = {};
  for (const key of KEYS) if (rnd() < 0.6) labels[key] = pick(rnd, VALUES);
  return labels;
}

function randomClusters(rnd: () => number, count: number): TargetCluster[] {
  return Array.from({ length: count }, (_, i) => ({ name: `c${i}`, namespace: pick(rnd, NAMESPACES), labels: randomLabels(rnd) }));
}

function randomExpression(rnd: () => number): LabelSelectorRequirement {
  const key = pick(rnd, KEYS);
  const operator = pick(rnd, ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);
  if (operator === 'Exists' || operator === 'DoesNotExist') return { key, operator };
  return { key, operator, values: [pick(rnd, VALUES), pick(rnd, VALUES)] };
}

function randomSelector(rnd: () => number): LabelSelector {
  const selector: { matchLabels?: Labels; matchExpressions?: LabelSelectorRequirement[] } = {};
  if (rnd() < 0.5) selector.matchLabels = { [pick(rnd, KEYS)]: pick(rnd, VALUES) };
  const n = Math.floor(rnd() * 3);
  if (n > 0) selector.matchExpressions = Array.from({ length: n }, () => randomExpression(rnd));
  return selector;
}

function randomRequirements(rnd: () => number): Requirement[] {
  if (rnd() < 0.2) return parseLabelSelector(`${pick(rnd, KEYS)}${pick(rnd, ['>', '<'])}${pick(rnd, ['0', '5', '10'])}`);
  return requirementsFromSelector(randomSelector(rnd));
}

function randomMatcher(rnd: () => number, groups: readonly TargetGroup[]): ClusterMatcher {
  const m: { clusterName?: string; clusterSelector?: LabelSelector; clusterGroup?: string; clusterGroupSelector?: LabelSelector } = {};
  if (rnd() < 0.2) m.clusterName = `c${Math.floor(rnd() * 300)}`;
  if (rnd() < 0.6) m.clusterSelector = randomSelector(rnd);
  if (rnd() < 0.3) m.clusterGroup = pick(rnd, groups).name;
  if (rnd() < 0.2) m.clusterGroupSelector = { matchLabels: { kind: pick(rnd, ['x', 'y']) } };
  return m;
}

function randomGroups(rnd: () => number): TargetGroup[] {
  return NAMESPACES.flatMap((namespace) =>
    ['g1', 'g2', 'g3'].map((name) => ({ name, namespace, labels: { kind: pick(rnd, ['x', 'y']) }, ...(rnd() < 0.9 ? { selector: randomSelector(rnd) } : {}) })),
  );
}

const sorted = (keys: Iterable<string>): string[] => [...keys].sort();

describe('ClusterIndex (property-style, seeded)', () => {
  const seeds = [1, 2, 3, 42, 2026];

  it.each(seeds.map((seed) => ({ name: `select equals a scan of every cluster (seed ${seed})`, seed })))('$name', ({ seed }) => {
    const rnd = random(seed);
    const clusters = randomClusters(rnd, 400);
    const index = new ClusterIndex(clusters);
    for (let i = 0; i < 200; i++) {
      const requirements = randomRequirements(rnd);
      const namespaces = rnd() < 0.5 ? [pick(rnd, NAMESPACES)] : undefined;
      const scan = clusters.filter((c) => (!namespaces || namespaces.includes(c.namespace)) && matches(requirements, c.labels)).map(objectKey);
      expect(sorted(index.select(requirements, namespaces ? { namespaces } : {}))).toEqual(sorted(new Set(scan)));
    }
  });

  it.each(seeds.map((seed) => ({ name: `candidates equal the nested-loop matcher (seed ${seed})`, seed })))('$name', ({ seed }) => {
    const rnd = random(seed);
    const clusters = randomClusters(rnd, 300);
    const groups = randomGroups(rnd);
    const compiledGroups = groups.map(compileGroup);
    const index = new ClusterIndex(clusters);
    for (let i = 0; i < 200; i++) {
      const matcher = compileMatcher(randomMatcher(rnd, groups));
      const namespaces = rnd() < 0.5 ? NAMESPACES.slice(0, 2) : [pick(rnd, NAMESPACES)];
      const scan = clusters
        .filter((c) => namespaces.includes(c.namespace) && matchesCluster(matcher, c, groupsOfCluster(c, compiledGroups)))
        .map(objectKey);
      expect(sorted(index.candidates(matcher, { namespaces, groups: compiledGroups }).map(objectKey))).toEqual(sorted(new Set(scan)));
    }
  });

  it.each(seeds.map((seed) => ({ name: `stays equal to a scan after relabels and removals (seed ${seed})`, seed })))('$name', ({ seed }) => {
    const rnd = random(seed);
    const live = new Map(randomClusters(rnd, 300).map((c) => [objectKey(c), c]));
    const index = new ClusterIndex(live.values());
    for (let step = 0; step < 300; step++) {
      const key = pick(rnd, [...live.keys()]);
      if (rnd() < 0.2) {
        index.remove(key);
        live.delete(key);
      } else {
        const current = live.get(key) as TargetCluster;
        const next = { ...current, labels: randomLabels(rnd) };
        expect(index.upsert(next)).toBe(current);
        live.set(key, next);
      }
    }
    expect(index.size).toBe(live.size);
    for (let i = 0; i < 100; i++) {
      const requirements = randomRequirements(rnd);
      const scan = [...live.values()].filter((c) => matches(requirements, c.labels)).map(objectKey);
      expect(sorted(index.select(requirements))).toEqual(sorted(scan));
    }
  });
});

describe('ClusterIndex group memberships (property-style, seeded)', () => {
  const seeds = [7, 11, 2027];

  it.each(seeds.map((seed) => ({ name: `group candidates stay equal to a scan while clusters and group selectors change (seed ${seed})`, seed })))('$name', ({ seed }) => {
    const rnd = random(seed);
    const live = new Map(randomClusters(rnd, 200).map((c) => [objectKey(c), c]));
    const index = new ClusterIndex(live.values());
    let groups = randomGroups(rnd);
    for (let step = 0; step < 150; step++) {
      const roll = rnd();
      const key = pick(rnd, [...live.keys()]);
      if (roll < 0.1) {
        // A group's selector changes under the same name: its members are computed again.
        const at = Math.floor(rnd() * groups.length);
        groups = groups.map((g, i) => (i === at ? { ...g, selector: randomSelector(rnd) } : g));
      } else if (roll < 0.2 && live.size > 1) {
        index.remove(key);
        live.delete(key);
      } else {
        const next = { ...(live.get(key) as TargetCluster), labels: randomLabels(rnd) };
        index.upsert(next);
        live.set(key, next);
      }
      const compiledGroups = groups.map(compileGroup);
      const matcher = compileMatcher({ ...randomMatcher(rnd, groups), clusterGroup: pick(rnd, groups).name });
      const scan = [...live.values()].filter((c) => matchesCluster(matcher, c, groupsOfCluster(c, compiledGroups))).map(objectKey);
      expect(sorted(index.candidateKeys(matcher, { namespaces: NAMESPACES, groups: compiledGroups }))).toEqual(sorted(scan));
      for (const g of compiledGroups) {
        const members = [...live.values()].filter((c) => groupsOfCluster(c, [g]).length > 0).map(objectKey);
        expect(sorted(index.membersOf(g))).toEqual(sorted(members));
      }
    }
  });

  it('a forgotten group is computed again from the clusters when asked about', () => {
    const index = new ClusterIndex([
      { name: 'a', namespace: 'ws', labels: { env: 'prod' } },
      { name: 'b', namespace: 'ws', labels: { env: 'dev' } },
    ]);
    const prod = compileGroup({ name: 'g', namespace: 'ws', labels: {}, selector: { matchLabels: { env: 'prod' } } });
    expect(sorted(index.membersOf(prod))).toEqual(['ws/a']);
    index.forgetGroup('ws/g');
    index.upsert({ name: 'b', namespace: 'ws', labels: { env: 'prod' } });
    expect(sorted(index.membersOf(prod))).toEqual(['ws/a', 'ws/b']);
  });
});

describe('ClusterIndex', () => {
  const index = new ClusterIndex([
    { name: 'a', namespace: 'ws', labels: { env: 'prod' } },
    { name: 'b', namespace: 'ws', labels: { env: 'dev' } },
    { name: 'a', namespace: 'other', labels: { env: 'prod' } },
  ]);
  it.each([
    { name: 'an empty selector selects every cluster', text: '', namespaces: undefined, want: ['other/a', 'ws/a', 'ws/b'] },
    { name: 'a selector is scoped to the given workspaces', text: 'env=prod', namespaces: ['ws'], want: ['ws/a'] },
    { name: 'a negative-only selector filters the scoped clusters', text: 'env!=prod', namespaces: ['ws', 'other'], want: ['ws/b'] },
    { name: 'a value no cluster has selects nothing', text: 'env=test', namespaces: undefined, want: [] },
  ])('$name', ({ text, namespaces, want }) => {
    expect(sorted(index.select(parseLabelSelector(text), namespaces ? { namespaces } : {}))).toEqual(want);
  });

  it('a matcher by name only finds clusters of the given workspaces', () => {
    expect(index.candidates(compileMatcher({ clusterName: 'a' }), { namespaces: ['other'], groups: [] }).map(objectKey)).toEqual(['other/a']);
  });

  it('a matcher without criteria finds nothing', () => {
    expect(index.candidates(compileMatcher({}), { namespaces: ['ws'], groups: [] })).toEqual([]);
  });
});
