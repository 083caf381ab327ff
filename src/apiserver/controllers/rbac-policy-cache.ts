/**
 * The RBAC objects of every logical cluster, kept in memory from store events and indexed
 * (auth/rbac-index.ts), so each request is authorized by looking up the user's own bindings
 * instead of scanning storage or every binding. Each event updates one object in the index,
 * so neither a change nor a request costs more as more clusters register grants.
 */
import type { KubeObject } from '../../api/meta.js';
import { RbacIndex, type RbacListField } from '../auth/rbac-index.js';
import { rbacGroup, type ClusterRole, type RbacPolicy } from '../auth/rbac-objects.js';
import { resourceKey } from '../resource-type.js';
import type { ObjectStore, StoreEvent } from '../storage/object-store.js';

/** Store keys of the four RBAC kinds, and the policy list each fills. */
const FIELDS: ReadonlyMap<string, RbacListField> = new Map([
  [resourceKey(rbacGroup, 'roles'), 'roles'],
  [resourceKey(rbacGroup, 'clusterroles'), 'clusterRoles'],
  [resourceKey(rbacGroup, 'rolebindings'), 'roleBindings'],
  [resourceKey(rbacGroup, 'clusterrolebindings'), 'clusterRoleBindings'],
]);

const EMPTY: RbacPolicy = Object.freeze({ roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] });

export class RbacPolicyCache {
  private readonly clusters = new Map<string, RbacIndex>();
  private stopObserving: (() => void) | undefined;

  constructor(private readonly store: ObjectStore) {}

  /** Subscribes first, then loads what is stored, so no write falls between the two. Idempotent. */
  start(): void {
    if (this.stopObserving) return;
    this.stopObserving = this.store.observe((e) => this.onEvent(e));
    for (const cluster of this.store.clusters()) {
      for (const [key, field] of FIELDS) {
        for (const { obj } of this.store.entries(cluster, key)) this.put(cluster, field, obj);
      }
    }
  }

  stop(): Promise<void> {
    this.stopObserving?.();
    this.stopObserving = undefined;
    return Promise.resolve();
  }

  /**
   * The RBAC objects of a cluster as they are now (empty for an unknown cluster). The object
   * is live: read after a change, it answers with the change.
   */
  policy(cluster: string): RbacPolicy {
    return this.clusters.get(cluster)?.policy ?? EMPTY;
  }

  private onEvent(e: StoreEvent): void {
    const field = FIELDS.get(e.resource);
    if (!field) return;
    if (e.type === 'DELETED') this.clusters.get(e.cluster)?.remove(field, keyOf(e.entry.obj));
    else this.put(e.cluster, field, e.entry.obj);
  }

  private put(cluster: string, field: RbacListField, obj: KubeObject): void {
    let index = this.clusters.get(cluster);
    if (!index) this.clusters.set(cluster, (index = new RbacIndex()));
    // The store holds the four RBAC kinds in their rbac/v1 shape.
    index.put(field, keyOf(obj), obj as unknown as ClusterRole);
  }
}

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}
