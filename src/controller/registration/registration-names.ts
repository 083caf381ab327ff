/**
 * Names of the hub objects registration creates, derived only from the names they serve, so
 * a reconcile after a crash (or a re-registration) finds the same objects again instead of
 * leaving a second set behind.
 */
import { keyHash, safeConcatName, safeName } from '../../api/names.js';

/** ServiceAccount, Role and RoleBinding of a registration token, in its workspace. */
export function tokenServiceAccountName(tokenName: string): string {
  // The token's own name, so an agent can tell from its credential which token it holds.
  return safeName(tokenName);
}

/** The Secret of type service-account-token holding a token's credential, in its workspace. */
export function tokenSecretName(tokenName: string): string {
  return safeConcatName(safeName(tokenName, 50), 'token');
}

/** The agent's ServiceAccount (and its Roles' bindings) in flotilla-clusters-system. */
export function agentServiceAccountName(workspace: string, cluster: string): string {
  return safeConcatName('agent', workspace, cluster, keyHash(`${workspace}::${cluster}`));
}

/** The Secret of type service-account-token holding the agent's hub token. */
export function agentTokenSecretName(workspace: string, cluster: string): string {
  return safeConcatName(agentServiceAccountName(workspace, cluster).slice(0, 56), 'token');
}

/** The Secret in flotilla-clusters-system handing a registration its hub kubeconfig. */
export function registrationSecretName(workspace: string, registration: string): string {
  return safeConcatName('registration', workspace, registration, keyHash(`${workspace}::${registration}`));
}

/** Role and RoleBinding in flotilla-clusters-system letting a token read one registration's Secret. */
export function registrationReaderName(workspace: string, registration: string): string {
  return safeConcatName('read', registrationSecretName(workspace, registration));
}

/** Role and RoleBinding of an agent in its cluster namespace (BundleDeployments). */
export const AGENT_DEPLOYMENTS_ROLE = 'flotilla-agent';

/** The one ClusterRole every agent is bound to: `get` Content by name, nothing else. */
export const AGENT_CONTENT_CLUSTER_ROLE = 'flotilla-agent-content-reader';

/** Role and RoleBinding in the workspace letting one agent update its own Cluster's status. */
export function agentClusterStatusRoleName(cluster: string): string {
  return safeConcatName('flotilla-agent', cluster, 'status');
}

/** ClusterRoleBinding of one agent to {@link AGENT_CONTENT_CLUSTER_ROLE}. */
export function agentContentBindingName(workspace: string, cluster: string): string {
  return safeConcatName('flotilla-agent-content', workspace, cluster, keyHash(`${workspace}::${cluster}`));
}
