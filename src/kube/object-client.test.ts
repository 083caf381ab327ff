import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { ApiError, isAlreadyExists, isConflict, isInvalid, isNotFound } from './api-error.js';
import { ObjectClient } from './object-client.js';

let api: TestApiServer;
let client: ObjectClient;

const cm = (name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});
const ref = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });

beforeAll(async () => {
  api = await startTestApiServer();
  client = await ObjectClient.create(api.kubeConfig());
});
afterAll(async () => {
  client?.close();
  await api?.stop();
});

describe('ObjectClient reads and writes', () => {
  it('creates, gets, updates and deletes an object', async () => {
    const created = await client.create(cm('crud', { a: '1' }));
    expect(created.metadata.uid).toBeTruthy();
    const got = await client.get<KubeObject & { data: Record<string, string> }>(ref('crud'));
    expect(got.data).toEqual({ a: '1' });
    got.data = { a: '2' };
    const updated = await client.update(got);
    expect(updated.data).toEqual({ a: '2' });
    await client.delete(ref('crud'));
    await expect(client.get(ref('crud'))).rejects.toSatisfy(isNotFound);
  });

  const failures = [
    {
      name: 'getting a missing object fails with NotFound carrying the server Status',
      run: () => client.get(ref('missing')),
      check: (err: unknown) => isNotFound(err) && err instanceof ApiError && err.code === 404 && /not found/.test(err.message),
    },
    {
      name: 'creating an existing object fails with AlreadyExists',
      run: async () => {
        await client.create(cm('twice'));
        await client.create(cm('twice'));
      },
      check: isAlreadyExists,
    },
    {
      name: 'an update with a stale resourceVersion fails with Conflict',
      run: async () => {
        const first = await client.create(cm('stale', { v: '1' }));
        await client.update({ ...first, data: { v: '2' } });
        await client.update({ ...first, data: { v: '3' } });
      },
      check: isConflict,
    },
    {
      name: 'an invalid name fails with Invalid and names the field in its causes',
      run: () => client.create(cm('Not_Valid')),
      check: (err: unknown) => isInvalid(err) && err instanceof ApiError && err.causes.some((c) => c.field === 'metadata.name'),
    },
    {
      name: 'an unknown kind fails with NotFound naming the kind and version',
      run: () => client.get({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' }),
      check: (err: unknown) => isNotFound(err) && err instanceof Error && err.message.includes('Widget'),
    },
  ];
  it.each(failures)('$name', async ({ run, check }) => {
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    expect(check(err)).toBe(true);
  });
});

describe('ObjectClient lists', () => {
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) await client.create(cm(`page-${i}`, {}, { set: 'paging', parity: i % 2 ? 'odd' : 'even' }));
  });

  const cases = [
    { name: 'a label selector string filters the list', options: { labelSelector: 'set=paging,parity=odd' }, expected: ['page-1', 'page-3', 'page-5'] },
    {
      name: 'a LabelSelector object filters the list as its string form does',
      options: { labelSelector: { matchLabels: { set: 'paging' }, matchExpressions: [{ key: 'parity', operator: 'In' as const, values: ['even'] }] } },
      expected: ['page-0', 'page-2', 'page-4', 'page-6'],
    },
    { name: 'a field selector picks one object by name', options: { labelSelector: 'set=paging', fieldSelector: 'metadata.name=page-3' }, expected: ['page-3'] },
    { name: 'listAll follows continue tokens across small pages', options: { labelSelector: 'set=paging', pageSize: 2 }, expected: ['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6'] },
  ];
  it.each(cases)('$name', async ({ options, expected }) => {
    const { items, resourceVersion } = await client.listAll({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default', ...options });
    expect(items.map((i) => i.metadata.name).sort()).toEqual(expected);
    expect(resourceVersion).toMatch(/^\d+$/);
  });

  it('a single page says how to continue', async () => {
    const page = await client.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default', labelSelector: 'set=paging', limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.metadata.continue).toBeTruthy();
  });
});

describe('ObjectClient status, patches and apply', () => {
  it('updateStatus changes the status and leaves the spec alone', async () => {
    const ns = await client.create<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'status-ns' } });
    const withStatus = await client.updateStatus({ ...ns, spec: { finalizers: ['other'] }, status: { phase: 'Active' } });
    expect((withStatus.spec as { finalizers?: string[] }).finalizers).toEqual(['kubernetes']);
  });

  const patches = [
    { name: 'a merge patch sets and removes keys', type: 'merge' as const, patch: { data: { b: '2', a: null } }, expected: { b: '2' } },
    { name: 'a JSON patch applies its operations in order', type: 'json' as const, patch: [{ op: 'add', path: '/data/c', value: '3' }, { op: 'remove', path: '/data/a' }], expected: { c: '3' } },
  ];
  it.each(patches)('$name', async ({ name, type, patch, expected }) => {
    const objName = `patch-${type}`;
    await client.create(cm(objName, { a: '1' }));
    const patched = await client.patch<KubeObject & { data: unknown }>(ref(objName), patch, { type });
    expect(patched.data, name).toEqual(expected);
  });

  it('server-side apply creates, then conflicts with another manager unless forced', async () => {
    const applied = await client.apply<KubeObject & { data: unknown }>(cm('ssa', { owner: 'a' }), { fieldManager: 'manager-a' });
    expect(applied.data).toEqual({ owner: 'a' });
    await expect(client.apply(cm('ssa', { owner: 'b' }), { fieldManager: 'manager-b' })).rejects.toSatisfy(isConflict);
    const forced = await client.apply<KubeObject & { data: unknown }>(cm('ssa', { owner: 'b' }), { fieldManager: 'manager-b', force: true });
    expect(forced.data).toEqual({ owner: 'b' });
    expect(forced.metadata.managedFields?.some((m) => m.manager === 'manager-b')).toBe(true);
  });
});

describe('ObjectClient discovery', () => {
  it('finds a CRD installed after its first miss', async () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1', namespace: 'default' }, spec: { size: 3 } };
    await expect(client.create(widget)).rejects.toSatisfy(isNotFound);
    await client.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    await expect.poll(() => client.create(widget).then((o) => o.metadata.name, (e: unknown) => String(e))).toBe('g1');
  });

  it('works against a logical cluster served under a path prefix', async () => {
    await api.server.createCluster('member-a');
    const member = await ObjectClient.create(api.kubeConfig('member-a'));
    try {
      await member.create(cm('only-in-member'));
      expect((await member.get(ref('only-in-member'))).metadata.name).toBe('only-in-member');
      await expect(client.get(ref('only-in-member'))).rejects.toSatisfy(isNotFound);
    } finally {
      member.close();
    }
  });
});
