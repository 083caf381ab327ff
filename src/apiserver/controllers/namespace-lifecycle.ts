/**
 * Namespaces as Kubernetes runs them: a new namespace is Active and labelled with its own
 * name; deleting one marks it Terminating, deletes everything in it (each object waiting on
 * its own finalizers), and only when it is empty clears the `kubernetes` finalizer so the
 * namespace itself goes.
 */
import type { KubeObject } from '../../api/meta.js';
import { resourceKey } from '../resource-type.js';
import type { Target } from '../rest/object-service.js';
import type { ResourceHook } from '../rest/resource-hooks.js';
import type { StoreEvent } from '../storage/object-store.js';
import { StoreController } from './store-controller.js';

export const NAMESPACE_KEY = resourceKey('', 'namespaces');
const NAME_LABEL = 'kubernetes.io/metadata.name';

interface NamespaceShape {
  spec?: { finalizers?: string[] };
  status?: { phase?: string };
}

export const namespaceHook: ResourceHook = {
  beforeWrite(obj, ctx) {
    const ns = obj as KubeObject & NamespaceShape;
    obj.metadata.labels = { ...obj.metadata.labels, [NAME_LABEL]: obj.metadata.name! };
    if (ctx.operation === 'create') {
      ns.spec = { ...ns.spec, finalizers: ns.spec?.finalizers ?? ['kubernetes'] };
      ns.status = { phase: 'Active' };
    } else if (!ctx.operation.endsWith('status') && ctx.old) {
      // Only the lifecycle controller (through the finalize path) empties spec.finalizers.
      ns.spec = { ...ns.spec, finalizers: (ctx.old as KubeObject & NamespaceShape).spec?.finalizers ?? [] };
    }
  },
  beforeDelete(obj) {
    (obj as KubeObject & NamespaceShape).status = { phase: 'Terminating' };
  },
};

export class NamespaceLifecycle extends StoreController {


  protected override onStart(): void {
    for (const cluster of this.store.clusters()) {
      for (const entry of this.store.entries(cluster, NAMESPACE_KEY)) {
        if (entry.obj.metadata.deletionTimestamp) this.enqueue(cluster, entry.obj.metadata.name!);
      }
    }
  }


  protected onEvent(e: StoreEvent): void {
    if (e.resource === NAMESPACE_KEY) {
      if (e.type !== 'DELETED' && e.entry.obj.metadata.deletionTimestamp) this.enqueue(e.cluster, e.entry.obj.metadata.name!);
      return;
    }
    if (e.type === 'DELETED' && e.namespace) {
      const ns = this.store.get(e.cluster, NAMESPACE_KEY, '', e.namespace);
      if (ns?.obj.metadata.deletionTimestamp) this.enqueue(e.cluster, e.namespace);
    }
  }

  private enqueue(cluster: string, namespace: string): void {
    this.schedule(() => this.sweep(cluster, namespace), `${cluster}\0${namespace}`);
  }

  /** Deletes what is left in a terminating namespace; finalizes it once it is empty. */
  private async sweep(cluster: string, namespace: string): Promise<void> {
    const registry = this.clusters.get(cluster)?.registry;
    const ns = this.store.get(cluster, NAMESPACE_KEY, '', namespace);
    if (!registry || !ns?.obj.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const resource of registry.all()) {
      if (!resource.namespaced) continue;
      const target: Target = { cluster, resource, namespace };
      const objects = [...this.store.entries(cluster, resourceKey(resource.group, resource.plural), namespace)];
      remaining += objects.length;
      for (const { obj } of objects) {
        if (!obj.metadata.deletionTimestamp) await this.service.delete(target, obj.metadata.name!, {});
      }
    }
    if (remaining > 0) return;
    const nsTarget: Target = { cluster, resource: registry.byResourceKey(NAMESPACE_KEY)!, namespace: '' };
    const current = this.store.get(cluster, NAMESPACE_KEY, '', namespace)?.obj;
    if (!current) return;
    const finalized = structuredClone(current) as KubeObject & NamespaceShape;
    finalized.spec = { ...finalized.spec, finalizers: [] };
    await this.service.write(nsTarget, current, finalized, { operation: 'update-status' });
  }
}
