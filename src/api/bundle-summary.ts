/**
 * Fleet's BundleSummary: how many BundleDeployments are in each state, plus details of the
 * first few that are not ready (capped, so status stays small at thousands of clusters).
 * Also the per-object modified and non-ready details a BundleDeployment reports.
 */
import { BUNDLE_STATES, type BundleState } from './bundle-state.js';
import type { JSONSchemaProps } from './crd.js';
import { boolean, count, enumOf, list, object, string } from './schema-builders.js';

/** How many non-ready entries a summary keeps (Fleet truncates at 10 as well). */
export const MAX_NON_READY_DETAILS = 10;

/** An object on a member that differs from what was applied. */
export interface ModifiedStatus {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** The object is missing and will be created. */
  missing?: boolean;
  /** The object exists although the bundle no longer holds it. */
  delete?: boolean;
  /** The object exists but differs; a JSON merge patch from live to desired. */
  patch?: string;
  /** Paths of the fields that differ (e.g. `metadata.labels.team`). */
  fields?: string[];
}

/** A summary of one object's readiness. */
export interface ResourceSummary {
  state?: string;
  error?: boolean;
  transitioning?: boolean;
  message?: string[];
}

/** An object on a member that is not ready. */
export interface NonReadyStatus {
  uid?: string;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  summary?: ResourceSummary;
}

/** One non-ready BundleDeployment in a summary: `name` is `<cluster namespace>/<cluster name>`. */
export interface NonReadyResource {
  name?: string;
  bundleState?: BundleState;
  message?: string;
  modifiedStatus?: ModifiedStatus[];
  nonReadyStatus?: NonReadyStatus[];
}

export interface BundleSummary {
  notReady?: number;
  waitApplied?: number;
  errApplied?: number;
  outOfSync?: number;
  modified?: number;
  ready?: number;
  pending?: number;
  desiredReady?: number;
  nonReadyResources?: NonReadyResource[];
}

const objectRef = {
  apiVersion: string(),
  kind: string(),
  namespace: string(),
  name: string(),
};

export const modifiedStatusSchema: JSONSchemaProps = object({
  ...objectRef,
  missing: boolean('The object is missing and will be created.'),
  delete: boolean('The object exists although the bundle no longer holds it.'),
  patch: string('A JSON merge patch from the live object to the desired one.'),
  fields: list(string(), 'Paths of the fields that differ.'),
});

export const nonReadyStatusSchema: JSONSchemaProps = object({
  uid: string(),
  ...objectRef,
  summary: object({
    state: string(),
    error: boolean(),
    transitioning: boolean(),
    message: list(string()),
  }),
});

export const bundleSummarySchema: JSONSchemaProps = object(
  {
    notReady: count('BundleDeployments applied but not ready.'),
    waitApplied: count('BundleDeployments waiting for the agent to apply them.'),
    errApplied: count('BundleDeployments whose apply failed.'),
    outOfSync: count('BundleDeployments whose staged deployment is not yet rolled out.'),
    modified: count('BundleDeployments with objects changed on the member.'),
    ready: count('BundleDeployments ready.'),
    pending: count('BundleDeployments not yet created.'),
    desiredReady: count('BundleDeployments that should be ready.'),
    nonReadyResources: list(
      object({
        name: string('The cluster: <cluster namespace>/<cluster name>.'),
        bundleState: enumOf(BUNDLE_STATES, 'The BundleDeployment’s state.'),
        message: string(),
        modifiedStatus: list(modifiedStatusSchema),
        nonReadyStatus: list(nonReadyStatusSchema),
      }),
      `The first ${MAX_NON_READY_DETAILS} BundleDeployments that are not ready.`,
      { maxItems: MAX_NON_READY_DETAILS },
    ),
  },
  'BundleDeployments counted by state.',
);
