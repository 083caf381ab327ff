/**
 * What the controller's caches hold per Cluster and per BundleDeployment, measured as the
 * controller holds them: a fresh set of the controller's own caches (HubCaches, with the
 * transforms it installs) lists the hub's objects, and the heap in use after full
 * collections, before and after, divided by the object count, is the figure. Per Cluster it
 * counts the Cluster cache, the cluster-namespace cache (one Namespace per Cluster) and the
 * ClusterIndex entry; per BundleDeployment, the BundleDeployment cache with its indexes.
 */
import { setMaxListeners } from 'node:events';
import { pino } from 'pino';
import { HubCaches, toTargetCluster } from '../../src/controller/targeting/index.js';
import { systemClock } from '../../src/kube/clock.js';
import type { ObjectClient } from '../../src/kube/object-client.js';
import { ClusterIndex } from '../../src/targeting/index.js';
import { heapAfterGc } from './heap.js';

export interface ControllerMemory {
  /** Heap per Cluster: its cache entry, its cluster namespace's, and its ClusterIndex entry. */
  readonly controllerBytesPerCluster: number;
  /** Heap per BundleDeployment: its cache entry and indexes. */
  readonly controllerBytesPerBundleDeployment: number;
}

export async function measureControllerMemory(client: ObjectClient): Promise<ControllerMemory> {
  const caches = new HubCaches({ client, clock: systemClock(), logger: pino({ level: 'silent' }) });
  const stop = new AbortController();
  // Three informers' lists and watches listen on this one signal.
  setMaxListeners(64, stop.signal);
  try {
    const start = heapAfterGc();
    caches.deployments.start(stop.signal);
    await caches.deployments.waitForSync(stop.signal);
    const afterDeployments = heapAfterGc();
    caches.clusters.start(stop.signal);
    caches.clusterNamespaces.start(stop.signal);
    await Promise.all([caches.clusters.waitForSync(stop.signal), caches.clusterNamespaces.waitForSync(stop.signal)]);
    const index = new ClusterIndex(caches.clusters.cache.list().map(toTargetCluster));
    const afterClusters = heapAfterGc();
    const deployments = Math.max(caches.deployments.cache.list().length, 1);
    const clusters = Math.max(index.size, 1);
    return {
      controllerBytesPerBundleDeployment: (afterDeployments - start) / deployments,
      controllerBytesPerCluster: (afterClusters - afterDeployments) / clusters,
    };
  } finally {
    stop.abort();
    await Promise.all([caches.deployments.stop(), caches.clusters.stop(), caches.clusterNamespaces.stop()]);
  }
}
