import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { ObjectStore, type StoreEvent } from './object-store.js';

const configMap = (name: string, value: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data: { k: value } });

describe('ObjectStore commit', () => {
  let dir: string | undefined;
  let store: ObjectStore | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    store = undefined;
    dir = undefined;
  });

  async function open(): Promise<ObjectStore> {
    dir ??= await mkdtemp(join(tmpdir(), 'store-'));
    store = new ObjectStore({ dataDir: dir });
    await store.open();
    return store;
  }

  it.each([
    { name: 'a create is serialised once at commit, with its resourceVersion, for the log, watchers and reads', value: 'one' },
    { name: 'a value that needs escaping is serialised as JSON.stringify writes it', value: 'quote " and\nnewline' },
  ])('$name', async ({ value }) => {
    const s = await open();
    const events: StoreEvent[] = [];
    s.watch('', '/configmaps', undefined, s.resourceVersion, (e) => events.push(e));
    const [entry] = await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'a', obj: configMap('a', value) }]);
    expect(entry?.json).toBe(JSON.stringify(entry?.obj));
    expect(JSON.parse(entry?.json ?? '{}')).toMatchObject({ metadata: { resourceVersion: String(s.resourceVersion) }, data: { k: value } });
    expect(events.map((e) => e.entry)).toEqual([entry]);
  });

  it('what was committed loads back after a restart', async () => {
    let s = await open();
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'a', obj: configMap('a', 'kept') }]);
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'b', obj: configMap('b', 'gone') }]);
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'b', obj: undefined }]);
    await s.close();
    s = await open();
    expect(s.get('', '/configmaps', 'ns', 'a')?.obj.data).toEqual({ k: 'kept' });
    expect(s.get('', '/configmaps', 'ns', 'b')).toBeUndefined();
  });
});
