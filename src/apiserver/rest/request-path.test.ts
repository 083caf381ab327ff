import { describe, expect, it } from 'vitest';
import { parseRequestPath } from './request-path.js';

const cases = [
  { name: 'a core collection in a namespace', path: '/api/v1/namespaces/a/configmaps', want: { cluster: '', target: { kind: 'resource', group: '', version: 'v1', plural: 'configmaps', namespace: 'a', name: undefined, subresource: undefined } } },
  { name: 'a namespace object itself', path: '/api/v1/namespaces/a', want: { cluster: '', target: { kind: 'resource', group: '', version: 'v1', plural: 'namespaces', namespace: undefined, name: 'a', subresource: undefined } } },
  { name: 'the status of a namespace', path: '/api/v1/namespaces/a/status', want: { cluster: '', target: { kind: 'resource', group: '', version: 'v1', plural: 'namespaces', namespace: undefined, name: 'a', subresource: 'status' } } },
  { name: 'a custom resource status in a logical cluster', path: '/clusters/m1/apis/flotilla.io/v1alpha1/namespaces/ns/bundles/b/status', want: { cluster: 'm1', target: { kind: 'resource', group: 'flotilla.io', version: 'v1alpha1', plural: 'bundles', namespace: 'ns', name: 'b', subresource: 'status' } } },
  { name: 'a cluster-scoped object', path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/view', want: { cluster: '', target: { kind: 'resource', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', namespace: undefined, name: 'view', subresource: undefined } } },
  { name: 'group discovery', path: '/apis/apps', want: { cluster: '', target: { kind: 'group', group: 'apps' } } },
  { name: 'group-version discovery of core', path: '/api/v1', want: { cluster: '', target: { kind: 'group-version', group: '', version: 'v1' } } },
  { name: 'version in a logical cluster', path: '/clusters/x/version', want: { cluster: 'x', target: { kind: 'version' } } },
  { name: 'an unknown path', path: '/foo/bar', want: { cluster: '', target: { kind: 'unknown' } } },
];

describe('parseRequestPath', () => {
  it.each(cases)('$name', ({ path, want }) => {
    expect(parseRequestPath(path)).toEqual(want);
  });
});

describe('parseRequestPath with a malformed %-escape', () => {
  it.each([{ name: 'in a name', path: '/api/v1/namespaces/a/configmaps/%E0%A4%A' }, { name: 'in a cluster', path: '/clusters/%ZZ/version' }])('$name it throws a 400 Status', ({ path }) => {
    expect(() => parseRequestPath(path)).toThrow(expect.objectContaining({ code: 400, reason: 'BadRequest' }));
  });
});
