/**
 * Rollout: for each cluster a bundle targets, whether its BundleDeployment moves to the new
 * deploymentID now or is held on its current one. Every targeted cluster is staged
 * (`stagedDeploymentID` = the new id); the staged id is promoted to `deploymentID` partition
 * by partition, as Fleet does, unless:
 * - the bundle or the cluster is paused (staged, never deployed);
 * - a `dependsOn` bundle is not ready on that cluster yet;
 * - promoting would take an available cluster past the bundle's or the partition's
 *   `maxUnavailable` (a cluster already unavailable is always promoted: it cannot get worse);
 * - earlier partitions are unavailable beyond `maxUnavailablePartitions` (later partitions wait).
 * At most `maxNew` BundleDeployments are created per pass; the rest are deferred.
 *
 * A cluster is unavailable when its agent has not applied its current deploymentID or it is
 * not ready. Deterministic: clusters are taken in `namespace/name` order.
 */
import { checkDependsOn, type BundleOnCluster, type DependsOn } from './depends-on.js';
import { partitionClusters, type Partition } from './partitions.js';
import { ROLLOUT_DEFAULTS, type RolloutStrategy } from '../api/rollout-strategy.js';
import { scaledValue } from './int-or-percent.js';
import { objectKey, type TargetCluster, type TargetGroup } from './target-cluster.js';

/** The BundleDeployment a cluster has now, as the controller reads it. */
export interface CurrentDeployment {
  readonly deploymentId: string;
  readonly appliedDeploymentId?: string;
  readonly ready: boolean;
}

export interface RolloutCluster {
  readonly cluster: TargetCluster;
  /** The deploymentID the resolved options produce (`<content>:<optionsHash>`). */
  readonly desiredDeploymentId: string;
  /** Undefined when the cluster has no BundleDeployment yet. */
  readonly current?: CurrentDeployment;
  /** The options resolved for this cluster pause it (a customization's `paused`). */
  readonly paused?: boolean;
  /** The bundles deployed on this cluster with their states, for dependsOn. */
  readonly bundlesOnCluster?: readonly BundleOnCluster[];
}

export interface RolloutInput {
  readonly bundle: {
    readonly name: string;
    readonly namespace: string;
    readonly paused?: boolean;
    readonly dependsOn?: readonly DependsOn[];
    readonly rolloutStrategy?: RolloutStrategy;
  };
  readonly clusters: readonly RolloutCluster[];
  /** ClusterGroups, for explicit partitions that match by group. */
  readonly groups?: readonly TargetGroup[];
}

export type HoldReason =
  | 'Paused'
  | 'WaitingForDependencies'
  | 'MaxUnavailable'
  | 'PartitionMaxUnavailable'
  | 'PartitionsUnavailable'
  | 'MaxNew';

/**
 * UpToDate: already on the new id. Promoted: deploymentID becomes the new id. Held: the
 * BundleDeployment keeps (or, when created now, gets an empty) deploymentID, with the new id
 * staged. Deferred: no BundleDeployment is created in this pass.
 */
export type RolloutOutcome = 'UpToDate' | 'Promoted' | 'Held' | 'Deferred';

export interface RolloutDecision {
  readonly cluster: string;
  readonly partition: string;
  readonly outcome: RolloutOutcome;
  /** Whether the controller creates the BundleDeployment in this pass. */
  readonly create: boolean;
  readonly stagedDeploymentId: string;
  /** What `spec.deploymentID` should hold ('' for a created but held BundleDeployment). */
  readonly deploymentId: string;
  readonly reason?: HoldReason;
  readonly message: string;
}

export interface PartitionStatus {
  readonly name: string;
  readonly count: number;
  readonly maxUnavailable: number;
  readonly unavailable: number;
}

export interface RolloutStatus {
  readonly unavailable: number;
  readonly maxUnavailable: number;
  readonly unavailablePartitions: number;
  readonly maxUnavailablePartitions: number;
  readonly newlyCreated: number;
  readonly partitions: readonly PartitionStatus[];
}

export interface RolloutPlan {
  readonly decisions: readonly RolloutDecision[];
  readonly status: RolloutStatus;
}

function isUnavailable(current: CurrentDeployment | undefined, deploymentId: string | undefined): boolean {
  if (!current || deploymentId === undefined) return true;
  return (current.appliedDeploymentId ?? '') !== deploymentId || !current.ready;
}

interface Budget {
  unavailable: number;
  readonly max: number;
}

interface PassState {
  readonly bundle: RolloutInput['bundle'];
  readonly global: Budget;
  newlyCreated: number;
  readonly maxNew: number;
}

function held(c: RolloutCluster, partition: string, reason: HoldReason, message: string, create: boolean): RolloutDecision {
  const outcome: RolloutOutcome = c.current || create ? 'Held' : 'Deferred';
  return {
    cluster: objectKey(c.cluster),
    partition,
    outcome,
    create,
    stagedDeploymentId: c.desiredDeploymentId,
    deploymentId: c.current?.deploymentId ?? '',
    reason,
    message,
  };
}

/** What pauses the cluster's rollout, if anything, for the message. */
function pausedBy(state: PassState, c: RolloutCluster): string | undefined {
  if (state.bundle.paused) return 'the bundle is';
  if (c.cluster.paused) return 'the cluster is';
  return c.paused ? "the cluster's options are" : undefined;
}

function decide(c: RolloutCluster, partition: string, budget: Budget, state: PassState): RolloutDecision {
  const key = objectKey(c.cluster);
  const staged = c.desiredDeploymentId;
  if (c.current?.deploymentId === staged)
    return { cluster: key, partition, outcome: 'UpToDate', create: false, stagedDeploymentId: staged, deploymentId: staged, message: 'up to date' };
  let create = false;
  if (!c.current) {
    if (state.newlyCreated >= state.maxNew)
      return held(c, partition, 'MaxNew', `deferred: ${state.maxNew} BundleDeployments already created in this pass (maxNew)`, false);
    state.newlyCreated++;
    create = true;
  }
  const paused = pausedBy(state, c);
  if (paused) return held(c, partition, 'Paused', `staged only: ${paused} paused`, create);
  const deps = checkDependsOn({ bundle: state.bundle, onCluster: c.bundlesOnCluster ?? [] });
  if (!deps.satisfied) return held(c, partition, 'WaitingForDependencies', deps.message, create);
  const wasUnavailable = isUnavailable(c.current, c.current?.deploymentId);
  if (!wasUnavailable) {
    if (state.global.unavailable >= state.global.max)
      return held(c, partition, 'MaxUnavailable', `held: ${state.global.unavailable} of the bundle's clusters are unavailable (maxUnavailable ${state.global.max})`, create);
    if (budget.unavailable >= budget.max)
      return held(c, partition, 'PartitionMaxUnavailable', `held: ${budget.unavailable} clusters of partition ${partition} are unavailable (maxUnavailable ${budget.max})`, create);
    state.global.unavailable++;
    budget.unavailable++;
  }
  return { cluster: key, partition, outcome: 'Promoted', create, stagedDeploymentId: staged, deploymentId: staged, message: `deploying ${staged}` };
}

/** Clusters of a partition not yet fully on the new id, after this pass's decisions. */
function stillUnavailable(members: readonly RolloutCluster[], decisions: readonly RolloutDecision[]): number {
  return members.filter((c, i) => {
    const d = decisions[i];
    return !d || d.deploymentId !== c.desiredDeploymentId || isUnavailable(c.current, d.deploymentId);
  }).length;
}

function haltedPartition(p: Partition<RolloutCluster>, state: PassState): RolloutDecision[] {
  return p.members.map((c) => {
    const create = !c.current && state.newlyCreated < state.maxNew;
    if (create) state.newlyCreated++;
    return held(c, p.name, 'PartitionsUnavailable', 'held: earlier partitions are unavailable beyond maxUnavailablePartitions', create);
  });
}

/** Plans one pass of a bundle's rollout; throws RolloutStrategyError (int-or-percent.ts) for an invalid strategy. */
export function planRollout(input: RolloutInput): RolloutPlan {
  const strategy = input.bundle.rolloutStrategy ?? {};
  const sorted = [...input.clusters].sort((a, b) => objectKey(a.cluster).localeCompare(objectKey(b.cluster)));
  const partitions = partitionClusters(strategy, sorted, input.groups ?? []);
  const state: PassState = {
    bundle: input.bundle,
    global: {
      unavailable: sorted.filter((c) => c.current && isUnavailable(c.current, c.current.deploymentId)).length,
      max: scaledValue(strategy.maxUnavailable ?? ROLLOUT_DEFAULTS.maxUnavailable, sorted.length),
    },
    newlyCreated: 0,
    maxNew: strategy.maxNew ?? ROLLOUT_DEFAULTS.maxNew,
  };
  const maxUnavailablePartitions = scaledValue(strategy.maxUnavailablePartitions ?? ROLLOUT_DEFAULTS.maxUnavailablePartitions, partitions.length);
  const decisions: RolloutDecision[] = [];
  const statuses: PartitionStatus[] = [];
  let unavailablePartitions = 0;
  for (const p of partitions) {
    if (unavailablePartitions > maxUnavailablePartitions) {
      decisions.push(...haltedPartition(p, state));
      statuses.push({ name: p.name, count: p.members.length, maxUnavailable: p.maxUnavailable, unavailable: stillUnavailable(p.members, []) });
      continue;
    }
    const budget: Budget = { unavailable: p.members.filter((c) => c.current && isUnavailable(c.current, c.current.deploymentId)).length, max: p.maxUnavailable };
    const own = p.members.map((c) => decide(c, p.name, budget, state));
    decisions.push(...own);
    const unavailable = stillUnavailable(p.members, own);
    statuses.push({ name: p.name, count: p.members.length, maxUnavailable: p.maxUnavailable, unavailable });
    if (unavailable > p.maxUnavailable) unavailablePartitions++;
  }
  return {
    decisions,
    status: {
      unavailable: state.global.unavailable,
      maxUnavailable: state.global.max,
      unavailablePartitions,
      maxUnavailablePartitions,
      newlyCreated: state.newlyCreated,
      partitions: statuses,
    },
  };
}
