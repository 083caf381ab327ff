/**
 * Who a request acts as, once authenticated: the identity RBAC decides on. Mirrors
 * Kubernetes' user.Info so SubjectAccessReview and `kubectl auth whoami` can echo it back.
 */

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  /** Extra attributes (e.g. the credential id of a service account token), keys lower-case. */
  extra?: Record<string, string[]>;
}

/** Names Kubernetes gives to identities and groups every component knows. */
export const wellKnown = {
  /** Members bypass authorization and the escalation check, as kube-apiserver's privileged group. */
  mastersGroup: 'system:masters',
  authenticatedGroup: 'system:authenticated',
  unauthenticatedGroup: 'system:unauthenticated',
  anonymousUser: 'system:anonymous',
  serviceAccountsGroup: 'system:serviceaccounts',
  serviceAccountPrefix: 'system:serviceaccount:',
  /** The name kubeadm (and so kind) gives the admin in the kubeconfig it writes. */
  adminUser: 'kubernetes-admin',
} as const;

/** `system:serviceaccount:<namespace>:<name>`, the username of a ServiceAccount. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${wellKnown.serviceAccountPrefix}${namespace}:${name}`;
}

/** Splits a ServiceAccount username back into namespace and name; undefined for other users. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(wellKnown.serviceAccountPrefix)) return undefined;
  const rest = username.slice(wellKnown.serviceAccountPrefix.length);
  const parts = rest.split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The groups every ServiceAccount of a namespace belongs to (besides system:authenticated). */
export function serviceAccountGroups(namespace: string): string[] {
  return [wellKnown.serviceAccountsGroup, `${wellKnown.serviceAccountsGroup}:${namespace}`];
}

/** The identity of a request that presented no credentials at all. */
export function anonymousUser(): UserInfo {
  return { username: wellKnown.anonymousUser, groups: [wellKnown.unauthenticatedGroup] };
}

/** Adds system:authenticated unless present, as every authenticator in the chain does. */
export function withAuthenticatedGroup(groups: readonly string[]): string[] {
  return groups.includes(wellKnown.authenticatedGroup) ? [...groups] : [...groups, wellKnown.authenticatedGroup];
}
