/**
 * Keeps aggregated ClusterRoles up to date, as kube-controller-manager's aggregation
 * controller does: whenever a ClusterRole of a cluster changes, every ClusterRole with an
 * aggregationRule gets the union of the rules its selectors pick written back into `rules`,
 * so RBAC evaluation only ever reads stored rules. Work is queued per cluster and collapses.
 */
import type { KubeObject } from '../../api/meta.js';
import { aggregateClusterRoles } from '../auth/aggregation.js';
import { rbacGroup, type ClusterRole } from '../auth/rbac-objects.js';
import { resourceKey } from '../resource-type.js';
import type { StoreEvent } from '../storage/object-store.js';
import { StoreController } from './store-controller.js';

export const CLUSTER_ROLES_KEY = resourceKey(rbacGroup, 'clusterroles');

export class ClusterRoleAggregation extends StoreController {


  protected override onStart(): void {
    for (const cluster of this.store.clusters()) this.enqueue(cluster);
  }


  protected onEvent(e: StoreEvent): void {
    if (e.resource === CLUSTER_ROLES_KEY) this.enqueue(e.cluster);
  }

  private enqueue(cluster: string): void {
    this.schedule(() => this.sync(cluster), cluster);
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
