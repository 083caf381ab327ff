/**
 * A Cluster's namespace on the hub, which holds its BundleDeployments: named by
 * `clusterNamespaceName` (deterministic, so a re-created Cluster finds it again) and
 * labelled with the Cluster and its workspace, so an orphan can be traced to its Cluster
 * and deleted when the Cluster is gone.
 */
import { LABELS, clusterNamespaceName } from '../../api/names.js';
import type { KubeObject } from '../../api/meta.js';

export function clusterNamespace(cluster: { readonly namespace: string; readonly name: string }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: clusterNamespaceName(cluster.namespace, cluster.name),
      labels: { [LABELS.managed]: 'true', [LABELS.clusterName]: cluster.name, [LABELS.clusterNamespace]: cluster.namespace },
    },
  };
}

/** Whether the namespace found carries the labels the Cluster's namespace should. */
export function clusterNamespaceCurrent(found: KubeObject | undefined, desired: KubeObject): boolean {
  if (!found || found.metadata.deletionTimestamp) return false;
  const labels = found.metadata.labels ?? {};
  return Object.entries(desired.metadata.labels ?? {}).every(([k, v]) => labels[k] === v);
}
