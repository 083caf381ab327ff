/**
 * Custom resources as Kubernetes serves them: schema validation with 422 causes per field,
 * pruning of unknown fields (with fieldValidation Warn/Strict), defaults, the status
 * subresource (status ignored on the main resource, spec ignored on /status), generation
 * bumped on spec changes only, and CRD status written by the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

let api: TestApiServer;
const base = '/apis/example.com/v1/namespaces/default/things';
const thing = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name }, spec });

beforeAll(async () => {
  api = await startTestApiServer();
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'things.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'things', kind: 'Thing', shortNames: ['th'] },
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
                spec: {
                  type: 'object',
                  required: ['mode'],
                  properties: {
                    mode: { type: 'string', enum: ['fast', 'slow'] },
                    replicas: { type: 'integer', default: 1 },
                  },
                },
                status: { type: 'object', properties: { phase: { type: 'string' } } },
              },
            },
          },
        },
      ],
    },
  };
  const res = await api.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await api.stop();
});

describe('custom resources', () => {
  it('marks a new CRD Established and NamesAccepted', async () => {
    const crd = (await api.request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.example.com')).json;
    const types = Object.fromEntries(crd.status.conditions.map((c: any) => [c.type, c.status]));
    expect(types).toMatchObject({ Established: 'True', NamesAccepted: 'True' });
    expect(crd.status.storedVersions).toEqual(['v1']);
  });

  const invalid = [
    { name: 'a value outside the enum is refused naming the allowed values', spec: { mode: 'medium' }, field: 'spec.mode', text: 'Unsupported value: "medium": supported values: "fast", "slow"' },
    { name: 'a missing required field is refused', spec: {}, field: 'spec.mode', text: 'Required value' },
    { name: 'a wrong type is refused', spec: { mode: 'fast', replicas: 'two' }, field: 'spec.replicas', text: 'must be of type integer' },
  ];
  it.each(invalid)('$name (422 Invalid)', async ({ spec, field, text }) => {
    const res = await api.request('POST', base, thing('bad', spec));
    expect(res.status).toBe(422);
    expect(res.json.reason).toBe('Invalid');
    expect(res.json.details.causes.map((c: any) => c.field)).toContain(field);
    expect(res.json.message).toContain(text);
  });

  it('applies defaults and prunes unknown fields, warning about them', async () => {
    const res = await api.request('POST', base, thing('defaults', { mode: 'fast', extra: 'dropped' }));
    expect(res.status).toBe(201);
    expect(res.json.spec).toEqual({ mode: 'fast', replicas: 1 });
    expect(String(res.headers.warning)).toContain('unknown field \\"spec.extra\\"');
  });

  it('refuses unknown fields with fieldValidation=Strict', async () => {
    const res = await api.request('POST', `${base}?fieldValidation=Strict`, thing('strict', { mode: 'fast', extra: 'x' }));
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('unknown field "spec.extra"');
  });

  it('ignores status on the main resource and spec on /status, counting generation on spec changes only', async () => {
    const created = (await api.request('POST', base, { ...thing('gen', { mode: 'fast' }), status: { phase: 'Sneaky' } })).json;
    expect(created.status).toBeUndefined();
    expect(created.metadata.generation).toBe(1);
    const withStatus = (await api.request('PUT', `${base}/gen/status`, { ...created, spec: { mode: 'slow' }, status: { phase: 'Ready' } })).json;
    expect(withStatus.status).toEqual({ phase: 'Ready' });
    expect(withStatus.spec.mode).toBe('fast');
    expect(withStatus.metadata.generation).toBe(1);
    const labelled = (await api.request('PUT', `${base}/gen`, { ...withStatus, metadata: { ...withStatus.metadata, labels: { a: 'b' } }, status: { phase: 'Ignored' } })).json;
    expect(labelled.metadata.generation).toBe(1);
    expect(labelled.status).toEqual({ phase: 'Ready' });
    const changed = (await api.request('PUT', `${base}/gen`, { ...labelled, spec: { mode: 'slow', replicas: 1 } })).json;
    expect(changed.metadata.generation).toBe(2);
  });

  it('answers 415 to a strategic merge patch of a custom resource, and merges a merge patch', async () => {
    await api.request('POST', base, thing('patched', { mode: 'fast' }));
    const smp = await api.request('PATCH', `${base}/patched`, { spec: { mode: 'slow' } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(smp.status).toBe(415);
    const merge = await api.request('PATCH', `${base}/patched`, { spec: { mode: 'slow' } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(merge.status).toBe(200);
    expect(merge.json.spec.mode).toBe('slow');
  });

  it('refuses a CRD whose name does not match its plural and group', async () => {
    const res = await api.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'wrong.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'others', kind: 'Other' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }] },
    });
    expect(res.status).toBe(422);
    expect(res.json.details.causes.map((c: any) => c.field)).toContain('metadata.name');
  });
});
