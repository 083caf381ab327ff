import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { jsonOf, ObjectStore, TooOldResourceVersionError, type StoreEvent } from './object-store.js';
import { readSnapshot } from './snapshot-file.js';
import { useTempObjectStores } from '../../../test/support/temp-object-store.js';

const configMap = (name: string, value: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data: { k: value } });

describe('ObjectStore commit', () => {
  const stores = useTempObjectStores();
  const open = () => stores.open();

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

describe('ObjectStore entries of one namespace', () => {
  const stores = useTempObjectStores();
  const inNamespace = (name: string, namespace: string): KubeObject => ({ ...configMap(name, namespace), metadata: { name, namespace } });
  const names = (s: ObjectStore, namespace?: string) => [...s.entries('', '/configmaps', namespace)].map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}=${String((e.obj.data as { k?: string } | undefined)?.k)}`).sort();

  it('are that namespace\'s objects as they are now, after updates and deletes and after a restart', async () => {
    let s = await stores.open();
    const write = (namespace: string, name: string, obj: KubeObject | undefined) => s.commit([{ cluster: '', resource: '/configmaps', namespace, name, obj }]);
    await write('a', 'one', inNamespace('one', 'a'));
    await write('a', 'two', inNamespace('two', 'a'));
    await write('b', 'one', inNamespace('one', 'b'));
    await write('a', 'two', { ...inNamespace('two', 'a'), data: { k: 'changed' } });
    await write('a', 'one', undefined);
    await write('c', 'only', inNamespace('only', 'c'));
    await write('c', 'only', undefined);
    const expected = { a: ['a/two=changed'], b: ['b/one=b'], c: [], all: ['a/two=changed', 'b/one=b'] };
    const seen = () => ({ a: names(s, 'a'), b: names(s, 'b'), c: names(s, 'c'), all: names(s) });
    expect(seen()).toEqual(expected);
    await s.close();
    s = await stores.open();
    expect(seen()).toEqual(expected);
  });
});

describe('ObjectStore watch history', () => {
  const stores = useTempObjectStores();

  const cases = [
    { name: 'a watch restarted after more than 5,000 other events within the window resumes with all of them', laterMs: 60_000, expired: false },
    { name: 'a watch restarted from a version older than the window is told it expired (410)', laterMs: 5 * 60_000 + 1, expired: true },
  ];
  it.each(cases)('$name', async ({ laterMs, expired }) => {
    let now = 1_000_000;
    const s = await stores.open({ now: () => now });
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'mine', obj: configMap('mine', 'v0') }]);
    const seen = s.resourceVersion;
    // Other objects' events, as other agents' writes on a busy hub: far more than the old 5,000.
    for (let batch = 0; batch < 60; batch++) {
      const writes = Array.from({ length: 100 }, (_, i) => ({ cluster: '', resource: '/configmaps', namespace: 'other', name: `o${i}`, obj: configMap(`o${i}`, `v${batch}`) }));
      await s.commit(writes);
    }
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'mine', obj: configMap('mine', 'v1') }]);
    now += laterMs;
    // The clock only matters to what the next write or watch trims.
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'other', name: 'late', obj: configMap('late', 'x') }]);
    const events: StoreEvent[] = [];
    const watch = () => s.watch('', '/configmaps', 'ns', seen, (e) => events.push(e));
    if (expired) {
      expect(watch).toThrow(TooOldResourceVersionError);
      return;
    }
    watch()();
    expect(events.map((e) => [e.type, e.entry.obj.data])).toEqual([['MODIFIED', { k: 'v1' }]]);
  });
});

describe('ObjectStore compaction', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const snapshotRv = async (d: string) => (await readSnapshot(d))?.snapshot.rv;
  const write = (name: string, value: string) => ({ cluster: 'c1', resource: '/configmaps', namespace: 'ns', name, obj: configMap(name, value) });

  it.each([
    { name: 'a log smaller than the last snapshot is not cut, however low the threshold', smallWrites: 1, cutAgain: false },
    { name: 'a log that outgrew the last snapshot is cut again', smallWrites: 400, cutAgain: true },
  ])('$name', async ({ smallWrites, cutAgain }) => {
    dir = await mkdtemp(join(tmpdir(), 'store-'));
    let s = new ObjectStore({ dataDir: dir, compactBytes: 1 });
    await s.open();
    await s.commit(Array.from({ length: 200 }, (_, i) => write(`big-${i}`, 'x'.repeat(200))));
    await s.close();
    const first = await snapshotRv(dir);
    expect(first).toBe(200);
    s = new ObjectStore({ dataDir: dir, compactBytes: 1 });
    await s.open();
    for (let i = 0; i < smallWrites; i++) await s.commit([write(`small-${i}`, 'y'.repeat(100))]);
    await s.close();
    expect((await snapshotRv(dir)) !== first).toBe(cutAgain);
    // Whether cut or not, everything loads back.
    s = new ObjectStore({ dataDir: dir });
    await s.open();
    expect(s.count('c1', '/configmaps')).toBe(200 + smallWrites);
    await s.close();
  });
});

describe('ObjectStore cached JSON', () => {
  const stores = useTempObjectStores();

  it.each([
    { name: 'a replaced version lets go of its text once the new one is dispatched, and its event still replays whole', deleted: false },
    { name: 'a deleted object lets go of its text, and its events still replay whole', deleted: true },
  ])('$name', async ({ deleted }) => {
    const s = await stores.open();
    const from = s.resourceVersion;
    const [first] = await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'a', obj: configMap('a', 'one') }]);
    const [second] = await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'ns', name: 'a', obj: deleted ? undefined : configMap('a', 'two') }]);
    expect(first?.json).toBeUndefined();
    if (!deleted) expect(second?.json).toBe(JSON.stringify(second?.obj));
    const replayed: string[] = [];
    s.watch('', '/configmaps', 'ns', from, (e) => replayed.push(`${e.type} ${jsonOf(e.entry)}`))();
    expect(replayed).toEqual([`ADDED ${JSON.stringify(first?.obj)}`, `${deleted ? 'DELETED' : 'MODIFIED'} ${JSON.stringify(second?.obj)}`]);
  });
});
