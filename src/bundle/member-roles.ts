/**
 * The built-in ClusterRoles a managed namespace's role assignments bind to, as data. The
 * agent installs them on every member; a RoleBinding in the namespace then grants them
 * there only. RBAC only adds permissions, so "everything except X" is written as the list
 * of everything else. Modelled on Kubernetes' view / edit / admin roles and AKS's namespace
 * Reader / Writer / Admin:
 * - Reader reads most objects, but no Secrets, Roles or RoleBindings;
 * - Writer reads and writes most objects and Secrets, but no Roles or RoleBindings, and
 *   cannot change quotas or limit ranges;
 * - Admin also manages Roles and RoleBindings and limit ranges, but can only read the
 *   ResourceQuota and the Namespace object itself.
 */
import type { KubeObject } from '../api/meta.js';
import type { NamespaceRole as MemberRole } from '../api/namespace-definition.js';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** Workload and configuration objects every role reads; none of them is a Secret or RBAC object. */
const READABLE: PolicyRule[] = [
  {
    apiGroups: [''],
    resources: [
      'pods', 'pods/log', 'pods/status', 'services', 'services/status', 'endpoints', 'configmaps',
      'persistentvolumeclaims', 'persistentvolumeclaims/status', 'replicationcontrollers',
      'replicationcontrollers/scale', 'replicationcontrollers/status', 'serviceaccounts', 'events',
      'limitranges', 'resourcequotas', 'resourcequotas/status', 'namespaces', 'namespaces/status',
    ],
    verbs: READ,
  },
  {
    apiGroups: ['apps'],
    resources: [
      'deployments', 'deployments/scale', 'deployments/status', 'daemonsets', 'daemonsets/status',
      'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale',
      'statefulsets/status', 'controllerrevisions',
    ],
    verbs: READ,
  },
  { apiGroups: ['batch'], resources: ['jobs', 'jobs/status', 'cronjobs', 'cronjobs/status'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
];

/** Objects a Writer (and an Admin) may change. Quotas, limit ranges, the Namespace and RBAC are absent on purpose. */
const WRITABLE: PolicyRule[] = [
  {
    apiGroups: [''],
    resources: [
      'pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/eviction', 'services', 'services/proxy',
      'endpoints', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers',
      'replicationcontrollers/scale', 'serviceaccounts', 'serviceaccounts/token',
    ],
    verbs: WRITE,
  },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'deployments/scale', 'daemonsets', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'],
    verbs: WRITE,
  },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: WRITE },
];

const SECRETS_READ: PolicyRule = { apiGroups: [''], resources: ['secrets'], verbs: READ };

const ADMIN_ONLY: PolicyRule[] = [
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
  { apiGroups: [''], resources: ['limitranges'], verbs: WRITE },
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
];

const RULES: Readonly<Record<Exclude<MemberRole, 'ClusterAdmin'>, PolicyRule[]>> = {
  Reader: READABLE,
  Writer: [...READABLE, SECRETS_READ, ...WRITABLE],
  Admin: [...READABLE, SECRETS_READ, ...WRITABLE, ...ADMIN_ONLY],
};

/** The ClusterRole a role assignment binds to; ClusterAdmin binds Kubernetes' own `cluster-admin`. */
export function memberClusterRoleName(role: MemberRole): string {
  return role === 'ClusterAdmin' ? 'cluster-admin' : `flotilla:managed-namespace:${role.toLowerCase()}`;
}

/** The rules of a built-in member role (copies, so callers cannot change the table). */
export function memberRoleRules(role: Exclude<MemberRole, 'ClusterAdmin'>): PolicyRule[] {
  return RULES[role].map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] }));
}

/** The three ClusterRoles an agent installs on its member, as manifests. */
export function memberClusterRoles(): KubeObject[] {
  return (['Reader', 'Writer', 'Admin'] as const).map((role) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: memberClusterRoleName(role), labels: { 'flotilla.io/member-role': role.toLowerCase() } },
    rules: memberRoleRules(role),
  }));
}
