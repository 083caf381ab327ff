/**
 * A managed-namespace definition and its rendering into the objects a member cluster gets:
 * one Namespace carrying the labels, annotations, ownership label and the adoption and
 * delete policies (so the agent can honour them without asking the hub), a ResourceQuota
 * only when some quota is set, one NetworkPolicy for the directions set, and a binding per
 * role assignment. The same function serves ManagedNamespace objects and fleet.yaml
 * `managedNamespaces` items, so both sources give the same objects on the members.
 * Definitions are validated first (managed-namespace-validation.ts); this file trusts them.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS, safeConcatName } from '../api/names.js';
import { memberClusterRoleName } from './member-roles.js';

// The policy and role vocabularies are the API's (src/api/namespace-definition.ts).
export {
  ADOPTION_POLICIES,
  DELETE_POLICIES,
  NAMESPACE_ROLES as MEMBER_ROLES,
  NETWORK_POLICY_RULES,
  type AdoptionPolicy,
  type DeletePolicy,
  type NamespaceRole as MemberRole,
  type NetworkPolicyRule,
} from '../api/namespace-definition.js';
import type { AdoptionPolicy, DeletePolicy, NamespaceRole as MemberRole, NetworkPolicyRule } from '../api/namespace-definition.js';

export interface ManagedNamespaceResourceQuota {
  cpuRequests?: string;
  cpuLimits?: string;
  memoryRequests?: string;
  memoryLimits?: string;
}

export interface ManagedNamespaceNetworkPolicy {
  /** Omitted: no policy for incoming traffic. */
  ingress?: NetworkPolicyRule;
  /** Omitted: no policy for outgoing traffic. */
  egress?: NetworkPolicyRule;
}

export interface RoleAssignment {
  role: MemberRole;
  /** User names as the member clusters authenticate them. */
  users?: string[];
  groups?: string[];
}

export interface ManagedNamespaceDefinition {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceQuota?: ManagedNamespaceResourceQuota;
  networkPolicy?: ManagedNamespaceNetworkPolicy;
  /** Default `Never`. */
  adoptionPolicy?: AdoptionPolicy;
  /** Default `Keep`. */
  deletePolicy?: DeletePolicy;
  roleAssignments?: RoleAssignment[];
}

/** Names of the objects Flotilla owns inside a managed namespace; the agent's adoption check looks for these. */
export const MANAGED_RESOURCE_QUOTA_NAME = 'flotilla-resource-quota';
export const MANAGED_NETWORK_POLICY_NAME = 'flotilla-network-policy';

export interface RenderManagedNamespaceOptions {
  /**
   * Value of the `flotilla.io/managed-namespace` label, identifying the owner so that two
   * definitions never fight over one namespace. Default: the namespace's name.
   */
  owner?: string;
}

/** Renders a validated definition into its objects, in apply order (Namespace first). */
export function renderManagedNamespace(
  definition: ManagedNamespaceDefinition,
  options: RenderManagedNamespaceOptions = {},
): KubeObject[] {
  const owner = options.owner ?? definition.name;
  const ownerLabels = { [LABELS.managedNamespace]: owner };
  const objects: KubeObject[] = [namespaceObject(definition, ownerLabels)];
  const quota = resourceQuotaObject(definition, ownerLabels);
  if (quota) objects.push(quota);
  const policy = networkPolicyObject(definition, ownerLabels);
  if (policy) objects.push(policy);
  for (const assignment of definition.roleAssignments ?? []) {
    objects.push(bindingObject(definition.name, assignment, ownerLabels));
  }
  return objects;
}

function namespaceObject(def: ManagedNamespaceDefinition, ownerLabels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: def.name,
      labels: { ...def.labels, ...ownerLabels },
      annotations: {
        ...def.annotations,
        [ANNOTATIONS.adoptionPolicy]: def.adoptionPolicy ?? 'Never',
        [ANNOTATIONS.deletePolicy]: def.deletePolicy ?? 'Keep',
      },
    },
  };
}

function resourceQuotaObject(def: ManagedNamespaceDefinition, labels: Record<string, string>): KubeObject | undefined {
  const q = def.resourceQuota ?? {};
  const entries: Array<[string, string | undefined]> = [
    ['requests.cpu', q.cpuRequests],
    ['limits.cpu', q.cpuLimits],
    ['requests.memory', q.memoryRequests],
    ['limits.memory', q.memoryLimits],
  ];
  const hard = Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
  if (Object.keys(hard).length === 0) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: MANAGED_RESOURCE_QUOTA_NAME, namespace: def.name, labels: { ...labels } },
    spec: { hard },
  };
}

function networkPolicyObject(def: ManagedNamespaceDefinition, labels: Record<string, string>): KubeObject | undefined {
  const { ingress, egress } = def.networkPolicy ?? {};
  if (ingress === undefined && egress === undefined) return undefined;
  const spec: Record<string, unknown> = { podSelector: {}, policyTypes: [] as string[] };
  const policyTypes = spec.policyTypes as string[];
  const sameNamespace = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': def.name } } };
  if (ingress !== undefined) {
    policyTypes.push('Ingress');
    spec.ingress = rulesFor(ingress, { from: [sameNamespace] });
  }
  if (egress !== undefined) {
    policyTypes.push('Egress');
    spec.egress = rulesFor(egress, { to: [sameNamespace] });
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: MANAGED_NETWORK_POLICY_NAME, namespace: def.name, labels: { ...labels } },
    spec,
  };
}

/** AllowAll is one empty rule (matches everything); DenyAll is no rule; the policy type alone denies. */
function rulesFor(rule: NetworkPolicyRule, sameNamespaceRule: Record<string, unknown>): unknown[] {
  if (rule === 'AllowAll') return [{}];
  if (rule === 'DenyAll') return [];
  return [sameNamespaceRule];
}

function subjectsOf(assignment: RoleAssignment): Array<Record<string, string>> {
  const group = 'rbac.authorization.k8s.io';
  return [
    ...(assignment.users ?? []).map((name) => ({ kind: 'User', apiGroup: group, name })),
    ...(assignment.groups ?? []).map((name) => ({ kind: 'Group', apiGroup: group, name })),
  ];
}

/** Named by a hash of role and subjects, so reordering assignments does not rename (and re-create) bindings. */
function assignmentHash(assignment: RoleAssignment): string {
  const key = JSON.stringify([assignment.role, [...(assignment.users ?? [])].sort(), [...(assignment.groups ?? [])].sort()]);
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function bindingObject(namespace: string, assignment: RoleAssignment, labels: Record<string, string>): KubeObject {
  const hash = assignmentHash(assignment);
  const subjects = subjectsOf(assignment);
  if (assignment.role === 'ClusterAdmin') {
    return {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: safeConcatName('flotilla-mns', namespace, 'cluster-admin', hash), labels: { ...labels } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects,
    };
  }
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `flotilla-${assignment.role.toLowerCase()}-${hash}`, namespace, labels: { ...labels } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: memberClusterRoleName(assignment.role) },
    subjects,
  };
}
