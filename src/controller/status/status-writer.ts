/**
 * Writes a status computed by one of the pure aggregations, with server-side apply on the
 * status subresource under the writer's own field manager (so writers of other fields of
 * the same status, like the GitRepo controller or an agent, keep theirs), and only when it
 * differs from what the object shows over the fields that writer owns.
 */
import type { KubeObject } from '../../api/meta.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { statusChanged } from './status-change.js';

export interface StatusWrite {
  readonly object: KubeObject;
  readonly status: object;
  /** The fields this writer owns (top-level names or dotted paths). */
  readonly owned: readonly string[];
}

/** Returns whether it wrote. */
export async function writeStatusIfChanged(client: ObjectClient, write: StatusWrite, options: { fieldManager: string; signal?: AbortSignal }): Promise<boolean> {
  const { object, status, owned } = write;
  if (!statusChanged(owned, status, object.status as object | undefined)) return false;
  const patch = { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata.name, namespace: object.metadata.namespace }, status };
  await client.apply(patch, { fieldManager: options.fieldManager, force: true, subresource: 'status', ...(options.signal ? { signal: options.signal } : {}) });
  return true;
}
