/**
 * The ClusterRoles and ClusterRoleBindings a fresh server has, as a real cluster's
 * bootstrap policy defines them: `cluster-admin`; the user-facing `admin`, `edit` and `view`,
 * built by aggregation so a CRD's ClusterRole labelled `aggregate-to-<role>` joins them; and
 * the discovery, basic-user and public-info roles every caller needs.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from './rbac-objects.js';
import { rbacApiVersion, rbacGroup } from './rbac-objects.js';
import { wellKnown } from './user-info.js';

const read = ['get', 'list', 'watch'];
const write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const readWrite = [...read, ...write];

export const aggregateLabels = {
  admin: 'rbac.authorization.k8s.io/aggregate-to-admin',
  edit: 'rbac.authorization.k8s.io/aggregate-to-edit',
  view: 'rbac.authorization.k8s.io/aggregate-to-view',
} as const;

const bootstrapLabels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const autoUpdate = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function rule(verbs: string[], apiGroup: string, resources: string[]): PolicyRule {
  return { verbs: [...verbs], apiGroups: [apiGroup], resources };
}

function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs: [...verbs], nonResourceURLs };
}

function clusterRole(name: string, body: Omit<ClusterRole, 'metadata'>, labels: Record<string, string> = {}): ClusterRole {
  return {
    apiVersion: rbacApiVersion,
    kind: 'ClusterRole',
    metadata: { name, labels: { ...bootstrapLabels, ...labels }, annotations: { ...autoUpdate } },
    ...body,
  };
}

function aggregating(name: string, selectLabel: string, labels: Record<string, string> = {}): ClusterRole {
  return clusterRole(name, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectLabel]: 'true' } }] }, rules: [] }, labels);
}

const viewRules: PolicyRule[] = [
  rule(read, '', [
    'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status',
    'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps',
  ]),
  rule(read, '', [
    'limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status',
    'replicationcontrollers/status', 'pods/log',
  ]),
  // Reading namespaces in a namespace means reading that one Namespace: how users find theirs.
  rule(read, '', ['namespaces']),
  rule(read, 'discovery.k8s.io', ['endpointslices']),
  rule(read, 'apps', [
    'controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets', 'daemonsets/status',
    'deployments', 'deployments/status', 'deployments/scale', 'replicasets', 'replicasets/status', 'replicasets/scale',
  ]),
  rule(read, 'autoscaling', ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(read, 'batch', ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
  rule(read, 'policy', ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(read, 'networking.k8s.io', ['networkpolicies', 'ingresses', 'ingresses/status']),
];

const editRules: PolicyRule[] = [
  // Reading Secrets and exec into pods lets an editor act as any ServiceAccount of the namespace; upstream accepts that.
  rule(read, '', ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
  rule(['impersonate'], '', ['serviceaccounts']),
  rule(write, '', ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
  rule(['create'], '', ['pods/eviction']),
  rule(write, '', [
    'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy',
    'persistentvolumeclaims', 'configmaps', 'secrets',
  ]),
  rule(['create'], '', ['serviceaccounts/token']),
  rule(write, 'apps', [
    'statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback',
    'replicasets', 'replicasets/scale',
  ]),
  rule(write, 'autoscaling', ['horizontalpodautoscalers']),
  rule(write, 'batch', ['jobs', 'cronjobs']),
  rule(write, 'policy', ['poddisruptionbudgets']),
  rule(write, 'networking.k8s.io', ['networkpolicies', 'ingresses']),
  // Upstream leaves leases to cluster-admin; Flotilla serves coordination for workloads in tenant namespaces.
  rule(readWrite, 'coordination.k8s.io', ['leases']),
];

const adminRules: PolicyRule[] = [
  rule(['create'], 'authorization.k8s.io', ['localsubjectaccessreviews']),
  rule(readWrite, rbacGroup, ['roles', 'rolebindings']),
];

export function defaultClusterRoles(): ClusterRole[] {
  return [
    clusterRole('cluster-admin', { rules: [rule(['*'], '*', ['*']), urls(['*'], ['*'])] }),
    clusterRole('system:discovery', {
      rules: [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'])],
    }),
    clusterRole('system:basic-user', {
      rules: [
        rule(['create'], 'authorization.k8s.io', ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
        rule(['create'], 'authentication.k8s.io', ['selfsubjectreviews']),
      ],
    }),
    clusterRole('system:public-info-viewer', { rules: [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])] }),
    aggregating('admin', aggregateLabels.admin),
    aggregating('edit', aggregateLabels.edit, { [aggregateLabels.admin]: 'true' }),
    aggregating('view', aggregateLabels.view, { [aggregateLabels.edit]: 'true' }),
    clusterRole('system:aggregate-to-admin', { rules: adminRules }, { [aggregateLabels.admin]: 'true' }),
    clusterRole('system:aggregate-to-edit', { rules: editRules }, { [aggregateLabels.edit]: 'true' }),
    clusterRole('system:aggregate-to-view', { rules: viewRules }, { [aggregateLabels.view]: 'true' }),
  ];
}

function binding(roleName: string, groups: string[]): ClusterRoleBinding {
  return {
    apiVersion: rbacApiVersion,
    kind: 'ClusterRoleBinding',
    metadata: { name: roleName, labels: { ...bootstrapLabels }, annotations: { ...autoUpdate } },
    roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName },
    subjects: groups.map((name) => ({ kind: 'Group', apiGroup: rbacGroup, name })),
  };
}

export function defaultClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    binding('cluster-admin', [wellKnown.mastersGroup]),
    binding('system:discovery', [wellKnown.authenticatedGroup]),
    binding('system:basic-user', [wellKnown.authenticatedGroup]),
    binding('system:public-info-viewer', [wellKnown.authenticatedGroup, wellKnown.unauthenticatedGroup]),
  ];
}
