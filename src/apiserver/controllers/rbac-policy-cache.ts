/**
 * The RBAC objects of every logical cluster, kept in memory from store events, so each
 * request is authorized against ready-made lists instead of scanning storage. A cluster's
 * lists are rebuilt only on the first request after one of its four RBAC kinds changed.
 */
import type { KubeObject } from '../../api/meta.js';
import { rbacGroup, type RbacPolicy } from '../auth/rbac-objects.js';
import { resourceKey } from '../resource-type.js';
import type { ObjectStore, StoreEvent } from '../storage/object-store.js';

type PolicyField = keyof RbacPolicy;

/** Store keys of the four RBAC kinds, and the policy list each fills. */
const FIELDS: ReadonlyMap<string, PolicyField> = new Map([
  [resourceKey(rbacGroup, 'roles'), 'roles'],
  [resourceKey(rbacGroup, 'clusterroles'), 'clusterRoles'],
  [resourceKey(rbacGroup, 'rolebindings'), 'roleBindings'],
  [resourceKey(rbacGroup, 'clusterrolebindings'), 'clusterRoleBindings'],
]);

interface ClusterPolicy {
  objects: Map<PolicyField, Map<string, KubeObject>>;
  /** Built on demand; dropped whenever an object changes. */
  snapshot: RbacPolicy | undefined;
}

const EMPTY: RbacPolicy = Object.freeze({ roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] });

export class RbacPolicyCache {
  private readonly clusters = new Map<string, ClusterPolicy>();
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

  /** The RBAC objects of a cluster as they are now (empty for an unknown cluster). */
  policy(cluster: string): RbacPolicy {
    const state = this.clusters.get(cluster);
    if (!state) return EMPTY;
    state.snapshot ??= {
      roles: this.list(state, 'roles'),
      clusterRoles: this.list(state, 'clusterRoles'),
      roleBindings: this.list(state, 'roleBindings'),
      clusterRoleBindings: this.list(state, 'clusterRoleBindings'),
    } as RbacPolicy;
    return state.snapshot;
  }

  private onEvent(e: StoreEvent): void {
    const field = FIELDS.get(e.resource);
    if (!field) return;
    if (e.type === 'DELETED') this.remove(e.cluster, field, e.entry.obj);
    else this.put(e.cluster, field, e.entry.obj);
  }

  private stateOf(cluster: string): ClusterPolicy {
    let state = this.clusters.get(cluster);
    if (!state) {
      state = { objects: new Map(), snapshot: undefined };
      this.clusters.set(cluster, state);
    }
    return state;
  }

  private put(cluster: string, field: PolicyField, obj: KubeObject): void {
    const state = this.stateOf(cluster);
    let objects = state.objects.get(field);
    if (!objects) state.objects.set(field, (objects = new Map()));
    objects.set(keyOf(obj), obj);
    state.snapshot = undefined;
  }

  private remove(cluster: string, field: PolicyField, obj: KubeObject): void {
    const state = this.stateOf(cluster);
    state.objects.get(field)?.delete(keyOf(obj));
    state.snapshot = undefined;
  }

  private list(state: ClusterPolicy, field: PolicyField): unknown[] {
    return [...(state.objects.get(field)?.values() ?? [])];
  }
}

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}
