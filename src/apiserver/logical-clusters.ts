/**
 * The logical clusters one server hosts: each a complete Kubernetes API with its own
 * objects and its own resource registry (its CRDs). The root cluster is named ''; others
 * are served under `/clusters/<name>`. A new cluster starts with the namespaces and the
 * default RBAC policy a fresh Kubernetes cluster has; their uids are stored, so they stay
 * stable across restarts. Each cluster's RBAC objects are its own: authorization is per cluster.
 */
import PQueue from 'p-queue';
import type { KubeObject } from '../api/meta.js';
import { defaultRbacObjects, ensureDefaultRbac, type DefaultRbacObjects } from './controllers/rbac-bootstrap.js';
import { ResourceRegistry } from './resource-registry.js';
import { resourceKey } from './resource-type.js';
import type { ObjectService } from './rest/object-service.js';
import type { ObjectStore } from './storage/object-store.js';

export const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
export const CRD_KEY = resourceKey('apiextensions.k8s.io', 'customresourcedefinitions');

export interface LogicalCluster {
  name: string;
  registry: ResourceRegistry;
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export class LogicalClusters {
  private readonly byName = new Map<string, LogicalCluster>();
  /** Computed on first use and shared by every cluster (read only). */
  private defaultRbac: DefaultRbacObjects | undefined;

  constructor(private readonly store: ObjectStore) {}

  /** Builds registries for every cluster the store holds, serving their stored CRDs. */
  load(): void {
    for (const name of this.store.clusters()) {
      const cluster = this.add(name);
      for (const { obj } of this.store.entries(name, CRD_KEY)) cluster.registry.serveCrd(obj);
    }
  }

  get(name: string): LogicalCluster | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Creates a cluster (idempotent) with its initial namespaces and default ClusterRoles and
   * bindings. Its objects are written concurrently, so the log's group commit makes them
   * durable together instead of one fsync each; it resolves once all are durable.
   */
  async ensure(name: string, service: ObjectService): Promise<LogicalCluster> {
    if (name !== '' && !CLUSTER_NAME.test(name)) throw new Error(`invalid logical cluster name "${name}": must be a DNS-1123 label`);
    const cluster = this.byName.get(name) ?? this.add(name);
    this.store.touchCluster(name);
    const resource = cluster.registry.lookup('', 'v1', 'namespaces')!;
    const target = { cluster: name, resource, namespace: '' };
    const namespaces = INITIAL_NAMESPACES.filter((ns) => !service.find(target, ns)).map((ns) =>
      service.create(target, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } satisfies KubeObject),
    );
    await Promise.all([...namespaces, ensureDefaultRbac(name, cluster.registry, service, (this.defaultRbac ??= defaultRbacObjects()))]);
    return cluster;
  }

  /**
   * Ensures many clusters, `concurrency` at a time: with 10,000 members one awaited cluster
   * after another took minutes of fsyncs, while concurrent ones share each group commit.
   * Resolves once every cluster's objects are durable; rejects with the first failure.
   */
  async ensureAll(names: readonly string[], service: ObjectService, options: { concurrency?: number } = {}): Promise<void> {
    // A name given twice would race its own creates into AlreadyExists.
    const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 32) });
    await Promise.all([...new Set(names)].map((name) => queue.add(() => this.ensure(name, service))));
  }

  private add(name: string): LogicalCluster {
    const cluster = { name, registry: new ResourceRegistry() };
    this.byName.set(name, cluster);
    return cluster;
  }
}
