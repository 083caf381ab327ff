/**
 * GitRepo → Bundles: poll a GitRepo's repository, find its bundles, and write one Bundle per
 * bundle path (with its default Content), keeping the last good Bundle for a path that fails
 * and deleting the Bundles of paths that are gone; report all of it on the GitRepo's status.
 * `planBundles` and `gitRepoStatus` are the pure decisions; the rest is the I/O around them.
 */
export { customizationTarget, fleetYamlOptions, gitRepoOptions, specOptions } from './bundle-spec-options.js';
export { BUNDLE_ANNOTATIONS, bundleHash, bundlePath, withBookkeeping } from './bundle-bookkeeping.js';
export { DEFAULT_TARGETS, bundleLabels, desiredBundle, gitRepoOwnerReference, gitRepoTargets } from './desired-bundle.js';
export { credentialsFromSecret, type SecretObject } from './git-credentials.js';
export { GitRepoController, type GitRepoControllerOptions } from './gitrepo-controller.js';
export { gitRepoStatus, setCondition, type GitRepoStatusInput } from './gitrepo-status.js';
export { planBundles, type BundleAction, type BundlesPlan, type PlanBundlesInput, type PlannedBundle } from './plan-bundles.js';
export { readCheckout, type CheckoutLimits, type CheckoutResult } from './read-checkout.js';
export { BUNDLES_BY_REPO, syncGitRepo, type GitRepoSyncDeps } from './sync-gitrepo.js';
export { emptyOutcome, type GitRepoReason, type Problem, type SyncOutcome } from './sync-outcome.js';
export { RESOURCE_COUNT_ANNOTATION, writeBundles } from './write-bundles.js';
