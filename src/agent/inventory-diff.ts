/**
 * What one deploy of a BundleDeployment writes and deletes, from the refs alone: every
 * desired object is applied; an object this BundleDeployment applied before and no longer
 * holds is pruned, except a Namespace (deleted only by `deleteNamespace` or a managed
 * namespace's delete policy), an object another bundle's inventory also lists (that bundle
 * still wants it), anything under `keepResources`, and a CRD unless `deleteCRDResources`
 * (deleting a CRD deletes every instance of it on the cluster). Kept objects leave this
 * inventory: they are released, no longer managed by this BundleDeployment.
 */
import { applyOrder, deleteOrder } from './apply-order.js';
import type { KubeObject } from '../api/meta.js';
import { type AppliedObjectRef, isCustomResourceDefinition, isNamespace, refKey, refOf } from './object-ref.js';

export type KeepReason = 'Namespace' | 'SharedWithOtherBundle' | 'KeepResources' | 'CustomResourceDefinition';

export interface KeptObject {
  ref: AppliedObjectRef;
  reason: KeepReason;
}

export interface InventoryDiffInput {
  /** The Content's manifests. */
  desired: readonly KubeObject[];
  /** This BundleDeployment's inventory as last recorded. */
  previous: readonly AppliedObjectRef[];
  /** Keys ({@link refKey}) listed by the inventories of other BundleDeployments on the member. */
  otherInventories: ReadonlySet<string>;
  keepResources?: boolean;
  deleteCRDResources?: boolean;
}

export interface InventoryDiff {
  /** Desired manifests, once each, in apply order. */
  apply: KubeObject[];
  /** Objects to delete, in deletion order. */
  prune: AppliedObjectRef[];
  /** Objects dropped from the Content that stay on the member, and why. */
  kept: KeptObject[];
  /** The inventory to record once the deploy succeeded: exactly the desired objects. */
  inventory: AppliedObjectRef[];
}

function keepReason(ref: AppliedObjectRef, input: InventoryDiffInput): KeepReason | undefined {
  if (isNamespace(ref)) return 'Namespace';
  if (input.otherInventories.has(refKey(ref))) return 'SharedWithOtherBundle';
  if (input.keepResources) return 'KeepResources';
  if (isCustomResourceDefinition(ref) && !input.deleteCRDResources) return 'CustomResourceDefinition';
  return undefined;
}

function uniqueByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

export function diffInventory(input: InventoryDiffInput): InventoryDiff {
  const apply = applyOrder(uniqueByKey(input.desired, (o) => refKey(refOf(o))));
  const wanted = new Set(apply.map((o) => refKey(refOf(o))));
  const dropped = uniqueByKey(input.previous, refKey).filter((ref) => !wanted.has(refKey(ref)));
  const kept: KeptObject[] = [];
  const prune: AppliedObjectRef[] = [];
  for (const ref of dropped) {
    const reason = keepReason(ref, input);
    if (reason) kept.push({ ref, reason });
    else prune.push(ref);
  }
  return { apply, prune: deleteOrder(prune), kept, inventory: apply.map(refOf) };
}
