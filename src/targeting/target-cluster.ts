/**
 * The plain shapes targeting reads about where a bundle can go: Clusters, ClusterGroups and
 * workspace namespaces. The controller fills them from its caches; flattened (no metadata
 * wrapper) so that 100,000 of them stay small in memory.
 */
import type { LabelSelector, Labels } from '../api/meta.js';

/** A Cluster of a workspace (Fleet: Cluster in its workspace namespace). */
export interface TargetCluster {
  readonly name: string;
  /** The workspace namespace the Cluster lives in. */
  readonly namespace: string;
  readonly labels: Labels;
  /** Cluster `spec.paused`: its bundles are staged, never deployed. */
  readonly paused?: boolean;
  /** Cluster `spec.templateValues`, for `${ .ClusterValues.x }` in Helm values. */
  readonly templateValues?: Readonly<Record<string, unknown>>;
}

/** A ClusterGroup: the Clusters of its own namespace whose labels match `selector`. */
export interface TargetGroup {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** A missing selector selects no cluster; `{}` selects every cluster of the namespace. */
  readonly selector?: LabelSelector | null;
}

/** A workspace namespace with its labels, which BundleNamespaceMapping selectors match. */
export interface WorkspaceNamespace {
  readonly name: string;
  readonly labels: Labels;
}

/** `namespace/name`: the key a Cluster (or Bundle) is known by in maps and decisions. */
export function objectKey(object: { readonly namespace: string; readonly name: string }): string {
  return `${object.namespace}/${object.name}`;
}

/**
 * Whether two versions of a Cluster are the same to targeting. Most Cluster updates are
 * status (heartbeats, summaries) and leave this shape unchanged; they need no re-resolution.
 */
export function sameTargetCluster(a: TargetCluster, b: TargetCluster): boolean {
  if (a.name !== b.name || a.namespace !== b.namespace || Boolean(a.paused) !== Boolean(b.paused)) return false;
  const keys = Object.keys(a.labels);
  if (keys.length !== Object.keys(b.labels).length || keys.some((k) => a.labels[k] !== b.labels[k])) return false;
  return a.templateValues === b.templateValues || JSON.stringify(a.templateValues) === JSON.stringify(b.templateValues);
}
