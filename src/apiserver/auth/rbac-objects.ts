/**
 * The rbac.authorization.k8s.io/v1 kinds as plain data: what RBAC evaluation, escalation
 * checks and the default policy read and produce.
 */
import type { LabelSelector, ObjectMeta } from '../../api/meta.js';
import type { UserInfo } from './user-info.js';

export const rbacGroup = 'rbac.authorization.k8s.io';
export const rbacApiVersion = `${rbacGroup}/v1`;

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[];
}

export interface Role {
  apiVersion?: string;
  kind?: 'Role';
  metadata: ObjectMeta;
  rules?: PolicyRule[];
}

export interface ClusterRole {
  apiVersion?: string;
  kind?: 'ClusterRole';
  metadata: ObjectMeta;
  rules?: PolicyRule[];
  aggregationRule?: AggregationRule;
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | (string & {});
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: 'Role' | 'ClusterRole' | (string & {});
  name: string;
}

export interface RoleBinding {
  apiVersion?: string;
  kind?: 'RoleBinding';
  metadata: ObjectMeta;
  subjects?: Subject[];
  roleRef: RoleRef;
}

export interface ClusterRoleBinding {
  apiVersion?: string;
  kind?: 'ClusterRoleBinding';
  metadata: ObjectMeta;
  subjects?: Subject[];
  roleRef: RoleRef;
}

/** Everything RBAC reads to decide: the four kinds as the server currently stores them. */
export interface RbacPolicy {
  roles: readonly Role[];
  clusterRoles: readonly ClusterRole[];
  roleBindings: readonly RoleBinding[];
  clusterRoleBindings: readonly ClusterRoleBinding[];
  /**
   * The same objects indexed, when the holder keeps an index: resolution then looks up the
   * few bindings that can name a user instead of walking every binding. Must agree with the lists.
   */
  lookup?: RbacLookup;
}

/** Indexed access to an RbacPolicy's objects; answers exactly what walking the lists would. */
export interface RbacLookup {
  clusterRole(name: string): ClusterRole | undefined;
  role(namespace: string, name: string): Role | undefined;
  /**
   * The ClusterRoleBindings with a subject that may name the user, in list order; a superset
   * of the matching ones (the caller still matches subjects), never missing one.
   */
  clusterRoleBindingsNaming(user: UserInfo): readonly ClusterRoleBinding[];
  /** The same for the RoleBindings of one namespace. */
  roleBindingsNaming(user: UserInfo, namespace: string): readonly RoleBinding[];
}
