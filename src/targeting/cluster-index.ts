/**
 * Clusters indexed by namespace and label key/value, so that a selector is answered by
 * intersecting the sets of its positive requirements (`In`, `Gt`, `Lt`; `Exists` when alone),
 * smallest first, instead of scanning every cluster; the other requirements (`NotIn`,
 * `DoesNotExist`, `Exists`) then filter the few candidates left. Group criteria are answered from each group's member
 * set (GroupMemberships), computed once per group and kept current, and they only filter
 * what the name or the cluster selector already narrowed. Results equal evaluating every
 * cluster (a seeded property test checks it). The index is state the controller owns and
 * updates from its Cluster cache.
 */
import { matches, type Requirement } from '../api/label-selector.js';
import { groupMatches, hasCriteria, readsGroups, type CompiledGroup, type CompiledMatcher } from './cluster-matcher.js';
import { GroupMemberships } from './group-memberships.js';
import { objectKey, type TargetCluster } from './target-cluster.js';

type KeySet = Set<string>;

const EMPTY: ReadonlySet<string> = new Set();

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

function union(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  if (sets.length === 1) return sets[0] as ReadonlySet<string>;
  const all = new Set<string>();
  for (const s of sets) for (const key of s) all.add(key);
  return all;
}

/**
 * The keys that belong to one of the groups. Clusters a selector picks together tend to share
 * their groups (one zone lies in one region), so the set that held the last key is asked first.
 */
function inAnyGroup(keys: Iterable<string>, groupSets: readonly ReadonlySet<string>[]): string[] {
  const result: string[] = [];
  let last = groupSets[0] as ReadonlySet<string>;
  for (const key of keys) {
    if (last.has(key)) {
      result.push(key);
      continue;
    }
    const found = groupSets.find((s) => s !== last && s.has(key));
    if (!found) continue;
    last = found;
    result.push(key);
  }
  return result;
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
  private readonly byLabel = new Map<string, Map<string, KeySet>>();
  private readonly memberships = new GroupMemberships((requirements, namespace) => this.select(requirements, { namespaces: [namespace] }));

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
    const previous = this.unindex(key);
    this.clusters.set(key, cluster);
    addTo(this.byNamespace, cluster.namespace, key);
    for (const [label, value] of Object.entries(cluster.labels)) {
      let values = this.byLabel.get(label);
      if (!values) this.byLabel.set(label, (values = new Map()));
      addTo(values, value, key);
    }
    this.memberships.upserted(key, cluster);
    return previous;
  }

  remove(key: string): TargetCluster | undefined {
    const cluster = this.unindex(key);
    if (cluster) this.memberships.removed(key);
    return cluster;
  }

  private unindex(key: string): TargetCluster | undefined {
    const cluster = this.clusters.get(key);
    if (!cluster) return undefined;
    this.clusters.delete(key);
    removeFrom(this.byNamespace, cluster.namespace, key);
    for (const [label, value] of Object.entries(cluster.labels)) {
      const values = this.byLabel.get(label);
      if (values) {
        removeFrom(values, value, key);
        if (values.size === 0) this.byLabel.delete(label);
      }
    }
    return cluster;
  }

  /** Forgets the members computed for a deleted ClusterGroup (`namespace/name`). */
  forgetGroup(groupKey: string): void {
    this.memberships.forget(groupKey);
  }

  all(): IterableIterator<TargetCluster> {
    return this.clusters.values();
  }

  /** Clusters of the given workspaces, in no particular order. */
  inNamespaces(namespaces: readonly string[]): TargetCluster[] {
    return namespaces.flatMap((ns) => [...(this.byNamespace.get(ns) ?? [])].map((k) => this.clusters.get(k) as TargetCluster));
  }

  /** The exact set a positive requirement allows, or undefined for a negative one (it cannot narrow). */
  private positiveSet(r: Requirement): ReadonlySet<string> | undefined {
    const values = this.byLabel.get(r.key);
    switch (r.operator) {
      case 'In': {
        const sets = r.values.map((v) => values?.get(v)).filter((s): s is KeySet => s !== undefined);
        return sets.length === 0 ? EMPTY : union(sets);
      }
      case 'Gt':
      case 'Lt':
        return union([...(values ?? [])].filter(([v]) => intInRange(r, v)).map(([, s]) => s));
      default:
        return undefined;
    }
  }

  /**
   * The sets to intersect for requirements, smallest first, and the requirements left to check
   * on labels. `Exists` has no set of its own (one per label key would cost a set entry per
   * label of every cluster): it is checked on labels, unless it is the only positive
   * requirement, when the union of its key's value sets stands in.
   */
  private narrowing(requirements: readonly Requirement[], namespaces: readonly string[] | undefined): { sets: ReadonlySet<string>[]; rest: Requirement[] } {
    const sets: ReadonlySet<string>[] = [];
    const rest: Requirement[] = [];
    for (const r of requirements) {
      const set = this.positiveSet(r);
      if (set) sets.push(set);
      else rest.push(r);
    }
    const exists = rest.findIndex((r) => r.operator === 'Exists');
    if (sets.length === 0 && exists !== -1) {
      const [r] = rest.splice(exists, 1) as [Requirement];
      sets.push(union([...(this.byLabel.get(r.key)?.values() ?? [])]));
    }
    const scope = namespaces && this.scope(namespaces);
    if (scope) sets.push(scope);
    return { sets: sets.sort((a, b) => a.size - b.size), rest };
  }

  /** The clusters of the workspaces, or undefined when they hold every cluster (one workspace, usually): a check that always passes is skipped. */
  private scope(namespaces: readonly string[]): ReadonlySet<string> | undefined {
    const sets = [...new Set(namespaces)].map((ns) => this.byNamespace.get(ns) ?? EMPTY);
    return sets.reduce((sum, s) => sum + s.size, 0) === this.clusters.size ? undefined : union(sets);
  }

  /** Keys of the clusters whose labels satisfy every requirement (an empty list selects all). */
  select(requirements: readonly Requirement[], options: SelectOptions = {}): string[] {
    const { sets, rest } = this.narrowing(requirements, options.namespaces);
    const [smallest, ...others] = sets;
    const start: Iterable<string> = smallest ?? this.clusters.keys();
    const result: string[] = [];
    for (const key of start) {
      if (!others.every((s) => s.has(key))) continue;
      // Requirements with a set are exact through it; only the others read labels.
      if (rest.length > 0 && !matches(rest, (this.clusters.get(key) as TargetCluster).labels)) continue;
      result.push(key);
    }
    return result;
  }

  /** The keys of a group's members, computed once per group and kept current. */
  membersOf(group: CompiledGroup): ReadonlySet<string> {
    return this.memberships.membersOf(group);
  }

  /** Member sets of the groups (of `namespaces`) whose name and labels a matcher's group criteria accept. */
  private groupSets(matcher: CompiledMatcher, options: CandidateOptions): ReadonlySet<string>[] {
    const sets: ReadonlySet<string>[] = [];
    for (const g of options.groups) {
      if (!options.namespaces.includes(g.namespace) || !g.requirements) continue;
      if (groupMatches(matcher, g)) sets.push(this.memberships.membersOf(g));
    }
    return sets;
  }

  /** Keys the name, else the cluster selector, else the groups narrow to (before the other criteria filter). */
  private narrowed(matcher: CompiledMatcher, options: CandidateOptions, groupSets: readonly ReadonlySet<string>[] | undefined): Iterable<string> {
    // A name is unique within a workspace, so a name criterion is a direct lookup per workspace.
    if (matcher.clusterName !== undefined) {
      const keys = options.namespaces.map((ns) => `${ns}/${matcher.clusterName ?? ''}`).filter((k) => this.clusters.has(k));
      const requirements = matcher.clusterRequirements;
      return requirements ? keys.filter((k) => matches(requirements, (this.clusters.get(k) as TargetCluster).labels)) : keys;
    }
    if (matcher.clusterRequirements !== undefined || !groupSets) return this.select(matcher.clusterRequirements ?? [], { namespaces: options.namespaces });
    return union(groupSets);
  }

  /**
   * Keys of the clusters of `namespaces` a matcher selects: the clusters of its name, or of
   * its cluster selector, or else the members of the groups its group criteria accept;
   * group criteria then filter the first two through the groups' member sets.
   */
  candidateKeys(matcher: CompiledMatcher, options: CandidateOptions): string[] {
    if (!hasCriteria(matcher)) return [];
    const groupSets = readsGroups(matcher) ? this.groupSets(matcher, options) : undefined;
    if (groupSets?.length === 0) return [];
    const keys = this.narrowed(matcher, options, groupSets);
    const filterByGroups = groupSets && (matcher.clusterName !== undefined || matcher.clusterRequirements !== undefined);
    if (!filterByGroups) return [...keys];
    return inAnyGroup(keys, groupSets);
  }

  /** The clusters `candidateKeys` names. */
  candidates(matcher: CompiledMatcher, options: CandidateOptions): TargetCluster[] {
    return this.candidateKeys(matcher, options).map((k) => this.clusters.get(k) as TargetCluster);
  }
}
