/**
 * The targeting controller against a real embedded hub: BundleDeployment status written
 * again and again while an agent applies is gathered into one Bundle reconcile per window
 * (and still reaches the Bundle's status), while a BundleDeployment's spec changed by
 * someone else is put back at once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { clusterNamespaceName } from '../../api/names.js';
import { systemClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { ObjectClient } from '../../kube/object-client.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { NO_METRICS, type ControllerMetrics } from '../controller-metrics.js';
import { HubCaches } from './hub-caches.js';
import { TargetingController } from './targeting-controller.js';

const WORKSPACE = 'fleet-default';
const WAIT = { timeout: 20_000, interval: 50 };
const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
const clock = systemClock();

let hub: TestHub;
let client: ObjectClient;
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  hub = await startTestHub();
  client = hub.client;
});

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

afterAll(async () => {
  await hub?.stop();
});

interface World {
  bundleName: string;
  deployment(): Promise<BundleDeployment>;
  /** Bundle reconciles so far. */
  reconciles(): number;
  caches: HubCaches;
}

/** A started controller (and its caches, stopped after the test) that counts its Bundle reconciles. */
async function startCountingController(window?: Duration): Promise<Pick<World, 'reconciles' | 'caches'>> {
  const caches = new HubCaches({ client, clock, logger });
  await caches.start();
  stops.push(() => caches.stop());
  let reconciles = 0;
  const metrics: ControllerMetrics = { ...NO_METRICS, reconciled: (controller) => void (controller === 'bundle' && reconciles++) };
  const controller = new TargetingController({ client, clock, logger, caches, metrics, ...(window ? { statusCoalesce: window } : {}) });
  await controller.start();
  stops.push(() => controller.stop());
  return { reconciles: () => reconciles, caches };
}

/** A Cluster and a Bundle targeting it, reconciled by a controller gathering status for `window`. */
async function startWorld(suffix: string, window: Duration): Promise<World> {
  const { reconciles, caches } = await startCountingController(window);
  const clusterName = `c-${suffix}`;
  const bundleName = `app-${suffix}`;
  await client.create({ apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: clusterName, namespace: WORKSPACE, labels: { case: suffix } }, spec: {} } as KubeObject);
  const resources = [{ name: 'configmap.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n' }];
  await client.create({ apiVersion: API_VERSION, kind: 'Bundle', metadata: { name: bundleName, namespace: WORKSPACE }, spec: { resources, targets: [{ clusterSelector: { matchLabels: { case: suffix } } }] } } as KubeObject);
  const ref = { apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: clusterNamespaceName(WORKSPACE, clusterName), name: bundleName };
  const deployment = () => client.get<BundleDeployment>(ref);
  await expect.poll(() => deployment().then((bd) => bd.spec.deploymentID, () => undefined), WAIT).toBeDefined();
  return { bundleName, deployment, reconciles, caches };
}

/** Waits until no Bundle reconcile has run for a while, so later counts see only what the test caused. */
async function settled(world: Pick<World, 'reconciles'>): Promise<number> {
  let last = -1;
  while (last !== world.reconciles()) {
    last = world.reconciles();
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
  return last;
}

async function writeStatus(bd: BundleDeployment, status: Record<string, unknown>): Promise<void> {
  await client.apply({ apiVersion: API_VERSION, kind: 'BundleDeployment', metadata: { name: bd.metadata.name, namespace: bd.metadata.namespace }, status } as KubeObject, { fieldManager: 'flotilla-agent', force: true, subresource: 'status' });
}

interface Case {
  name: string;
  run(suffix: string): Promise<void>;
}

const cases: Case[] = [
  {
    name: 'eight status writes within the window reconcile their Bundle once, and its summary still counts the last one',
    async run(suffix) {
      const world = await startWorld(suffix, Duration.seconds(5));
      const before = await settled(world);
      const bd = await world.deployment();
      const steps = ['Pending', 'Applying', 'Applied', 'Monitoring', 'Waiting', 'Checking', 'Almost', 'Ready'];
      for (const [i, reason] of steps.entries()) {
        const ready = i === steps.length - 1;
        await writeStatus(bd, { appliedDeploymentID: bd.spec.deploymentID, ready, nonModified: true, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason }] });
      }
      await expect.poll(() => world.caches.deployments.cache.get(`${bd.metadata.namespace}/${bd.metadata.name}`)?.status?.ready, WAIT).toBe(true);
      const bundle = () => client.get<Bundle>({ apiVersion: API_VERSION, kind: 'Bundle', namespace: WORKSPACE, name: world.bundleName });
      await expect.poll(async () => (await bundle()).status?.summary?.ready, WAIT).toBe(1);
      expect(await settled(world)).toBe(before + 1);
    },
  },
  {
    name: 'a BundleDeployment spec changed by someone else is put back at once, without waiting for the status window',
    async run(suffix) {
      const world = await startWorld(suffix, Duration.minutes(10));
      const bd = await world.deployment();
      const ref = { apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: bd.metadata.namespace ?? '', name: bd.metadata.name ?? '' };
      await client.patch(ref, { spec: { deploymentID: 'edited-by-hand' } }, { type: 'merge' });
      await expect.poll(async () => (await world.deployment()).spec.deploymentID, WAIT).toBe(bd.spec.deploymentID);
    },
  },
  {
    name: 'heartbeats and status summaries on a Cluster re-resolve no Bundle, not even one whose invalid selector makes any Cluster change suspect; a relabel still does',
    async run(suffix) {
      // Its own workspace, so no other case's Cluster changes reach this Bundle.
      const workspace = `ws-${suffix}`;
      await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: workspace } } as KubeObject);
      const world = await startCountingController();
      const cluster = { apiVersion: API_VERSION, kind: 'Cluster', namespace: workspace, name: 'c-everything' };
      await client.create({ apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: cluster.name, namespace: workspace, labels: { env: 'a' } }, spec: {} } as KubeObject);
      const resources = [{ name: 'configmap.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' }];
      // A label key no selector can hold: the Bundle cannot say which Clusters it wants, so any change to what targeting reads of a Cluster re-resolves it.
      const targets = [{ clusterSelector: { matchLabels: { 'not a label key!': 'x' } } }];
      await client.create({ apiVersion: API_VERSION, kind: 'Bundle', metadata: { name: 'unsure', namespace: workspace }, spec: { resources, targets } } as KubeObject);
      await expect.poll(() => world.reconciles(), WAIT).toBeGreaterThan(0);
      const before = await settled(world);

      let last = '';
      for (let i = 0; i < 5; i++) {
        const status = { agent: { lastSeen: new Date(Date.now() + i * 1000).toISOString() }, display: { readyBundles: `${i}/1` } };
        last = (await client.patch<KubeObject>(cluster, { status }, { type: 'merge', subresource: 'status' })).metadata.resourceVersion ?? '';
      }
      await expect.poll(() => world.caches.clusters.cache.get(`${workspace}/${cluster.name}`)?.metadata.resourceVersion, WAIT).toBe(last);
      expect(await settled(world)).toBe(before);

      await client.patch(cluster, { metadata: { labels: { env: 'b' } } }, { type: 'merge' });
      await expect.poll(() => world.reconciles(), WAIT).toBeGreaterThan(before);
    },
  },
];

describe('TargetingController', () => {
  it.each(cases.map((c, i) => ({ ...c, suffix: String(i) })))('$name', async ({ run, suffix }) => run(suffix), 90_000);
});
