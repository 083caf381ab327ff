/**
 * How a Bundle's new version reaches its clusters (Fleet's RolloutStrategy): in partitions,
 * moving on only while few enough clusters are unavailable. Defaults are Fleet's and apply
 * where a field is omitted.
 */
import type { JSONSchemaProps } from './crd.js';
import { type ClusterMatcher, clusterMatcherProperties } from './cluster-matcher.js';
import { PERCENT_OR_COUNT_PATTERN } from './common-schemas.js';
import { integer, intOrString, list, object, string } from './schema-builders.js';

/** A count of clusters or a percentage of them (`25%`). */
export type IntOrPercent = number | string;

export interface Partition extends ClusterMatcher {
  name?: string;
  maxUnavailable?: IntOrPercent;
}

export interface RolloutStrategy {
  maxUnavailable?: IntOrPercent;
  maxUnavailablePartitions?: IntOrPercent;
  autoPartitionSize?: IntOrPercent;
  autoPartitionThreshold?: number;
  maxNew?: number;
  partitions?: Partition[];
}

/** Fleet's defaults, used where the strategy leaves a field out. */
export const ROLLOUT_DEFAULTS = Object.freeze({
  maxUnavailable: '100%',
  maxUnavailablePartitions: 0,
  autoPartitionSize: '25%',
  autoPartitionThreshold: 200,
  maxNew: 50,
  partitionMaxUnavailable: '10%',
});

function intOrPercent(description: string): JSONSchemaProps {
  return intOrString(description, { pattern: PERCENT_OR_COUNT_PATTERN });
}

export const rolloutStrategySchema: JSONSchemaProps = object(
  {
    maxUnavailable: intOrPercent('Clusters that may be unavailable before the rollout waits (default 100%).'),
    maxUnavailablePartitions: intOrPercent('Partitions that may be unavailable before the rollout waits (default 0).'),
    autoPartitionSize: intOrPercent('Size of automatic partitions (default 25%).'),
    autoPartitionThreshold: integer('Clusters needed before automatic partitioning starts (default 200; 0 means one partition).', { minimum: 0 }),
    maxNew: integer('BundleDeployments created per reconcile at most (default 50).', { minimum: 1 }),
    partitions: list(
      object({
        name: string('The partition’s name, shown in the Bundle’s status.'),
        maxUnavailable: intOrPercent('Clusters of this partition that may be unavailable (default 10%).'),
        ...clusterMatcherProperties,
      }),
      'Explicit partitions, rolled out in order.',
    ),
  },
  'How a new version rolls out across clusters.',
);
