/**
 * ClusterGroup: the Clusters of a workspace whose labels a selector matches, with their
 * count and readiness (Fleet's ClusterGroup, same field names).
 */
import { type BundleSummary, bundleSummarySchema } from './bundle-summary.js';
import { conditions, labelNameSchema, labelSelector, nameSet } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { Condition, LabelSelector } from './meta.js';
import { type ResourceCounts, resourceCountsSchema } from './resource-counts.js';
import { count, integer, object, string } from './schema-builders.js';

export interface ClusterGroupSpec {
  /** Clusters of the workspace whose labels this matches; `{}` matches all. */
  selector?: LabelSelector;
}

export interface ClusterGroupDisplay {
  readyClusters?: string;
  readyBundles?: string;
  state?: string;
}

export interface ClusterGroupStatus {
  observedGeneration?: number;
  clusterCount?: number;
  nonReadyClusterCount?: number;
  nonReadyClusters?: string[];
  conditions?: Condition[];
  summary?: BundleSummary;
  display?: ClusterGroupDisplay;
  resourceCounts?: ResourceCounts;
}

export type ClusterGroup = FlotillaObject<'ClusterGroup', { spec: ClusterGroupSpec; status?: ClusterGroupStatus }>;

export const clusterGroupCrd = defineCrd({
  kind: 'ClusterGroup',
  plural: 'clustergroups',
  shortNames: ['cg'],
  scope: 'Namespaced',
  description: 'The Clusters of a workspace whose labels a selector matches.',
  name: labelNameSchema,
  properties: {
    spec: object({ selector: labelSelector('Clusters whose labels this matches; {} matches all.') }, 'Which Clusters belong.'),
    status: object({
      observedGeneration: integer('The generation of the spec this status describes.', { minimum: 0 }),
      clusterCount: count('Clusters in the group.'),
      nonReadyClusterCount: count('Clusters in the group that are not ready.'),
      nonReadyClusters: nameSet('The first non-ready clusters.'),
      conditions: conditions('Processed, Ready.'),
      summary: bundleSummarySchema,
      display: object({
        readyClusters: string('<ready>/<total> clusters.'),
        readyBundles: string('<ready>/<desired> bundles.'),
        state: string('The worst state; empty when ready.'),
      }),
      resourceCounts: resourceCountsSchema,
    }),
  },
  required: ['spec'],
  printerColumns: [
    { name: 'Clusters-Ready', type: 'string', jsonPath: '.status.display.readyClusters' },
    { name: 'Bundles-Ready', type: 'string', jsonPath: '.status.display.readyBundles' },
    { name: 'State', type: 'string', jsonPath: '.status.display.state' },
  ],
});
