/**
 * What targeting decided for one (bundle, cluster) pair, always with the reason: the chosen
 * target and customizations with the resolved options, or why the cluster is not targeted.
 * `flotilla bundle why` prints these; the controller writes the targeted ones.
 */
import type { BundleOptions } from './bundle-options.js';

export const NOT_TARGETED_REASONS = [
  /** No target of the bundle matches the cluster. */
  'NoTargetMatched',
  /** A target matched, but none of the bundle's `targetRestrictions` does. */
  'RestrictedByTargetRestrictions',
  /** A target matched, but none of its GitRepo's `targets` (or ClusterGroup `default`) does. */
  'RestrictedByGitRepoTargets',
  /** A GitRepoRestriction of the workspace refuses the GitRepo or the resolved options. */
  'RestrictedByGitRepoRestriction',
  /** The matching target or customization sets `doNotDeploy`. */
  'DoNotDeploy',
  /** The cluster is in another workspace and no BundleNamespaceMapping opens it to the bundle. */
  'NoNamespaceMapping',
  /** Another bundle of the same name from another workspace already reaches the cluster. */
  'DuplicateBundleName',
] as const;

export type NotTargetedReason = (typeof NOT_TARGETED_REASONS)[number];

/** Which entry of `targets` (or `targetCustomizations`) was used, by position and name. */
export interface TargetRef {
  readonly index: number;
  readonly name?: string;
}

export interface TargetedDecision {
  readonly targeted: true;
  /** Bundle key `namespace/name`. */
  readonly bundle: string;
  /** Cluster key `namespace/name`. */
  readonly cluster: string;
  readonly target: TargetRef;
  readonly customizations: readonly TargetRef[];
  /** Shared between clusters that resolved the same target and customizations: do not mutate. */
  readonly options: BundleOptions;
  readonly optionsHash: string;
  readonly message: string;
}

export interface NotTargetedDecision {
  readonly targeted: false;
  readonly bundle: string;
  readonly cluster: string;
  readonly reason: NotTargetedReason;
  readonly message: string;
  readonly target?: TargetRef;
}

export type TargetDecision = TargetedDecision | NotTargetedDecision;

export function targetRef(index: number, name: string | undefined): TargetRef {
  return name ? { index, name } : { index };
}

export function describeTarget(kind: 'target' | 'customization', ref: TargetRef): string {
  return ref.name ? `${kind} "${ref.name}"` : `${kind} #${ref.index}`;
}
