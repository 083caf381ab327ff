/**
 * Garbage collection by ownerReferences, as Kubernetes' collector does it: an object whose
 * owners are all gone is deleted; `orphan` deletion strips the owner reference from
 * dependents first; `foregroundDeletion` deletes dependents before the owner goes.
 */
import type { KubeObject } from '../../api/meta.js';
import type { Target } from '../rest/object-service.js';
import type { StoreEvent } from '../storage/object-store.js';
import { StoreController } from './store-controller.js';

interface Ref {
  resource: string;
  namespace: string;
  name: string;
}

interface ClusterIndex {
  /** every object's uid → where it is */
  uids: Map<string, Ref>;
  /** owner uid → dependents */
  dependents: Map<string, Map<string, Ref>>;
}

const refKey = (r: Ref) => `${r.resource}\0${r.namespace}\0${r.name}`;

export class GarbageCollector extends StoreController {
  private readonly index = new Map<string, ClusterIndex>();


  protected override onStart(): void {
    for (const cluster of this.store.clusters()) {
      const resources = this.clusters.get(cluster)?.registry.all() ?? [];
      for (const r of resources) {
        for (const { obj } of this.store.entries(cluster, `${r.group}/${r.plural}`)) this.track(cluster, `${r.group}/${r.plural}`, obj);
      }
    }
    // Objects whose owners vanished while the server was down are collected now.
    for (const [cluster, idx] of this.index) {
      for (const [owner, deps] of idx.dependents) if (!idx.uids.has(owner)) for (const d of deps.values()) this.enqueue(cluster, d);
    }
  }


  private clusterIndex(cluster: string): ClusterIndex {
    let idx = this.index.get(cluster);
    if (!idx) this.index.set(cluster, (idx = { uids: new Map(), dependents: new Map() }));
    return idx;
  }

  private track(cluster: string, resource: string, obj: KubeObject): void {
    const idx = this.clusterIndex(cluster);
    const ref = { resource, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name! };
    idx.uids.set(obj.metadata.uid!, ref);
    for (const owner of obj.metadata.ownerReferences ?? []) {
      let deps = idx.dependents.get(owner.uid);
      if (!deps) idx.dependents.set(owner.uid, (deps = new Map()));
      deps.set(refKey(ref), ref);
    }
  }

  private untrack(cluster: string, resource: string, obj: KubeObject): void {
    const idx = this.clusterIndex(cluster);
    idx.uids.delete(obj.metadata.uid!);
    const key = refKey({ resource, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name! });
    for (const owner of obj.metadata.ownerReferences ?? []) {
      const deps = idx.dependents.get(owner.uid);
      deps?.delete(key);
      if (deps && !deps.size) idx.dependents.delete(owner.uid);
    }
  }

  protected onEvent(e: StoreEvent): void {
    if (e.prev) this.untrack(e.cluster, e.resource, e.prev);
    const obj = e.entry.obj;
    if (e.type === 'DELETED') {
      const deps = this.clusterIndex(e.cluster).dependents.get(obj.metadata.uid!);
      for (const d of deps?.values() ?? []) this.enqueue(e.cluster, d);
      // An owner deleting in the foreground waits for this dependent: look at it again.
      for (const owner of obj.metadata.ownerReferences ?? []) {
        const ref = this.clusterIndex(e.cluster).uids.get(owner.uid);
        if (ref) this.enqueue(e.cluster, ref);
      }
      return;
    }
    this.track(e.cluster, e.resource, obj);
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && (finalizers.includes('orphan') || finalizers.includes('foregroundDeletion'))) {
      this.enqueue(e.cluster, { resource: e.resource, namespace: e.namespace, name: obj.metadata.name! });
    }
    for (const owner of obj.metadata.ownerReferences ?? []) {
      if (!this.clusterIndex(e.cluster).uids.has(owner.uid)) {
        this.enqueue(e.cluster, { resource: e.resource, namespace: e.namespace, name: obj.metadata.name! });
        break;
      }
    }
  }

  private enqueue(cluster: string, ref: Ref): void {
    this.schedule(() => this.process(cluster, ref));
  }

  private target(cluster: string, ref: Ref): Target | undefined {
    const resource = this.clusters.get(cluster)?.registry.byResourceKey(ref.resource);
    return resource && { cluster, resource, namespace: ref.namespace };
  }

  private async process(cluster: string, ref: Ref): Promise<void> {
    const t = this.target(cluster, ref);
    const obj = t && this.service.find(t, ref.name);
    if (!t || !obj) return;
    const idx = this.clusterIndex(cluster);
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && finalizers.includes('orphan')) return this.orphanDependents(t, obj);
    if (obj.metadata.deletionTimestamp && finalizers.includes('foregroundDeletion')) return this.deleteDependentsFirst(t, obj);
    const owners = obj.metadata.ownerReferences ?? [];
    if (owners.length && owners.every((o) => !idx.uids.has(o.uid)) && !obj.metadata.deletionTimestamp) {
      await this.service.delete(t, ref.name, {});
    }
  }

  private dependentsOf(cluster: string, uid: string): Ref[] {
    return [...(this.clusterIndex(cluster).dependents.get(uid)?.values() ?? [])];
  }

  private async orphanDependents(t: Target, owner: KubeObject): Promise<void> {
    for (const d of this.dependentsOf(t.cluster, owner.metadata.uid!)) {
      const dt = this.target(t.cluster, d);
      const dep = dt && this.service.find(dt, d.name);
      if (!dt || !dep) continue;
      const next = structuredClone(dep);
      next.metadata.ownerReferences = (dep.metadata.ownerReferences ?? []).filter((o) => o.uid !== owner.metadata.uid);
      if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
      await this.service.write(dt, dep, next, { operation: 'update' });
    }
    await this.removeFinalizer(t, owner, 'orphan');
  }

  private async deleteDependentsFirst(t: Target, owner: KubeObject): Promise<void> {
    const deps = this.dependentsOf(t.cluster, owner.metadata.uid!);
    for (const d of deps) {
      const dt = this.target(t.cluster, d);
      const dep = dt && this.service.find(dt, d.name);
      if (dt && dep && !dep.metadata.deletionTimestamp) await this.service.delete(dt, d.name, {});
    }
    if (!deps.length) await this.removeFinalizer(t, owner, 'foregroundDeletion');
  }

  private async removeFinalizer(t: Target, owner: KubeObject, finalizer: string): Promise<void> {
    const current = this.service.find(t, owner.metadata.name!);
    if (!current) return;
    const next = structuredClone(current);
    next.metadata.finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    await this.service.write(t, current, next, { operation: 'update' });
  }
}
