import { describe, expect, it } from 'vitest';
import { parseRequestInfo, type RequestInfo } from './request-info.js';

interface Case {
  name: string;
  method: string;
  path: string;
  query?: string;
  expected: Partial<RequestInfo>;
}

const cases: Case[] = [
  {
    name: 'a GET of a named core object is a get in its namespace',
    method: 'GET',
    path: '/api/v1/namespaces/a/configmaps/cm',
    expected: { isResourceRequest: true, verb: 'get', apiGroup: '', apiVersion: 'v1', namespace: 'a', resource: 'configmaps', name: 'cm', subresource: '' },
  },
  {
    name: 'a GET of a collection is a list',
    method: 'GET',
    path: '/apis/apps/v1/namespaces/a/deployments',
    expected: { verb: 'list', apiGroup: 'apps', apiVersion: 'v1', namespace: 'a', resource: 'deployments', name: '' },
  },
  {
    name: 'a collection GET with watch=true is a watch',
    method: 'GET',
    path: '/api/v1/namespaces/a/pods',
    query: 'watch=true',
    expected: { verb: 'watch', resource: 'pods' },
  },
  {
    name: 'watch=1 counts as true, as Go parses booleans',
    method: 'GET',
    path: '/api/v1/pods',
    query: 'watch=1',
    expected: { verb: 'watch', namespace: '' },
  },
  {
    name: 'the legacy /watch/ path is a watch of the named object',
    method: 'GET',
    path: '/api/v1/watch/namespaces/a/pods/p',
    expected: { verb: 'watch', namespace: 'a', resource: 'pods', name: 'p' },
  },
  {
    name: 'a list narrowed to one name by fieldSelector is authorized for that name',
    method: 'GET',
    path: '/api/v1/namespaces/a/configmaps',
    query: 'watch=true&fieldSelector=metadata.name%3Dcm',
    expected: { verb: 'watch', name: 'cm' },
  },
  {
    name: 'POST is create, PUT update, PATCH patch',
    method: 'PATCH',
    path: '/apis/flotilla.io/v1alpha1/namespaces/fleet-default/gitrepos/r',
    expected: { verb: 'patch', apiGroup: 'flotilla.io', apiVersion: 'v1alpha1', resource: 'gitrepos', name: 'r' },
  },
  {
    name: 'DELETE of a collection is deletecollection',
    method: 'DELETE',
    path: '/api/v1/namespaces/a/secrets',
    expected: { verb: 'deletecollection', resource: 'secrets' },
  },
  {
    name: 'a subresource is split from its resource',
    method: 'PUT',
    path: '/apis/flotilla.io/v1alpha1/namespaces/c/bundledeployments/b/status',
    expected: { verb: 'update', resource: 'bundledeployments', name: 'b', subresource: 'status' },
  },
  {
    name: 'a cluster-scoped object has no namespace',
    method: 'GET',
    path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/view',
    expected: { verb: 'get', namespace: '', resource: 'clusterroles', name: 'view' },
  },
  {
    name: 'a Namespace object is its own namespace',
    method: 'GET',
    path: '/api/v1/namespaces/a',
    expected: { verb: 'get', namespace: 'a', resource: 'namespaces', name: 'a' },
  },
  {
    name: 'the status of a Namespace stays a Namespace subresource',
    method: 'PUT',
    path: '/api/v1/namespaces/a/status',
    expected: { verb: 'update', namespace: 'a', resource: 'namespaces', name: 'a', subresource: 'status' },
  },
  {
    name: 'the TokenRequest subresource of a ServiceAccount is a create',
    method: 'POST',
    path: '/api/v1/namespaces/a/serviceaccounts/sa/token',
    expected: { verb: 'create', resource: 'serviceaccounts', name: 'sa', subresource: 'token' },
  },
  {
    name: 'discovery of a group version is a non-resource request',
    method: 'GET',
    path: '/apis/apps/v1',
    expected: { isResourceRequest: false, verb: 'get', path: '/apis/apps/v1' },
  },
  {
    name: 'a health check is a non-resource request with the lower-case method as verb',
    method: 'GET',
    path: '/healthz',
    expected: { isResourceRequest: false, verb: 'get', path: '/healthz' },
  },
  {
    name: 'a /clusters/<name> prefix is stripped and the cluster returned',
    method: 'GET',
    path: '/clusters/member-1/api/v1/namespaces/a/pods',
    expected: { cluster: 'member-1', verb: 'list', namespace: 'a', resource: 'pods', path: '/api/v1/namespaces/a/pods' },
  },
  {
    name: 'a non-resource path under a cluster prefix is matched without the prefix',
    method: 'GET',
    path: '/clusters/member-1/version',
    expected: { cluster: 'member-1', isResourceRequest: false, path: '/version' },
  },
  {
    name: 'proxy keeps everything after the name out of the subresource',
    method: 'GET',
    path: '/api/v1/proxy/namespaces/a/pods/p/some/path',
    expected: { verb: 'proxy', resource: 'pods', name: 'p', subresource: '' },
  },
];

describe('parseRequestInfo', () => {
  it.each(cases)('$name', ({ method, path, query, expected }) => {
    const result = parseRequestInfo({ method, path, query: new URLSearchParams(query ?? '') });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.info).toMatchObject(expected);
  });

  it('a /watch/ path without a resource is rejected', () => {
    const result = parseRequestInfo({ method: 'GET', path: '/api/v1/watch' });
    expect(result.ok).toBe(false);
  });
});
