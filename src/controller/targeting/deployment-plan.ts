/**
 * One pass of a Bundle's rollout, planned from plain data: which BundleDeployments to write
 * (only those that change), which to delete (clusters no longer targeted), the rollout
 * figures, and the entries its summary counts (each BundleDeployment as it will be after
 * the writes, so the status does not lag a pass behind). Pure: the reconciler reads the
 * caches, renders the Contents and does the writes.
 */
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { deploymentId } from '../../bundle/index.js';
import {
  planRollout,
  type BundleOnCluster,
  type BundleResolution,
  type NotTargetedDecision,
  type RolloutCluster,
  type RolloutStatus,
  type TargetCluster,
  type TargetedDecision,
  type TargetGroup,
} from '../../targeting/index.js';
import type { DeploymentEntry } from '../status/summary.js';
import { deploymentChanged, desiredBundleDeployment } from './bundle-deployment-object.js';

/** Refusals worth a condition: a target matched, yet the cluster was refused by tenancy rules. */
const REPORTED_REFUSALS: ReadonlySet<string> = new Set(['DuplicateBundleName', 'RestrictedByGitRepoRestriction']);

export interface DeploymentPlanInput {
  readonly bundle: Bundle;
  /** The bundle's resolution, without error. */
  readonly resolution: BundleResolution;
  readonly cluster: (key: string) => TargetCluster | undefined;
  /** Content name for each options hash of the targeted decisions. */
  readonly contents: ReadonlyMap<string, string>;
  /** The bundle's BundleDeployments now, by cluster key. */
  readonly current: ReadonlyMap<string, BundleDeployment>;
  readonly groups: readonly TargetGroup[];
  /** Bundles on a cluster with their states; read only when the bundle has dependsOn. */
  readonly bundlesOnCluster?: (clusterKey: string) => readonly BundleOnCluster[];
}

export interface DeploymentPlan {
  readonly apply: readonly BundleDeployment[];
  readonly remove: readonly BundleDeployment[];
  readonly rollout: RolloutStatus;
  readonly entries: readonly DeploymentEntry[];
  readonly refusals: readonly NotTargetedDecision[];
  /** Targeted clusters left without a BundleDeployment this pass (maxNew): run again. */
  readonly deferred: number;
}

interface Targeted {
  readonly decision: TargetedDecision;
  readonly cluster: TargetCluster;
  readonly rollout: RolloutCluster;
}

function rolloutCluster(input: DeploymentPlanInput, decision: TargetedDecision, cluster: TargetCluster): RolloutCluster {
  const current = input.current.get(decision.cluster);
  const content = input.contents.get(decision.optionsHash);
  if (content === undefined) throw new Error(`no Content rendered for options ${decision.optionsHash}`);
  const withDeps = (input.bundle.spec.dependsOn?.length ?? 0) > 0 && input.bundlesOnCluster;
  return {
    cluster,
    desiredDeploymentId: deploymentId(content, decision.optionsHash),
    ...(current
      ? { current: { deploymentId: current.spec.deploymentID ?? '', ...(current.status?.appliedDeploymentID ? { appliedDeploymentId: current.status.appliedDeploymentID } : {}), ready: current.status?.ready === true } }
      : {}),
    ...(decision.options.paused ? { paused: true } : {}),
    ...(withDeps ? { bundlesOnCluster: withDeps(decision.cluster) } : {}),
  };
}

function targetedClusters(input: DeploymentPlanInput): Targeted[] {
  const found: Targeted[] = [];
  for (const decision of input.resolution.decisions) {
    if (!decision.targeted) continue;
    const cluster = input.cluster(decision.cluster);
    if (cluster) found.push({ decision, cluster, rollout: rolloutCluster(input, decision, cluster) });
  }
  return found;
}

/** Plans one pass; throws RolloutStrategyError when the bundle's rollout strategy is invalid. */
export function planDeployments(input: DeploymentPlanInput): DeploymentPlan {
  const { bundle } = input;
  const targeted = targetedClusters(input);
  const byCluster = new Map(targeted.map((t) => [t.decision.cluster, t]));
  const plan = planRollout({
    bundle: {
      name: bundle.metadata.name ?? '',
      namespace: bundle.metadata.namespace ?? '',
      ...(bundle.spec.paused ? { paused: true } : {}),
      ...(bundle.spec.dependsOn ? { dependsOn: bundle.spec.dependsOn } : {}),
      ...(bundle.spec.rolloutStrategy ? { rolloutStrategy: bundle.spec.rolloutStrategy } : {}),
    },
    clusters: targeted.map((t) => t.rollout),
    groups: input.groups,
  });
  const apply: BundleDeployment[] = [];
  const entries: DeploymentEntry[] = [];
  let deferred = 0;
  for (const rollout of plan.decisions) {
    const t = byCluster.get(rollout.cluster);
    if (!t) continue;
    const current = input.current.get(rollout.cluster);
    if (rollout.outcome === 'Deferred') {
      deferred++;
      entries.push({ name: rollout.cluster, deployment: undefined });
      continue;
    }
    const desired = desiredBundleDeployment({ bundle, cluster: t.cluster, rollout, options: t.decision.options, ...(current ? { current } : {}) });
    if (deploymentChanged(desired, current)) apply.push(desired);
    entries.push({ name: rollout.cluster, deployment: { ...desired, ...(current?.status ? { status: current.status } : {}) } });
  }
  const remove = [...input.current].filter(([cluster]) => !byCluster.has(cluster)).map(([, bd]) => bd);
  const refusals = input.resolution.decisions.filter((d): d is NotTargetedDecision => !d.targeted && REPORTED_REFUSALS.has(d.reason));
  return { apply, remove, rollout: plan.status, entries, refusals, deferred };
}
