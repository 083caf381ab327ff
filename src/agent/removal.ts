/**
 * What happens on a member when a managed namespace leaves it (its definition was deleted
 * or the member dropped from the list), by the delete policy the Namespace carries:
 * - `Keep`: the namespace and everything in it stay (its quota and network policy too);
 *   Flotilla's bookkeeping labels and annotations are removed so it is an ordinary
 *   namespace again, and the role bindings Flotilla created are deleted so delegated access
 *   ends;
 * - `Delete`: the namespace is deleted (and with it everything inside); cluster-scoped
 *   bindings go too.
 * A namespace another owner manages now (another definition's owner label, another hub's
 * `managed-by`) is never deleted nor changed; one already gone needs nothing.
 */
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS } from '../api/well-known.js';
import { DELETE_POLICIES, type DeletePolicy } from '../bundle/index.js';
import type { AppliedObjectRef } from './object-ref.js';

export interface RemovalInput {
  /** The namespace's name. */
  namespace: string;
  /** The owner label value this bundle gave it. */
  owner: string;
  /** The namespace on the member, or undefined when gone. */
  live: KubeObject | undefined;
  hub: string;
  /** Objects this bundle applied for the definition (quota, network policy, bindings). */
  children: readonly AppliedObjectRef[];
}

export type NamespaceRemoval =
  | { action: 'none'; reason: 'Gone' }
  | { action: 'refuse'; message: string }
  | { action: 'release'; removeLabels: string[]; removeAnnotations: string[] }
  | { action: 'delete' };

export interface RemovalPlan {
  /** The namespace's name. */
  name: string;
  policy: DeletePolicy;
  namespace: NamespaceRemoval;
  /** Children to delete. */
  deleteObjects: AppliedObjectRef[];
  /** Children that stay, with Flotilla's bookkeeping labels removed. */
  releaseObjects: AppliedObjectRef[];
}

/** Labels and annotations that mark an object as Flotilla's; removed on release. */
export const BOOKKEEPING_LABELS: readonly string[] = Object.freeze([LABELS.managedNamespace, LABELS.managedBy, LABELS.bundleName, LABELS.bundleNamespace]);
export const BOOKKEEPING_ANNOTATIONS: readonly string[] = Object.freeze([
  ANNOTATIONS.adoptionPolicy,
  ANNOTATIONS.deletePolicy,
  ANNOTATIONS.adopted,
  ANNOTATIONS.bundleDeployment,
  ANNOTATIONS.deploymentId,
  ANNOTATIONS.agentVersion,
]);

export function deletePolicyOf(namespace: KubeObject | undefined): DeletePolicy {
  const value = namespace?.metadata.annotations?.[ANNOTATIONS.deletePolicy];
  return (DELETE_POLICIES as readonly string[]).includes(value ?? '') ? (value as DeletePolicy) : 'Keep';
}

const isBinding = (ref: AppliedObjectRef) => ref.kind === 'RoleBinding' || ref.kind === 'ClusterRoleBinding';

function ownedByOther(input: RemovalInput, live: KubeObject): string | undefined {
  const labels = live.metadata.labels ?? {};
  const hub = labels[LABELS.managedBy];
  const owner = labels[LABELS.managedNamespace];
  if (hub !== undefined && hub !== input.hub) return `another Flotilla hub (${hub})`;
  if (owner !== undefined && owner !== input.owner) return `another managed namespace (${owner})`;
  return undefined;
}

export function decideRemoval(input: RemovalInput): RemovalPlan {
  const policy = deletePolicyOf(input.live);
  const name = input.namespace;
  const bindings = input.children.filter(isBinding);
  if (!input.live) return { name, policy, namespace: { action: 'none', reason: 'Gone' }, deleteObjects: bindings, releaseObjects: [] };
  const other = ownedByOther(input, input.live);
  if (other) {
    // Its bindings are still ours (they carry our owner label); only the namespace is someone else's now.
    const message = `namespace ${input.namespace} is now managed by ${other}; leaving it in place`;
    return { name, policy, namespace: { action: 'refuse', message }, deleteObjects: bindings, releaseObjects: [] };
  }
  if (policy === 'Delete') {
    // Deleting the namespace takes its namespaced children with it; cluster-scoped bindings need their own delete.
    return { name, policy, namespace: { action: 'delete' }, deleteObjects: input.children.filter((c) => !c.namespace), releaseObjects: [] };
  }
  const namespace: NamespaceRemoval = { action: 'release', removeLabels: [...BOOKKEEPING_LABELS], removeAnnotations: [...BOOKKEEPING_ANNOTATIONS] };
  return { name, policy, namespace, deleteObjects: bindings, releaseObjects: input.children.filter((c) => !isBinding(c)) };
}
