/**
 * src/controller/managed-namespace: ManagedNamespaces on the hub. Each one is validated
 * before anything is written (src/bundle's rules, plus the workspace's permission to grant
 * ClusterAdmin), rendered into a Bundle `mns-<name>` targeted at its member clusters (the
 * targeting controller and the agents do the rest), kept as a namespace on the hub too with
 * the same labels, annotations and role bindings, and given a status per member cluster from
 * that Bundle's BundleDeployments. fleet.yaml `managedNamespaces` items are mirrored as
 * ManagedNamespace records owned by their GitRepo, so status reads the same for both
 * sources. Deleting a ManagedNamespace deletes its Bundle (agents apply the delete policy on
 * members) and releases or deletes the hub's namespace. Decisions are pure functions
 * (acceptDefinition, desiredManagedNamespaceBundle, memberStatuses, managedNamespaceStatus,
 * hubTakeover, hubRemoval, desiredMirrors); the sync files are the I/O shell.
 */
export { acceptDefinition, clusterAdminAllowed, definitionInput, type Acceptance, type AcceptInput, type RefusalReason } from './accept-definition.js';
export { SOURCE_CLI, SOURCE_GIT, carryingBundle, desiredMirrors, isFromGit, mirroredBundleKey } from './git-mirror.js';
export { hubNamespaceObjects, hubRemoval, hubTakeover, managedNamespaceOwner, type HubRemoval, type HubTakeover } from './hub-namespace.js';
export { removeHubNamespace, writeHubNamespace, type HubProblem } from './hub-namespace-writer.js';
export { CONTRIBUTOR_ROLE, USER_ROLE, hubClusterRoles } from './hub-roles.js';
export {
  MANAGED_NAMESPACE_BUNDLE_LABEL,
  desiredManagedNamespaceBundle,
  isManagedNamespaceBundle,
  managedNamespaceBundleName,
  placementTargets,
} from './managed-namespace-bundle.js';
export { ManagedNamespaceController, type ManagedNamespaceControllerOptions } from './managed-namespace-controller.js';
export { managedNamespaceStatus, type StatusInput } from './managed-namespace-status.js';
export { differencesOf, memberDisplay, memberStatuses, observeDeployment, type MemberStatusInput } from './member-status.js';
export { MIRRORS_BY_BUNDLE, syncGitMirrors, type MirrorDeps, type MirrorRequest } from './sync-git-mirrors.js';
export { DEPLOYMENTS_BY_BUNDLE, MANAGED_NAMESPACE_FINALIZER, syncManagedNamespace, type SyncDeps, type SyncRequest } from './sync-managed-namespace.js';
