/**
 * src/controller/status: status aggregated upward. Pure functions compute a
 * BundleDeployment's state (Fleet's ranking), Bundle summaries with capped non-ready details
 * and `display`, and the GitRepo, Cluster and ClusterGroup summaries and readiness; the
 * StatusController recomputes GitRepo, Cluster and ClusterGroup status from the shared
 * caches through collapsing work queues and writes it (a merge patch over the fields it
 * owns, guarded by resourceVersion) only when it changed, and each object at most once per
 * pace (WritePacer), a pace that grows with the number of objects of the kind (statusPace)
 * so their status costs the hub a bounded write rate. Bundle status is written by the targeting controller.
 */
export { BUNDLE_STATUS_FIELDS, TARGETED_CONDITION, bundleStatus, type BundleProblem, type BundleStatusInput } from './bundle-status.js';
export { CLUSTER_GROUP_STATUS_FIELDS, clusterGroupSummary, type ClusterGroupSummaryInput } from './cluster-group-summary.js';
export { CLUSTER_STATUS_FIELDS, WAIT_CHECK_IN, clusterSummary, isClusterReady } from './cluster-summary.js';
export { CoalescingQueue } from './coalescing-queue.js';
export { condition, withoutTimes, type ConditionInput } from './condition.js';
export { deploymentMessage, deploymentState } from './deployment-state.js';
export { GITREPO_STATUS_FIELDS, gitRepoSummary } from './gitrepo-summary.js';
export { statusChanged } from './status-change.js';
export { StatusController, type StatusControllerOptions } from './status-controller.js';
export { writeStatusIfChanged, type StatusWrite } from './status-writer.js';
export { DEFAULT_STATUS_PACE, statusPace, type StatusPaceBudget, type StatusPaceOptions } from './status-pace.js';
export { WritePacer, type WritePacerOptions } from './write-pacer.js';
export { MAX_OBJECTS_PER_DETAIL, addSummaries, emptySummary, isSummaryReady, summarizeDeployments, summaryMessage, summaryState, type DeploymentEntry } from './summary.js';
