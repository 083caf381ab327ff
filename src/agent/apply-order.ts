/**
 * The order the agent writes objects in: Namespaces and CustomResourceDefinitions first
 * (everything else may live in the one or be an instance of the other), then the remaining
 * cluster-scoped objects (ClusterRoles before the bindings that name them are fine either
 * way), then namespaced objects. Deletion runs in the reverse order, so a namespace or a
 * CRD goes last. Within a tier the Content's own order is kept: rendering already sorts
 * config before workloads (src/bundle sort-manifests.ts).
 *
 * Scope is read from the manifest: the Content's namespace rules have already given every
 * namespaced object a namespace and removed it from cluster-scoped ones.
 */
import type { KubeObject } from '../api/meta.js';
import { type AppliedObjectRef, isCustomResourceDefinition, isNamespace, refOf } from './object-ref.js';

export type ApplyTier = 0 | 1 | 2 | 3;

/** 0 Namespace, 1 CRD, 2 other cluster-scoped, 3 namespaced. */
export function applyTier(ref: AppliedObjectRef): ApplyTier {
  if (isNamespace(ref)) return 0;
  if (isCustomResourceDefinition(ref)) return 1;
  return ref.namespace ? 3 : 2;
}

function ordered<T>(items: readonly T[], refFor: (item: T) => AppliedObjectRef): T[] {
  return items
    .map((item, index) => ({ item, index, tier: applyTier(refFor(item)) }))
    .sort((a, b) => a.tier - b.tier || a.index - b.index)
    .map(({ item }) => item);
}

/** Manifests in apply order (a copy); stable within a tier. */
export function applyOrder(manifests: readonly KubeObject[]): KubeObject[] {
  return ordered(manifests, refOf);
}

/** Refs in deletion order (a copy): the reverse of the apply order. */
export function deleteOrder(refs: readonly AppliedObjectRef[]): AppliedObjectRef[] {
  return ordered(refs, (ref) => ref).reverse();
}
