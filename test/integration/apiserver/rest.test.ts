/**
 * REST semantics of the embedded API server over real HTTPS: object metadata, optimistic
 * concurrency, generation and the status subresource, finalizers, namespaces, selectors,
 * pagination, limits, and errors as Status objects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

let api: TestApiServer;
const cmPath = (ns = 'default', name = '') => `/api/v1/namespaces/${ns}/configmaps${name ? `/${name}` : ''}`;
const cm = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { a: '1' } });

beforeAll(async () => {
  api = await startTestApiServer();
});
afterAll(async () => {
  await api.stop();
});

describe('object metadata and concurrency', () => {
  it('sets uid, creationTimestamp and a resourceVersion on create, and answers 201', async () => {
    const res = await api.request('POST', cmPath(), cm('meta1'));
    expect(res.status).toBe(201);
    expect(res.json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(res.json.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(res.json.metadata.namespace).toBe('default');
  });

  it('refuses a second create of the same name with 409 AlreadyExists', async () => {
    await api.request('POST', cmPath(), cm('dup'));
    const res = await api.request('POST', cmPath(), cm('dup'));
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409, message: 'configmaps "dup" already exists' });
  });

  it('refuses an update with a stale resourceVersion with 409 Conflict', async () => {
    const created = (await api.request('POST', cmPath(), cm('stale'))).json;
    const first = await api.request('PUT', cmPath('default', 'stale'), { ...created, data: { a: '2' } });
    expect(first.status).toBe(200);
    const second = await api.request('PUT', cmPath('default', 'stale'), { ...created, data: { a: '3' } });
    expect(second.status).toBe(409);
    expect(second.json.reason).toBe('Conflict');
    expect(second.json.message).toContain('the object has been modified');
  });

  it('refuses a /status merge patch guarded by a stale resourceVersion with 409 Conflict, as the main resource does', async () => {
    const created = (await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'guarded' } })).json;
    const merge = { 'content-type': 'application/merge-patch+json' };
    const patch = (rv: string, reason: string) => ({ metadata: { resourceVersion: rv }, status: { conditions: [{ type: 'Probe', status: 'True', reason }] } });
    const first = await api.request('PATCH', '/api/v1/namespaces/guarded/status', patch(created.metadata.resourceVersion, 'First'), merge);
    expect(first.status).toBe(200);
    const stale = await api.request('PATCH', '/api/v1/namespaces/guarded/status', patch(created.metadata.resourceVersion, 'Stale'), merge);
    expect(stale.status).toBe(409);
    expect(stale.json.reason).toBe('Conflict');
    expect((await api.request('GET', '/api/v1/namespaces/guarded')).json.status.conditions).toEqual([{ type: 'Probe', status: 'True', reason: 'First' }]);
    const unguarded = await api.request('PATCH', '/api/v1/namespaces/guarded/status', { status: { conditions: [] } }, merge);
    expect(unguarded.status).toBe(200);
  });

  it('keeps the resourceVersion when an update changes nothing, and bumps it when it does', async () => {
    const created = (await api.request('POST', cmPath(), cm('noop'))).json;
    const same = await api.request('PUT', cmPath('default', 'noop'), created);
    expect(same.json.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const changed = await api.request('PUT', cmPath('default', 'noop'), { ...created, data: { a: 'changed' } });
    expect(Number(changed.json.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
  });

  it('generates a name from generateName', async () => {
    const res = await api.request('POST', cmPath(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
    expect(res.status).toBe(201);
    expect(res.json.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('does not persist a dryRun=All create', async () => {
    const res = await api.request('POST', `${cmPath()}?dryRun=All`, cm('dry'));
    expect(res.status).toBe(201);
    expect((await api.request('GET', cmPath('default', 'dry'))).status).toBe(404);
  });

  it('answers 404 NotFound as a Status naming the resource', async () => {
    const res = await api.request('GET', cmPath('default', 'missing'));
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', message: 'configmaps "missing" not found', details: { name: 'missing', kind: 'configmaps' } });
  });
});

describe('namespaces', () => {
  it('refuses objects in a namespace that does not exist', async () => {
    const res = await api.request('POST', cmPath('nope'), cm('x'));
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('namespaces "nope" not found');
  });

  it('has the four initial namespaces, labelled with their names', async () => {
    const res = await api.request('GET', '/api/v1/namespaces');
    const names = res.json.items.map((n: any) => n.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']));
    const ks = res.json.items.find((n: any) => n.metadata.name === 'kube-system');
    expect(ks.metadata.labels['kubernetes.io/metadata.name']).toBe('kube-system');
    expect(ks.status.phase).toBe('Active');
  });

  it('deletes everything in a namespace, waiting on finalizers, before the namespace goes', async () => {
    await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    await api.request('POST', cmPath('doomed'), cm('plain'));
    await api.request('POST', cmPath('doomed'), cm('held', { finalizers: ['example.com/hold'] }));
    const del = await api.request('DELETE', '/api/v1/namespaces/doomed');
    expect(del.status).toBe(200);
    await expect.poll(async () => (await api.request('GET', cmPath('doomed', 'plain'))).status).toBe(404);
    const ns = await api.request('GET', '/api/v1/namespaces/doomed');
    expect(ns.json.status.phase).toBe('Terminating');
    expect((await api.request('POST', cmPath('doomed'), cm('late'))).status).toBe(403);
    const held = (await api.request('GET', cmPath('doomed', 'held'))).json;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    await api.request('PUT', cmPath('doomed', 'held'), { ...held, metadata: { ...held.metadata, finalizers: [] } });
    await expect.poll(async () => (await api.request('GET', '/api/v1/namespaces/doomed')).status).toBe(404);
  });
});

describe('finalizers, deletion and garbage collection', () => {
  it('keeps an object with finalizers until they are removed', async () => {
    await api.request('POST', cmPath(), cm('fin', { finalizers: ['example.com/x'] }));
    const del = await api.request('DELETE', cmPath('default', 'fin'));
    expect(del.status).toBe(200);
    const held = (await api.request('GET', cmPath('default', 'fin'))).json;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    await api.request('PUT', cmPath('default', 'fin'), { ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect((await api.request('GET', cmPath('default', 'fin'))).status).toBe(404);
  });

  it('refuses a delete whose uid precondition does not match', async () => {
    await api.request('POST', cmPath(), cm('pre'));
    const res = await api.request('DELETE', cmPath('default', 'pre'), { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'other' } });
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('Precondition failed: UID in precondition: other');
  });

  it('deletes dependents whose owner is deleted', async () => {
    const owner = (await api.request('POST', cmPath(), cm('owner'))).json;
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid };
    await api.request('POST', cmPath(), cm('dependent', { ownerReferences: [ref] }));
    await api.request('DELETE', cmPath('default', 'owner'));
    await expect.poll(async () => (await api.request('GET', cmPath('default', 'dependent'))).status).toBe(404);
  });

  it('keeps dependents, without the owner reference, on an orphaning delete', async () => {
    const owner = (await api.request('POST', cmPath(), cm('owner2'))).json;
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner2', uid: owner.metadata.uid };
    await api.request('POST', cmPath(), cm('orphan', { ownerReferences: [ref] }));
    await api.request('DELETE', `${cmPath('default', 'owner2')}?propagationPolicy=Orphan`);
    await expect.poll(async () => (await api.request('GET', cmPath('default', 'owner2'))).status).toBe(404);
    const orphan = (await api.request('GET', cmPath('default', 'orphan'))).json;
    expect(orphan.metadata.ownerReferences).toBeUndefined();
  });

  it('deletes dependents before the owner on a foreground delete', async () => {
    const owner = (await api.request('POST', cmPath(), cm('fg-owner'))).json;
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'fg-owner', uid: owner.metadata.uid, blockOwnerDeletion: true };
    await api.request('POST', cmPath(), cm('fg-dependent', { ownerReferences: [ref], finalizers: ['example.com/slow'] }));
    await api.request('DELETE', `${cmPath('default', 'fg-owner')}?propagationPolicy=Foreground`);
    await expect.poll(async () => (await api.request('GET', cmPath('default', 'fg-dependent'))).json.metadata.deletionTimestamp).toBeDefined();
    const waiting = (await api.request('GET', cmPath('default', 'fg-owner'))).json;
    expect(waiting.metadata.finalizers).toContain('foregroundDeletion');
    const dep = (await api.request('GET', cmPath('default', 'fg-dependent'))).json;
    await api.request('PUT', cmPath('default', 'fg-dependent'), { ...dep, metadata: { ...dep.metadata, finalizers: [] } });
    await expect.poll(async () => (await api.request('GET', cmPath('default', 'fg-owner'))).status).toBe(404);
  });

  it('deletes a collection by label selector', async () => {
    await api.request('POST', cmPath(), cm('col1', { labels: { batch: 'b' } }));
    await api.request('POST', cmPath(), cm('col2', { labels: { batch: 'b' } }));
    const res = await api.request('DELETE', `${cmPath()}?labelSelector=batch%3Db`);
    expect(res.status).toBe(200);
    expect((await api.request('GET', `${cmPath()}?labelSelector=batch%3Db`)).json.items).toHaveLength(0);
  });
});

describe('lists', () => {
  beforeAll(async () => {
    await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lists' } });
    for (let i = 0; i < 7; i++) {
      await api.request('POST', cmPath('lists'), cm(`item-${i}`, { labels: { tier: i % 2 ? 'odd' : 'even', idx: String(i) } }));
    }
  });

  const selectorCases = [
    { name: 'equality selects matching labels', selector: 'tier=odd', want: ['item-1', 'item-3', 'item-5'] },
    { name: 'inequality excludes matching labels', selector: 'tier!=odd', want: ['item-0', 'item-2', 'item-4', 'item-6'] },
    { name: 'set membership selects any listed value', selector: 'idx in (1,2)', want: ['item-1', 'item-2'] },
    { name: 'set exclusion with another requirement', selector: 'tier=even,idx notin (0,6)', want: ['item-2', 'item-4'] },
    { name: 'existence selects labelled objects', selector: 'idx', want: ['item-0', 'item-1', 'item-2', 'item-3', 'item-4', 'item-5', 'item-6'] },
    { name: 'absence selects nothing when all have the label', selector: '!idx', want: [] },
  ];
  it.each(selectorCases)('labelSelector: $name', async ({ selector, want }) => {
    const res = await api.request('GET', `${cmPath('lists')}?labelSelector=${encodeURIComponent(selector)}`);
    expect(res.json.items.map((i: any) => i.metadata.name)).toEqual(want);
  });

  it('filters by fieldSelector on metadata.name', async () => {
    const res = await api.request('GET', `${cmPath('lists')}?fieldSelector=metadata.name%3Ditem-3`);
    expect(res.json.items.map((i: any) => i.metadata.name)).toEqual(['item-3']);
  });

  it('refuses an unsupported field selector with 400', async () => {
    const res = await api.request('GET', `${cmPath('lists')}?fieldSelector=data.a%3D1`);
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('field label not supported: data.a');
  });

  it('pages with limit and continue, keeping one resourceVersion', async () => {
    const names: string[] = [];
    let token = '';
    let rv = '';
    do {
      const res = await api.request('GET', `${cmPath('lists')}?limit=3${token ? `&continue=${token}` : ''}`);
      names.push(...res.json.items.map((i: any) => i.metadata.name));
      rv ||= res.json.metadata.resourceVersion;
      expect(res.json.metadata.resourceVersion).toBe(rv);
      token = res.json.metadata.continue ?? '';
    } while (token);
    expect(names).toEqual(['item-0', 'item-1', 'item-2', 'item-3', 'item-4', 'item-5', 'item-6']);
  });

  it('answers 504 for a resourceVersion from the future', async () => {
    const res = await api.request('GET', `${cmPath('lists')}?resourceVersion=999999999`);
    expect(res.status).toBe(504);
  });
});

describe('errors and limits', () => {
  it('requires the admin token: anything else is 401', async () => {
    const res = await api.request('GET', '/api/v1/namespaces', undefined, { Authorization: 'Bearer wrong' });
    expect(res.status).toBe(401);
    expect(res.json.reason).toBe('Unauthorized');
  });

  it('refuses a name Kubernetes would refuse with 422 Invalid', async () => {
    const res = await api.request('POST', cmPath(), cm('Not_Valid'));
    expect(res.status).toBe(422);
    expect(res.json.details.causes[0].field).toBe('metadata.name');
    expect(res.json.message).toContain('a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters');
  });

  it('refuses an object over 1.5 MiB with 413', async () => {
    const big = cm('big-object');
    (big.data as Record<string, string>).a = 'x'.repeat(1.6 * 1024 * 1024);
    const res = await api.request('POST', cmPath(), big);
    expect(res.status).toBe(413);
    expect(res.json.reason).toBe('RequestEntityTooLarge');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await api.request('POST', cmPath(), '{"apiVersion": ');
    expect(res.status).toBe(400);
    expect(res.json.reason).toBe('BadRequest');
  });

  it('answers a body nested 5,000 levels with 400 and keeps serving (it overflowed the stack into a 500)', async () => {
    const deep = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await api.request('POST', cmPath(), deep);
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('exceeded max depth of 1000');
    expect((await api.request('GET', cmPath())).status).toBe(200);
  });

  it('refuses a request body over 3 MiB with 413', async () => {
    const big = cm('big');
    (big.data as Record<string, string>).a = 'x'.repeat(3 * 1024 * 1024 + 10);
    const res = await api.request('POST', cmPath(), big);
    expect(res.status).toBe(413);
  });

  it('serves discovery with a Kubernetes version of at least 1.30', async () => {
    const v = await api.request('GET', '/version');
    expect(Number(v.json.major)).toBe(1);
    expect(Number(v.json.minor)).toBeGreaterThanOrEqual(30);
    const core = await api.request('GET', '/api/v1');
    const ns = core.json.resources.find((r: any) => r.name === 'namespaces');
    expect(ns).toMatchObject({ namespaced: false, kind: 'Namespace', shortNames: ['ns'] });
    const groups = await api.request('GET', '/apis');
    expect(groups.json.groups.map((g: any) => g.name)).toEqual(expect.arrayContaining(['apps', 'apiextensions.k8s.io', 'rbac.authorization.k8s.io']));
  });
});
