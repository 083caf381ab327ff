/**
 * Reconciles one Cluster's namespace on the hub: created with the Cluster (and its
 * `status.namespace` set), deleted when the Cluster is gone, which removes the
 * BundleDeployments inside it with it. Keys come from Cluster events and from cluster
 * namespace events, so a namespace left behind while the controller was down is found
 * and deleted too.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { Cluster } from '../../api/cluster.js';
import { API_VERSION } from '../../api/group.js';
import { clusterNamespaceName } from '../../api/names.js';
import { isNotFound } from '../../kube/api-error.js';
import { splitKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { clusterNamespace, clusterNamespaceCurrent } from './cluster-namespace.js';
import type { HubCaches } from './hub-caches.js';

export interface ClusterReconcilerDeps {
  readonly client: ObjectClient;
  readonly caches: HubCaches;
  readonly fieldManager: string;
}

async function setStatusNamespace(deps: ClusterReconcilerDeps, cluster: Cluster, namespace: string, signal: AbortSignal): Promise<void> {
  if (cluster.status?.namespace === namespace) return;
  // A merge patch: the embedded hub does not record ownership of status applies, and this one field needs none.
  const ref = { apiVersion: API_VERSION, kind: 'Cluster', name: cluster.metadata.name ?? '', namespace: cluster.metadata.namespace ?? '' };
  await deps.client.patch(ref, { status: { namespace } }, { type: 'merge', subresource: 'status', signal });
}

/** Whether a Cluster update changes what reconcileCluster reads of it (not a heartbeat or a summary). */
export function clusterNamespaceInputsChanged(before: Cluster, after: Cluster): boolean {
  return before.metadata.uid !== after.metadata.uid || before.metadata.deletionTimestamp !== after.metadata.deletionTimestamp || before.status?.namespace !== after.status?.namespace;
}

export async function reconcileCluster(deps: ClusterReconcilerDeps, key: string, signal: AbortSignal): Promise<ReconcileResult> {
  // Every reconcile in flight listens on the loop's shared signal; that many listeners is expected.
  setMaxListeners(Math.max(getMaxListeners(signal), 64), signal);
  const { namespace: workspace, name } = splitKey(key);
  const namespaceName = clusterNamespaceName(workspace, name);
  const cluster = deps.caches.clusters.cache.get(key);
  const found = deps.caches.clusterNamespaces.cache.get(namespaceName);
  if (!cluster || cluster.metadata.deletionTimestamp) {
    if (!found || found.metadata.deletionTimestamp) return reconcileResult.done();
    try {
      await deps.client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespaceName }, { signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return reconcileResult.done();
  }
  const desired = clusterNamespace({ namespace: workspace, name });
  // A namespace still terminating from a deleted Cluster of the same name: wait until it is gone.
  if (found?.metadata.deletionTimestamp) return reconcileResult.requeue();
  if (!clusterNamespaceCurrent(found, desired)) await deps.client.apply(desired, { fieldManager: deps.fieldManager, force: true, signal });
  await setStatusNamespace(deps, cluster, namespaceName, signal);
  return reconcileResult.done();
}
