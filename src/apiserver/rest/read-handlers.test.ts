import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { ObjectStore } from '../storage/object-store.js';
import { ALL_VERBS, type ResourceType } from '../resource-type.js';
import { parseListQuery } from './list-query.js';
import { handleWatch } from './read-handlers.js';

const configMaps: ResourceType = {
  group: '',
  versions: ['v1'],
  kind: 'ConfigMap',
  listKind: 'ConfigMapList',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  categories: [],
  verbs: ALL_VERBS,
  hasStatus: false,
  tracksGeneration: false,
};

const configMap = (namespace: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: {} });

interface WatchLine {
  type: string;
  object: KubeObject;
}

/** Reads a watch stream to its end, one event per line. */
function readWatch(url: string): Promise<WatchLine[]> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as WatchLine)));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('handleWatch timeout', () => {
  let dir: string | undefined;
  let store: ObjectStore | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    server = store = dir = undefined;
  });

  const cases = [
    { name: 'a watch with bookmarks ends on its timeout with a BOOKMARK at the newest resourceVersion', bookmarks: true },
    { name: 'a watch without bookmarks ends on its timeout with no BOOKMARK', bookmarks: false },
  ];
  it.each(cases)('$name', async ({ bookmarks }) => {
    dir = await mkdtemp(join(tmpdir(), 'read-handlers-'));
    const s = (store = new ObjectStore({ dataDir: dir }));
    await s.open();
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'mine', name: 'a', obj: configMap('mine', 'a') }]);
    const from = s.resourceVersion;
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const target = { cluster: '', resource: configMaps, version: 'v1', namespace: 'mine' };
      handleWatch(s, target, parseListQuery(url.searchParams, 'ConfigMap'), res, { maxBacklogBytes: 1 << 20, bookmarkIntervalMs: 60_000 });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const lines = readWatch(`http://127.0.0.1:${port}/?watch=true&timeoutSeconds=1&resourceVersion=${from}&allowWatchBookmarks=${bookmarks}`);
    // Events the watch does not see (another namespace) move the server's resourceVersion on.
    await s.commit([{ cluster: '', resource: '/configmaps', namespace: 'other', name: 'b', obj: configMap('other', 'b') }]);
    const events = await lines;
    if (!bookmarks) {
      expect(events).toEqual([]);
      return;
    }
    expect(events.map((e) => [e.type, e.object.metadata.resourceVersion])).toEqual([['BOOKMARK', String(s.resourceVersion)]]);
    expect(Number(events[0]?.object.metadata.resourceVersion)).toBeGreaterThan(from);
  });
});
