/**
 * CustomResourceDefinitions, as the apiextensions server runs them: a CRD is accepted and
 * Established at once (status written by the server), its kind is served from then on, and
 * deleting it first deletes every object of its kind (the cleanup finalizer), then stops
 * serving it.
 */
import type { KubeObject } from '../../api/meta.js';
import { CRD_KEY } from '../logical-clusters.js';
import { resourceFromCrd } from '../resource-registry.js';
import { resourceKey } from '../resource-type.js';
import { timestamp, type Target } from '../rest/object-service.js';
import type { ResourceHook } from '../rest/resource-hooks.js';
import type { StoreEvent } from '../storage/object-store.js';
import { StoreController } from './store-controller.js';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

interface CrdShape {
  spec: { names: Record<string, unknown>; versions?: Array<{ name: string; storage?: boolean }> };
  status?: { storedVersions?: string[] };
}

function condition(type: string, reason: string, message: string, now: Date) {
  return { type, status: 'True', lastTransitionTime: timestamp(now), reason, message };
}

export const crdHook: ResourceHook = {
  beforeWrite(obj, ctx) {
    if (ctx.operation.endsWith('status')) return;
    const crd = obj as KubeObject & CrdShape;
    if (ctx.operation === 'create') {
      obj.metadata.finalizers = [...new Set([...(obj.metadata.finalizers ?? []), CRD_CLEANUP_FINALIZER])];
    }
    const storage = crd.spec.versions?.find((v) => v.storage)?.name;
    const previous = (ctx.old as (KubeObject & CrdShape) | undefined)?.status?.storedVersions ?? [];
    const old = ctx.old as (KubeObject & { status?: { conditions?: unknown[] } }) | undefined;
    crd.status = {
      ...(old?.status ?? {}),
      acceptedNames: crd.spec.names,
      conditions: old?.status?.conditions ?? [
        condition('NamesAccepted', 'NoConflicts', 'no conflicts found', ctx.now),
        condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted', ctx.now),
      ],
      storedVersions: storage && !previous.includes(storage) ? [...previous, storage] : previous,
    } as CrdShape['status'];
  },
};

export class CrdLifecycle extends StoreController {


  protected override onStart(): void {
    for (const cluster of this.store.clusters()) {
      for (const { obj } of this.store.entries(cluster, CRD_KEY)) if (obj.metadata.deletionTimestamp) this.enqueue(cluster, obj);
    }
  }


  protected onEvent(e: StoreEvent): void {
    const registry = this.clusters.get(e.cluster)?.registry;
    if (!registry) return;
    if (e.resource !== CRD_KEY) {
      // The last custom object of a terminating CRD is gone: the CRD may go now.
      const crdName = e.type === 'DELETED' ? registry.byResourceKey(e.resource)?.crd?.name : undefined;
      const crd = crdName ? this.store.get(e.cluster, CRD_KEY, '', crdName)?.obj : undefined;
      if (crd?.metadata.deletionTimestamp) this.enqueue(e.cluster, crd);
      return;
    }
    if (e.type === 'DELETED') {
      registry.unserveCrd(e.entry.obj);
      return;
    }
    registry.serveCrd(e.entry.obj);
    if (e.entry.obj.metadata.deletionTimestamp) this.enqueue(e.cluster, e.entry.obj);
  }

  private enqueue(cluster: string, crd: KubeObject): void {
    this.schedule(() => this.cleanup(cluster, crd.metadata.name!), `${cluster}\0${crd.metadata.name!}`);
  }

  /** Deletes every object of a terminating CRD's kind, then releases the CRD. */
  private async cleanup(cluster: string, name: string): Promise<void> {
    const registry = this.clusters.get(cluster)?.registry;
    const crdResource = registry?.byResourceKey(CRD_KEY);
    const crdTarget: Target | undefined = crdResource && { cluster, resource: crdResource, namespace: '' };
    const crd = crdTarget && this.service.find(crdTarget, name);
    if (!registry || !crdTarget || !crd?.metadata.deletionTimestamp) return;
    const served = resourceFromCrd(crd);
    const resource = served && registry.byResourceKey(resourceKey(served.group, served.plural));
    if (resource?.crd?.name === name) {
      for (const { obj } of [...this.store.entries(cluster, resourceKey(resource.group, resource.plural))]) {
        // Objects still waiting on their own finalizers keep the CRD until they go.
        const target: Target = { cluster, resource, namespace: obj.metadata.namespace ?? '' };
        if (!obj.metadata.deletionTimestamp) await this.service.delete(target, obj.metadata.name!, {});
      }
      if (this.store.count(cluster, resourceKey(resource.group, resource.plural)) > 0) return;
    }
    const next = structuredClone(crd);
    next.metadata.finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
    await this.service.write(crdTarget, crd, next, { operation: 'update' });
  }
}
