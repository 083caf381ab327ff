/**
 * What a ClusterRegistrationToken grants, as data: a ServiceAccount in the workspace, named
 * like the token, whose Secret-bound token is the join credential, allowed only to create
 * ClusterRegistrations there and `get` them by name (not list or watch, so one agent cannot
 * see another's registration). Deleting the ServiceAccount, as expiry does, revokes the
 * credential at once. Each registration's result Secret gets its own narrow grant
 * ({@link registrationReaderObjects}), since only a registration's creator may read it.
 */
import type { ClusterRegistrationToken } from '../../api/cluster-registration-token.js';
import { GROUP } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { CLUSTERS_SYSTEM_NAMESPACE, LABELS } from '../../api/names.js';
import { RBAC_API_VERSION, binding } from './agent-access.js';
import { registrationReaderName, tokenSecretName, tokenServiceAccountName } from './registration-names.js';

function tokenLabels(tokenName: string): Record<string, string> {
  return { [LABELS.managed]: 'true', [LABELS.clusterRegistrationToken]: tokenName };
}

function ownerReference(token: ClusterRegistrationToken) {
  const { name, uid } = token.metadata;
  return uid && name ? [{ apiVersion: token.apiVersion, kind: token.kind, name, uid, controller: true, blockOwnerDeletion: false }] : undefined;
}

/** The token's ServiceAccount, credential Secret, Role and RoleBinding, in apply order. */
export function tokenAccessObjects(token: ClusterRegistrationToken): KubeObject[] {
  const tokenName = token.metadata.name ?? '';
  const namespace = token.metadata.namespace ?? '';
  const name = tokenServiceAccountName(tokenName);
  const ownerReferences = ownerReference(token);
  const meta = (n: string) => ({ name: n, namespace, labels: tokenLabels(tokenName), ...(ownerReferences ? { ownerReferences } : {}) });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { ...meta(tokenSecretName(tokenName)), annotations: { 'kubernetes.io/service-account.name': name } },
      type: 'kubernetes.io/service-account-token',
    },
    {
      apiVersion: RBAC_API_VERSION,
      kind: 'Role',
      metadata: meta(name),
      rules: [{ apiGroups: [GROUP], resources: ['clusterregistrations'], verbs: ['create', 'get'] }],
    },
    { ...binding('RoleBinding', { name, namespace }, { kind: 'Role', name }, { kind: 'ServiceAccount', name, namespace }, tokenLabels(tokenName)), metadata: meta(name) },
  ];
}

/** Lets the token that made a registration read that registration's result Secret, and nothing else there. */
export function registrationReaderObjects(input: { workspace: string; registration: string; secretName: string; tokenServiceAccount: string }): KubeObject[] {
  const name = registrationReaderName(input.workspace, input.registration);
  const labels = { [LABELS.managed]: 'true', [LABELS.clusterRegistration]: input.registration, [LABELS.clusterRegistrationNamespace]: input.workspace };
  const where = { name, namespace: CLUSTERS_SYSTEM_NAMESPACE };
  return [
    {
      apiVersion: RBAC_API_VERSION,
      kind: 'Role',
      metadata: { ...where, labels },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [input.secretName], verbs: ['get'] }],
    },
    binding('RoleBinding', where, { kind: 'Role', name }, { kind: 'ServiceAccount', name: input.tokenServiceAccount, namespace: input.workspace }, labels),
  ];
}
