/**
 * Whether one target (or restriction, or partition) matches one Cluster: Fleet's matcher.
 * Criteria are AND-ed; a matcher without any criterion matches nothing, while an empty
 * selector `{}` matches every cluster. Selectors are compiled once per matcher, so a bundle
 * evaluated against 100,000 clusters parses its selectors once.
 */
import { matches, requirementsFromSelector, type Requirement } from '../api/label-selector.js';
import type { LabelSelector, Labels } from '../api/meta.js';
import type { TargetCluster, TargetGroup } from './target-cluster.js';

/** The matching fields shared by GitRepo targets, Bundle targets, restrictions and partitions. */
export interface ClusterMatcher {
  readonly clusterName?: string;
  readonly clusterSelector?: LabelSelector | null;
  readonly clusterGroup?: string;
  readonly clusterGroupSelector?: LabelSelector | null;
}

export interface CompiledMatcher {
  readonly clusterName?: string;
  readonly clusterRequirements?: readonly Requirement[];
  readonly clusterGroup?: string;
  readonly groupRequirements?: readonly Requirement[];
}

/** A ClusterGroup with its selector compiled; `requirements` undefined means it selects nothing. */
export interface CompiledGroup {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly requirements?: readonly Requirement[];
}

/** Compiles a matcher; throws LabelSelectorError when one of its selectors is invalid. */
export function compileMatcher(matcher: ClusterMatcher): CompiledMatcher {
  return {
    ...(matcher.clusterName ? { clusterName: matcher.clusterName } : {}),
    ...(matcher.clusterSelector ? { clusterRequirements: requirementsFromSelector(matcher.clusterSelector) } : {}),
    ...(matcher.clusterGroup ? { clusterGroup: matcher.clusterGroup } : {}),
    ...(matcher.clusterGroupSelector ? { groupRequirements: requirementsFromSelector(matcher.clusterGroupSelector) } : {}),
  };
}

/** Compiles a ClusterGroup's selector; throws LabelSelectorError when it is invalid. */
export function compileGroup(group: TargetGroup): CompiledGroup {
  const base = { name: group.name, namespace: group.namespace, labels: group.labels };
  return group.selector ? { ...base, requirements: requirementsFromSelector(group.selector) } : base;
}

/** Whether the matcher has a group criterion, so that deciding it needs the cluster's groups. */
export function readsGroups(m: CompiledMatcher): boolean {
  return m.clusterGroup !== undefined || m.groupRequirements !== undefined;
}

export function hasCriteria(m: CompiledMatcher): boolean {
  return (
    m.clusterName !== undefined ||
    m.clusterRequirements !== undefined ||
    m.clusterGroup !== undefined ||
    m.groupRequirements !== undefined
  );
}

/** Whether a group contains a cluster: same namespace and its selector matches the labels. */
export function groupContains(group: CompiledGroup, cluster: TargetCluster): boolean {
  return (
    group.namespace === cluster.namespace &&
    group.requirements !== undefined &&
    matches(group.requirements, cluster.labels)
  );
}

/** Whether a group passes a matcher's group criteria (its name and group selector), whatever its members. */
export function groupMatches(m: CompiledMatcher, group: CompiledGroup): boolean {
  if (m.clusterGroup !== undefined && m.clusterGroup !== group.name) return false;
  return m.groupRequirements === undefined || matches(m.groupRequirements, group.labels);
}

/**
 * Whether the matcher selects the cluster, given the groups the cluster belongs to. Group
 * criteria must hold for one and the same group; unlike Fleet, a group criterion never
 * matches a cluster that belongs to no group (Fleet evaluates it against empty group labels).
 */
export function matchesCluster(m: CompiledMatcher, cluster: TargetCluster, groups: readonly CompiledGroup[]): boolean {
  if (!hasCriteria(m)) return false;
  if (m.clusterName !== undefined && m.clusterName !== cluster.name) return false;
  if (m.clusterRequirements !== undefined && !matches(m.clusterRequirements, cluster.labels)) return false;
  if (m.clusterGroup === undefined && m.groupRequirements === undefined) return true;
  return groups.some((g) => groupMatches(m, g));
}

/** The groups (of the cluster's own namespace) that contain the cluster. */
export function groupsOfCluster(cluster: TargetCluster, groups: readonly CompiledGroup[]): CompiledGroup[] {
  return groups.filter((g) => groupContains(g, cluster));
}
