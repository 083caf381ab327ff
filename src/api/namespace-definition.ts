/**
 * What defines a managed namespace, wherever it is written (a ManagedNamespace's spec or a
 * fleet.yaml `managedNamespaces` item): labels, annotations, quota, network policy, adoption
 * and delete policy, and delegated roles. Placement is not part of it: a ManagedNamespace
 * names its members, a fleet.yaml item goes where its bundle goes.
 */
import type { JSONSchemaProps } from './crd.js';
import { QUANTITY_PATTERN } from './common-schemas.js';
import { enumOf, intOrString, keyedList, object, string, stringMap } from './schema-builders.js';

export const NETWORK_POLICY_RULES = ['AllowAll', 'AllowSameNamespace', 'DenyAll'] as const;
export type NetworkPolicyRule = (typeof NETWORK_POLICY_RULES)[number];

export const ADOPTION_POLICIES = ['Never', 'IfIdentical', 'Always'] as const;
export type AdoptionPolicy = (typeof ADOPTION_POLICIES)[number];

export const DELETE_POLICIES = ['Keep', 'Delete'] as const;
export type DeletePolicy = (typeof DELETE_POLICIES)[number];

export const NAMESPACE_ROLES = ['Reader', 'Writer', 'Admin', 'ClusterAdmin'] as const;
export type NamespaceRole = (typeof NAMESPACE_ROLES)[number];

export const ROLE_SUBJECT_KINDS = ['User', 'Group'] as const;
export type RoleSubjectKind = (typeof ROLE_SUBJECT_KINDS)[number];

export const DEFAULT_ADOPTION_POLICY: AdoptionPolicy = 'Never';
export const DEFAULT_DELETE_POLICY: DeletePolicy = 'Keep';

/** A Kubernetes quantity (`500m`, `2`, `1Gi`). */
export type Quantity = number | string;

export interface NamespaceResourceQuota {
  cpuRequests?: Quantity;
  cpuLimits?: Quantity;
  memoryRequests?: Quantity;
  memoryLimits?: Quantity;
}

/** An omitted direction creates no policy for it. */
export interface NamespaceNetworkPolicy {
  ingress?: NetworkPolicyRule;
  egress?: NetworkPolicyRule;
}

/** A role granted to a user or group, by the name member clusters authenticate them with. */
export interface RoleAssignment {
  role: NamespaceRole;
  kind: RoleSubjectKind;
  name: string;
}

export interface NamespaceDefinition {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceQuota?: NamespaceResourceQuota;
  networkPolicy?: NamespaceNetworkPolicy;
  adoptionPolicy?: AdoptionPolicy;
  deletePolicy?: DeletePolicy;
  roleAssignments?: RoleAssignment[];
}

function quantity(description: string): JSONSchemaProps {
  return intOrString(description, { pattern: QUANTITY_PATTERN });
}

export const namespaceDefinitionProperties: Record<string, JSONSchemaProps> = {
  labels: stringMap('Labels put on the namespace.'),
  annotations: stringMap('Annotations put on the namespace.'),
  resourceQuota: object(
    {
      cpuRequests: quantity('requests.cpu of the namespace’s ResourceQuota.'),
      cpuLimits: quantity('limits.cpu of the namespace’s ResourceQuota.'),
      memoryRequests: quantity('requests.memory of the namespace’s ResourceQuota.'),
      memoryLimits: quantity('limits.memory of the namespace’s ResourceQuota.'),
    },
    'A ResourceQuota for the namespace; none is created when every field is empty.',
  ),
  networkPolicy: object(
    {
      ingress: enumOf(NETWORK_POLICY_RULES, 'Incoming traffic allowed; omitted creates no ingress policy.'),
      egress: enumOf(NETWORK_POLICY_RULES, 'Outgoing traffic allowed; omitted creates no egress policy.'),
    },
    'A default NetworkPolicy for the namespace.',
  ),
  adoptionPolicy: enumOf(ADOPTION_POLICIES, 'What to do when the namespace already exists unmanaged on a member.', {
    default: DEFAULT_ADOPTION_POLICY,
  }),
  deletePolicy: enumOf(DELETE_POLICIES, 'What happens on a member when the namespace is no longer placed there.', {
    default: DEFAULT_DELETE_POLICY,
  }),
  roleAssignments: keyedList(
    object({
      role: enumOf(NAMESPACE_ROLES, 'The role granted; ClusterAdmin grants the whole member cluster.'),
      kind: enumOf(ROLE_SUBJECT_KINDS, 'Whether name is a user or a group.'),
      name: string('The user or group, as member clusters authenticate it.', { minLength: 1 }),
    }),
    ['role', 'kind', 'name'],
    'Roles granted in the namespace on every member.',
  ),
};
