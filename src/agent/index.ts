/**
 * src/agent: the engine an agent runs against its member cluster. Given a BundleDeployment
 * and its Content's manifests it applies them with server-side apply as `flotilla-agent`
 * (in dependency order, as the bundle's service account when set), records an inventory on
 * the member and prunes what the Content dropped, decides adoption and removal of managed
 * namespaces, and reports readiness and drift (judged only on the fields the agent owns) as
 * BundleDeployment status. Decisions are pure functions of plain data (apply-order,
 * inventory-diff, inventory-under-way, field-drift, compare-patches, modified-status, readiness, adoption,
 * removal, bundle-deployment-status, missing-kinds' wording); bundle-deployment-applier, inventory-store,
 * namespace-placement, release-namespaces and applied-object-monitor are the thin I/O shell over src/kube.
 * Registration and the hub-side loop live elsewhere.
 */
export { applyOrder, applyTier, deleteOrder, type ApplyTier } from './apply-order.js';
export { decideAdoption, adoptionPolicyOf, type AdoptionDecision, type AdoptionInput, type RefusalReason } from './adoption.js';
export { AppliedObjectMonitor, type AppliedObjectMonitorOptions } from './applied-object-monitor.js';
export { AppliedStateCache, type ExpectedState } from './applied-state-cache.js';
export { AGENT_FIELD_MANAGER, BundleDeploymentApplier, type BundleDeploymentApplierOptions, type DeployInput } from './bundle-deployment-applier.js';
export { bundleDeploymentStatus, type ApplyFailure, type ObservedObject, type StatusInput } from './bundle-deployment-status.js';
export { comparePatchesFor, ignoresWholeObject, normalizeForCompare, parsePointer } from './compare-patches.js';
export { fieldDifferences, mergeFieldSets, mergePatchFor, ownedFieldsOf, type FieldDifference, type FieldsV1 } from './field-drift.js';
export { diffInventory, type InventoryDiff, type InventoryDiffInput, type KeepReason, type KeptObject } from './inventory-diff.js';
export { INVENTORY_NAME_PREFIX, InventoryStore, inventoryName, type Inventory, type InventoryEntry } from './inventory-store.js';
export { isKindNotServed, KIND_NOT_SERVED, KindsNotServedError, missingKindsMessage } from './missing-kinds.js';
export { describeModified, objectDrift, orphanDrift, type ObjectDriftInput } from './modified-status.js';
export { AdoptionRefusedError, planNamespacePlacement, type NamespacePlacement } from './namespace-placement.js';
export { describeRef, isCustomResourceDefinition, isNamespace, refKey, refOf, type AppliedObjectRef } from './object-ref.js';
export { missingReadiness, readinessOf, type Readiness, type ReadinessOptions, type ReadinessState } from './readiness.js';
export { BOOKKEEPING_ANNOTATIONS, BOOKKEEPING_LABELS, decideRemoval, deletePolicyOf, type NamespaceRemoval, type RemovalInput, type RemovalPlan } from './removal.js';
