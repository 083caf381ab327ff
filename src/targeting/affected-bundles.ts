/**
 * Which bundles a Cluster change can affect, so that relabelling one cluster re-resolves a
 * few bundles instead of all of them. Each bundle is registered with every matcher that
 * reads clusters (targets, restrictions, customizations, partitions, its GitRepo's targets);
 * the index remembers which label keys and groups they refer to. A label change then
 * affects only the bundles referring to a changed key, or to a group the cluster joined or
 * left; an added or removed cluster affects the bundles whose matchers select it. The answer
 * may include a bundle that turns out unchanged, never miss one that changes.
 */
import { LabelSelectorError, matches } from '../api/label-selector.js';
import { DEFAULT_GIT_TARGETS, type TargetBundle } from './bundle-target.js';
import { compileGroup, compileMatcher, groupsOfCluster, matchesCluster, type ClusterMatcher, type CompiledGroup, type CompiledMatcher } from './cluster-matcher.js';
import type { TargetGitRepo } from './restriction.js';
import { objectKey, type TargetCluster, type TargetGroup } from './target-cluster.js';

/** Every matcher of a bundle (and its GitRepo) that reads clusters. */
export function bundleMatchers(bundle: TargetBundle, gitRepo?: TargetGitRepo): ClusterMatcher[] {
  const gitTargets = gitRepo ? (gitRepo.targets && gitRepo.targets.length > 0 ? gitRepo.targets : DEFAULT_GIT_TARGETS) : [];
  return [
    ...(bundle.targets ?? []),
    ...(bundle.targetRestrictions ?? []),
    ...(bundle.targetCustomizations ?? []),
    ...(bundle.rolloutStrategy?.partitions ?? []),
    ...gitTargets,
  ];
}

/** One Cluster before and after a change: `before` undefined when added, `after` when removed. */
export interface ClusterChange {
  readonly before?: TargetCluster;
  readonly after?: TargetCluster;
}

interface Registered {
  readonly matchers: readonly CompiledMatcher[];
  /** Set when a selector is invalid: then any change may matter. */
  readonly everything: boolean;
}

function add(map: Map<string, Set<string>>, at: string, bundle: string): void {
  let set = map.get(at);
  if (!set) map.set(at, (set = new Set()));
  set.add(bundle);
}

function changedKeys(before: TargetCluster, after: TargetCluster): string[] {
  const keys = new Set([...Object.keys(before.labels), ...Object.keys(after.labels)]);
  return [...keys].filter((k) => before.labels[k] !== after.labels[k]);
}

export class BundleReferenceIndex {
  private readonly bundles = new Map<string, Registered>();
  private readonly byLabelKey = new Map<string, Set<string>>();
  private readonly byGroupName = new Map<string, Set<string>>();
  private readonly byGroupSelector = new Set<string>();

  /** Registers (or re-registers) a bundle with the matchers `bundleMatchers` returns. */
  set(bundleKey: string, matchers: readonly ClusterMatcher[]): void {
    this.delete(bundleKey);
    let compiled: CompiledMatcher[] = [];
    let everything = false;
    try {
      compiled = matchers.map(compileMatcher);
    } catch (error) {
      if (!(error instanceof LabelSelectorError)) throw error;
      everything = true;
    }
    this.bundles.set(bundleKey, { matchers: compiled, everything });
    for (const m of compiled) {
      for (const r of m.clusterRequirements ?? []) add(this.byLabelKey, r.key, bundleKey);
      if (m.clusterGroup !== undefined) add(this.byGroupName, m.clusterGroup, bundleKey);
      else if (m.groupRequirements !== undefined) this.byGroupSelector.add(bundleKey);
    }
  }

  delete(bundleKey: string): void {
    if (!this.bundles.delete(bundleKey)) return;
    for (const map of [this.byLabelKey, this.byGroupName]) {
      for (const [at, set] of map) {
        set.delete(bundleKey);
        if (set.size === 0) map.delete(at);
      }
    }
    this.byGroupSelector.delete(bundleKey);
  }

  /** Keys of the bundles whose targeting the change can alter, in key order. */
  affectedBundles(change: ClusterChange, groups: readonly TargetGroup[]): string[] {
    const namespace = (change.after ?? change.before)?.namespace;
    const compiled = groups.filter((g) => g.namespace === namespace).flatMap((g) => {
      try {
        return [compileGroup(g)];
      } catch {
        return [];
      }
    });
    const affected = new Set<string>();
    for (const [key, r] of this.bundles) if (r.everything) affected.add(key);
    const { before, after } = change;
    if (before && after && objectKey(before) === objectKey(after) && Boolean(before.paused) === Boolean(after.paused)) {
      this.byLabels(before, after, compiled, affected);
    } else {
      for (const cluster of [before, after]) if (cluster) this.bySelecting(cluster, compiled, affected);
    }
    return [...affected].sort();
  }

  private byLabels(before: TargetCluster, after: TargetCluster, groups: readonly CompiledGroup[], affected: Set<string>): void {
    for (const key of changedKeys(before, after)) for (const b of this.byLabelKey.get(key) ?? []) affected.add(b);
    for (const g of groups) {
      const was = g.requirements !== undefined && matches(g.requirements, before.labels);
      const is = g.requirements !== undefined && matches(g.requirements, after.labels);
      if (was === is) continue;
      for (const b of this.byGroupName.get(g.name) ?? []) affected.add(b);
      for (const b of this.byGroupSelector) affected.add(b);
    }
  }

  private bySelecting(cluster: TargetCluster, groups: readonly CompiledGroup[], affected: Set<string>): void {
    const own = groupsOfCluster(cluster, groups);
    for (const [key, r] of this.bundles) {
      if (r.matchers.some((m) => matchesCluster(m, cluster, own))) affected.add(key);
    }
  }
}
