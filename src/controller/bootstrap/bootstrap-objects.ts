/**
 * The objects a hub needs before anything else works, as data: Flotilla's CRDs, the system
 * namespaces, the workspaces `fleet-local` and `fleet-default`, and in `fleet-local` the
 * hub's own Cluster `local` with the ClusterGroup `default` that selects it (as Rancher Fleet
 * bootstraps them: the group selects `name=local`, the label the local Cluster carries).
 */
import type { Cluster } from '../../api/cluster.js';
import type { ClusterGroup } from '../../api/cluster-group.js';
import type { CustomResourceDefinition } from '../../api/crd.js';
import { API_VERSION } from '../../api/group.js';
import { ALL_CRDS } from '../../api/index.js';
import type { KubeObject } from '../../api/meta.js';
import {
  CLUSTERS_SYSTEM_NAMESPACE,
  DEFAULT_CLUSTER_GROUP_NAME,
  LOCAL_CLUSTER_NAME,
  SYSTEM_NAMESPACE,
  WORKSPACE_DEFAULT,
  WORKSPACE_LOCAL,
} from '../../api/names.js';

/** The label the local Cluster carries and the default group selects it by. */
export const LOCAL_CLUSTER_LABELS: Readonly<Record<string, string>> = Object.freeze({ name: LOCAL_CLUSTER_NAME });

export function bootstrapCrds(): readonly CustomResourceDefinition[] {
  return ALL_CRDS;
}

export function bootstrapNamespaces(): KubeObject[] {
  return [SYSTEM_NAMESPACE, CLUSTERS_SYSTEM_NAMESPACE, WORKSPACE_LOCAL, WORKSPACE_DEFAULT].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }));
}

export function bootstrapWorkspaceObjects(): [Cluster, ClusterGroup] {
  const cluster: Cluster = {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: LOCAL_CLUSTER_NAME, namespace: WORKSPACE_LOCAL, labels: { ...LOCAL_CLUSTER_LABELS } },
    spec: {},
  };
  const group: ClusterGroup = {
    apiVersion: API_VERSION,
    kind: 'ClusterGroup',
    metadata: { name: DEFAULT_CLUSTER_GROUP_NAME, namespace: WORKSPACE_LOCAL },
    spec: { selector: { matchLabels: { ...LOCAL_CLUSTER_LABELS } } },
  };
  return [cluster, group];
}
