/**
 * BundleDeployment: one Bundle on one cluster, in that cluster's namespace on the hub and
 * named like its Bundle. The controller writes the spec (staged and current deploymentID and
 * options); the cluster's agent writes the status (what it applied, readiness, drift).
 * Fleet's BundleDeployment, same field names.
 */
import { type BundleDeploymentOptions, type CorrectDrift, bundleDeploymentOptionsProperties, correctDriftSchema } from './bundle-options.js';
import type { BundleRef } from './bundle.js';
import {
  type ModifiedStatus,
  type NonReadyStatus,
  MAX_NON_READY_DETAILS,
  modifiedStatusSchema,
  nonReadyStatusSchema,
} from './bundle-summary.js';
import { BUNDLE_STATES } from './bundle-state.js';
import { conditions, labelNameSchema, labelSelector } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { Condition } from './meta.js';
import { type ResourceCounts, resourceCountsSchema } from './resource-counts.js';
import { boolean, enumOf, integer, list, object, set, string, timestamp } from './schema-builders.js';

/**
 * `<content name>:<hash of the options>`: which Content to apply with which options (Fleet's
 * deploymentID). The Content name is a DNS label derived from the sha256 of the manifests.
 */
export const DEPLOYMENT_ID_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(:[0-9a-f]+)?$';

export interface BundleDeploymentSpec {
  paused?: boolean;
  /** What the controller wants next; copied to deploymentID/options as the rollout allows. */
  stagedDeploymentID?: string;
  stagedOptions?: BundleDeploymentOptions;
  /** What the agent should apply now. */
  deploymentID?: string;
  options?: BundleDeploymentOptions;
  dependsOn?: BundleRef[];
  correctDrift?: CorrectDrift;
}

/** An object the agent applied. */
export interface BundleDeploymentResource {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  createdAt?: string;
}

export interface BundleDeploymentDisplay {
  deployed?: string;
  monitored?: string;
  state?: string;
}

export interface BundleDeploymentStatus {
  conditions?: Condition[];
  appliedDeploymentID?: string;
  ready?: boolean;
  nonModified?: boolean;
  nonReadyStatus?: NonReadyStatus[];
  modifiedStatus?: ModifiedStatus[];
  /** The lists above were cut at their limit. */
  incompleteState?: boolean;
  display?: BundleDeploymentDisplay;
  syncGeneration?: number;
  resources?: BundleDeploymentResource[];
  resourceCounts?: ResourceCounts;
}

export type BundleDeployment = FlotillaObject<'BundleDeployment', { spec: BundleDeploymentSpec; status?: BundleDeploymentStatus }>;

const optionsSchema = object(bundleDeploymentOptionsProperties, 'Options resolved for this cluster.');
const deploymentId = (description: string) => string(description, { pattern: DEPLOYMENT_ID_PATTERN });

const bundleDeploymentSpecSchema = object(
  {
    paused: boolean('Do not apply new deployments.'),
    stagedDeploymentID: deploymentId('The deployment the controller wants next.'),
    stagedOptions: optionsSchema,
    deploymentID: deploymentId('The deployment the agent should apply now.'),
    options: optionsSchema,
    dependsOn: list(
      object({
        name: string(),
        selector: labelSelector('Bundles whose labels this selector matches.'),
        acceptedStates: set(enumOf(BUNDLE_STATES)),
      }),
      'Bundles that must be ready on this cluster first.',
    ),
    correctDrift: correctDriftSchema,
  },
  'What the agent applies.',
);

const bundleDeploymentStatusSchema = object({
  conditions: conditions('Installed, Deployed, Monitored, Ready.'),
  appliedDeploymentID: deploymentId('The deployment the agent applied last.'),
  ready: boolean('Every applied object is ready.'),
  nonModified: boolean('No applied object has drifted.'),
  nonReadyStatus: list(nonReadyStatusSchema, 'Objects that are not ready.', { maxItems: MAX_NON_READY_DETAILS }),
  modifiedStatus: list(modifiedStatusSchema, 'Objects changed on the member.', { maxItems: MAX_NON_READY_DETAILS }),
  incompleteState: boolean('The lists above were cut at their limit.'),
  display: object({ deployed: string(), monitored: string(), state: string() }),
  syncGeneration: integer('The forceSyncGeneration last applied.'),
  resources: list(
    object({ apiVersion: string(), kind: string(), namespace: string(), name: string(), createdAt: timestamp() }),
    'Objects the agent applied.',
  ),
  resourceCounts: resourceCountsSchema,
});

export const bundleDeploymentCrd = defineCrd({
  kind: 'BundleDeployment',
  plural: 'bundledeployments',
  shortNames: ['bd'],
  scope: 'Namespaced',
  description: 'One Bundle on one cluster, in the cluster’s namespace on the hub.',
  name: labelNameSchema,
  properties: { spec: bundleDeploymentSpecSchema, status: bundleDeploymentStatusSchema },
  required: ['spec'],
  printerColumns: [
    { name: 'Deployed', type: 'string', jsonPath: '.status.display.deployed' },
    { name: 'Monitored', type: 'string', jsonPath: '.status.display.monitored' },
    { name: 'State', type: 'string', jsonPath: '.status.display.state' },
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message', priority: 1 },
  ],
});
