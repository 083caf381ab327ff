/**
 * How a target names clusters, as in Fleet: by name, by cluster labels, by group, or by group
 * labels; the criteria of one matcher are AND-ed. Shared by GitRepo targets, Bundle targets
 * and target restrictions, rollout partitions and ManagedNamespace placement.
 */
import type { JSONSchemaProps } from './crd.js';
import type { LabelSelector } from './meta.js';
import { labelName, labelSelector } from './common-schemas.js';
import { string } from './schema-builders.js';

export interface ClusterMatcher {
  clusterName?: string;
  clusterSelector?: LabelSelector;
  clusterGroup?: string;
  clusterGroupSelector?: LabelSelector;
}

/** A GitRepo target, and a Bundle's target restriction: a named matcher. */
export interface GitTarget extends ClusterMatcher {
  name?: string;
}

export const clusterMatcherProperties: Record<string, JSONSchemaProps> = {
  clusterName: labelName('Match the Cluster of this name.'),
  clusterSelector: labelSelector('Match Clusters whose labels this selector matches ({} matches all).'),
  clusterGroup: labelName('Match the Clusters of the ClusterGroup of this name.'),
  clusterGroupSelector: labelSelector('Match the Clusters of ClusterGroups whose labels this selector matches.'),
};

export const gitTargetProperties: Record<string, JSONSchemaProps> = {
  name: string('A name for the target, shown in status and used by targetCustomizations.'),
  ...clusterMatcherProperties,
};
