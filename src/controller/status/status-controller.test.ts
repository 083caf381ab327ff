import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../api/cluster.js';
import { API_VERSION } from '../../api/group.js';
import { clusterNamespaceName, LABELS } from '../../api/names.js';
import { systemClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { HubCaches } from '../targeting/hub-caches.js';
import { StatusController } from './status-controller.js';
import type { StatusPaceBudget } from './status-pace.js';

const WORKSPACE = 'fleet-default';
const CLUSTER = 'east';
const DEPLOYMENTS = 24;
const CLUSTER_REF = { apiVersion: API_VERSION, kind: 'Cluster', namespace: WORKSPACE, name: CLUSTER };
const WAIT = { timeout: 20_000, interval: 50 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

const bdRef = (i: number) => ({ apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: clusterNamespaceName(WORKSPACE, CLUSTER), name: `b${i}` });

/** A checked-in Cluster with DEPLOYMENTS BundleDeployments, none applied yet. */
async function seed(client: ObjectClient): Promise<void> {
  await client.create({ ...CLUSTER_REF, metadata: { name: CLUSTER, namespace: WORKSPACE }, spec: {} });
  await heartbeat(client);
  const namespace = clusterNamespaceName(WORKSPACE, CLUSTER);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const labels = { [LABELS.clusterName]: CLUSTER, [LABELS.clusterNamespace]: WORKSPACE, [LABELS.bundleNamespace]: WORKSPACE };
  for (let i = 0; i < DEPLOYMENTS; i++) {
    await client.create({ ...bdRef(i), metadata: { name: `b${i}`, namespace, labels: { ...labels, [LABELS.bundleName]: `b${i}` } }, spec: { deploymentID: 's-1:a' } });
  }
}

/** What the agent's heartbeat writes: another writer of the same Cluster's status. */
async function heartbeat(client: ObjectClient): Promise<void> {
  await client.patch(CLUSTER_REF, { status: { agent: { lastSeen: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } } }, { type: 'merge', subresource: 'status' });
}

async function startController(hub: TestHub, pace: Duration | StatusPaceBudget): Promise<void> {
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const clock = systemClock();
  const caches = new HubCaches({ client: hub.client, clock, logger });
  const status = new StatusController({ client: hub.client, clock, logger, caches, coalesce: Duration.milliseconds(50), pace });
  const stopping = new AbortController();
  await caches.start();
  status.start(stopping.signal);
  cleanups.push(async () => {
    stopping.abort();
    await status.stop();
    await caches.stop();
  });
}

const clusterPatches = (hub: TestHub) => hub.api.server.requestMetrics.counts().byResource['patch clusters/status'] ?? 0;
const readCluster = (hub: TestHub) => hub.client.get<Cluster>(CLUSTER_REF);

/** The agent reports one BundleDeployment applied and ready. */
async function markReady(client: ObjectClient, i: number): Promise<void> {
  await client.patch(bdRef(i), { status: { appliedDeploymentID: 's-1:a', ready: true, nonModified: true } }, { type: 'merge', subresource: 'status' });
}

/** Marks every BundleDeployment ready one by one, `gapMs` apart, with `onEach` after each; returns how long it took. */
async function burst(client: ObjectClient, gapMs: number, onEach: () => Promise<void>): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < DEPLOYMENTS; i++) {
    await markReady(client, i);
    await onEach();
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return Date.now() - started;
}

async function expectExactFinalSummary(hub: TestHub): Promise<void> {
  await expect.poll(async () => (await readCluster(hub)).status?.summary, WAIT).toEqual({ notReady: 0, waitApplied: 0, errApplied: 0, outOfSync: 0, modified: 0, ready: DEPLOYMENTS, pending: 0, desiredReady: DEPLOYMENTS });
  const status = (await readCluster(hub)).status;
  expect(status?.display?.readyBundles).toBe(`${DEPLOYMENTS}/${DEPLOYMENTS}`);
  expect(status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'Ready', message: '' });
}

describe('StatusController on a real hub', () => {
  it('a burst of BundleDeployment status changes writes the Cluster at most once per pacing interval, and the last write is the final state', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.stop());
    await seed(hub.client);
    const pace = Duration.seconds(1);
    await startController(hub, pace);
    await expect.poll(async () => (await readCluster(hub)).status?.summary?.waitApplied, WAIT).toBe(DEPLOYMENTS);
    // Let the first write's own echo settle, then count from here.
    await new Promise((resolve) => setTimeout(resolve, pace.toMilliseconds()));
    const before = clusterPatches(hub);

    // Changes 80 ms apart: each arrives after the previous 50 ms window closed, so unpaced each cost a write.
    const took = await burst(hub.client, 80, async () => undefined);
    await expectExactFinalSummary(hub);
    const writes = clusterPatches(hub) - before;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(Math.ceil(took / pace.toMilliseconds()) + 1);
    expect(writes).toBeLessThan(DEPLOYMENTS / 3);
  });

  it('a change that passes within the window (WaitApplied, then Ready again) costs the Cluster no status write', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.stop());
    await seed(hub.client);
    for (let i = 0; i < DEPLOYMENTS; i++) await markReady(hub.client, i);
    const pace = Duration.seconds(1);
    await startController(hub, pace);
    await expectExactFinalSummary(hub);
    await new Promise((resolve) => setTimeout(resolve, 2 * pace.toMilliseconds()));
    const before = clusterPatches(hub);

    // The controller stages a new deployment and the agent applies it 300 ms later: past the 50 ms coalescing window, within the pace.
    await hub.client.patch(bdRef(0), { spec: { deploymentID: 's-2:b' } }, { type: 'merge' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await hub.client.patch(bdRef(0), { status: { appliedDeploymentID: 's-2:b', ready: true, nonModified: true } }, { type: 'merge', subresource: 'status' });
    await new Promise((resolve) => setTimeout(resolve, 3 * pace.toMilliseconds()));
    expect(clusterPatches(hub) - before).toBe(0);
    await expectExactFinalSummary(hub);
  });

  it('the pace follows the number of Clusters: six Clusters on a budget of one write a second are each written at most every 6 s', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.stop());
    await seed(hub.client);
    const others = ['c1', 'c2', 'c3', 'c4', 'c5'];
    for (const name of others) await hub.client.create({ ...CLUSTER_REF, name, metadata: { name, namespace: WORKSPACE }, spec: {} });
    await startController(hub, { writesPerSecond: 1, min: Duration.milliseconds(100), max: Duration.minutes(1) });
    await expect.poll(async () => (await readCluster(hub)).status?.summary?.waitApplied, WAIT).toBe(DEPLOYMENTS);
    for (const name of others) await expect.poll(async () => (await hub.client.get<Cluster>({ ...CLUSTER_REF, name })).status?.display?.state, WAIT).toBe('WaitCheckIn');
    const before = clusterPatches(hub);

    // About 2.4 s of changes, all within the 6 s since the first write: one write at its end, of the final state.
    await burst(hub.client, 80, async () => undefined);
    await expectExactFinalSummary(hub);
    expect(clusterPatches(hub) - before).toBe(1);
  });

  it('heartbeats writing the same Cluster meanwhile (conflicting with its guarded writes) lose neither the summary nor lastSeen', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.stop());
    await seed(hub.client);
    await startController(hub, Duration.milliseconds(300));
    await expect.poll(async () => (await readCluster(hub)).status?.summary?.waitApplied, WAIT).toBe(DEPLOYMENTS);

    let lastSeen = '';
    await burst(hub.client, 20, async () => {
      await heartbeat(hub.client);
      lastSeen = (await readCluster(hub)).status?.agent?.lastSeen ?? '';
    });
    await expectExactFinalSummary(hub);
    expect((await readCluster(hub)).status?.agent?.lastSeen).toBe(lastSeen);
  });
});
