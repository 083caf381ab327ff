import { describe, expect, it } from 'vitest';
import { aggregateClusterRoles } from './aggregation.js';
import { defaultClusterRoleBindings, defaultClusterRoles } from './default-rbac.js';
import { authorize } from './rbac.js';
import type { RbacPolicy, RoleBinding } from './rbac-objects.js';
import { parseRequestInfo, type RequestAttributes } from './request-info.js';
import type { UserInfo } from './user-info.js';

/** The default policy with aggregation written back, plus `user` bound to `role` in namespace `a`. */
function freshServer(role?: string): RbacPolicy {
  const stored = defaultClusterRoles();
  const updated = aggregateClusterRoles(stored);
  const clusterRoles = stored.map((r) => updated.find((u) => u.metadata.name === r.metadata.name) ?? r);
  const roleBindings: RoleBinding[] = role
    ? [{ metadata: { name: 'b', namespace: 'a' }, subjects: [{ kind: 'User', name: 'u' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role } }]
    : [];
  return { roles: [], clusterRoles, roleBindings, clusterRoleBindings: defaultClusterRoleBindings() };
}

const user: UserInfo = { username: 'u', groups: ['system:authenticated'] };
const anonymous: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

function attrs(method: string, path: string): RequestAttributes {
  const result = parseRequestInfo({ method, path });
  if (!result.ok) throw new Error(result.message);
  return result.info;
}

interface Case {
  name: string;
  role?: string;
  who?: UserInfo;
  method: string;
  path: string;
  allowed: boolean;
}

const cases: Case[] = [
  { name: 'any authenticated user may run discovery', method: 'GET', path: '/apis/apps/v1', allowed: true },
  { name: 'any authenticated user may create a SelfSubjectAccessReview', method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', allowed: true },
  { name: 'any authenticated user may create a SelfSubjectRulesReview', method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', allowed: true },
  { name: 'any authenticated user may ask who they are', method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', allowed: true },
  { name: 'an authenticated user without bindings may not list pods', method: 'GET', path: '/api/v1/namespaces/a/pods', allowed: false },
  { name: 'an anonymous caller may read /version', who: anonymous, method: 'GET', path: '/version', allowed: true },
  { name: 'an anonymous caller may not run discovery', who: anonymous, method: 'GET', path: '/apis', allowed: false },
  { name: 'view may list deployments in its namespace', role: 'view', method: 'GET', path: '/apis/apps/v1/namespaces/a/deployments', allowed: true },
  { name: 'view may not read secrets', role: 'view', method: 'GET', path: '/api/v1/namespaces/a/secrets/s', allowed: false },
  { name: 'view may not change configmaps', role: 'view', method: 'PUT', path: '/api/v1/namespaces/a/configmaps/c', allowed: false },
  { name: 'edit may read secrets', role: 'edit', method: 'GET', path: '/api/v1/namespaces/a/secrets/s', allowed: true },
  { name: 'edit may create configmaps, through view and its own rules', role: 'edit', method: 'POST', path: '/api/v1/namespaces/a/configmaps', allowed: true },
  { name: 'edit may request ServiceAccount tokens', role: 'edit', method: 'POST', path: '/api/v1/namespaces/a/serviceaccounts/sa/token', allowed: true },
  { name: 'edit may not create rolebindings', role: 'edit', method: 'POST', path: '/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings', allowed: false },
  { name: 'edit may not change resource quotas', role: 'edit', method: 'PUT', path: '/api/v1/namespaces/a/resourcequotas/q', allowed: false },
  { name: 'admin may create rolebindings', role: 'admin', method: 'POST', path: '/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings', allowed: true },
  { name: 'admin may list jobs, through edit and view', role: 'admin', method: 'GET', path: '/apis/batch/v1/namespaces/a/jobs', allowed: true },
  { name: 'admin in one namespace may do nothing in another', role: 'admin', method: 'GET', path: '/api/v1/namespaces/b/pods', allowed: false },
  { name: 'cluster-admin bound in a namespace may do anything there', role: 'cluster-admin', method: 'DELETE', path: '/api/v1/namespaces/a/secrets', allowed: true },
  { name: 'cluster-admin bound in a namespace grants nothing cluster-wide', role: 'cluster-admin', method: 'GET', path: '/api/v1/nodes', allowed: false },
];

describe('default RBAC policy', () => {
  it.each(cases)('$name', ({ role, who, method, path, allowed }) => {
    expect(authorize(freshServer(role), who ?? user, attrs(method, path)).allowed).toBe(allowed);
  });

  it('admin, edit and view aggregate by the upstream labels', () => {
    const roles = defaultClusterRoles();
    const edit = roles.find((r) => r.metadata.name === 'edit');
    expect(edit?.metadata.labels).toMatchObject({ 'rbac.authorization.k8s.io/aggregate-to-admin': 'true', 'kubernetes.io/bootstrapping': 'rbac-defaults' });
    expect(edit?.aggregationRule?.clusterRoleSelectors).toEqual([{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }]);
  });

  it('a CRD ClusterRole labelled aggregate-to-view joins view, edit and admin', () => {
    const crdView = { metadata: { name: 'widgets-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [{ verbs: ['get'], apiGroups: ['example.com'], resources: ['widgets'] }] };
    const updated = aggregateClusterRoles([...defaultClusterRoles(), crdView]);
    for (const name of ['view', 'edit', 'admin']) {
      const rules = updated.find((r) => r.metadata.name === name)?.rules ?? [];
      expect(rules.some((r) => r.resources?.includes('widgets'))).toBe(true);
    }
  });
});
