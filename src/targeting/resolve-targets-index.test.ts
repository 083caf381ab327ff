import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../../test/support/seeded-random.js';
import type { LabelSelector } from '../api/meta.js';
import type { BundleTarget, TargetBundle } from './bundle-target.js';
import { ClusterIndex } from './cluster-index.js';
import { resolveTargets, type BundleResolution } from './resolve-targets.js';
import type { TargetCluster, TargetGroup } from './target-cluster.js';


const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const NAMESPACES = ['fleet-default', 'team-a'];

function selector(rnd: () => number): LabelSelector {
  if (rnd() < 0.5) return { matchLabels: { env: pick(rnd, ['prod', 'dev']) } };
  return { matchExpressions: [{ key: pick(rnd, ['env', 'tier']), operator: pick(rnd, ['In', 'NotIn', 'Exists'] as const), ...(rnd() < 0.7 ? { values: ['prod', '1'] } : {}) }] };
}

function target(rnd: () => number, i: number): BundleTarget {
  const t: { name: string; clusterName?: string; clusterSelector?: LabelSelector; clusterGroup?: string; clusterGroupSelector?: LabelSelector; doNotDeploy?: boolean; defaultNamespace?: string } = { name: `t${i}` };
  if (rnd() < 0.2) t.clusterName = `c${Math.floor(rnd() * 40)}`;
  if (rnd() < 0.6) t.clusterSelector = selector(rnd);
  if (rnd() < 0.3) t.clusterGroup = pick(rnd, ['g1', 'g2']);
  if (rnd() < 0.2) t.clusterGroupSelector = { matchLabels: { kind: 'x' } };
  if (rnd() < 0.1) t.doNotDeploy = true;
  if (rnd() < 0.3) t.defaultNamespace = `ns-${i}`;
  return t;
}

function bundles(rnd: () => number): TargetBundle[] {
  return Array.from({ length: 30 }, (_, b) => ({
    name: `b${b}`,
    namespace: pick(rnd, NAMESPACES),
    targets: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => target(rnd, i)),
    ...(rnd() < 0.2 ? { targetCustomizations: [target(rnd, 9)] } : {}),
    ...(rnd() < 0.2 ? { targetRestrictions: [{ clusterSelector: selector(rnd) }] } : {}),
  }));
}

const clusters = (rnd: () => number): TargetCluster[] =>
  Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, namespace: pick(rnd, NAMESPACES), labels: { env: pick(rnd, ['prod', 'dev']), ...(rnd() < 0.5 ? { tier: pick(rnd, ['1', '2']) } : {}) } }));

const groups = (rnd: () => number): TargetGroup[] =>
  NAMESPACES.flatMap((namespace) => ['g1', 'g2'].map((name) => ({ name, namespace, labels: { kind: pick(rnd, ['x', 'y']) }, selector: selector(rnd) })));

/** Decisions by cluster, so that the order each way found them in does not matter. */
const byCluster = (r: BundleResolution) => Object.fromEntries(r.decisions.map((d) => [d.cluster, d]));

describe('resolveTargets through the ClusterIndex (property-style, seeded)', () => {
  it.each([3, 5, 8, 13, 21].map((seed) => ({ name: `decides every pair exactly as the plain list does, reasons and options included (seed ${seed})`, seed })))('$name', ({ seed }) => {
    const rnd = random(seed);
    const input = { bundles: bundles(rnd), groups: groups(rnd) };
    const list = clusters(rnd);
    const indexed = resolveTargets({ ...input, clusters: new ClusterIndex(list) });
    const plain = resolveTargets({ ...input, clusters: list });
    expect(indexed.map(byCluster)).toEqual(plain.map(byCluster));
    // Each seed targets some pairs, so the comparison is not vacuous.
    expect(plain.flatMap((r) => r.decisions).some((d) => d.targeted)).toBe(true);
  });
});
