/**
 * The few writes registration makes, shared by its reconcilers: server-side apply as
 * `flotilla-registration` (its own field manager, so the cluster reconciler's fields on a
 * shared cluster namespace are never taken over), and deletes that tolerate absence.
 */
import type { KubeObject } from '../../api/meta.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient, ObjectRef } from '../../kube/object-client.js';
import { applyWaves } from './apply-waves.js';

export const REGISTRATION_FIELD_MANAGER = 'flotilla-registration';

export async function applyObjects(client: ObjectClient, objects: readonly KubeObject[], signal?: AbortSignal): Promise<void> {
  for (const obj of objects) await client.apply(obj, { fieldManager: REGISTRATION_FIELD_MANAGER, force: true, signal });
}

/** Applies the objects wave by wave (apply-waves.ts), each wave's writes at once; the applied objects come back by name. */
export async function applyInWaves(client: ObjectClient, objects: readonly KubeObject[], signal?: AbortSignal): Promise<Map<string, KubeObject>> {
  const applied = new Map<string, KubeObject>();
  for (const wave of applyWaves(objects)) {
    const results = await Promise.all(wave.map((obj) => client.apply<KubeObject>(obj, { fieldManager: REGISTRATION_FIELD_MANAGER, force: true, signal })));
    for (const result of results) applied.set(appliedKey(result), result);
  }
  return applied;
}

/** `<kind>/<namespace>/<name>`, the key applyInWaves returns an applied object under. */
export function appliedKey(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export async function getOrUndefined<T extends KubeObject>(client: ObjectClient, ref: ObjectRef, signal?: AbortSignal): Promise<T | undefined> {
  try {
    return await client.get<T>(ref, { signal });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Deletes each object that exists and carries `label` (so a namesake someone else made is left alone). */
export async function deleteLabelled(client: ObjectClient, refs: readonly ObjectRef[], label: { key: string; value: string }, signal?: AbortSignal): Promise<void> {
  for (const ref of refs) {
    const live = await getOrUndefined(client, ref, signal);
    if (live?.metadata.labels?.[label.key] !== label.value) continue;
    try {
      await client.delete(ref, { signal, preconditions: live.metadata.uid ? { uid: live.metadata.uid } : undefined });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export function refOf(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) };
}
