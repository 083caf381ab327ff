/**
 * Whether pruning may delete a live object an inventory lists: only when the object itself
 * says this BundleDeployment applied it. An inventory records what a deploy is about to
 * apply before it applies anything (so a crash cannot forget an object), so it can list an
 * object whose apply was refused: another tenant's ConfigMap that a repository named, which
 * the member refused to the bundle's service account. That object was never the bundle's;
 * deleting it later with the agent's own, wider rights would let a tenant delete what it may
 * not even write. An object without the annotation is kept, never guessed to be ours.
 */
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS } from '../api/names.js';

export function mayPrune(live: KubeObject, bundleDeployment: string): boolean {
  return live.metadata.annotations?.[ANNOTATIONS.bundleDeployment] === bundleDeployment;
}
