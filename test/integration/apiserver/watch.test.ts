/**
 * Watch semantics over real HTTPS: events in order and flushed one by one, resume from a
 * resourceVersion, 410 Gone when history no longer reaches back, bookmarks, timeouts,
 * selector semantics, and @kubernetes/client-node's informer following a stream of changes
 * and relisting after a 410.
 */
import { KubernetesObjectApi, makeInformer, CoreV1Api, type ObjectCache, type V1ConfigMap } from '@kubernetes/client-node';
import { pino } from 'pino';
import { ApiServer } from '../../../src/apiserver/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { rawWatch } from '../../support/watch-stream.js';

let api: TestApiServer;
const ns = 'watching';
const base = `/api/v1/namespaces/${ns}/configmaps`;
const cm = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = { v: '0' }) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

beforeAll(async () => {
  api = await startTestApiServer({ historySize: 50, watch: { bookmarkIntervalMs: 200 } });
  await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});
afterAll(async () => {
  await api.stop();
});

describe('raw watch streams', () => {
  it('delivers later creates, updates and deletes in resourceVersion order', async () => {
    const start = (await api.request('GET', base)).json.metadata.resourceVersion;
    const w = rawWatch(api, `${base}?watch=true&resourceVersion=${start}`);
    const a = (await api.request('POST', base, cm('order-a'))).json;
    await api.request('PUT', `${base}/order-a`, { ...a, data: { v: '1' } });
    await api.request('DELETE', `${base}/order-a`);
    await expect.poll(() => w.events.length).toBe(3);
    w.close();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    const rvs = w.events.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    expect(new Set(rvs).size).toBe(3);
  });

  it('starts with synthetic ADDED events for existing objects when no resourceVersion is given', async () => {
    await api.request('POST', base, cm('existing-1', { set: 'initial' }));
    await api.request('POST', base, cm('existing-2', { set: 'initial' }));
    const w = rawWatch(api, `${base}?watch=true&labelSelector=set%3Dinitial`);
    await expect.poll(() => w.events.length).toBe(2);
    w.close();
    expect(w.events.every((e) => e.type === 'ADDED')).toBe(true);
  });

  it('resumes from a resourceVersion, replaying only what came after it', async () => {
    const first = (await api.request('POST', base, cm('resume-1', { set: 'resume' }))).json;
    await api.request('POST', base, cm('resume-2', { set: 'resume' }));
    const w = rawWatch(api, `${base}?watch=true&labelSelector=set%3Dresume&resourceVersion=${first.metadata.resourceVersion}`);
    await expect.poll(() => w.events.length).toBe(1);
    w.close();
    expect(w.events[0]!.object.metadata.name).toBe('resume-2');
  });

  it('answers a resourceVersion older than the kept history with a 410 Expired ERROR event', async () => {
    const old = (await api.request('POST', base, cm('old'))).json.metadata.resourceVersion;
    for (let i = 0; i < 60; i++) await api.request('POST', base, cm(`churn-${i}`));
    const w = rawWatch(api, `${base}?watch=true&resourceVersion=${old}`);
    await w.ended;
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('delivers an object that stops matching the selector as DELETED, and one that starts as ADDED', async () => {
    const obj = (await api.request('POST', base, cm('mover', { team: 'a' }))).json;
    const w = rawWatch(api, `${base}?watch=true&labelSelector=team%3Da&resourceVersion=${obj.metadata.resourceVersion}`);
    const moved = (await api.request('PUT', `${base}/mover`, { ...obj, metadata: { ...obj.metadata, labels: { team: 'b' } } })).json;
    await api.request('PUT', `${base}/mover`, { ...moved, metadata: { ...moved.metadata, labels: { team: 'a' } } });
    await expect.poll(() => w.events.length).toBe(2);
    w.close();
    expect(w.events.map((e) => e.type)).toEqual(['DELETED', 'ADDED']);
  });

  it('sends bookmarks when asked, carrying the current resourceVersion', async () => {
    const rv = (await api.request('GET', base)).json.metadata.resourceVersion;
    const w = rawWatch(api, `${base}?watch=true&allowWatchBookmarks=true&resourceVersion=${rv}`);
    await expect.poll(() => w.events.some((e) => e.type === 'BOOKMARK'), { timeout: 5000 }).toBe(true);
    w.close();
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK')!;
    expect(Number(bookmark.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(rv));
    expect(bookmark.object.kind).toBe('ConfigMap');
  });

  it('ends the stream after timeoutSeconds', async () => {
    const w = rawWatch(api, `${base}?watch=true&timeoutSeconds=1&resourceVersion=${(await api.request('GET', base)).json.metadata.resourceVersion}`);
    await w.ended;
    expect(w.status()).toBe(200);
  });

  it('keeps serving other clients while a watcher never reads', async () => {
    // A watcher that stops reading: its socket is paused, so the server's writes back up.
    const stalled = rawWatch(api, `${base}?watch=true`, { paused: true });
    for (let i = 0; i < 20; i++) await api.request('POST', base, cm(`while-stalled-${i}`, {}, { big: 'x'.repeat(10_000) }));
    const res = await api.request('GET', `${base}/while-stalled-19`);
    expect(res.status).toBe(200);
    stalled.close();
  });
});

describe('@kubernetes/client-node informer', () => {
  it('sees every create, update and delete in order', async () => {
    const kc = api.kubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const seen: string[] = [];
    const informer = makeInformer<V1ConfigMap>(
      kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      () => core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'inf=yes' }),
      'inf=yes',
    );
    informer.on('add', (o) => seen.push(`add ${o.metadata!.name}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata!.name} ${o.data?.v}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata!.name}`));
    await informer.start();
    const objects = KubernetesObjectApi.makeApiClient(kc);
    for (let i = 0; i < 5; i++) {
      await objects.create({ ...cm(`inf-${i}`, { inf: 'yes' }), metadata: { name: `inf-${i}`, namespace: ns, labels: { inf: 'yes' } } });
    }
    for (let i = 0; i < 5; i++) {
      const current = (await api.request('GET', `${base}/inf-${i}`)).json;
      await api.request('PUT', `${base}/inf-${i}`, { ...current, data: { v: '1' } });
    }
    for (let i = 0; i < 5; i++) await api.request('DELETE', `${base}/inf-${i}`);
    const want = [
      ...[0, 1, 2, 3, 4].map((i) => `add inf-${i}`),
      ...[0, 1, 2, 3, 4].map((i) => `update inf-${i} 1`),
      ...[0, 1, 2, 3, 4].map((i) => `delete inf-${i}`),
    ];
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(want.length);
    await informer.stop();
    expect(seen).toEqual(want);
  });

  it('relists after its watch position falls out of history and ends with the right state', async () => {
    const kc = api.kubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    let lists = 0;
    const informer = makeInformer<V1ConfigMap>(
      kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      () => {
        lists++;
        return core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'relist=yes' });
      },
      'relist=yes',
    );
    // client-node's documented pattern: an informer stops on a network error and is restarted.
    let stopped = false;
    informer.on('error', () => {
      if (!stopped) setTimeout(() => void informer.start().catch(() => undefined), 200);
    });
    await informer.start();
    await api.request('POST', base, cm('relist-keep', { relist: 'yes' }));
    await expect.poll(() => (informer as unknown as ObjectCache<V1ConfigMap>).list().map((o) => o.metadata!.name)).toEqual(['relist-keep']);
    // While the server is down, another instance on the same data writes more than the kept
    // history: resuming from the informer's old position must get a 410 and a relist.
    await api.restart(async () => {
      const other = await ApiServer.start({ dataDir: api.dataDir, logger: pino({ level: 'silent' }), historySize: 50 });
      const target = { cluster: '', resource: other.clusters.get('')!.registry.lookup('', 'v1', 'configmaps')!, namespace: ns };
      await other.objects.create(target, { ...cm('relist-new', { relist: 'yes' }), metadata: { name: 'relist-new', labels: { relist: 'yes' } } });
      await other.objects.delete(target, 'relist-keep');
      for (let i = 0; i < 60; i++) await other.objects.create(target, cm(`offline-${i}`));
      await other.stop();
    });
    for (let i = 0; i < 60; i++) await api.request('POST', base, cm(`online-${i}`));
    await expect.poll(() => (informer as unknown as ObjectCache<V1ConfigMap>).list().map((o) => o.metadata!.name).sort(), { timeout: 20_000 }).toEqual(['relist-new']);
    expect(lists).toBeGreaterThanOrEqual(2);
    stopped = true;
    await informer.stop();
  });
});
