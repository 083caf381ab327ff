/**
 * Fixed names and the labels and annotations Flotilla puts on objects (DESIGN.md, "Fixed
 * names"). Every key lives under `flotilla.io/` so Flotilla's bookkeeping never collides
 * with a user's own labels, and no other module spells these strings by hand.
 */

/** Workspace holding Cluster `local` and ClusterGroup `default`, as in Rancher Fleet. */
export const WORKSPACE_LOCAL = 'fleet-local';
/** The workspace downstream clusters join unless told otherwise, as in Rancher Fleet. */
export const WORKSPACE_DEFAULT = 'fleet-default';
/** Namespace the controller and, on members, the agent run in. */
export const SYSTEM_NAMESPACE = 'flotilla-system';
/** Namespace on the hub holding registration secrets, readable by no agent at large. */
export const CLUSTERS_SYSTEM_NAMESPACE = 'flotilla-clusters-system';
/** The hub's own cluster, registered in `fleet-local`. */
export const LOCAL_CLUSTER_NAME = 'local';
/** The group a GitRepo without targets deploys to, as in Rancher Fleet. */
export const DEFAULT_CLUSTER_GROUP_NAME = 'default';

/** Namespaces Flotilla creates itself; a ManagedNamespace may not take these names. */
export const FLOTILLA_NAMESPACES: readonly string[] = Object.freeze([
  WORKSPACE_LOCAL,
  WORKSPACE_DEFAULT,
  SYSTEM_NAMESPACE,
  CLUSTERS_SYSTEM_NAMESPACE,
]);

/** Label keys. Values are names, so they stay within the 63-character label value limit. */
export const LABELS = Object.freeze({
  /** On every object the agent owns on a member; value: the owning hub's identity. */
  managedBy: 'flotilla.io/managed-by',
  /** On a Namespace rendered from a managed-namespace definition; value: `<workspace>.<name>` of its owner. */
  managedNamespace: 'flotilla.io/managed-namespace',
  /** On a ManagedNamespace: where the definition came from (`git` or `cli`). */
  managedNamespaceSource: 'flotilla.io/managed-namespace-source',
  /** On Bundles, BundleDeployments and applied objects: the Bundle's name. */
  bundleName: 'flotilla.io/bundle-name',
  /** On Bundles, BundleDeployments and applied objects: the Bundle's workspace. */
  bundleNamespace: 'flotilla.io/bundle-namespace',
  /** On Bundles (and what is made from them): the GitRepo they came from. */
  repoName: 'flotilla.io/repo-name',
  /** On Bundles: the git commit they were rendered from. */
  commit: 'flotilla.io/commit',
  /** On BundleDeployments and a cluster's namespace: the Cluster's name. */
  clusterName: 'flotilla.io/cluster-name',
  /** On BundleDeployments: the Cluster's workspace. */
  clusterNamespace: 'flotilla.io/cluster-namespace',
  /** On hub objects Flotilla created and may delete (cluster namespaces, service accounts). */
  managed: 'flotilla.io/managed',
  /** On BundleDeployments: the Content they apply, so Content garbage collection can list users. */
  contentName: 'flotilla.io/content-name',
  /** On ClusterRegistrations, their Secrets and service accounts: the registration's name. */
  clusterRegistration: 'flotilla.io/cluster-registration',
  /** On ClusterRegistrations: the registration's workspace. */
  clusterRegistrationNamespace: 'flotilla.io/cluster-registration-namespace',
  /** On registration-token Secrets: the token's name. */
  clusterRegistrationToken: 'flotilla.io/cluster-registration-token',
});

/** Annotation keys: data that is not selected on, or may exceed a label value's limits. */
export const ANNOTATIONS = Object.freeze({
  /** On applied objects: the BundleDeployment's deploymentID they were applied from. */
  deploymentId: 'flotilla.io/deployment-id',
  /** On applied objects: `<namespace>/<name>` of the BundleDeployment that applied them. */
  bundleDeployment: 'flotilla.io/bundle-deployment',
  /** On a member's Namespace: the adoption policy it was placed under. */
  adoptionPolicy: 'flotilla.io/adoption-policy',
  /** On a member's Namespace: the delete policy to apply when it is released. */
  deletePolicy: 'flotilla.io/delete-policy',
  /** On a member's Namespace: `true` when Flotilla adopted an existing namespace. */
  adopted: 'flotilla.io/adopted',
  /** On objects Flotilla owns on a member: the agent that last applied them. */
  agentVersion: 'flotilla.io/agent-version',
  /** On a Cluster: the registration's client ID, so a re-registered cluster finds itself. */
  clientId: 'flotilla.io/client-id',
});

export type LabelKey = (typeof LABELS)[keyof typeof LABELS];
export type AnnotationKey = (typeof ANNOTATIONS)[keyof typeof ANNOTATIONS];
