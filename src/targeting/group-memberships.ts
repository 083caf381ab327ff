/**
 * The members of each ClusterGroup, as sets of cluster keys kept current while clusters come,
 * go and change labels. Resolution asks "is this cluster in that group" for many (bundle,
 * cluster) pairs; answering from a set computed once per group, instead of evaluating every
 * group's selector per pair, is what keeps group targets cheap at 100,000 clusters. A group
 * is computed the first time it is asked about, and again only when its selector changes.
 */
import { matches, type Requirement } from '../api/label-selector.js';
import type { CompiledGroup } from './cluster-matcher.js';
import { objectKey, type TargetCluster } from './target-cluster.js';

interface Membership {
  readonly namespace: string;
  /** The requirements the members were computed with: same object or same JSON means still valid. */
  requirements: readonly Requirement[];
  signature: string;
  readonly members: Set<string>;
}

const NONE: ReadonlySet<string> = new Set();

/** Computes the keys of the clusters of a namespace that satisfy requirements (the index's select). */
export type SelectInNamespace = (requirements: readonly Requirement[], namespace: string) => Iterable<string>;

export class GroupMemberships {
  private readonly groups = new Map<string, Membership>();

  constructor(private readonly select: SelectInNamespace) {}

  /** The keys of the clusters in the group; a group without a (valid) selector has none. */
  membersOf(group: CompiledGroup): ReadonlySet<string> {
    const { requirements } = group;
    if (requirements === undefined) return NONE;
    const key = objectKey(group);
    const known = this.groups.get(key);
    if (known && known.requirements === requirements) return known.members;
    const signature = JSON.stringify(requirements);
    if (known && known.signature === signature) {
      // Groups are compiled afresh per resolution: remember this object so the next lookups skip the JSON.
      known.requirements = requirements;
      return known.members;
    }
    const members = new Set(this.select(requirements, group.namespace));
    this.groups.set(key, { namespace: group.namespace, requirements, signature, members });
    return members;
  }

  /** Keeps every computed group current after a cluster was added or relabelled. */
  upserted(key: string, cluster: TargetCluster): void {
    for (const m of this.groups.values()) {
      if (m.namespace !== cluster.namespace) continue;
      if (matches(m.requirements, cluster.labels)) m.members.add(key);
      else m.members.delete(key);
    }
  }

  removed(key: string): void {
    for (const m of this.groups.values()) m.members.delete(key);
  }

  /** Drops a group's members (the group was deleted); it is computed again if asked about. */
  forget(groupKey: string): void {
    this.groups.delete(groupKey);
  }
}
