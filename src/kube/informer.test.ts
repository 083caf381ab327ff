import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { KubeObject } from '../api/meta.js';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { startTcpGate } from '../../test/faults/support/tcp-gate.js';
import { ApiError } from './api-error.js';
import { ManualClock } from './clock.js';
import { Duration } from './duration.js';
import { Informer } from './informer.js';
import { indexBy } from './object-cache.js';
import { ObjectClient } from './object-client.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const cm = (name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

/** An informer of ConfigMaps in `default` that records each event as `type name[=value]`. */
function recordingInformer(client: ObjectClient, extra: Partial<ConstructorParameters<typeof Informer<KubeObject>>[0]> = {}) {
  const events: string[] = [];
  const value = (o: KubeObject) => (o.data as Record<string, string> | undefined)?.v;
  const informer = new Informer<KubeObject>({ client, apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', ...extra });
  informer.on({
    add: (o) => events.push(`add ${o.metadata.name}=${value(o) ?? ''}`),
    update: (_old, o) => events.push(`update ${o.metadata.name}=${value(o) ?? ''}`),
    delete: (o) => events.push(`delete ${o.metadata.name}`),
  });
  return { informer, events };
}

async function started(options: Parameters<typeof startTestApiServer>[0] = {}): Promise<{ api: TestApiServer; client: ObjectClient }> {
  const api = await startTestApiServer(options);
  const client = await ObjectClient.create(api.kubeConfig());
  cleanups.push(() => api.stop());
  cleanups.push(() => client.close());
  return { api, client };
}

describe('Informer', () => {
  it('reports the initial list, then creates, updates and deletes in order', async () => {
    const { client } = await started();
    await client.create(cm('before', { v: '0' }));
    const { informer, events } = recordingInformer(client, { pageSize: 1 });
    informer.start();
    cleanups.push(() => informer.stop());
    await informer.waitForSync();
    await client.create(cm('a', { v: '1' }));
    const a = await client.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'a' });
    await client.update({ ...a, data: { v: '2' } });
    await client.create(cm('b', { v: '1' }));
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'a' });
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'before' });
    await expect.poll(() => events).toEqual(['add before=0', 'add a=1', 'update a=2', 'add b=1', 'delete a', 'delete before']);
    expect(informer.cache.list().map((o) => o.metadata.name)).toEqual(['b']);
  });

  it('indexes by namespace and by custom index functions as objects change', async () => {
    const { client } = await started();
    const informer = new Informer<KubeObject>({ client, apiVersion: 'v1', kind: 'ConfigMap', indexers: { team: indexBy.label('team') } });
    informer.start();
    cleanups.push(() => informer.stop());
    await client.create(cm('x', {}, { team: 'red' }));
    await client.create(cm('y', {}, { team: 'blue' }));
    await informer.waitForSync();
    await expect.poll(() => informer.cache.byIndex('team', 'red').map((o) => o.metadata.name)).toEqual(['x']);
    const y = await client.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'y' });
    await client.update({ ...y, metadata: { ...y.metadata, labels: { team: 'red' } } });
    await expect.poll(() => informer.cache.byIndex('team', 'red').map((o) => o.metadata.name).sort()).toEqual(['x', 'y']);
    expect(informer.cache.byIndex('team', 'blue')).toEqual([]);
    expect(informer.cache.byIndex('namespace', 'default')).toHaveLength(2);
    expect(informer.cache.get('default/x')?.metadata.labels).toEqual({ team: 'red' });
  });

  it('closes its watch connection when stopped', async () => {
    const { client } = await started();
    const informer = new Informer<KubeObject>({ client, apiVersion: 'v1', kind: 'ConfigMap' });
    const controller = new AbortController();
    informer.start(controller.signal);
    await informer.waitForSync();
    await expect.poll(() => client.http.activeConnections).toBe(1);
    controller.abort();
    await informer.stop();
    expect(client.http.activeConnections).toBe(0);
  });

  it('resumes where it was when the server ends each watch at its timeout', async () => {
    const { client } = await started();
    const lines: Array<{ msg: string; outcome?: { next: string } }> = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
    const { informer, events } = recordingInformer(client, { watchTimeout: Duration.seconds(1), logger });
    informer.start();
    cleanups.push(() => informer.stop());
    await client.create(cm('first', { v: '1' }));
    await expect.poll(() => lines.filter((l) => l.msg === 'watch ended').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await client.create(cm('second', { v: '1' }));
    await expect.poll(() => events).toEqual(['add first=1', 'add second=1']);
    expect(lines.filter((l) => l.msg === 'listed')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'watch ended').every((l) => l.outcome?.next === 'resume')).toBe(true);
  });

  it('relists after 410 Gone when the history moved past it while disconnected', async () => {
    const port = await freePort();
    const historySize = 3;
    const first = await startTestApiServer({ port, historySize });
    const client = await ObjectClient.create(first.kubeConfig());
    cleanups.push(() => client.close());
    const lines: Array<{ msg: string }> = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
    const clock = new ManualClock();
    await client.create(cm('kept', { v: '1' }));
    await client.create(cm('dropped', { v: '1' }));
    await client.create(cm('changed', { v: '1' }));
    const { informer, events } = recordingInformer(client, { clock, logger });
    informer.start();
    cleanups.push(() => informer.stop());
    await informer.waitForSync();

    // The server goes away: the informer fails to reconnect and waits on the clock.
    await first.server.stop();
    await expect.poll(() => clock.waiting).toBe(1);
    const second = await startTestApiServer({ port, historySize, dataDir: first.dataDir });
    cleanups.push(async () => {
      await second.stop();
      await rm(first.dataDir, { recursive: true, force: true });
    });
    // More writes than the history holds, so the informer's version is compacted away.
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'dropped' });
    const changed = await client.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'changed' });
    await client.update({ ...changed, data: { v: '2' } });
    for (let i = 0; i < historySize + 2; i++) await client.create(cm(`new-${i}`, { v: '1' }));

    clock.advance(Duration.minutes(1));
    await expect.poll(() => informer.cache.list().map((o) => o.metadata.name).sort()).toEqual(['changed', 'kept', 'new-0', 'new-1', 'new-2', 'new-3', 'new-4']);
    expect(lines.filter((l) => l.msg === 'listed')).toHaveLength(2);
    expect(lines.filter((l) => l.msg === 'relisting')).toEqual([expect.objectContaining({ level: 40, kind: 'ConfigMap', reason: expect.stringContaining('410 Gone') })]);
    // After the relist only what changed is reported, and "kept" is not re-added.
    expect(events.slice(3).sort()).toEqual(['add new-0=1', 'add new-1=1', 'add new-2=1', 'add new-3=1', 'add new-4=1', 'delete dropped', 'update changed=2']);
  });

  it('survives a server restart and ends with the server state', async () => {
    const port = await freePort();
    const first = await startTestApiServer({ port });
    const client = await ObjectClient.create(first.kubeConfig());
    cleanups.push(() => client.close());
    await client.create(cm('one', { v: '1' }));
    const { informer } = recordingInformer(client, { backoff: { initial: Duration.milliseconds(20), max: Duration.milliseconds(200) } });
    informer.start();
    cleanups.push(() => informer.stop());
    await informer.waitForSync();

    await first.restart();
    cleanups.push(() => first.stop());
    await client.create(cm('two', { v: '1' }));
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'one' });
    await expect.poll(() => informer.cache.list().map((o) => o.metadata.name)).toEqual(['two']);
    const onServer = await client.listAll({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default' });
    expect(informer.cache.get('default/two')?.metadata.resourceVersion).toBe(onServer.items[0]?.metadata.resourceVersion);
  });
  it('resumes from the last event it saw after a broken watch, so nothing is replayed', async () => {
    const api = await startTestApiServer();
    cleanups.push(() => api.stop());
    // The informer reaches the server through a gate that can cut the watch connection mid-stream.
    const gate = await startTcpGate({ host: '127.0.0.1', port: Number(new URL(api.server.url).port) });
    cleanups.push(() => gate.stop());
    const kubeConfig = api.kubeConfig();
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig without a cluster');
    kubeConfig.clusters = kubeConfig.clusters.map((c) => (c.name === cluster.name ? { ...c, server: `https://${gate.host}` } : c));
    const client = await ObjectClient.create(kubeConfig);
    cleanups.push(() => client.close());
    await client.create(cm('one', { v: '1' }));
    const { informer, events } = recordingInformer(client, { backoff: { initial: Duration.milliseconds(20), max: Duration.milliseconds(200) } });
    informer.start();
    cleanups.push(() => informer.stop());
    await informer.waitForSync();
    for (const v of ['2', '3']) {
      const current = await client.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'one' });
      await client.update({ ...current, data: { v } });
    }
    await expect.poll(() => events).toEqual(['add one=1', 'update one=2', 'update one=3']);

    await gate.close();
    await gate.open();
    // The client's kept-alive connection was cut too: its first request may fail, as any would.
    await expect.poll(() => client.create(cm('two', { v: '1' })).then(() => true, (err: unknown) => err instanceof ApiError && err.code === 409)).toBe(true);
    await expect.poll(() => informer.cache.get('default/two')).toBeDefined();
    // Resuming from the list's version would hand out "update one=2" and "update one=3" again,
    // stepping the cache back to an old object on the way.
    expect(events).toEqual(['add one=1', 'update one=2', 'update one=3', 'add two=1']);
  });
});

describe('Informer transform', () => {
  it('caches objects as the transform returns them (managedFields dropped)', async () => {
    const { withoutManagedFields } = await import('./informer.js');
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', managedFields: [{ manager: 'x' }] } };
    expect(withoutManagedFields(obj).metadata).toEqual({ name: 'a' });
    const bare = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } };
    expect(withoutManagedFields(bare)).toBe(bare);
  });
});
