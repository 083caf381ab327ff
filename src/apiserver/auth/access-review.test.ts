import { describe, expect, it } from 'vitest';
import { reviewAccess, reviewAttributes, reviewedUser, type AccessReviewSpec } from './access-review.js';
import type { RbacPolicy } from './rbac-objects.js';

const policy: RbacPolicy = {
  roles: [{ metadata: { name: 'cm', namespace: 'a' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] }],
  clusterRoles: [{ metadata: { name: 'urls' }, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }],
  roleBindings: [{ metadata: { name: 'cm', namespace: 'a' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm' }, subjects: [{ kind: 'Group', name: 'team' }] }],
  clusterRoleBindings: [{ metadata: { name: 'urls' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'urls' }, subjects: [{ kind: 'User', name: 'alice' }] }],
};

describe('reviewAttributes', () => {
  const invalid = [
    { name: 'a review naming neither kind of attributes is invalid', spec: {} },
    { name: 'a review naming both kinds of attributes is invalid', spec: { resourceAttributes: {}, nonResourceAttributes: {} } },
  ];
  it.each(invalid)('$name', ({ spec }) => {
    expect(reviewAttributes(spec)).toEqual({ ok: false, field: 'spec.resourceAttributes', message: 'exactly one of nonResourceAttributes or resourceAttributes must be specified' });
  });

  it('maps resource attributes field by field, with absent fields empty', () => {
    const check = reviewAttributes({ resourceAttributes: { namespace: 'a', verb: 'get', resource: 'deployments', group: 'apps', subresource: 'scale' } });
    expect(check).toEqual({
      ok: true,
      attributes: { verb: 'get', isResourceRequest: true, path: '', namespace: 'a', apiGroup: 'apps', apiVersion: '', resource: 'deployments', subresource: 'scale', name: '' },
    });
  });
});

describe('reviewedUser', () => {
  const cases: Array<{ name: string; spec: AccessReviewSpec; user: unknown }> = [
    { name: 'a review without user or groups names nobody', spec: {}, user: undefined },
    { name: 'groups are taken as given, without system:authenticated', spec: { user: 'bob', groups: ['team'] }, user: { username: 'bob', groups: ['team'] } },
    { name: 'a group alone is a subject', spec: { groups: ['team'] }, user: { username: '', groups: ['team'] } },
  ];
  it.each(cases)('$name', ({ spec, user }) => {
    expect(reviewedUser(spec)).toEqual(user);
  });
});

describe('reviewAccess', () => {
  const cases = [
    { name: 'a group member may get configmaps in the bound namespace', user: 'bob', groups: ['team'], spec: { resourceAttributes: { namespace: 'a', verb: 'get', resource: 'configmaps' } }, allowed: true },
    { name: 'a group member may not get configmaps elsewhere', user: 'bob', groups: ['team'], spec: { resourceAttributes: { namespace: 'b', verb: 'get', resource: 'configmaps' } }, allowed: false },
    { name: 'a user bound to a URL rule may get that path', user: 'alice', groups: [], spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } }, allowed: true },
    { name: 'a user bound to a URL rule may not get another path', user: 'alice', groups: [], spec: { nonResourceAttributes: { path: '/metrics', verb: 'get' } }, allowed: false },
  ];
  it.each(cases)('$name', ({ user, groups, spec, allowed }) => {
    const check = reviewAttributes(spec);
    if (!check.ok) throw new Error(check.message);
    expect(reviewAccess(policy, { username: user, groups }, check.attributes).allowed).toBe(allowed);
  });

  it('gives the binding that allowed as the reason', () => {
    const check = reviewAttributes({ nonResourceAttributes: { path: '/healthz', verb: 'get' } });
    if (!check.ok) throw new Error(check.message);
    expect(reviewAccess(policy, { username: 'alice', groups: [] }, check.attributes).reason).toBe('RBAC: allowed by ClusterRoleBinding "urls" of ClusterRole "urls" to User "alice"');
  });
});
