/**
 * The hub's state as gauge values, for `flotilla controller --metrics-addr`: how many
 * Bundles are in each state, and how long ago each Cluster's agent last reported. Pure, so
 * the values are tested from plain objects; the command reads the objects from its caches.
 */
import type { Bundle } from '../../api/bundle.js';
import type { Cluster } from '../../api/cluster.js';

/** Bundles by state: an empty display state is Ready; a Bundle without status is Unprocessed. */
export function bundleStateCounts(bundles: readonly Bundle[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const bundle of bundles) {
    const state = bundle.status ? bundle.status.display?.state || 'Ready' : 'Unprocessed';
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return counts;
}

export interface HeartbeatAge {
  namespace: string;
  cluster: string;
  seconds: number;
}

/** Seconds since each Cluster's agent last reported; Clusters whose agent never did are left out. */
export function heartbeatAges(clusters: readonly Cluster[], nowMs: number): HeartbeatAge[] {
  return clusters.flatMap((c) => {
    const seen = Date.parse(c.status?.agent?.lastSeen ?? '');
    if (Number.isNaN(seen)) return [];
    return [{ namespace: c.metadata.namespace ?? '', cluster: c.metadata.name ?? '', seconds: Math.max(0, (nowMs - seen) / 1000) }];
  });
}

/** What the gauges' Bundle cache keeps: identity and the display state (a Bundle's resources can be megabytes). */
export function gaugeBundle(bundle: Bundle): Bundle {
  const { name, namespace, resourceVersion } = bundle.metadata;
  const state = bundle.status?.display?.state;
  return { apiVersion: bundle.apiVersion, kind: bundle.kind, metadata: { name, namespace, resourceVersion }, spec: {}, ...(bundle.status ? { status: state === undefined ? {} : { display: { state } } } : {}) };
}

/** What the gauges' Cluster cache keeps: identity and when its agent last reported. */
export function gaugeCluster(cluster: Cluster): Cluster {
  const { name, namespace, resourceVersion } = cluster.metadata;
  const lastSeen = cluster.status?.agent?.lastSeen;
  return { apiVersion: cluster.apiVersion, kind: cluster.kind, metadata: { name, namespace, resourceVersion }, spec: {}, ...(lastSeen === undefined ? {} : { status: { agent: { lastSeen } } }) };
}
