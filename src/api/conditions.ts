/**
 * Condition types Flotilla sets, as documented constants. Status lives in conditions (with
 * observedGeneration) rather than in a second free-form "state" string; `status.display` only
 * summarises them for printer columns.
 */

export const CONDITION_TYPES = Object.freeze({
  /** GitRepo, ManagedNamespace: the spec passed validation and the workspace's restrictions. */
  Accepted: 'Accepted',
  /** GitRepo: the last poll of the git server succeeded (False names the error). */
  GitPolling: 'GitPolling',
  /** GitRepo, Bundle: work is in progress toward the desired state. */
  Reconciling: 'Reconciling',
  /** GitRepo, Bundle, ManagedNamespace: progress stopped until the user changes something. */
  Stalled: 'Stalled',
  /** Every kind with status: everything it stands for is deployed and ready. */
  Ready: 'Ready',
  /** BundleDeployment: the Content was applied to the member cluster. */
  Installed: 'Installed',
  /** BundleDeployment: the deploymentID asked for is the one applied (False ⇒ ErrApplied). */
  Deployed: 'Deployed',
  /** BundleDeployment: the agent is watching the applied objects for readiness and drift. */
  Monitored: 'Monitored',
  /** Cluster, ClusterGroup: the controller has processed the object (namespace, counts). */
  Processed: 'Processed',
  /** ManagedNamespace: the namespace is placed on every member it names. */
  Placed: 'Placed',
  /** ClusterRegistration: the registration was granted a Cluster and a credential. */
  Granted: 'Granted',
});

export type ConditionType = (typeof CONDITION_TYPES)[keyof typeof CONDITION_TYPES];
