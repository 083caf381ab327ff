/**
 * The Content collector against a real hub: what the caches say only rules Contents out, the
 * hub has the last word before a deletion, a Content referenced again (ensureContent's stamp)
 * gets a new grace period, and a run whose caches refer to every Content reads nothing else
 * from the hub. Contents are made old by running the collector's clock ahead of the server's.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Content } from '../../api/content.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { LABELS } from '../../api/names.js';
import { systemClock, type Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { Informer } from '../../kube/informer.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { contentNames, startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { ContentCollector, type ContentReferences } from './content-collector.js';
import { contentObject } from './content-object.js';
import { ensureContent } from './default-content.js';

const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
const GRACE = Duration.minutes(1);
const WORKSPACE = 'fleet-default';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function hub(): Promise<TestHub> {
  const h = await startTestHub();
  cleanups.push(() => h.stop());
  return h;
}

/** The system clock moved `ms` ahead: every Content the server stamped now looks that old. */
function clockAhead(ms: number): Clock {
  const system = systemClock();
  return { now: () => system.now() + ms, sleep: (d, signal) => system.sleep(d, signal) };
}

async function createContent(client: ObjectClient, text: string): Promise<string> {
  const content = contentObject([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: text, namespace: 'default' }, data: { text } }]);
  await client.create({ ...content });
  return content.metadata.name ?? '';
}

async function createBundle(client: ObjectClient, name: string, contentName: string): Promise<void> {
  const bundle: Bundle = { apiVersion: API_VERSION, kind: 'Bundle', metadata: { name, namespace: WORKSPACE, labels: { [LABELS.contentName]: contentName } }, spec: {} };
  await client.create(bundle as unknown as KubeObject);
}

/** Bundle and BundleDeployment caches of `h`, started and synced. */
async function cachesOf(h: TestHub): Promise<ContentReferences> {
  const base = { client: h.client, apiVersion: API_VERSION, logger };
  const bundles = new Informer<Bundle>({ ...base, kind: 'Bundle' });
  const bundleDeployments = new Informer<BundleDeployment>({ ...base, kind: 'BundleDeployment' });
  bundles.start();
  bundleDeployments.start();
  cleanups.push(() => bundles.stop(), () => bundleDeployments.stop());
  await Promise.all([bundles.waitForSync(), bundleDeployments.waitForSync()]);
  return { bundles, bundleDeployments };
}

function collector(h: TestHub, clock: Clock, references?: ContentReferences): ContentCollector {
  return new ContentCollector({ client: h.client, clock, logger, grace: GRACE, ...(references ? { references } : {}) });
}

const run = (c: ContentCollector) => c.collect(new AbortController().signal);

const hubLists = (h: TestHub) => {
  const counts = h.api.server.requestMetrics.counts().byResource;
  return (counts['list bundles'] ?? 0) + (counts['list bundledeployments'] ?? 0);
};

describe('ContentCollector', () => {
  it('deletes an old unreferenced Content and keeps one a Bundle names, without caches', async () => {
    const h = await hub();
    const used = await createContent(h.client, 'used');
    const unused = await createContent(h.client, 'unused');
    await createBundle(h.client, 'app', used);
    expect(await run(collector(h, clockAhead(2 * GRACE.toMilliseconds())))).toEqual([unused]);
    expect(await contentNames(h.client)).toEqual([used]);
  });

  it('keeps a Content the caches miss but a Bundle on the hub names: a lagging cache never decides a deletion', async () => {
    const h = await hub();
    // Caches of another, empty hub: synced, and missing every reference, as a cache that lags far behind.
    const empty = await cachesOf(await hub());
    const used = await createContent(h.client, 'used');
    await createBundle(h.client, 'app', used);
    const unused = await createContent(h.client, 'unused');
    expect(await run(collector(h, clockAhead(2 * GRACE.toMilliseconds()), empty))).toEqual([unused]);
    expect(await contentNames(h.client)).toEqual([used]);
  });

  it('reads no Bundles or BundleDeployments from the hub while its caches refer to every Content', async () => {
    const h = await hub();
    const used = await createContent(h.client, 'used');
    await createBundle(h.client, 'app', used);
    const caches = await cachesOf(h);
    await expect.poll(() => caches.bundles.cache.list().length).toBe(1);
    const before = hubLists(h);
    const c = collector(h, clockAhead(2 * GRACE.toMilliseconds()), caches);
    expect(await run(c)).toEqual([]);
    expect(await run(c)).toEqual([]);
    expect(hubLists(h) - before).toBe(0);
    expect(await contentNames(h.client)).toEqual([used]);
  });

  it('keeps an old Content referenced again (ensureContent stamps it) for a new grace period', async () => {
    const h = await hub();
    const clock = clockAhead(2 * GRACE.toMilliseconds());
    const name = await createContent(h.client, 'reverted');
    const again = (await h.client.get<KubeObject>({ apiVersion: API_VERSION, kind: 'Content', name })) as unknown as Content;
    await ensureContent(h.client, again, { fieldManager: 'test', now: new Date(clock.now()) });
    expect(await run(collector(h, clock))).toEqual([]);
    expect(await contentNames(h.client)).toEqual([name]);
    // A grace period after the stamp it goes, as nothing names it.
    expect(await run(collector(h, clockAhead(4 * GRACE.toMilliseconds())))).toEqual([name]);
  });

  it('ensureContent creates a Content collected meanwhile again', async () => {
    const h = await hub();
    const content = contentObject([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } }]);
    await ensureContent(h.client, content, { fieldManager: 'test' });
    await h.client.delete({ apiVersion: API_VERSION, kind: 'Content', name: content.metadata.name ?? '' });
    await ensureContent(h.client, content, { fieldManager: 'test' });
    expect(await contentNames(h.client)).toEqual([content.metadata.name]);
  });
});
