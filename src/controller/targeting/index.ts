/**
 * src/controller/targeting: Bundles → BundleDeployments on the hub. The Bundle reconciler
 * resolves each Bundle's targets (src/targeting) against Clusters, ClusterGroups, workspace
 * namespaces, BundleNamespaceMappings, GitRepos and GitRepoRestrictions read from shared
 * caches, renders one Content per distinct option set, rolls the new deploymentID out with
 * `planRollout` and writes the BundleDeployments that change (server-side apply, batched),
 * then the Bundle's status. The Cluster reconciler keeps each Cluster's namespace on the hub.
 * Pure steps (inputs, BundleDeployment objects, the deployment plan) are separate from the
 * reconcilers that read and write. `startTargeting` runs it with the status controller.
 */
export { deploymentChanged, deploymentOptions, desiredBundleDeployment, type DesiredDeploymentInput } from './bundle-deployment-object.js';
export { reconcileBundle, type BundleReconcilerDeps, type BundleReconcileRequest } from './bundle-reconciler.js';
export { runBatched, type BatchFailure } from './batched-writes.js';
export { clusterNamespace, clusterNamespaceCurrent } from './cluster-namespace.js';
export { reconcileCluster, type ClusterReconcilerDeps } from './cluster-reconciler.js';
export { planDeployments, type DeploymentPlan, type DeploymentPlanInput } from './deployment-plan.js';
export { BY_BUNDLE, BY_NAME, BY_REPO, HubCaches, bundleKeyOf, clusterKeyOf, type HubCachesOptions, type MappingObject, type RestrictionObject } from './hub-caches.js';
export { RenderedContents, type RenderedContentsOptions } from './rendered-contents.js';
export { startTargeting, type RunningTargeting, type StartTargetingOptions } from './start-targeting.js';
export { TARGETING_FIELD_MANAGER, TargetingController, type TargetingControllerOptions } from './targeting-controller.js';
export * from './target-inputs.js';
