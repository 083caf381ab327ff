/**
 * A Bundle's target (Fleet's BundleTarget): a named cluster matcher plus the options that
 * override the bundle's own for the clusters it matches (fleet.yaml targetCustomizations),
 * or `doNotDeploy` to keep those clusters out.
 */
import type { JSONSchemaProps } from './crd.js';
import { type BundleDeploymentOptions, bundleDeploymentOptionsProperties } from './bundle-options.js';
import { type GitTarget, gitTargetProperties } from './cluster-matcher.js';
import { boolean, object } from './schema-builders.js';

export interface BundleTarget extends BundleDeploymentOptions, GitTarget {
  doNotDeploy?: boolean;
}

export const bundleTargetSchema: JSONSchemaProps = object({
  ...gitTargetProperties,
  doNotDeploy: boolean('Do not deploy to the clusters this target matches.'),
  ...bundleDeploymentOptionsProperties,
});
