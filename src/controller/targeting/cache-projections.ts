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


/**
 * Cached objects are built by these small classes rather than as object literals that gain
 * their optional fields one by one: V8 gives a class's instances room for every field its
 * constructor assigns (slack tracking), where a literal keeps only the fields it starts with
 * and moves the rest to a separate property array. At 100,000 BundleDeployments that array,
 * in the metadata and the labels of each, was about 70 bytes per BundleDeployment. Readers
 * see plain data: own enumerable fields, JSON and structural equality as before.
 */
class CachedMetadata implements ObjectMeta {
  declare name?: string;
  declare namespace?: string;
  declare labels?: Record<string, string>;
  declare resourceVersion?: string;
  declare generation?: number;
  declare deletionTimestamp?: string;
  declare finalizers?: string[];

  constructor(meta: ObjectMeta, shared: SharedValues) {
    this.name = shared.string(meta.name);
    if (meta.namespace !== undefined) this.namespace = shared.string(meta.namespace);
    if (meta.labels) this.labels = new CachedLabels(meta.labels, shared);
    if (meta.resourceVersion !== undefined) this.resourceVersion = meta.resourceVersion;
    if (meta.generation !== undefined) this.generation = meta.generation;
    if (meta.deletionTimestamp) this.deletionTimestamp = meta.deletionTimestamp;
    if (meta.finalizers?.length) this.finalizers = meta.finalizers;
  }
}

/** A label map with each value shared; the map itself names its cluster and bundle, so it is not. */
class CachedLabels {
  [label: string]: string;

  constructor(labels: Readonly<Record<string, string>>, shared: SharedValues) {
    for (const label of Object.keys(labels)) this[label] = shared.string(labels[label] ?? '');
  }
}

class CachedObject implements KubeObject {
  [field: string]: unknown;
  declare apiVersion: string;
  declare kind: string;
  declare metadata: ObjectMeta;
  declare spec?: unknown;
  declare status?: unknown;

  constructor(obj: KubeObject, shared: SharedValues, rest: { spec?: unknown; status?: unknown }) {
    this.apiVersion = shared.string(obj.apiVersion);
    this.kind = shared.string(obj.kind);
    this.metadata = new CachedMetadata(obj.metadata, shared);
    if (rest.spec !== undefined) this.spec = rest.spec;
    if (rest.status !== undefined) this.status = rest.status;
  }
}

/** Identity, version and labels: what caches index and readers select by. No uid, annotations or managedFields. */
function metadata(meta: ObjectMeta, shared: SharedValues): ObjectMeta {
  return new CachedMetadata(meta, shared);
}

function conditions(list: readonly Condition[] | undefined, shared: SharedValues): Condition[] | undefined {
  if (!list) return undefined;
  return list.map((c) => ({ ...c, type: shared.string(c.type), status: shared.string(c.status), ...(c.reason !== undefined ? { reason: shared.string(c.reason) } : {}) }));
}

/**
 * The spec as written by the targeting controller: everything in it (deploymentIDs, options,
 * dependsOn) is the same for the clusters of a bundle that share options, so equal specs are
 * kept once, frozen.
 */
function deploymentSpec(spec: BundleDeploymentSpec, shared: SharedValues): BundleDeploymentSpec {
  const kept: BundleDeploymentSpec = { ...spec };
  if (spec.stagedDeploymentID !== undefined) kept.stagedDeploymentID = shared.string(spec.stagedDeploymentID);
  if (spec.deploymentID !== undefined) kept.deploymentID = shared.string(spec.deploymentID);
  if (spec.stagedOptions) kept.stagedOptions = shared.object(spec.stagedOptions);
  if (spec.options) kept.options = shared.object(spec.options);
  if (spec.dependsOn) kept.dependsOn = shared.object(spec.dependsOn);
  if (spec.correctDrift) kept.correctDrift = shared.object(spec.correctDrift);
  return shared.object(kept);
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
  // Nothing left names the cluster: the BundleDeployments of a bundle in one state share one status.
  return shared.object(kept);
}

export function cacheProjections(shared: SharedValues): CacheProjections {
  return {
    bundleDeployment: (bd) => new CachedObject(bd, shared, { spec: deploymentSpec(bd.spec, shared), ...(bd.status ? { status: deploymentStatus(bd.status, shared) } : {}) }) as unknown as BundleDeployment,
    // A Cluster's spec and status are small and read by the status controller and the CLI's metrics; they stay whole.
    cluster: (cluster) => ({
      ...cluster,
      apiVersion: shared.string(cluster.apiVersion),
      kind: shared.string(cluster.kind),
      metadata: metadata(cluster.metadata, shared),
      ...(cluster.status ? { status: { ...cluster.status, ...(cluster.status.conditions ? { conditions: conditions(cluster.status.conditions, shared) } : {}) } } : {}),
    }),
    // Readers only check that a cluster's namespace exists, its labels and whether it is terminating.
    clusterNamespace: (namespace) => new CachedObject(namespace, shared, {}),
  };
}
