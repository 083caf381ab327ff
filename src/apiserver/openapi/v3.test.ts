import { describe, expect, it } from 'vitest';
import { loadKubernetesSchemas } from './kubernetes-schemas.js';
import { openApiV2Answer } from './v2.js';
import { buildOpenApiV3, OpenApiV3Cache } from './v3.js';
import type { ServedResource } from './served-resource.js';

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const builtins = loadKubernetesSchemas();

const resources: ServedResource[] = [
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, verbs },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, verbs, subresources: ['status'] },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, verbs, subresources: ['status'] },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, verbs, subresources: ['status'] },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, verbs, subresources: ['status'] },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true, verbs },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true, verbs },
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, verbs },
  {
    group: 'flotilla.io',
    version: 'v1alpha1',
    kind: 'GitRepo',
    plural: 'gitrepos',
    namespaced: true,
    verbs,
    custom: true,
    subresources: ['status'],
    crdSchema: {
      type: 'object',
      description: 'GitRepo describes a git repository Flotilla watches.',
      properties: {
        spec: {
          type: 'object',
          description: 'What to fetch.',
          properties: { repo: { type: 'string', description: 'The URL of the git repository.' } },
        },
      },
    },
  },
];

const built = buildOpenApiV3(resources, builtins);

interface Doc {
  paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content: Record<string, unknown> }; 'x-kubernetes-group-version-kind'?: unknown }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

function doc(key: string): Doc {
  const d = built.documents.get(key);
  if (!d) throw new Error(`no document ${key}`);
  return JSON.parse(d.json) as Doc;
}

function schema(key: string, name: string): Record<string, unknown> {
  const s = doc(key).components.schemas[name];
  if (!s) throw new Error(`no schema ${name} in ${key}`);
  return s;
}

function prop(s: Record<string, unknown>, name: string): Record<string, unknown> {
  return ((s.properties as Record<string, Record<string, unknown>>)[name]) ?? {};
}

describe('buildOpenApiV3', () => {
  it('lists one document per group-version in the index, each URL carrying the hash of its content', () => {
    expect(Object.keys(built.index.paths).sort()).toEqual([
      'api/v1',
      'apis/apiextensions.k8s.io/v1',
      'apis/apps/v1',
      'apis/coordination.k8s.io/v1',
      'apis/flotilla.io/v1alpha1',
      'apis/rbac.authorization.k8s.io/v1',
    ]);
    const coreHash = built.documents.get('api/v1')?.hash ?? '';
    expect(coreHash).toMatch(/^[0-9A-F]{128}$/);
    expect(built.index.paths['api/v1']).toEqual({ serverRelativeURL: `/openapi/v3/api/v1?hash=${coreHash}` });
  });

  const schemaCases = [
    { name: 'ConfigMap is named as Kubernetes names it and carries its group-version-kind', doc: 'api/v1', schema: 'io.k8s.api.core.v1.ConfigMap', ext: 'x-kubernetes-group-version-kind', value: [{ group: '', kind: 'ConfigMap', version: 'v1' }] },
    { name: 'Deployment carries its group-version-kind in apps/v1', doc: 'apis/apps/v1', schema: 'io.k8s.api.apps.v1.Deployment', ext: 'x-kubernetes-group-version-kind', value: [{ group: 'apps', kind: 'Deployment', version: 'v1' }] },
    { name: 'Lease carries its group-version-kind', doc: 'apis/coordination.k8s.io/v1', schema: 'io.k8s.api.coordination.v1.Lease', ext: 'x-kubernetes-group-version-kind', value: [{ group: 'coordination.k8s.io', kind: 'Lease', version: 'v1' }] },
    { name: 'CustomResourceDefinition carries its group-version-kind', doc: 'apis/apiextensions.k8s.io/v1', schema: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition', ext: 'x-kubernetes-group-version-kind', value: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', version: 'v1' }] },
  ];
  it.each(schemaCases)('$name', (c) => {
    expect(schema(c.doc, c.schema)[c.ext]).toEqual(c.value);
  });

  const fieldCases = [
    { name: 'pod containers merge by name (patch strategy and merge key)', doc: 'api/v1', schema: 'io.k8s.api.core.v1.PodSpec', field: 'containers', expect: { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'name' } },
    { name: 'container ports are a list-map keyed by containerPort and protocol', doc: 'apis/apps/v1', schema: 'io.k8s.api.core.v1.Container', field: 'ports', expect: { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] } },
    { name: 'object finalizers merge as a set', doc: 'api/v1', schema: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', field: 'finalizers', expect: { 'x-kubernetes-patch-strategy': 'merge' } },
    { name: 'service clusterIPs are an atomic list', doc: 'api/v1', schema: 'io.k8s.api.core.v1.ServiceSpec', field: 'clusterIPs', expect: { 'x-kubernetes-list-type': 'atomic' } },
    { name: 'pod scheduling gates are a list-map merged by name', doc: 'api/v1', schema: 'io.k8s.api.core.v1.PodSpec', field: 'schedulingGates', expect: { 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': 'name' } },
  ];
  it.each(fieldCases)('$name', (c) => {
    expect(prop(schema(c.doc, c.schema), c.field)).toMatchObject(c.expect);
  });

  it('keeps descriptions, so kubectl explain configmap.data prints one', () => {
    expect(prop(schema('api/v1', 'io.k8s.api.core.v1.ConfigMap'), 'data').description).toMatch(/configuration data/);
  });

  it('makes each document self-contained: every $ref resolves within it', () => {
    for (const [key, d] of built.documents) {
      const names = new Set(Object.keys((JSON.parse(d.json) as Doc).components.schemas));
      const refs = [...d.json.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(refs.filter((r) => !names.has(r)), key).toEqual([]);
    }
  });

  const pathCases = [
    { name: 'a built-in PATCH offers strategic merge patch and fieldValidation', doc: 'api/v1', path: '/api/v1/namespaces/{namespace}/configmaps/{name}', smp: true },
    { name: 'a cluster-scoped built-in has its paths without a namespace', doc: 'api/v1', path: '/api/v1/namespaces/{name}', smp: true },
    { name: 'a status subresource has its own PATCH', doc: 'apis/apps/v1', path: '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status', smp: true },
    { name: 'a custom resource PATCH offers no strategic merge patch but fieldValidation', doc: 'apis/flotilla.io/v1alpha1', path: '/apis/flotilla.io/v1alpha1/namespaces/{namespace}/gitrepos/{name}', smp: false },
  ];
  it.each(pathCases)('$name', (c) => {
    const patch = doc(c.doc).paths[c.path]?.patch;
    expect(patch?.parameters?.map((p) => p.name)).toContain('fieldValidation');
    expect(Object.keys(patch?.requestBody?.content ?? {}).includes('application/strategic-merge-patch+json')).toBe(c.smp);
    expect(patch?.['x-kubernetes-group-version-kind']).toBeDefined();
  });

  it('wraps a CRD schema with apiVersion, kind, metadata and its group-version-kind, keeping its descriptions', () => {
    const gitRepo = schema('apis/flotilla.io/v1alpha1', 'io.flotilla.v1alpha1.GitRepo');
    expect(gitRepo['x-kubernetes-group-version-kind']).toEqual([{ group: 'flotilla.io', kind: 'GitRepo', version: 'v1alpha1' }]);
    expect(Object.keys(gitRepo.properties as object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(prop(gitRepo, 'apiVersion').description).toMatch(/APIVersion defines/);
    expect(JSON.stringify(prop(gitRepo, 'metadata'))).toContain('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(prop(prop(gitRepo, 'spec'), 'repo').description).toBe('The URL of the git repository.');
    expect(schema('apis/flotilla.io/v1alpha1', 'io.flotilla.v1alpha1.GitRepoList')['x-kubernetes-group-version-kind']).toEqual([
      { group: 'flotilla.io', kind: 'GitRepoList', version: 'v1alpha1' },
    ]);
  });
});

describe('OpenApiV3Cache', () => {
  it('returns the same documents while the served resources are unchanged and rebuilds when a CRD goes', () => {
    let loads = 0;
    const cache = new OpenApiV3Cache(() => {
      loads++;
      return builtins;
    });
    const first = cache.documentsFor(resources);
    expect(cache.documentsFor([...resources])).toBe(first);
    const without = cache.documentsFor(resources.filter((r) => !r.custom));
    expect(without).not.toBe(first);
    expect(without.index.paths['apis/flotilla.io/v1alpha1']).toBeUndefined();
    expect(loads).toBe(1);
  });
});

describe('openApiV2Answer', () => {
  it('answers 404 NotFound as a Status, so kubectl falls back to v3', () => {
    expect(openApiV2Answer()).toMatchObject({ code: 404, body: { kind: 'Status', reason: 'NotFound', code: 404 } });
  });
});
