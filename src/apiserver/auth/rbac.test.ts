import { describe, expect, it } from 'vitest';
import { authorize, forbiddenError, rulesFor } from './rbac.js';
import type { PolicyRule, RbacPolicy, RoleRef, Subject } from './rbac-objects.js';
import { parseRequestInfo, type RequestAttributes } from './request-info.js';
import type { UserInfo } from './user-info.js';

const alice: UserInfo = { username: 'alice', groups: ['devs', 'system:authenticated'] };
const agent: UserInfo = {
  username: 'system:serviceaccount:cluster-a:agent',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:cluster-a', 'system:authenticated'],
};

function attrs(method: string, path: string, query = ''): RequestAttributes {
  const result = parseRequestInfo({ method, path, query: new URLSearchParams(query) });
  if (!result.ok) throw new Error(result.message);
  return result.info;
}

/** A policy with one Role in namespace `a` holding `rules`, bound to `subject`. */
function roleIn(namespace: string, rules: PolicyRule[], subject: Subject): RbacPolicy {
  return {
    roles: [{ metadata: { name: 'r', namespace }, rules }],
    clusterRoles: [],
    roleBindings: [{ metadata: { name: 'rb', namespace }, subjects: [subject], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } }],
    clusterRoleBindings: [],
  };
}

function clusterRoleBound(rules: PolicyRule[], subject: Subject, binding: { namespace?: string } = {}): RbacPolicy {
  const roleRef: RoleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr' };
  const clusterRoles = [{ metadata: { name: 'cr' }, rules }];
  if (binding.namespace) {
    return { roles: [], clusterRoles, roleBindings: [{ metadata: { name: 'rb', namespace: binding.namespace }, subjects: [subject], roleRef }], clusterRoleBindings: [] };
  }
  return { roles: [], clusterRoles, roleBindings: [], clusterRoleBindings: [{ metadata: { name: 'crb' }, subjects: [subject], roleRef }] };
}

const aliceSubject: Subject = { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' };
const cm = (verbs: string[], extra: Partial<PolicyRule> = {}): PolicyRule => ({ verbs, apiGroups: [''], resources: ['configmaps'], ...extra });

interface Case {
  name: string;
  policy: RbacPolicy;
  user: UserInfo;
  request: RequestAttributes;
  allowed: boolean;
}

const cases: Case[] = [
  { name: 'a Role allows its verb on its resource in its namespace', policy: roleIn('a', [cm(['list'])], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps'), allowed: true },
  { name: 'a Role grants nothing in another namespace', policy: roleIn('a', [cm(['list'])], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/b/configmaps'), allowed: false },
  { name: 'a Role grants nothing cluster-wide', policy: roleIn('a', [cm(['list'])], aliceSubject), user: alice, request: attrs('GET', '/api/v1/configmaps'), allowed: false },
  { name: 'a verb the rule does not name is denied', policy: roleIn('a', [cm(['list'])], aliceSubject), user: alice, request: attrs('DELETE', '/api/v1/namespaces/a/configmaps/x'), allowed: false },
  { name: 'verb * allows every verb', policy: roleIn('a', [cm(['*'])], aliceSubject), user: alice, request: attrs('DELETE', '/api/v1/namespaces/a/configmaps'), allowed: true },
  { name: 'another API group is not matched', policy: roleIn('a', [{ verbs: ['get'], apiGroups: ['apps'], resources: ['configmaps'] }], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps/x'), allowed: false },
  { name: 'apiGroups * matches any group', policy: roleIn('a', [{ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }], aliceSubject), user: alice, request: attrs('GET', '/apis/apps/v1/namespaces/a/deployments/d'), allowed: true },
  { name: 'resources * matches any resource', policy: roleIn('a', [{ verbs: ['get'], apiGroups: [''], resources: ['*'] }], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/secrets/s'), allowed: true },
  { name: 'resources * also matches subresources', policy: roleIn('a', [{ verbs: ['get'], apiGroups: [''], resources: ['*'] }], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/pods/p/log'), allowed: true },
  { name: 'a resource rule does not grant its subresources', policy: roleIn('a', [{ verbs: ['update'], apiGroups: ['flotilla.io'], resources: ['bundledeployments'] }], aliceSubject), user: alice, request: attrs('PUT', '/apis/flotilla.io/v1alpha1/namespaces/a/bundledeployments/b/status'), allowed: false },
  { name: 'resource/subresource grants that subresource', policy: roleIn('a', [{ verbs: ['update'], apiGroups: ['flotilla.io'], resources: ['bundledeployments/status'] }], aliceSubject), user: alice, request: attrs('PUT', '/apis/flotilla.io/v1alpha1/namespaces/a/bundledeployments/b/status'), allowed: true },
  { name: 'resource/subresource does not grant the resource itself', policy: roleIn('a', [{ verbs: ['update'], apiGroups: ['flotilla.io'], resources: ['bundledeployments/status'] }], aliceSubject), user: alice, request: attrs('PUT', '/apis/flotilla.io/v1alpha1/namespaces/a/bundledeployments/b'), allowed: false },
  { name: '*/subresource grants that subresource of every resource', policy: roleIn('a', [{ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] }], aliceSubject), user: alice, request: attrs('GET', '/apis/apps/v1/namespaces/a/deployments/d/scale'), allowed: true },
  { name: 'resourceNames allows the named object', policy: roleIn('a', [cm(['get'], { resourceNames: ['one'] })], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps/one'), allowed: true },
  { name: 'resourceNames denies other objects', policy: roleIn('a', [cm(['get'], { resourceNames: ['one'] })], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps/two'), allowed: false },
  { name: 'resourceNames never allows an unnamed list', policy: roleIn('a', [cm(['list'], { resourceNames: ['one'] })], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps'), allowed: false },
  { name: 'resourceNames allows a watch narrowed to the name by fieldSelector', policy: roleIn('a', [cm(['watch'], { resourceNames: ['one'] })], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps', 'watch=1&fieldSelector=metadata.name=one'), allowed: true },
  { name: 'a nonResourceURL allows exactly that path', policy: clusterRoleBound([{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], aliceSubject), user: alice, request: attrs('GET', '/healthz'), allowed: true },
  { name: 'a nonResourceURL does not allow a longer path', policy: clusterRoleBound([{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], aliceSubject), user: alice, request: attrs('GET', '/healthz/etcd'), allowed: false },
  { name: 'a nonResourceURL ending in * allows the paths below it', policy: clusterRoleBound([{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }], aliceSubject), user: alice, request: attrs('GET', '/apis/apps/v1'), allowed: true },
  { name: 'nonResourceURLs do not grant resources', policy: clusterRoleBound([{ verbs: ['*'], nonResourceURLs: ['*'] }], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/a/pods'), allowed: false },
  { name: 'a Group subject applies to its members', policy: roleIn('a', [cm(['get'])], { kind: 'Group', name: 'devs' }), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps/x'), allowed: true },
  { name: 'a User subject applies to nobody else', policy: roleIn('a', [cm(['get'])], { kind: 'User', name: 'bob' }), user: alice, request: attrs('GET', '/api/v1/namespaces/a/configmaps/x'), allowed: false },
  { name: 'a ServiceAccount subject applies to that ServiceAccount', policy: roleIn('cluster-a', [cm(['get'])], { kind: 'ServiceAccount', name: 'agent', namespace: 'cluster-a' }), user: agent, request: attrs('GET', '/api/v1/namespaces/cluster-a/configmaps/x'), allowed: true },
  { name: 'a ServiceAccount subject without namespace means the binding namespace', policy: roleIn('cluster-a', [cm(['get'])], { kind: 'ServiceAccount', name: 'agent' }), user: agent, request: attrs('GET', '/api/v1/namespaces/cluster-a/configmaps/x'), allowed: true },
  { name: 'a ServiceAccount of another namespace is not matched', policy: roleIn('cluster-a', [cm(['get'])], { kind: 'ServiceAccount', name: 'agent', namespace: 'cluster-b' }), user: agent, request: attrs('GET', '/api/v1/namespaces/cluster-a/configmaps/x'), allowed: false },
  { name: 'the system:serviceaccounts group covers every ServiceAccount', policy: roleIn('a', [cm(['get'])], { kind: 'Group', name: 'system:serviceaccounts' }), user: agent, request: attrs('GET', '/api/v1/namespaces/a/configmaps/x'), allowed: true },
  { name: 'a ClusterRole bound by a RoleBinding applies only in that namespace', policy: clusterRoleBound([cm(['get'])], aliceSubject, { namespace: 'a' }), user: alice, request: attrs('GET', '/api/v1/namespaces/b/configmaps/x'), allowed: false },
  { name: 'a ClusterRole bound by a ClusterRoleBinding applies in every namespace', policy: clusterRoleBound([cm(['get'])], aliceSubject), user: alice, request: attrs('GET', '/api/v1/namespaces/b/configmaps/x'), allowed: true },
  { name: 'system:masters is allowed with no binding at all', policy: { roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] }, user: { username: 'root', groups: ['system:masters'] }, request: attrs('DELETE', '/api/v1/namespaces/a/secrets'), allowed: true },
];

describe('authorize', () => {
  it.each(cases)('$name', ({ policy, user, request, allowed }) => {
    expect(authorize(policy, user, request).allowed).toBe(allowed);
  });

  it('an allowed request names the binding that allowed it', () => {
    const decision = authorize(roleIn('a', [cm(['list'])], aliceSubject), alice, attrs('GET', '/api/v1/namespaces/a/configmaps'));
    expect(decision.reason).toBe('RBAC: allowed by RoleBinding "rb/a" of Role "r" to User "alice"');
  });

  it('a binding to a missing role denies and says which role is missing', () => {
    const policy: RbacPolicy = { ...roleIn('a', [], aliceSubject), roles: [] };
    const decision = authorize(policy, alice, attrs('GET', '/api/v1/namespaces/a/configmaps'));
    expect(decision).toEqual({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "r" not found' });
  });
});

describe('forbiddenError', () => {
  const forbidden = [
    {
      name: 'a namespaced list is worded with the namespace',
      request: attrs('GET', '/api/v1/namespaces/a/configmaps'),
      message: 'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "a"',
    },
    {
      name: 'a named object is quoted after its qualified resource',
      request: attrs('PUT', '/apis/flotilla.io/v1alpha1/namespaces/c/bundledeployments/b/status'),
      message: 'bundledeployments.flotilla.io "b" is forbidden: User "alice" cannot update resource "bundledeployments/status" in API group "flotilla.io" in the namespace "c"',
    },
    {
      name: 'a cluster-scoped request is worded at the cluster scope',
      request: attrs('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles'),
      message: 'clusterroles.rbac.authorization.k8s.io is forbidden: User "alice" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    },
    {
      name: 'a non-resource path is worded with the path',
      request: attrs('GET', '/metrics'),
      message: 'forbidden: User "alice" cannot get path "/metrics"',
    },
  ];

  it.each(forbidden)('$name', ({ request, message }) => {
    const status = forbiddenError(alice, request).toStatus();
    expect(status).toMatchObject({ code: 403, reason: 'Forbidden', message });
  });

  it('the authorizer reason is appended after a colon', () => {
    const error = forbiddenError(alice, attrs('GET', '/api/v1/namespaces/a/pods'), 'RBAC: role.rbac.authorization.k8s.io "r" not found');
    expect(error.message).toMatch(/in the namespace "a": RBAC: role/);
  });
});

describe('rulesFor', () => {
  it('lists the resource and non-resource rules bound in the namespace and cluster-wide', () => {
    const policy: RbacPolicy = {
      ...roleIn('a', [cm(['get'], { resourceNames: ['one'] })], aliceSubject),
      clusterRoles: [{ metadata: { name: 'disco' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }] }],
      clusterRoleBindings: [{ metadata: { name: 'disco' }, subjects: [{ kind: 'Group', name: 'system:authenticated' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'disco' } }],
    };
    expect(rulesFor(policy, alice, 'a')).toEqual({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['one'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }],
      incomplete: false,
    });
    expect(rulesFor(policy, alice, 'b').resourceRules).toEqual([]);
  });

  it('is incomplete when a bound role is missing', () => {
    const policy: RbacPolicy = { ...roleIn('a', [], aliceSubject), roles: [] };
    expect(rulesFor(policy, alice, 'a')).toMatchObject({ incomplete: true, evaluationError: 'role.rbac.authorization.k8s.io "r" not found' });
  });
});
