/**
 * The I/O around managed namespaces: reads what the adoption decision needs for every
 * managed Namespace in a Content (the live namespace and any quota or policy of Flotilla's
 * name in it) before anything is written, and carries out removal plans when a managed
 * namespace leaves the member. The decisions themselves are pure (adoption.ts, removal.ts).
 */
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS } from '../api/names.js';
import { isNotFound } from '../kube/api-error.js';
import type { ObjectClient } from '../kube/object-client.js';
import { type AdoptionDecision, decideAdoption } from './adoption.js';
import type { InventoryEntry } from './inventory-store.js';
import { type AppliedObjectRef, isNamespace, refOf } from './object-ref.js';
import { type RemovalPlan, decideRemoval } from './removal.js';

export class AdoptionRefusedError extends Error {
  override readonly name = 'AdoptionRefusedError';
  constructor(
    message: string,
    readonly differences: readonly string[],
  ) {
    super(message);
  }
}

export interface NamespacePlacement {
  /** Namespace name → decision, for the managed namespaces of the Content. */
  decisions: Map<string, AdoptionDecision>;
}

export async function getOrUndefined(client: ObjectClient, ref: AppliedObjectRef): Promise<KubeObject | undefined> {
  try {
    return await client.get(ref);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function managedOwnerOf(obj: KubeObject): string | undefined {
  return obj.metadata.labels?.[LABELS.managedNamespace];
}

/** Decides every managed namespace of the Content; throws AdoptionRefusedError on the first refusal. */
export async function planNamespacePlacement(client: ObjectClient, desired: readonly KubeObject[], hub: string): Promise<NamespacePlacement> {
  const decisions = new Map<string, AdoptionDecision>();
  for (const ns of desired.filter((o) => isNamespace(refOf(o)) && managedOwnerOf(o) !== undefined)) {
    const name = ns.metadata.name ?? '';
    const desiredChildren = desired.filter((o) => o.metadata.namespace === name && managedOwnerOf(o) !== undefined && (o.kind === 'ResourceQuota' || o.kind === 'NetworkPolicy'));
    const live = await getOrUndefined(client, refOf(ns));
    const liveChildren = live ? (await Promise.all(desiredChildren.map((c) => getOrUndefined(client, refOf(c))))).filter((c): c is KubeObject => c !== undefined) : [];
    const decision = decideAdoption({ desired: ns, desiredChildren, live, liveChildren, hub });
    if (decision.action === 'refuse') throw new AdoptionRefusedError(decision.message, decision.differences);
    decisions.set(name, decision);
  }
  return { decisions };
}

/** Whether an object must be applied with force: it belongs to a namespace adopted under `Always`. */
export function forcedByAdoption(placement: NamespacePlacement, obj: KubeObject): boolean {
  const name = isNamespace(refOf(obj)) ? obj.metadata.name : obj.metadata.namespace;
  const decision = name === undefined ? undefined : placement.decisions.get(name);
  return decision?.action === 'adopt' && decision.force;
}

/** The manifest as applied: an adopted namespace records that it was adopted. */
export function markAdopted(placement: NamespacePlacement, obj: KubeObject): KubeObject {
  if (!isNamespace(refOf(obj)) || placement.decisions.get(obj.metadata.name ?? '')?.action !== 'adopt') return obj;
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [ANNOTATIONS.adopted]: 'true' } } };
}

/** Removal plans for the managed namespaces among `released` (dropped from the Content). */
export async function planRemovals(client: ObjectClient, released: readonly InventoryEntry[], dropped: readonly InventoryEntry[], hub: string): Promise<RemovalPlan[]> {
  const plans: RemovalPlan[] = [];
  for (const ns of released.filter((r) => isNamespace(r) && r.managedNamespace !== undefined)) {
    const owner = ns.managedNamespace as string;
    const children = dropped.filter((r) => !isNamespace(r) && r.managedNamespace === owner);
    const live = await getOrUndefined(client, ns);
    plans.push(decideRemoval({ namespace: ns.name, owner, live, hub, children }));
  }
  return plans;
}

const nullMap = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, null]));

/** Carries out a plan: deletes or releases the namespace and handles its children. */
export async function executeRemoval(client: ObjectClient, plan: RemovalPlan, deleteObject: (ref: AppliedObjectRef) => Promise<void>): Promise<string | undefined> {
  for (const ref of plan.deleteObjects) await deleteObject(ref);
  const ns: AppliedObjectRef = { apiVersion: 'v1', kind: 'Namespace', name: plan.name };
  const action = plan.namespace;
  if (action.action === 'refuse') return action.message;
  if (action.action === 'delete') await deleteObject(ns);
  if (action.action === 'release') {
    const patch = { metadata: { labels: nullMap(action.removeLabels), annotations: nullMap(action.removeAnnotations) } };
    for (const ref of [ns, ...plan.releaseObjects]) {
      await client.patch(ref, patch, { type: 'merge', fieldManager: 'flotilla-agent' }).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    }
  }
  return undefined;
}
