import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { BUILTIN_RESOURCES } from '../builtin-resources.js';
import { useTempObjectStores } from '../../../test/support/temp-object-store.js';
import { ObjectService, withStatus } from './object-service.js';
import { ResourceHooks } from './resource-hooks.js';

const pods = BUILTIN_RESOURCES.find((r) => r.group === '' && r.plural === 'pods')!;

describe('status writes copy only what they keep', () => {
  const stores = useTempObjectStores('object-service-');

  async function service(): Promise<ObjectService> {
    const store = await stores.open({ noSync: true });
    store.touchCluster('');
    await store.commit([{ cluster: '', resource: '/namespaces', namespace: '', name: 'ns', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } } }]);
    return new ObjectService({ store, hooks: new ResourceHooks(), now: () => new Date('2030-01-01T00:00:00Z') });
  }

  it('a status update reads only the status of its body, and the stored status is a copy of it', async () => {
    const svc = await service();
    const target = { cluster: '', resource: pods, namespace: 'ns' };
    const created = await svc.create(target, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    let specReads = 0;
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', resourceVersion: created.metadata.resourceVersion }, status: { phase: 'Running' } } as KubeObject;
    Object.defineProperty(body, 'spec', { enumerable: true, get: () => (specReads++, { containers: [] }) });
    const updated = await svc.update(target, 'p', body, { subresource: 'status' });
    expect(specReads).toBe(0);
    expect(updated.spec).toEqual({ containers: [{ name: 'c', image: 'i' }] });
    expect(updated.status).toEqual({ phase: 'Running' });
    (body.status as { phase: string }).phase = 'Failed';
    expect(svc.get(target, 'p').status).toEqual({ phase: 'Running' });
  });

  const cases = [
    { name: 'a new status replaces the old one', status: { phase: 'Running' }, expected: { phase: 'Running' } },
    { name: 'an undefined status removes it', status: undefined, expected: undefined },
  ];
  it.each(cases)('withStatus: $name, and the rest is a copy that leaves the old object alone', ({ status, expected }) => {
    const old = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { a: [1] }, status: { phase: 'Pending' } } as KubeObject;
    const next = withStatus(old, status);
    expect(next.status).toEqual(expected);
    expect('status' in next).toBe(expected !== undefined);
    (next.spec as { a: number[] }).a.push(2);
    next.metadata.name = 'q';
    expect(old).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { a: [1] }, status: { phase: 'Pending' } });
  });
});
