/**
 * The Bundle a ManagedNamespace is rendered into: `mns-<name>` in the same workspace, holding
 * no files, only the definition as its one `managedNamespaces` item, so the targeting
 * controller renders it with the same code as a fleet.yaml item and agents apply it alike.
 * Placement becomes targets: one per listed member (by cluster name), or the selector or
 * group. With no placement the Bundle has no targets and the namespace lives on the hub only.
 * The Bundle is owned by its ManagedNamespace, so it goes when the definition goes.
 */
import type { Bundle } from '../../api/bundle.js';
import type { GitTarget } from '../../api/cluster-matcher.js';
import { API_VERSION } from '../../api/group.js';
import type { ManagedNamespace, ManagedNamespacePlacement } from '../../api/managed-namespace.js';
import { MAX_BUNDLE_NAME_LENGTH, limitName } from '../../api/names.js';
import type { ManagedNamespaceDefinition } from '../../bundle/index.js';
import { toManagedNamespaceItem } from '../content/index.js';

/** Label on an `mns-` Bundle naming the ManagedNamespace it carries. */
export const MANAGED_NAMESPACE_BUNDLE_LABEL = 'flotilla.io/managed-namespace-name';

/** `mns-<name>`, cut to a Bundle name's 53 characters with a hash suffix when longer. */
export function managedNamespaceBundleName(name: string): string {
  return limitName(`mns-${name}`, MAX_BUNDLE_NAME_LENGTH);
}

/** The placement as Bundle targets, in Fleet's encoding. */
export function placementTargets(placement: ManagedNamespacePlacement): GitTarget[] {
  const members = [...new Set(placement.memberClusterNames ?? [])].sort();
  if (members.length > 0) return members.map((clusterName) => ({ name: clusterName, clusterName }));
  if (placement.clusterSelector) return [{ name: 'selector', clusterSelector: structuredClone(placement.clusterSelector) }];
  if (placement.clusterGroup) return [{ name: 'group', clusterGroup: placement.clusterGroup }];
  return [];
}

export function desiredManagedNamespaceBundle(mns: ManagedNamespace, definition: ManagedNamespaceDefinition): Bundle {
  const name = mns.metadata.name ?? '';
  const targets = placementTargets(mns.spec);
  return {
    apiVersion: API_VERSION,
    kind: 'Bundle',
    metadata: {
      name: managedNamespaceBundleName(name),
      namespace: mns.metadata.namespace,
      labels: { [MANAGED_NAMESPACE_BUNDLE_LABEL]: name },
      ownerReferences: [
        { apiVersion: API_VERSION, kind: 'ManagedNamespace', name, uid: mns.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      managedNamespaces: [toManagedNamespaceItem(definition)],
      resources: [],
      targets,
    },
  };
}

/** `true` for a Bundle this controller writes (as opposed to a GitRepo path's Bundle). */
export function isManagedNamespaceBundle(bundle: Bundle): boolean {
  return bundle.metadata.labels?.[MANAGED_NAMESPACE_BUNDLE_LABEL] !== undefined;
}
