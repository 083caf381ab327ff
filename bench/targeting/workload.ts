/**
 * The targeting bench's synthetic workspace: deterministic Clusters (env, region, zone, tier
 * and a per-cluster id label), one ClusterGroup per region, and Bundles cycling through every
 * selector form (labels, expressions, a named cluster, a group, a group selector), each
 * reaching about 1% of the clusters (one zone) or a few named ones.
 */
import type { TargetBundle, TargetCluster, TargetGroup } from '../../src/targeting/index.js';

export const WORKSPACE = 'fleet-default';
const REGIONS = 20;
const ZONES = 100;

/** Deterministic cluster labels: env, region, zone (one zone per ~1% of clusters), tier and a per-cluster id. */
export function clusterLabels(i: number): Record<string, string> {
  return { env: ['prod', 'staging', 'dev'][i % 3] as string, region: `r${i % REGIONS}`, zone: `z${i % ZONES}`, tier: String(i % 10), id: `c${i}` };
}

export function makeClusters(n: number): TargetCluster[] {
  return Array.from({ length: n }, (_, i) => ({ name: `c-${i}`, namespace: WORKSPACE, labels: clusterLabels(i) }));
}

export const GROUPS: readonly TargetGroup[] = Array.from({ length: REGIONS }, (_, r) => ({
  name: `region-${r}`,
  namespace: WORKSPACE,
  labels: { kind: 'region' },
  selector: { matchLabels: { region: `r${r}` } },
}));

export function makeBundles(n: number): TargetBundle[] {
  return Array.from({ length: n }, (_, b): TargetBundle => {
    const zone = `z${b % ZONES}`;
    const forms: TargetBundle['targets'][] = [
      [{ name: 'zone', clusterSelector: { matchLabels: { zone } } }],
      [{ name: 'expr', clusterSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }, { key: 'env', operator: 'NotIn', values: ['none'] }] } }],
      [{ name: 'group', clusterGroup: `region-${b % REGIONS}`, clusterSelector: { matchLabels: { zone } } }],
      [{ name: 'names', clusterName: `c-${b}` }, { name: 'zone', clusterSelector: { matchLabels: { zone }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }],
      [{ name: 'groups', clusterGroupSelector: { matchLabels: { kind: 'region' } }, clusterSelector: { matchLabels: { zone } } }],
    ];
    return { name: `bundle-${b}`, namespace: WORKSPACE, targets: forms[b % forms.length] ?? [], defaultNamespace: `app-${b}` };
  });
}
