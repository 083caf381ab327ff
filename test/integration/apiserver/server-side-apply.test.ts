/**
 * Patches and server-side apply through @kubernetes/client-node and kubectl, as issue 3
 * asks: managers applying disjoint fields coexist, a conflicting apply is refused naming the
 * field and the other manager, --force-conflicts takes ownership, a field a manager stops
 * applying disappears, and managedFields read back as Kubernetes writes them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { kubectl as runKubectl } from '../../support/kubectl.js';

let api: TestApiServer;
let dir: string;
let client: KubernetesObjectApi;
const k = (args: string[], input?: string) => runKubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'cache'), input });

const configMap = (name: string, data: Record<string, string>): KubernetesObject & { data: Record<string, string> } => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});

beforeAll(async () => {
  api = await startTestApiServer();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-ssa-'));
  client = KubernetesObjectApi.makeApiClient(api.kubeConfig());
});
afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

const applyAs = (manager: string, obj: KubernetesObject, force = false) =>
  client.patch(obj, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);

describe('server-side apply through @kubernetes/client-node', () => {
  it('lets two managers applying disjoint fields coexist, each owning its own', async () => {
    await applyAs('alice', configMap('shared', { a: '1' }));
    const both = (await applyAs('bob', configMap('shared', { b: '2' }))) as any;
    expect(both.data).toEqual({ a: '1', b: '2' });
    const managers = both.metadata.managedFields.map((m: any) => ({ manager: m.manager, operation: m.operation, fields: m.fieldsV1 }));
    expect(managers).toEqual([
      { manager: 'alice', operation: 'Apply', fields: { 'f:data': { 'f:a': {} } } },
      { manager: 'bob', operation: 'Apply', fields: { 'f:data': { 'f:b': {} } } },
    ]);
    const raw = (await api.request('GET', '/api/v1/namespaces/default/configmaps/shared')).json;
    for (const m of raw.metadata.managedFields) {
      expect(m).toMatchObject({ apiVersion: 'v1', fieldsType: 'FieldsV1' });
      expect(m.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('refuses a conflicting apply with 409, naming the field and the other manager', async () => {
    await applyAs('alice', configMap('contested', { x: 'alice' }));
    const err = await applyAs('bob', configMap('contested', { x: 'bob' })).catch((e: unknown) => e as any);
    expect(err.code).toBe(409);
    const status = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
    expect(status.reason).toBe('Conflict');
    expect(status.message).toContain('Apply failed with 1 conflict: conflict with "alice": .data.x');
    expect(status.details.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.data.x' }]);
  });

  it('takes ownership with force', async () => {
    const taken = (await applyAs('bob', configMap('contested', { x: 'bob' }), true)) as any;
    expect(taken.data.x).toBe('bob');
    expect(taken.metadata.managedFields.map((m: any) => m.manager)).toEqual(['bob']);
  });

  it('removes a field its only manager stops applying, and keeps one another manager still owns', async () => {
    await applyAs('alice', configMap('dropping', { keep: '1', drop: '2' }));
    await applyAs('bob', configMap('dropping', { keep: '1' }));
    const after = (await applyAs('alice', configMap('dropping', {}))) as any;
    expect(after.data).toEqual({ keep: '1' });
  });

  it('records ordinary updates as Update operations beside applies', async () => {
    await applyAs('alice', configMap('mixed', { a: '1' }));
    const patched = (await client.patch(configMap('mixed', { c: '3' }), undefined, undefined, 'editor', undefined, PatchStrategy.MergePatch)) as any;
    const ops = Object.fromEntries(patched.metadata.managedFields.map((m: any) => [m.manager, m.operation]));
    expect(ops).toEqual({ alice: 'Apply', editor: 'Update' });
  });
});

describe('patch types over HTTP', () => {
  const path = '/api/v1/namespaces/default/configmaps';
  const cases = [
    { name: 'a JSON patch adds and tests', type: 'application/json-patch+json', patch: [{ op: 'test', path: '/data/a', value: '1' }, { op: 'add', path: '/data/b', value: '2' }], code: 200, data: { a: '1', b: '2' } },
    { name: 'a JSON patch whose test fails is refused with 422', type: 'application/json-patch+json', patch: [{ op: 'test', path: '/data/a', value: 'nope' }], code: 422 },
    { name: 'a JSON patch on a missing path is refused with 422', type: 'application/json-patch+json', patch: [{ op: 'replace', path: '/data/missing/x', value: '1' }], code: 422 },
    { name: 'a merge patch deletes with null', type: 'application/merge-patch+json', patch: { data: { a: null, c: '3' } }, code: 200, data: { c: '3' } },
    { name: 'a strategic merge patch merges maps', type: 'application/strategic-merge-patch+json', patch: { data: { d: '4' } }, code: 200, data: { a: '1', d: '4' } },
    { name: 'an unknown patch type is refused with 415', type: 'application/x-unknown', patch: {}, code: 415 },
  ];
  it.each(cases)('$name', async ({ type, patch, code, data }) => {
    const name = `patch-${cases.findIndex((c) => c.type === type && c.patch === patch)}`;
    await api.request('POST', path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });
    const res = await api.request('PATCH', `${path}/${name}`, patch, { 'Content-Type': type });
    expect(res.status).toBe(code);
    if (data) expect(res.json.data).toEqual(data);
  });

  it('merges a Deployment container list by name with a strategic merge patch', async () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1' }, { name: 'sidecar', image: 'envoy:1' }] } },
      },
    };
    await api.request('POST', '/apis/apps/v1/namespaces/default/deployments', deploy);
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } } } };
    const res = await api.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', patch, { 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(res.json.spec.template.spec.containers).toEqual([
      { name: 'app', image: 'nginx:2' },
      { name: 'sidecar', image: 'envoy:1' },
    ]);
    expect(res.json.metadata.generation).toBe(2);
  });
});

describe('kubectl apply --server-side', () => {
  const cm = (value: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubectl-ssa\n  namespace: default\ndata:\n  shared: "${value}"\n${extra}`;

  it('refuses a conflict naming the field and manager, and takes over with --force-conflicts', async () => {
    expect((await k(['apply', '--server-side', '--field-manager=team-a', '-f', '-'], cm('a'))).code).toBe(0);
    const conflict = await k(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], cm('b'));
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('conflict with "team-a"');
    expect(conflict.stderr).toContain('.data.shared');
    const forced = await k(['apply', '--server-side', '--field-manager=team-b', '--force-conflicts', '-f', '-'], cm('b'));
    expect(forced.stdout).toContain('configmap/kubectl-ssa serverside-applied');
    const managed = JSON.parse((await k(['get', 'cm', 'kubectl-ssa', '-o', 'json', '--show-managed-fields'])).stdout).metadata.managedFields;
    expect(managed.map((m: any) => m.manager)).toEqual(['team-b']);
  });

  it('drops a field when the manager stops applying it', async () => {
    await k(['apply', '--server-side', '--field-manager=team-b', '--force-conflicts', '-f', '-'], cm('b', '  extra: "x"\n'));
    expect(JSON.parse((await k(['get', 'cm', 'kubectl-ssa', '-o', 'json'])).stdout).data).toEqual({ shared: 'b', extra: 'x' });
    await k(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], cm('b'));
    expect(JSON.parse((await k(['get', 'cm', 'kubectl-ssa', '-o', 'json'])).stdout).data).toEqual({ shared: 'b' });
  });
});

describe('server-side apply on /status', () => {
  it('records ownership of status fields and drops a list item its manager stops applying', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'reports.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'reports', kind: 'Report' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: { type: 'object', properties: { a: { type: 'string' } } },
                  status: {
                    type: 'object',
                    properties: {
                      conditions: {
                        type: 'array',
                        'x-kubernetes-list-type': 'map',
                        'x-kubernetes-list-map-keys': ['type'],
                        items: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, status: { type: 'string' } } },
                      },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    };
    expect((await api.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
    const base = '/apis/example.com/v1/namespaces/default/reports';
    await api.request('POST', base, { apiVersion: 'example.com/v1', kind: 'Report', metadata: { name: 'r' }, spec: { a: 'x' } });
    const applyStatus = (conditions: Array<{ type: string; status: string }>) =>
      api.request('PATCH', `${base}/r/status?fieldManager=reporter`, { apiVersion: 'example.com/v1', kind: 'Report', metadata: { name: 'r' }, status: { conditions } }, { 'Content-Type': 'application/apply-patch+yaml' });
    const first = await applyStatus([{ type: 'Ready', status: 'True' }, { type: 'Stalled', status: 'False' }]);
    expect(first.status).toBe(200);
    const entry = first.json.metadata.managedFields.find((m: any) => m.manager === 'reporter');
    expect(entry).toMatchObject({ operation: 'Apply', subresource: 'status' });
    const second = await applyStatus([{ type: 'Ready', status: 'True' }]);
    expect(second.json.status.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(second.json.spec).toEqual({ a: 'x' });
  });
});
