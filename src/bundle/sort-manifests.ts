/**
 * A deterministic order for rendered manifests that is also a safe apply order: objects
 * others depend on (Namespaces, CRDs, quotas, service accounts, RBAC, config) before the
 * workloads that use them, then by namespace, name and apiVersion. Kinds not listed
 * (custom resources) come last, after the CRDs that define them.
 */
import type { KubeObject } from '../api/meta.js';

const KIND_ORDER = [
  'Namespace', 'CustomResourceDefinition', 'PriorityClass', 'NetworkPolicy', 'ResourceQuota', 'LimitRange',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'ConfigMap', 'StorageClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Service', 'DaemonSet',
  'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job',
  'CronJob', 'IngressClass', 'Ingress', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];
const RANK = new Map(KIND_ORDER.map((kind, i) => [kind, i]));

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a sorted copy. */
export function sortManifests(manifests: readonly KubeObject[]): KubeObject[] {
  return [...manifests].sort(
    (a, b) =>
      (RANK.get(a.kind) ?? KIND_ORDER.length) - (RANK.get(b.kind) ?? KIND_ORDER.length) ||
      compareText(a.kind, b.kind) ||
      compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
      compareText(a.metadata.name ?? '', b.metadata.name ?? '') ||
      compareText(a.apiVersion, b.apiVersion),
  );
}
