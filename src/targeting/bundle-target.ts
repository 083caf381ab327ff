/**
 * The Bundle fields targeting reads, with Fleet's names: targets (where to deploy, each with
 * its own option overrides), target restrictions (what the bundle may reach at most),
 * target customizations (fleet.yaml `targetCustomizations`), dependsOn and the rollout
 * strategy. A Bundle spec holds its options inline, as Fleet's does.
 */
import type { Labels } from '../api/meta.js';
import type { BundleOptions } from './bundle-options.js';
import type { ClusterMatcher } from './cluster-matcher.js';
import type { DependsOn } from './depends-on.js';
import type { RolloutStrategy } from '../api/rollout-strategy.js';

/** A GitRepo target or a target restriction: a name and the matching fields. */
export interface GitTarget extends ClusterMatcher {
  readonly name?: string;
}

/** A Bundle target or customization: matching fields, option overrides and `doNotDeploy`. */
export interface BundleTarget extends GitTarget, BundleOptions {
  readonly doNotDeploy?: boolean;
}

export type TargetCustomizationMode = 'FirstMatch' | 'AllMatches';

export interface TargetBundle extends BundleOptions {
  readonly name: string;
  /** The workspace the bundle lives in (its metadata namespace). */
  readonly namespace: string;
  /** The bundle's `namespace` option (fleet.yaml `namespace`): every object forced into it. */
  readonly optionsNamespace?: string;
  readonly labels?: Labels;
  /** Older bundles keep a cluster when two bundles of one name reach it. */
  readonly creationTimestamp?: string;
  /** The GitRepo that produced the bundle (label `flotilla.io/repo-name`), if any. */
  readonly gitRepoName?: string;
  /** In order, first match wins; empty means the GitRepo's targets (or ClusterGroup `default`). */
  readonly targets?: readonly BundleTarget[];
  /** When given, a cluster must also match one of these (Fleet copies the GitRepo targets here). */
  readonly targetRestrictions?: readonly GitTarget[];
  /** fleet.yaml `targetCustomizations`: options for the clusters a target already chose. */
  readonly targetCustomizations?: readonly BundleTarget[];
  readonly targetCustomizationMode?: TargetCustomizationMode;
  readonly dependsOn?: readonly DependsOn[];
  readonly rolloutStrategy?: RolloutStrategy;
}

/** Fleet's target for a GitRepo without targets: the ClusterGroup `default` of its workspace. */
export const DEFAULT_GIT_TARGETS: readonly GitTarget[] = Object.freeze([Object.freeze({ name: 'default', clusterGroup: 'default' })]);
