/**
 * The logical clusters one server hosts: each a complete Kubernetes API with its own
 * objects and its own resource registry (its CRDs). The root cluster is named ''; others
 * are served under `/clusters/<name>`. A new cluster starts with the namespaces and the
 * default RBAC policy a fresh Kubernetes cluster has; their uids are stored, so they stay
 * stable across restarts. Each cluster's RBAC objects are its own: authorization is per cluster.
 */
import type { KubeObject } from '../api/meta.js';
import { ensureDefaultRbac } from './controllers/rbac-bootstrap.js';
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

  /** Creates a cluster (idempotent) with its initial namespaces and default ClusterRoles and bindings. */
  async ensure(name: string, service: ObjectService): Promise<LogicalCluster> {
    if (name !== '' && !CLUSTER_NAME.test(name)) throw new Error(`invalid logical cluster name "${name}": must be a DNS-1123 label`);
    const cluster = this.byName.get(name) ?? this.add(name);
    this.store.touchCluster(name);
    const resource = cluster.registry.lookup('', 'v1', 'namespaces')!;
    for (const ns of INITIAL_NAMESPACES) {
      const target = { cluster: name, resource, namespace: '' };
      if (!service.find(target, ns)) {
        const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } };
        await service.create(target, obj);
      }
    }
    await ensureDefaultRbac(name, cluster.registry, service);
    return cluster;
  }

  private add(name: string): LogicalCluster {
    const cluster = { name, registry: new ResourceRegistry() };
    this.byName.set(name, cluster);
    return cluster;
  }
}
