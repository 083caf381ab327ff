/**
 * Manifests of a kind the member does not serve (a custom resource whose
 * CustomResourceDefinition is not installed there). They cannot be applied, but they must
 * not stop the rest of the Content either: the agent applies every other object, reports
 * the deployment failed with a message naming each missing kind, and prunes nothing until
 * the whole Content applies (so a half-applied deployment never deletes what the previous
 * one placed). Once the CRD is installed, the next re-check applies them.
 *
 * `isKindNotServed` asks discovery afresh, so a CRD deleted since the kind was cached still
 * counts as missing; `missingKindsMessage` is the pure wording.
 */
import { isNotFound } from '../kube/api-error.js';
import type { ObjectClient } from '../kube/object-client.js';
import { describeRef, type AppliedObjectRef } from './object-ref.js';

/** The reason the BundleDeployment's Installed and Deployed conditions carry. */
export const KIND_NOT_SERVED = 'KindNotServed';

/** At most this many objects are named per kind; the rest are counted. */
const NAMED_PER_KIND = 3;

export class KindsNotServedError extends Error {
  override readonly name = 'KindsNotServedError';
  constructor(
    readonly refs: readonly AppliedObjectRef[],
    applied: number,
  ) {
    super(missingKindsMessage(refs, applied));
  }
}

/**
 * `the member does not serve kind Widget in example.com/v1 (is its CustomResourceDefinition
 * installed?): Widget shop/a, Widget shop/b; 4 other objects applied`.
 */
export function missingKindsMessage(refs: readonly AppliedObjectRef[], applied: number): string {
  const byKind = new Map<string, AppliedObjectRef[]>();
  for (const ref of refs) {
    const key = `${ref.kind} in ${ref.apiVersion}`;
    byKind.set(key, [...(byKind.get(key) ?? []), ref]);
  }
  const parts = [...byKind.entries()].map(([kind, objects]) => {
    const named = objects.slice(0, NAMED_PER_KIND).map(describeRef);
    const more = objects.length > NAMED_PER_KIND ? ` and ${objects.length - NAMED_PER_KIND} more` : '';
    return `the member does not serve kind ${kind} (is its CustomResourceDefinition installed?): ${named.join(', ')}${more}`;
  });
  return `${parts.join('; ')}; ${applied} other object${applied === 1 ? '' : 's'} applied`;
}

/** Whether an apply failed because the member has no such kind (not because of the object). */
export async function isKindNotServed(client: ObjectClient, ref: AppliedObjectRef, err: unknown): Promise<boolean> {
  if (!isNotFound(err)) return false;
  client.discovery.invalidate(ref.apiVersion);
  try {
    await client.discovery.resolve(ref);
    return false;
  } catch (resolveErr) {
    return isNotFound(resolveErr);
  }
}
