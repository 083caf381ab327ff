/**
 * BundleDeployment writes against a real embedded hub: the targeting controller in-process,
 * `clusters` Clusters created as hub objects (no agents), then the bundles; timed until every
 * BundleDeployment exists, then a full re-resolution that must write nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { API_VERSION } from '../../src/api/group.js';
import type { KubeObject } from '../../src/api/meta.js';
import { ApiServer } from '../../src/apiserver/index.js';
import { bootstrapHub } from '../../src/controller/bootstrap/index.js';
import { runBatched, startTargeting, type RunningTargeting } from '../../src/controller/targeting/index.js';
import { systemClock } from '../../src/kube/clock.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { resolveTargets, type TargetBundle } from '../../src/targeting/index.js';
import type { BenchContext } from '../benchmark.js';
import { measureControllerMemory, type ControllerMemory } from './controller-memory.js';
import { GROUPS, WORKSPACE, clusterLabels, makeClusters } from './workload.js';

export interface WriteFigures extends ControllerMemory {
  readonly clusters: number;
  readonly bundleDeployments: number;
  readonly clusterSetupMs: number;
  readonly writeMs: number;
  readonly perSecond: number;
  readonly resyncMs: number;
  readonly resyncWrites: number;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the controller');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function clusterObject(i: number): KubeObject {
  return { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: `c-${i}`, namespace: WORKSPACE, labels: clusterLabels(i) }, spec: {} };
}

function bundleObject(b: TargetBundle): KubeObject {
  const { name, namespace, ...spec } = b;
  return { apiVersion: API_VERSION, kind: 'Bundle', metadata: { name, namespace }, spec: { ...spec, resources: [{ name: 'cm.yaml', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n` }] } };
}

function targetedPairs(n: number, bundles: readonly TargetBundle[]): number {
  return resolveTargets({ bundles, clusters: makeClusters(n), groups: GROUPS }).reduce((sum, r) => sum + r.decisions.filter((d) => d.targeted).length, 0);
}

interface Hub {
  readonly client: ObjectClient;
  readonly controller: RunningTargeting;
}

async function startHub(context: BenchContext): Promise<Hub> {
  const logger = pino({ level: 'silent' });
  const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-bench-targeting-'));
  context.cleanup.defer(`remove ${dataDir}`, () => rm(dataDir, { recursive: true, force: true }));
  const server = await ApiServer.start({ dataDir, logger });
  const kc = new KubeConfig();
  kc.loadFromString(server.kubeconfig());
  const client = await ObjectClient.create(kc);
  const started: { controller?: RunningTargeting } = {};
  // The hub goes first: its open watches then end from its side, and the informers stop retrying when stopped.
  context.cleanup.defer('stop the hub and the controller', async () => {
    await server.stop();
    await started.controller?.stop();
    client.close();
  });
  const clock = systemClock();
  await bootstrapHub({ client, clock, logger });
  await client.create({ apiVersion: API_VERSION, kind: 'ClusterGroup', metadata: { name: 'all', namespace: WORKSPACE }, spec: { selector: {} } });
  for (const g of GROUPS) await client.create({ apiVersion: API_VERSION, kind: 'ClusterGroup', metadata: { name: g.name, namespace: WORKSPACE, labels: g.labels }, spec: { selector: g.selector } });
  started.controller = await startTargeting({ client, clock, logger });
  return { client, controller: started.controller };
}

export async function measureWrites(n: number, bundles: readonly TargetBundle[], context: BenchContext): Promise<WriteFigures> {
  const { client, controller } = await startHub(context);
  context.progress.say(`creating ${n.toLocaleString('en-US')} Clusters on the hub`);
  const setup = performance.now();
  const failed = await runBatched(Array.from({ length: n }, (_, i) => i), 32, async (i) => void (await client.create(clusterObject(i))));
  if (failed.length > 0) throw failed[0]?.error;
  const namespaces = controller.caches.clusterNamespaces.cache;
  await until(() => namespaces.list().length >= n, 600_000);
  const clusterSetupMs = performance.now() - setup;
  const expected = targetedPairs(n, bundles);
  context.progress.say(`writing ${expected.toLocaleString('en-US')} BundleDeployments for ${bundles.length} Bundles`);
  const deployments = controller.caches.deployments.cache;
  const start = performance.now();
  for (const b of bundles) await client.create(bundleObject(b));
  await until(() => deployments.list().length >= expected, 600_000);
  const writeMs = performance.now() - start;
  let updates = 0;
  const off = controller.caches.deployments.on({ add: () => updates++, update: () => updates++, delete: () => updates++ });
  const resync = performance.now();
  controller.targeting.trigger(bundles.map((b) => `${b.namespace}/${b.name}`));
  await until(() => controller.caches.bundles.cache.list().every((b) => b.status?.summary?.desiredReady !== undefined), 600_000);
  await new Promise((r) => setTimeout(r, 1000));
  off();
  const resyncMs = performance.now() - resync;
  context.progress.say('measuring the controller caches per Cluster and per BundleDeployment');
  const memory = await measureControllerMemory(client);
  return { clusters: n, bundleDeployments: deployments.list().length, clusterSetupMs, writeMs, perSecond: (expected / writeMs) * 1000, resyncMs, resyncWrites: updates, ...memory };
}
