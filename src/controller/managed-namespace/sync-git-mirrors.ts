/**
 * One reconcile of a GitRepo path's Bundle for its fleet.yaml `managedNamespaces` items:
 * the ManagedNamespace records it should have are applied, and records it no longer has (the
 * item was removed, or the Bundle deleted) are deleted, which runs their finalizer. A name
 * already taken by a ManagedNamespace from another source is left alone and logged: the
 * first definition keeps it.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import { API_VERSION } from '../../api/group.js';
import type { ManagedNamespace } from '../../api/managed-namespace.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ReadonlyObjectCache } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { FIELD_MANAGER } from '../field-manager.js';
import { desiredMirrors, mirroredBundleKey } from './git-mirror.js';
import { isManagedNamespaceBundle } from './managed-namespace-bundle.js';

/** ManagedNamespaces by the `<workspace>/<bundle>` they mirror (git records only). */
export const MIRRORS_BY_BUNDLE = 'mirrored-bundle';

export interface MirrorDeps {
  client: ObjectClient;
  managedNamespaces: ReadonlyObjectCache<ManagedNamespace>;
  bundles: ReadonlyObjectCache<Bundle>;
}

export interface MirrorRequest {
  /** `<workspace>/<bundle>`. */
  key: string;
  logger: Logger;
  signal: AbortSignal;
}

function unchanged(stored: ManagedNamespace, desired: ManagedNamespace): boolean {
  const labels = desired.metadata.labels ?? {};
  const sameLabels = Object.entries(labels).every(([k, v]) => stored.metadata.labels?.[k] === v);
  return sameLabels && JSON.stringify(stored.spec) === JSON.stringify(desired.spec);
}

function keyOf(mns: ManagedNamespace): string {
  return `${mns.metadata.namespace ?? ''}/${mns.metadata.name ?? ''}`;
}

/** Applies the records the Bundle should have; returns their keys. */
async function applyMirrors(deps: MirrorDeps, request: MirrorRequest, desired: readonly ManagedNamespace[]): Promise<Set<string>> {
  const wanted = new Set<string>();
  for (const mirror of desired) {
    const key = keyOf(mirror);
    const stored = deps.managedNamespaces.get(key);
    if (stored && mirroredBundleKey(stored) !== request.key) {
      request.logger.warn({ managedNamespace: key }, 'a ManagedNamespace of this name comes from another source; the fleet.yaml item is not mirrored');
      continue;
    }
    wanted.add(key);
    if (!stored || !unchanged(stored, mirror)) await deps.client.apply(mirror, { fieldManager: FIELD_MANAGER, force: true, signal: request.signal });
  }
  return wanted;
}

async function deleteStale(deps: MirrorDeps, request: MirrorRequest, wanted: ReadonlySet<string>): Promise<void> {
  const stale = deps.managedNamespaces.byIndex(MIRRORS_BY_BUNDLE, request.key).filter((m) => !wanted.has(keyOf(m)) && !m.metadata.deletionTimestamp);
  for (const m of stale) {
    try {
      await deps.client.delete({ apiVersion: API_VERSION, kind: 'ManagedNamespace', namespace: m.metadata.namespace ?? '', name: m.metadata.name ?? '' }, { signal: request.signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export async function syncGitMirrors(deps: MirrorDeps, request: MirrorRequest): Promise<ReconcileResult> {
  const bundle = deps.bundles.get(request.key);
  const live = bundle && !isManagedNamespaceBundle(bundle) && !bundle.metadata.deletionTimestamp;
  const wanted = await applyMirrors(deps, request, live ? desiredMirrors(bundle) : []);
  await deleteStale(deps, request, wanted);
  return reconcileResult.done();
}
