/**
 * Counts of deployed objects by state, as Fleet's ResourceCounts: summed from
 * BundleDeployments into Bundles, GitRepos, Clusters and ClusterGroups.
 */
import type { JSONSchemaProps } from './crd.js';
import { count, object } from './schema-builders.js';

export interface ResourceCounts {
  ready?: number;
  desiredReady?: number;
  waitApplied?: number;
  modified?: number;
  orphaned?: number;
  missing?: number;
  unknown?: number;
  notReady?: number;
}

export const resourceCountsSchema: JSONSchemaProps = object(
  {
    ready: count('Objects that are ready.'),
    desiredReady: count('Objects that should be ready.'),
    waitApplied: count('Objects not yet applied.'),
    modified: count('Objects changed on the member since they were applied.'),
    orphaned: count('Objects still on the member that the bundle no longer holds.'),
    missing: count('Objects missing on the member.'),
    unknown: count('Objects whose state is not known.'),
    notReady: count('Objects that exist but are not ready.'),
  },
  'Counts of deployed objects by state.',
);
