/**
 * Splits a bundle's targeted clusters into rollout partitions. Explicit `partitions` take each
 * cluster into the first partition whose matcher selects it (a partition's maxUnavailable
 * defaults to 10%, as the kind documents); clusters no partition selects go into a last
 * partition `unpartitioned` under the bundle's maxUnavailable (Fleet would leave them out of
 * every partition and so never update them). Without explicit partitions, clusters are cut
 * into chunks of `autoPartitionSize` once there are at least `autoPartitionThreshold` of them
 * (a threshold of 0 means a single partition, as the kind documents); otherwise they form
 * one partition `All`.
 */
import { LabelSelectorError } from '../api/label-selector.js';
import { compileGroup, compileMatcher, groupsOfCluster, matchesCluster } from './cluster-matcher.js';
import { ROLLOUT_DEFAULTS, type IntOrPercent, type RolloutStrategy } from '../api/rollout-strategy.js';
import { RolloutStrategyError, parseIntOrPercent, scaledValue } from './int-or-percent.js';
import type { TargetCluster, TargetGroup } from './target-cluster.js';

export interface Partition<C> {
  readonly name: string;
  /** How many of the partition's clusters may be unavailable. */
  readonly maxUnavailable: number;
  readonly members: readonly C[];
}

function partitionOf<C>(name: string, members: C[], maxUnavailable: IntOrPercent): Partition<C> {
  return { name, members, maxUnavailable: scaledValue(maxUnavailable, members.length) };
}

function explicitPartitions<C extends { readonly cluster: TargetCluster }>(
  strategy: RolloutStrategy,
  members: readonly C[],
  groups: readonly TargetGroup[],
): Partition<C>[] {
  const restMaxUnavailable = strategy.maxUnavailable ?? ROLLOUT_DEFAULTS.maxUnavailable;
  let matchers;
  let compiledGroups;
  try {
    matchers = (strategy.partitions ?? []).map(compileMatcher);
    compiledGroups = groups.map(compileGroup);
  } catch (error) {
    if (error instanceof LabelSelectorError) throw new RolloutStrategyError(`invalid partition selector: ${error.message}`, error.text);
    throw error;
  }
  const buckets: C[][] = matchers.map(() => []);
  const rest: C[] = [];
  for (const member of members) {
    const own = groupsOfCluster(member.cluster, compiledGroups);
    const at = matchers.findIndex((m) => matchesCluster(m, member.cluster, own));
    (at === -1 ? rest : (buckets[at] as C[])).push(member);
  }
  const result = (strategy.partitions ?? []).map((spec, i) =>
    partitionOf(spec.name || `partition-${i}`, buckets[i] as C[], spec.maxUnavailable ?? ROLLOUT_DEFAULTS.partitionMaxUnavailable),
  );
  if (rest.length > 0) result.push(partitionOf('unpartitioned', rest, restMaxUnavailable));
  return result;
}

function autoPartitions<C>(strategy: RolloutStrategy, members: readonly C[]): Partition<C>[] {
  const maxUnavailable = strategy.maxUnavailable ?? ROLLOUT_DEFAULTS.maxUnavailable;
  const size = strategy.autoPartitionSize ?? ROLLOUT_DEFAULTS.autoPartitionSize;
  const parsed = parseIntOrPercent(size);
  const threshold = strategy.autoPartitionThreshold ?? ROLLOUT_DEFAULTS.autoPartitionThreshold;
  if ((parsed.kind === 'int' && parsed.value <= 0) || threshold <= 0 || members.length < threshold) {
    return [partitionOf('All', [...members], maxUnavailable)];
  }
  const chunk = Math.max(1, scaledValue(size, members.length));
  const result: Partition<C>[] = [];
  for (let offset = 0; offset < members.length; offset += chunk) {
    const slice = members.slice(offset, offset + chunk);
    result.push(partitionOf(`Partition ${offset} - ${offset + slice.length}`, slice, maxUnavailable));
  }
  return result;
}

/** Partitions in rollout order; throws RolloutStrategyError for an invalid strategy. */
export function partitionClusters<C extends { readonly cluster: TargetCluster }>(
  strategy: RolloutStrategy | undefined,
  members: readonly C[],
  groups: readonly TargetGroup[],
): Partition<C>[] {
  const s = strategy ?? {};
  return s.partitions && s.partitions.length > 0 ? explicitPartitions(s, members, groups) : autoPartitions(s, members);
}
