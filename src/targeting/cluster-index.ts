/**
 * Clusters indexed by namespace and label key/value, so that a selector is answered by
 * intersecting the sets of its positive requirements (`In`, `Exists`, `Gt`, `Lt`) instead of
 * scanning every cluster; negative requirements (`NotIn`, `DoesNotExist`) then filter the
 * few candidates left. Results equal evaluating every cluster (a seeded property test checks
 * it). The index is state the controller owns and updates from its Cluster cache.
 */
import { matches, type Requirement } from '../api/label-selector.js';
import { hasCriteria, type CompiledGroup, type CompiledMatcher } from './cluster-matcher.js';
import { objectKey, type TargetCluster } from './target-cluster.js';

type KeySet = Set<string>;

function addTo<K>(map: Map<K, KeySet>, at: K, key: string): void {
  let set = map.get(at);
  if (!set) map.set(at, (set = new Set()));
  set.add(key);
}

function removeFrom<K>(map: Map<K, KeySet>, at: K, key: string): void {
  const set = map.get(at);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) map.delete(at);
}

function intInRange(r: Requirement, value: string): boolean {
  if (!/^-?\d+$/.test(value)) return false;
  const bound = Number(r.values[0]);
  return r.operator === 'Gt' ? Number(value) > bound : Number(value) < bound;
}

export interface SelectOptions {
  /** Only clusters of these workspaces; all when omitted. */
  readonly namespaces?: readonly string[];
}

export interface CandidateOptions {
  /** The workspaces the bundle can see. */
  readonly namespaces: readonly string[];
  /** Compiled ClusterGroups (of any namespace; only those of `namespaces` count). */
  readonly groups: readonly CompiledGroup[];
}

export class ClusterIndex {
  private readonly clusters = new Map<string, TargetCluster>();
  private readonly byNamespace = new Map<string, KeySet>();
  private readonly withLabel = new Map<string, KeySet>();
  private readonly byLabel = new Map<string, Map<string, KeySet>>();

  constructor(clusters: Iterable<TargetCluster> = []) {
    for (const cluster of clusters) this.upsert(cluster);
  }

  get size(): number {
    return this.clusters.size;
  }

  get(key: string): TargetCluster | undefined {
    return this.clusters.get(key);
  }

  /** Adds or replaces a cluster; returns the previous version, for `affectedBundles`. */
  upsert(cluster: TargetCluster): TargetCluster | undefined {
    const key = objectKey(cluster);
    const previous = this.remove(key);
    this.clusters.set(key, cluster);
    addTo(this.byNamespace, cluster.namespace, key);
    for (const [label, value] of Object.entries(cluster.labels)) {
      addTo(this.withLabel, label, key);
      let values = this.byLabel.get(label);
      if (!values) this.byLabel.set(label, (values = new Map()));
      addTo(values, value, key);
    }
    return previous;
  }

  remove(key: string): TargetCluster | undefined {
    const cluster = this.clusters.get(key);
    if (!cluster) return undefined;
    this.clusters.delete(key);
    removeFrom(this.byNamespace, cluster.namespace, key);
    for (const [label, value] of Object.entries(cluster.labels)) {
      removeFrom(this.withLabel, label, key);
      const values = this.byLabel.get(label);
      if (values) {
        removeFrom(values, value, key);
        if (values.size === 0) this.byLabel.delete(label);
      }
    }
    return cluster;
  }

  all(): IterableIterator<TargetCluster> {
    return this.clusters.values();
  }

  /** Clusters of the given workspaces, in no particular order. */
  inNamespaces(namespaces: readonly string[]): TargetCluster[] {
    return namespaces.flatMap((ns) => [...(this.byNamespace.get(ns) ?? [])].map((k) => this.clusters.get(k) as TargetCluster));
  }

  /** The set a positive requirement allows, or undefined for a negative one (it cannot narrow). */
  private positiveSet(r: Requirement): KeySet | undefined {
    switch (r.operator) {
      case 'Exists':
        return this.withLabel.get(r.key) ?? new Set();
      case 'In': {
        const values = this.byLabel.get(r.key);
        const sets = r.values.map((v) => values?.get(v)).filter((s): s is KeySet => s !== undefined);
        return sets.length === 1 ? sets[0] : new Set(sets.flatMap((s) => [...s]));
      }
      case 'Gt':
      case 'Lt': {
        const values = [...(this.byLabel.get(r.key) ?? new Map<string, KeySet>())];
        return new Set(values.filter(([v]) => intInRange(r, v)).flatMap(([, s]) => [...s]));
      }
      default:
        return undefined;
    }
  }

  /** Keys of the clusters whose labels satisfy every requirement (an empty list selects all). */
  select(requirements: readonly Requirement[], options: SelectOptions = {}): string[] {
    const scope = options.namespaces?.map((ns) => this.byNamespace.get(ns) ?? new Set<string>());
    const sets = requirements.map((r) => this.positiveSet(r)).filter((s): s is KeySet => s !== undefined);
    if (scope) sets.push(scope.length === 1 ? (scope[0] as KeySet) : new Set(scope.flatMap((s) => [...s])));
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...others] = sets;
    const start: Iterable<string> = smallest ?? this.clusters.keys();
    const result: string[] = [];
    for (const key of start) {
      if (!others.every((s) => s.has(key))) continue;
      const cluster = this.clusters.get(key) as TargetCluster;
      if (matches(requirements, cluster.labels)) result.push(key);
    }
    return result;
  }

  /** Keys of the members of the groups (of `namespaces`) a matcher's group criteria select. */
  private groupMembers(matcher: CompiledMatcher, options: CandidateOptions): Set<string> {
    const members = new Set<string>();
    for (const g of options.groups) {
      if (!options.namespaces.includes(g.namespace) || !g.requirements) continue;
      if (matcher.clusterGroup !== undefined && g.name !== matcher.clusterGroup) continue;
      if (matcher.groupRequirements !== undefined && !matches(matcher.groupRequirements, g.labels)) continue;
      for (const key of this.select(g.requirements, { namespaces: [g.namespace] })) members.add(key);
    }
    return members;
  }

  /**
   * Clusters of `namespaces` a matcher selects, using the index for every criterion: the
   * members of the groups the group criteria select, or the clusters of a name, or the
   * clusters a selector selects; the remaining criteria then filter those few.
   */
  candidates(matcher: CompiledMatcher, options: CandidateOptions): TargetCluster[] {
    if (!hasCriteria(matcher)) return [];
    const byGroup = matcher.clusterGroup !== undefined || matcher.groupRequirements !== undefined;
    if (!byGroup && matcher.clusterName === undefined) {
      const keys = this.select(matcher.clusterRequirements ?? [], { namespaces: options.namespaces });
      return keys.map((k) => this.clusters.get(k) as TargetCluster);
    }
    // A name is unique within a workspace, so a name criterion is a direct lookup per workspace.
    const keys = byGroup ? this.groupMembers(matcher, options) : options.namespaces.map((ns) => `${ns}/${matcher.clusterName ?? ''}`);
    const result: TargetCluster[] = [];
    for (const key of keys) {
      const c = this.clusters.get(key);
      const ok =
        c !== undefined &&
        options.namespaces.includes(c.namespace) &&
        (matcher.clusterName === undefined || c.name === matcher.clusterName) &&
        (matcher.clusterRequirements === undefined || matches(matcher.clusterRequirements, c.labels));
      if (ok && c) result.push(c);
    }
    return result;
  }
}
