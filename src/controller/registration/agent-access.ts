/**
 * Everything an agent is granted on the hub, as data: exactly DESIGN.md's security model and
 * nothing more. In its cluster namespace it may read and watch BundleDeployments and write
 * only their status; it may `get` Content (a cluster-wide kind whose names it learns from
 * deploymentIDs, so no resourceNames can narrow it; without `list` it cannot enumerate
 * them); in its workspace it may update only its own Cluster's status. The cluster namespace
 * carries the labels the cluster reconciler gives it, so whichever creates it first, the
 * other finds it as its own.
 */
import type { KubeObject } from '../../api/meta.js';
import { GROUP as API_GROUP } from '../../api/group.js';
import { CLUSTERS_SYSTEM_NAMESPACE, LABELS, clusterNamespaceName } from '../../api/names.js';
import {
  AGENT_CONTENT_CLUSTER_ROLE,
  AGENT_DEPLOYMENTS_ROLE,
  agentClusterStatusRoleName,
  agentContentBindingName,
  agentServiceAccountName,
  agentTokenSecretName,
} from './registration-names.js';

export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';

export interface AgentIdentity {
  readonly workspace: string;
  readonly cluster: string;
}

function managedLabels(id: AgentIdentity): Record<string, string> {
  return { [LABELS.managed]: 'true', [LABELS.clusterName]: id.cluster, [LABELS.clusterNamespace]: id.workspace };
}

export function agentSubject(id: AgentIdentity): { kind: 'ServiceAccount'; name: string; namespace: string } {
  return { kind: 'ServiceAccount', name: agentServiceAccountName(id.workspace, id.cluster), namespace: CLUSTERS_SYSTEM_NAMESPACE };
}

/** The hub user name the agent's token authenticates as. */
export function agentUserName(id: AgentIdentity): string {
  return `system:serviceaccount:${CLUSTERS_SYSTEM_NAMESPACE}:${agentServiceAccountName(id.workspace, id.cluster)}`;
}

export function clusterNamespaceObject(id: AgentIdentity): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: clusterNamespaceName(id.workspace, id.cluster), labels: managedLabels(id) } };
}

/** The shared ClusterRole: `get` on Content, the only verb an agent has on it. */
export function contentReaderClusterRole(): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRole',
    metadata: { name: AGENT_CONTENT_CLUSTER_ROLE, labels: { [LABELS.managed]: 'true' } },
    rules: [{ apiGroups: [API_GROUP], resources: ['contents'], verbs: ['get'] }],
  } as KubeObject;
}

/** The agent's ServiceAccount, its token Secret (the server fills it) and its grants, in apply order. */
export function agentAccessObjects(id: AgentIdentity): KubeObject[] {
  const sa = agentServiceAccountName(id.workspace, id.cluster);
  const labels = managedLabels(id);
  const subject = agentSubject(id);
  const clusterNamespace = clusterNamespaceName(id.workspace, id.cluster);
  const statusRole = agentClusterStatusRoleName(id.cluster);
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: CLUSTERS_SYSTEM_NAMESPACE, labels } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: agentTokenSecretName(id.workspace, id.cluster), namespace: CLUSTERS_SYSTEM_NAMESPACE, labels, annotations: { 'kubernetes.io/service-account.name': sa } },
      type: 'kubernetes.io/service-account-token',
    } as KubeObject,
    {
      apiVersion: RBAC_API_VERSION,
      kind: 'Role',
      metadata: { name: AGENT_DEPLOYMENTS_ROLE, namespace: clusterNamespace, labels },
      rules: [
        { apiGroups: [API_GROUP], resources: ['bundledeployments'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [API_GROUP], resources: ['bundledeployments/status'], verbs: ['update', 'patch'] },
      ],
    } as KubeObject,
    binding('RoleBinding', { name: AGENT_DEPLOYMENTS_ROLE, namespace: clusterNamespace }, { kind: 'Role', name: AGENT_DEPLOYMENTS_ROLE }, subject, labels),
    {
      apiVersion: RBAC_API_VERSION,
      kind: 'Role',
      metadata: { name: statusRole, namespace: id.workspace, labels },
      rules: [{ apiGroups: [API_GROUP], resources: ['clusters/status'], resourceNames: [id.cluster], verbs: ['update', 'patch'] }],
    } as KubeObject,
    binding('RoleBinding', { name: statusRole, namespace: id.workspace }, { kind: 'Role', name: statusRole }, subject, labels),
    binding('ClusterRoleBinding', { name: agentContentBindingName(id.workspace, id.cluster) }, { kind: 'ClusterRole', name: AGENT_CONTENT_CLUSTER_ROLE }, subject, labels),
  ];
}

export function binding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  where: { name: string; namespace?: string },
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subject: { kind: 'ServiceAccount'; name: string; namespace: string },
  labels: Record<string, string>,
): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind,
    metadata: { ...where, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects: [subject],
  } as KubeObject;
}
