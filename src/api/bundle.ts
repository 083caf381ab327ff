/**
 * Bundle: one deployable unit (a path of a GitRepo, or a ManagedNamespace's `mns-<name>`),
 * holding its source files compressed in `spec.resources`, the options and targets that
 * decide where and how it is deployed, and the rollout status aggregated from its
 * BundleDeployments (Fleet's Bundle, same field names).
 */
import { type BundleDeploymentOptions, bundleDeploymentOptionsProperties } from './bundle-options.js';
import { BUNDLE_STATES, type BundleState } from './bundle-state.js';
import { type BundleSummary, bundleSummarySchema } from './bundle-summary.js';
import { type BundleTarget, bundleTargetSchema } from './bundle-target.js';
import { type GitTarget, gitTargetProperties } from './cluster-matcher.js';
import { conditions, labelNameSchema, labelSelector } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { Condition, LabelSelector } from './meta.js';
import { type RolloutStrategy, rolloutStrategySchema } from './rollout-strategy.js';
import { boolean, count, enumOf, integer, keyedList, list, object, set, string } from './schema-builders.js';

/** `base64+gz`: the content is gzip-compressed, then base64-encoded; empty: plain text. */
export const RESOURCE_ENCODINGS = ['', 'base64+gz'] as const;
export type ResourceEncoding = (typeof RESOURCE_ENCODINGS)[number];

/** One source file of the bundle, by its path relative to the bundle's root. */
export interface BundleResource {
  name: string;
  content?: string;
  encoding?: ResourceEncoding;
}

/** Another bundle this one waits for on each cluster, by name or by labels. */
export interface BundleRef {
  name?: string;
  selector?: LabelSelector;
  /** States that count as done (default: Ready). */
  acceptedStates?: BundleState[];
}

export const TARGET_CUSTOMIZATION_MODES = ['FirstMatch', 'AllMatches'] as const;
export type TargetCustomizationMode = (typeof TARGET_CUSTOMIZATION_MODES)[number];

export interface BundleSpec extends BundleDeploymentOptions {
  paused?: boolean;
  rolloutStrategy?: RolloutStrategy;
  resources?: BundleResource[];
  targets?: BundleTarget[];
  targetRestrictions?: GitTarget[];
  targetCustomizationMode?: TargetCustomizationMode;
  dependsOn?: BundleRef[];
}

export interface PartitionStatus {
  name?: string;
  count?: number;
  maxUnavailable?: number;
  unavailable?: number;
  summary?: BundleSummary;
}

export interface BundleDisplay {
  /** `<ready>/<desired>` clusters. */
  readyClusters?: string;
  state?: string;
}

export interface BundleStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  summary?: BundleSummary;
  newlyCreated?: number;
  unavailable?: number;
  unavailablePartitions?: number;
  maxUnavailable?: number;
  maxUnavailablePartitions?: number;
  partitions?: PartitionStatus[];
  display?: BundleDisplay;
  resourcesSha256Sum?: string;
}

export type Bundle = FlotillaObject<'Bundle', { spec: BundleSpec; status?: BundleStatus }>;

const bundleRefSchema = object({
  name: string('The bundle’s name.'),
  selector: labelSelector('Bundles whose labels this selector matches.'),
  acceptedStates: set(enumOf(BUNDLE_STATES), 'States that count as done (default Ready).'),
});

const bundleSpecSchema = object(
  {
    ...bundleDeploymentOptionsProperties,
    paused: boolean('Stage new versions without deploying them.'),
    rolloutStrategy: rolloutStrategySchema,
    resources: keyedList(
      object({
        name: string('The file’s path relative to the bundle root.', { minLength: 1 }),
        content: string('The file’s content, encoded as encoding says.'),
        encoding: enumOf(RESOURCE_ENCODINGS, 'Empty for plain text, base64+gz for compressed.'),
      }),
      ['name'],
      'The bundle’s source files.',
    ),
    targets: list(bundleTargetSchema, 'Targets in order; the first that matches a cluster wins.'),
    targetRestrictions: list(object(gitTargetProperties), 'Targets outside these are refused (the GitRepo’s targets).'),
    targetCustomizationMode: enumOf(TARGET_CUSTOMIZATION_MODES, 'Apply the first matching customization, or all in order.'),
    dependsOn: list(bundleRefSchema, 'Bundles that must be ready on a cluster first.'),
  },
  'What to deploy, where, and how.',
);

const partitionStatusSchema = object({
  name: string(),
  count: count('Clusters in the partition.'),
  maxUnavailable: count('Clusters of it that may be unavailable.'),
  unavailable: count('Clusters of it that are unavailable.'),
  summary: bundleSummarySchema,
});

const bundleStatusSchema = object({
  observedGeneration: integer('The generation of the spec this status describes.', { minimum: 0 }),
  conditions: conditions('Ready, Reconciling, Stalled.'),
  summary: bundleSummarySchema,
  newlyCreated: count('BundleDeployments created in the last reconcile.'),
  unavailable: count('Clusters unavailable.'),
  unavailablePartitions: count('Partitions unavailable.'),
  maxUnavailable: count('Clusters that may be unavailable.'),
  maxUnavailablePartitions: count('Partitions that may be unavailable.'),
  partitions: list(partitionStatusSchema, 'Rollout partitions.'),
  display: object({ readyClusters: string('<ready>/<desired> clusters.'), state: string('The worst state; empty when ready.') }),
  resourcesSha256Sum: string('sha256 of spec.resources, to tell when sources changed.'),
});


export const bundleCrd = defineCrd({
  kind: 'Bundle',
  plural: 'bundles',
  scope: 'Namespaced',
  description: 'A deployable unit: source files, options and targets, and its rollout status.',
  name: labelNameSchema,
  properties: { spec: bundleSpecSchema, status: bundleStatusSchema },
  required: ['spec'],
  printerColumns: [
    { name: 'BundleDeployments-Ready', type: 'string', jsonPath: '.status.display.readyClusters' },
    { name: 'State', type: 'string', jsonPath: '.status.display.state' },
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message', priority: 1 },
  ],
});
