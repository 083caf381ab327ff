/**
 * Keeps aggregated ClusterRoles up to date, as kube-controller-manager's aggregation
 * controller does: whenever a ClusterRole of a cluster changes, every ClusterRole with an
 * aggregationRule gets the union of the rules its selectors pick written back into `rules`,
 * so RBAC evaluation only ever reads stored rules. Work is queued per cluster and collapses.
 */
import type { KubeObject } from '../../api/meta.js';
import { aggregateClusterRoles } from '../auth/aggregation.js';
import { rbacGroup, type ClusterRole } from '../auth/rbac-objects.js';
import type { LogicalClusters } from '../logical-clusters.js';
import { resourceKey } from '../resource-type.js';
import type { ObjectService } from '../rest/object-service.js';
import type { ObjectStore, StoreEvent } from '../storage/object-store.js';

export const CLUSTER_ROLES_KEY = resourceKey(rbacGroup, 'clusterroles');

export class ClusterRoleAggregation {
  private readonly queued = new Set<string>();
  private stopObserving: (() => void) | undefined;
  private running = Promise.resolve();

  constructor(
    private readonly store: ObjectStore,
    private readonly service: ObjectService,
    private readonly clusters: LogicalClusters,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.stopObserving = this.store.observe((e) => this.onEvent(e));
    for (const cluster of this.store.clusters()) this.enqueue(cluster);
  }

  async stop(): Promise<void> {
    this.stopObserving?.();
    await this.running;
  }

  private onEvent(e: StoreEvent): void {
    if (e.resource === CLUSTER_ROLES_KEY) this.enqueue(e.cluster);
  }

  private enqueue(cluster: string): void {
    if (this.queued.has(cluster)) return;
    this.queued.add(cluster);
    this.running = this.running
      .then(() => {
        this.queued.delete(cluster);
        return this.sync(cluster);
      })
      .catch(this.onError);
  }

  /** Writes back the roles whose aggregated rules differ from what is stored. */
  private async sync(cluster: string): Promise<void> {
    const resource = this.clusters.get(cluster)?.registry.byResourceKey(CLUSTER_ROLES_KEY);
    if (!resource) return;
    const stored = [...this.store.entries(cluster, CLUSTER_ROLES_KEY)].map((e) => e.obj as unknown as ClusterRole);
    for (const role of aggregateClusterRoles(stored)) {
      const target = { cluster, resource, namespace: '' };
      const current = this.service.find(target, role.metadata.name ?? '');
      if (!current) continue;
      const next: KubeObject = { ...structuredClone(current), rules: role.rules ?? [] };
      await this.service.write(target, current, next, { operation: 'update', fieldManager: 'clusterrole-aggregation-controller' });
    }
  }
}
