/**
 * What the controller's caches keep of the objects there is one of per cluster, or per
 * cluster and bundle: BundleDeployments, Clusters and cluster Namespaces. Each projection
 * keeps only the fields the targeting and status controllers read (listed per kind below) and
 * shares repeated values through SharedValues, so that 100,000 of each stay under 2 KiB
 * apiece. A field that a reader starts to need must be added here, or the reader sees it
 * missing: the projection tests list what each kind keeps.
 */
import type { BundleDeployment, BundleDeploymentSpec, BundleDeploymentStatus } from '../../api/bundle-deployment.js';
import type { Cluster } from '../../api/cluster.js';
import type { Condition, KubeObject, ObjectMeta } from '../../api/meta.js';
import type { SharedValues } from './shared-values.js';

export interface CacheProjections {
  readonly bundleDeployment: (bd: BundleDeployment) => BundleDeployment;
  readonly cluster: (cluster: Cluster) => Cluster;
  readonly clusterNamespace: (namespace: KubeObject) => KubeObject;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Identity, version and labels: what caches index and readers select by. No uid, annotations or managedFields. */
function metadata(meta: ObjectMeta, shared: SharedValues): ObjectMeta {
  const kept: Mutable<ObjectMeta> = { name: shared.string(meta.name) };
  if (meta.namespace !== undefined) kept.namespace = shared.string(meta.namespace);
  if (meta.labels) kept.labels = shared.labels(meta.labels);
  if (meta.resourceVersion !== undefined) kept.resourceVersion = meta.resourceVersion;
  if (meta.generation !== undefined) kept.generation = meta.generation;
  if (meta.deletionTimestamp) kept.deletionTimestamp = meta.deletionTimestamp;
  if (meta.finalizers?.length) kept.finalizers = meta.finalizers;
  return kept;
}

function conditions(list: readonly Condition[] | undefined, shared: SharedValues): Condition[] | undefined {
  if (!list) return undefined;
  return list.map((c) => ({ ...c, type: shared.string(c.type), status: shared.string(c.status), ...(c.reason !== undefined ? { reason: shared.string(c.reason) } : {}) }));
}

/** The spec as written by the targeting controller: deploymentIDs and options are the same for many clusters of a bundle. */
function deploymentSpec(spec: BundleDeploymentSpec, shared: SharedValues): BundleDeploymentSpec {
  const kept: BundleDeploymentSpec = { ...spec };
  if (spec.stagedDeploymentID !== undefined) kept.stagedDeploymentID = shared.string(spec.stagedDeploymentID);
  if (spec.deploymentID !== undefined) kept.deploymentID = shared.string(spec.deploymentID);
  if (spec.stagedOptions) kept.stagedOptions = shared.object(spec.stagedOptions);
  if (spec.options) kept.options = shared.object(spec.options);
  if (spec.dependsOn) kept.dependsOn = shared.object(spec.dependsOn);
  if (spec.correctDrift) kept.correctDrift = shared.object(spec.correctDrift);
  return kept;
}

/**
 * A BundleDeployment's conditions as its readers read them (type, status, reason, message:
 * the state, the summaries' messages, a managed namespace's member state), without their
 * times, which nothing here reads and which made each list unique. Without them most
 * BundleDeployments of a fleet hold the same list, so the list itself is shared: ~0.3 KiB
 * less per BundleDeployment at 50 × 50.
 */
function deploymentConditions(list: readonly Condition[], shared: SharedValues): Condition[] {
  const kept = list.map(({ type, status, reason, message }) => ({ type, status, ...(reason !== undefined ? { reason } : {}), ...(message ? { message } : {}) }) as Condition);
  return shared.object(kept);
}

/**
 * The status fields the state, the summaries and the rollout read: conditions, applied
 * deploymentID, readiness, drift and their (capped) details, and the display state. The
 * applied resource list and counts are left out: only the CLI reads them, from the hub.
 */
function deploymentStatus(status: BundleDeploymentStatus, shared: SharedValues): BundleDeploymentStatus {
  const kept: BundleDeploymentStatus = {};
  if (status.conditions) kept.conditions = deploymentConditions(status.conditions, shared);
  if (status.appliedDeploymentID !== undefined) kept.appliedDeploymentID = shared.string(status.appliedDeploymentID);
  if (status.ready !== undefined) kept.ready = status.ready;
  if (status.nonModified !== undefined) kept.nonModified = status.nonModified;
  // Mostly empty or alike across a fleet: kept once each, as the conditions are.
  if (status.nonReadyStatus) kept.nonReadyStatus = shared.object(status.nonReadyStatus);
  if (status.modifiedStatus) kept.modifiedStatus = shared.object(status.modifiedStatus);
  if (status.display?.state !== undefined) kept.display = shared.object({ state: status.display.state });
  return kept;
}

export function cacheProjections(shared: SharedValues): CacheProjections {
  return {
    bundleDeployment: (bd) => ({
      apiVersion: shared.string(bd.apiVersion),
      kind: shared.string(bd.kind),
      metadata: metadata(bd.metadata, shared),
      spec: deploymentSpec(bd.spec, shared),
      ...(bd.status ? { status: deploymentStatus(bd.status, shared) } : {}),
    }),
    // A Cluster's spec and status are small and read by the status controller and the CLI's metrics; they stay whole.
    cluster: (cluster) => ({
      ...cluster,
      apiVersion: shared.string(cluster.apiVersion),
      kind: shared.string(cluster.kind),
      metadata: metadata(cluster.metadata, shared),
      ...(cluster.status ? { status: { ...cluster.status, ...(cluster.status.conditions ? { conditions: conditions(cluster.status.conditions, shared) } : {}) } } : {}),
    }),
    // Readers only check that a cluster's namespace exists, its labels and whether it is terminating.
    clusterNamespace: (namespace) => ({ apiVersion: shared.string(namespace.apiVersion), kind: shared.string(namespace.kind), metadata: metadata(namespace.metadata, shared) }),
  };
}
