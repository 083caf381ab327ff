/**
 * Writes a status computed by one of the pure aggregations, only when it differs from what
 * the object shows over the fields that writer owns. The write is a JSON merge patch of the
 * status subresource guarded by the object's resourceVersion (a concurrent change fails
 * with a conflict and the reconcile is retried from the fresh cache): owned fields no
 * longer set, and keys an owned struct no longer has, are sent as null, and conditions of
 * types other writers own are kept. A merge patch rather than server-side apply, because
 * the embedded hub does not yet record field ownership for status applies, so an applied
 * list never shrank.
 */
import type { Condition, KubeObject } from '../../api/meta.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { mergePatchDiff } from './merge-patch-diff.js';
import { statusChanged } from './status-change.js';

export interface StatusWrite {
  readonly object: KubeObject;
  readonly status: object;
  /** The fields this writer owns (top-level names or dotted paths). */
  readonly owned: readonly string[];
}

function statusPatch(write: StatusWrite): Record<string, unknown> {
  const desired = write.status as Record<string, unknown>;
  const current = (write.object.status ?? {}) as Record<string, unknown>;
  const status: Record<string, unknown> = { ...desired };
  for (const key of new Set(write.owned.map((o) => o.split('.')[0] ?? o))) if (status[key] === undefined) status[key] = null;
  // A field owned whole is patched to exactly the computed value (keys it lost sent as null); a shared struct (`display.x`) only gains this writer's keys.
  for (const key of write.owned) if (!key.includes('.') && key !== 'conditions') status[key] = mergePatchDiff(current[key], desired[key]);
  const mine = status.conditions as Condition[] | undefined;
  if (Array.isArray(mine)) {
    const types = new Set(mine.map((c) => c.type));
    const current = ((write.object.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).filter((c) => !types.has(c.type));
    status.conditions = [...current, ...mine];
  }
  return status;
}

/** Returns whether it wrote. */
export async function writeStatusIfChanged(client: ObjectClient, write: StatusWrite, options: { signal?: AbortSignal }): Promise<boolean> {
  const { object, status, owned } = write;
  if (!statusChanged(owned, status, object.status as object | undefined)) return false;
  const ref = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '', ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
  const patch = { metadata: { resourceVersion: object.metadata.resourceVersion }, status: statusPatch(write) };
  await client.patch(ref, patch, { type: 'merge', subresource: 'status', ...(options.signal ? { signal: options.signal } : {}) });
  return true;
}
