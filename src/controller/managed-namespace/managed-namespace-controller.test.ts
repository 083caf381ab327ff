/**
 * The ManagedNamespace controller's informers against a real embedded hub: given the
 * targeting caches (`shared`), it queues what those caches listed before it subscribed and
 * leaves them running when it stops; alone, its own caches keep projections of the objects
 * there is one of per cluster, not whole objects.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { LABELS } from '../../api/names.js';
import { systemClock } from '../../kube/clock.js';
import { ObjectClient } from '../../kube/object-client.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { HubCaches } from '../targeting/hub-caches.js';
import { ManagedNamespaceController } from './managed-namespace-controller.js';

const WORKSPACE = 'fleet-default';
const WAIT = { timeout: 15_000, interval: 50 };
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

/** A GitRepo path's Bundle carrying fleet.yaml `managedNamespaces` items. */
function pathBundle(name: string, namespaces: string[]): Bundle {
  return {
    apiVersion: API_VERSION,
    kind: 'Bundle',
    metadata: { name, namespace: WORKSPACE, labels: { [LABELS.repoName]: 'teams' } },
    spec: { resources: [], managedNamespaces: namespaces.map((n) => ({ name: n })) },
  } as Bundle;
}

async function sharedCaches(): Promise<HubCaches> {
  const caches = new HubCaches({ client, clock, logger });
  await caches.start();
  stops.push(() => caches.stop());
  return caches;
}

async function startManagedNamespaces(caches?: HubCaches): Promise<ManagedNamespaceController> {
  const shared = caches && { bundles: caches.bundles, bundleDeployments: caches.deployments, clusters: caches.clusters, restrictions: caches.restrictions };
  const controller = new ManagedNamespaceController({ client, clock, logger, ...(shared ? { shared } : {}) });
  await controller.start();
  stops.push(() => controller.stop());
  return controller;
}

function getOrUndefined<T extends KubeObject>(ref: { kind: string; namespace: string; name: string }): Promise<T | undefined> {
  return client.get<T>({ apiVersion: API_VERSION, ...ref }).catch(() => undefined);
}

interface Case {
  name: string;
  run(suffix: string): Promise<void>;
}

const cases: Case[] = [
  {
    name: 'a path Bundle the shared caches listed before the controller started still gets its ManagedNamespace record',
    async run(suffix) {
      const caches = await sharedCaches();
      await client.create(pathBundle(`early-${suffix}`, [`team-early-${suffix}`]));
      await expect.poll(() => caches.bundles.cache.get(`${WORKSPACE}/early-${suffix}`), WAIT).toBeDefined();
      await startManagedNamespaces(caches);
      await expect.poll(() => getOrUndefined({ kind: 'ManagedNamespace', namespace: WORKSPACE, name: `team-early-${suffix}` }), WAIT).toBeDefined();
    },
  },
  {
    name: 'stopping the controller leaves the shared caches running and no longer reacting for it',
    async run(suffix) {
      const caches = await sharedCaches();
      const controller = await startManagedNamespaces(caches);
      await controller.stop();
      await client.create(pathBundle(`late-${suffix}`, [`team-late-${suffix}`]));
      await expect.poll(() => caches.bundles.cache.get(`${WORKSPACE}/late-${suffix}`), WAIT).toBeDefined();
      expect(controller.bundles).toBe(caches.bundles);
      // The stopped controller's mirror loop saw nothing: no record is written for the new Bundle.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await getOrUndefined({ kind: 'ManagedNamespace', namespace: WORKSPACE, name: `team-late-${suffix}` })).toBeUndefined();
    },
  },
  {
    name: 'alone, the controller caches a BundleDeployment without its field ownership or applied resource list',
    async run(suffix) {
      const namespace = `cluster-own-${suffix}`;
      await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      const bd = { apiVersion: API_VERSION, kind: 'BundleDeployment', metadata: { name: 'app', namespace, labels: { [LABELS.bundleName]: 'app', [LABELS.bundleNamespace]: WORKSPACE } }, spec: { deploymentID: 'content-1:abc' } } as BundleDeployment;
      await client.apply(bd, { fieldManager: 'test', force: true });
      await client.apply({ ...bd, status: { appliedDeploymentID: 'content-1:abc', ready: true, resources: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'app' }] } } as BundleDeployment, { fieldManager: 'test', force: true, subresource: 'status' });
      const controller = await startManagedNamespaces();
      await expect.poll(() => controller.bundleDeployments.cache.get(`${namespace}/app`)?.status?.ready, WAIT).toBe(true);
      const cached = controller.bundleDeployments.cache.get(`${namespace}/app`);
      expect(cached?.metadata.managedFields).toBeUndefined();
      expect(cached?.status?.resources).toBeUndefined();
      expect(cached?.status?.appliedDeploymentID).toBe('content-1:abc');
      expect(controller.bundleDeployments.cache.byIndex('bundle', `${WORKSPACE}/app`)).toHaveLength(1);
    },
  },
];

describe('ManagedNamespaceController informers', () => {
  it.each(cases.map((c, i) => ({ ...c, suffix: String(i) })))('$name', async ({ run, suffix }) => run(suffix), 60_000);
});
