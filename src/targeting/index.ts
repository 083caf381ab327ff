/**
 * Targeting: the pure decisions that turn Bundles into BundleDeployments. Given plain data
 * read from the controller's caches (Clusters, ClusterGroups, workspace namespaces,
 * BundleNamespaceMappings, GitRepos, GitRepoRestrictions), it decides which clusters each
 * bundle reaches with which options, and why it does not reach the others
 * (`resolveTargets`); how a new deploymentID rolls out across partitions (`planRollout`);
 * and, for scale, which clusters a selector selects (`ClusterIndex`) and which bundles a
 * Cluster change can affect (`BundleReferenceIndex`). No I/O: the controller reads and writes.
 */
export * from './target-cluster.js';
export * from './cluster-matcher.js';
export * from './bundle-options.js';
export * from './bundle-target.js';
export * from './options-hash.js';
export * from './namespace-mapping.js';
export * from './restriction.js';
export * from './target-decision.js';
export * from './bundle-plan.js';
export * from './resolve-targets.js';
export * from './depends-on.js';
export * from './int-or-percent.js';
export * from './partitions.js';
export * from './rollout.js';
export * from './cluster-index.js';
export * from './affected-bundles.js';
export { deepMerge, isPlainObject } from '../api/deep-merge.js';
