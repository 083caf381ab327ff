/**
 * rbac.authorization.k8s.io/v1: roles, bindings and what they hold. Field numbers are those of
 * k8s.io/api's rbac/v1/generated.proto; emptiness rules follow rbac/v1/types.go.
 */
import { f, keep, list, listOrNull, OBJECT_META, type MessageRegistry } from '../field-spec.js';

export const rbacV1Messages: MessageRegistry = {
  'rbac.v1.Role': {
    1: f('metadata', OBJECT_META),
    2: f('rules', 'rbac.v1.PolicyRule', listOrNull),
  },
  'rbac.v1.ClusterRole': {
    1: f('metadata', OBJECT_META),
    2: f('rules', 'rbac.v1.PolicyRule', listOrNull),
    3: f('aggregationRule', 'rbac.v1.AggregationRule'),
  },
  'rbac.v1.PolicyRule': {
    1: f('verbs', 'string', listOrNull),
    2: f('apiGroups', 'string', list),
    3: f('resources', 'string', list),
    4: f('resourceNames', 'string', list),
    5: f('nonResourceURLs', 'string', list),
  },
  'rbac.v1.AggregationRule': {
    1: f('clusterRoleSelectors', 'meta.v1.LabelSelector', list),
  },
  'rbac.v1.RoleBinding': {
    1: f('metadata', OBJECT_META),
    2: f('subjects', 'rbac.v1.Subject', list),
    3: f('roleRef', 'rbac.v1.RoleRef'),
  },
  'rbac.v1.ClusterRoleBinding': {
    1: f('metadata', OBJECT_META),
    2: f('subjects', 'rbac.v1.Subject', list),
    3: f('roleRef', 'rbac.v1.RoleRef'),
  },
  'rbac.v1.Subject': {
    1: f('kind', 'string', keep),
    2: f('apiGroup', 'string'),
    3: f('name', 'string', keep),
    4: f('namespace', 'string'),
  },
  'rbac.v1.RoleRef': {
    1: f('apiGroup', 'string', keep),
    2: f('kind', 'string', keep),
    3: f('name', 'string', keep),
  },
};
