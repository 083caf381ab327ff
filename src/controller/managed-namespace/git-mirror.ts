/**
 * ManagedNamespace records for fleet.yaml `managedNamespaces` items. Such an item is rendered
 * into its path's Bundle and placed by that Bundle's targets; the controller also keeps one
 * ManagedNamespace per item, labelled as coming from git and with the Bundle's name, and
 * owned by the GitRepo, so status, `show` and `list` work as for the CLI's. The CLI refuses
 * to change these records; git is their source.
 */
import type { Bundle } from '../../api/bundle.js';
import { API_VERSION } from '../../api/group.js';
import type { ManagedNamespace } from '../../api/managed-namespace.js';
import { LABELS } from '../../api/names.js';
import { managedNamespaceBundleName } from './managed-namespace-bundle.js';

/** The value of `flotilla.io/managed-namespace-source` on records mirrored from fleet.yaml. */
export const SOURCE_GIT = 'git';
/** The value on ManagedNamespaces the CLI writes. */
export const SOURCE_CLI = 'cli';

/** True when the record mirrors a fleet.yaml item, so only git may change it. */
export function isFromGit(mns: Pick<ManagedNamespace, 'metadata'>): boolean {
  return mns.metadata.labels?.[LABELS.managedNamespaceSource] === SOURCE_GIT;
}

/** `<workspace>/<bundle>` of the path Bundle a git record mirrors, or undefined for others. */
export function mirroredBundleKey(mns: Pick<ManagedNamespace, 'metadata'>): string | undefined {
  const bundle = mns.metadata.labels?.[LABELS.bundleName];
  return isFromGit(mns) && bundle ? `${mns.metadata.namespace ?? ''}/${bundle}` : undefined;
}

/** The Bundle that carries the namespace: its own `mns-` Bundle, or (from git) its path's. */
export function carryingBundle(mns: Pick<ManagedNamespace, 'metadata'>): string {
  return isFromGit(mns) ? (mns.metadata.labels?.[LABELS.bundleName] ?? '') : managedNamespaceBundleName(mns.metadata.name ?? '');
}

/** The records a GitRepo path's Bundle should have, one per item; none for other Bundles. */
export function desiredMirrors(bundle: Bundle): ManagedNamespace[] {
  const repo = bundle.metadata.labels?.[LABELS.repoName];
  if (repo === undefined) return [];
  const owners = (bundle.metadata.ownerReferences ?? []).filter((o) => o.kind === 'GitRepo');
  return (bundle.spec.managedNamespaces ?? []).map(({ name, ...definition }) => ({
    apiVersion: API_VERSION,
    kind: 'ManagedNamespace',
    metadata: {
      name,
      namespace: bundle.metadata.namespace,
      labels: { [LABELS.managedNamespaceSource]: SOURCE_GIT, [LABELS.repoName]: repo, [LABELS.bundleName]: bundle.metadata.name ?? '' },
      ...(owners.length > 0 ? { ownerReferences: owners.map((o) => ({ ...o, controller: false })) } : {}),
    },
    spec: structuredClone(definition),
  }));
}
