/**
 * src/api — Flotilla's API: the kinds of group flotilla.io/v1alpha1 (their TypeScript types
 * and CustomResourceDefinitions with structural schemas), the shared object metadata, the
 * condition types, the fixed names and well-known labels, and the naming rules. It imports
 * nothing else of ours; every other folder builds on it.
 *
 * `crds/` at the repository root is generated from {@link ALL_KINDS} by write-crds.ts, and a
 * test keeps the two equal.
 */
import { bundleDeploymentCrd } from './bundle-deployment.js';
import { bundleNamespaceMappingCrd } from './bundle-namespace-mapping.js';
import { bundleCrd } from './bundle.js';
import { clusterGroupCrd } from './cluster-group.js';
import { clusterRegistrationTokenCrd } from './cluster-registration-token.js';
import { clusterRegistrationCrd } from './cluster-registration.js';
import { clusterCrd } from './cluster.js';
import { contentCrd } from './content.js';
import type { CustomResourceDefinition } from './crd.js';
import { gitRepoRestrictionCrd } from './git-repo-restriction.js';
import { gitRepoCrd } from './git-repo.js';
import { managedNamespaceCrd } from './managed-namespace.js';

export * from './group.js';
export * from './meta.js';
export * from './names.js';
export * from './conditions.js';
export * from './crd.js';
export * from './structural-schema.js';
export * from './flotilla-object.js';
export * from './bundle-state.js';
export * from './bundle-summary.js';
export * from './resource-counts.js';
export * from './cluster-matcher.js';
export * from './rollout-strategy.js';
export * from './namespace-definition.js';
export * from './helm-options.js';
export * from './bundle-options.js';
export * from './bundle-target.js';
export * from './git-repo.js';
export * from './bundle.js';
export * from './bundle-deployment.js';
export * from './content.js';
export * from './cluster.js';
export * from './cluster-group.js';
export * from './cluster-registration-token.js';
export * from './cluster-registration.js';
export * from './bundle-namespace-mapping.js';
export * from './git-repo-restriction.js';
export * from './managed-namespace.js';

/** Kind names of every Flotilla kind. */
export type FlotillaKind =
  | 'GitRepo'
  | 'Bundle'
  | 'BundleDeployment'
  | 'Content'
  | 'Cluster'
  | 'ClusterGroup'
  | 'ClusterRegistrationToken'
  | 'ClusterRegistration'
  | 'BundleNamespaceMapping'
  | 'GitRepoRestriction'
  | 'ManagedNamespace';

export interface KindInfo {
  kind: FlotillaKind;
  plural: string;
  namespaced: boolean;
  crd: CustomResourceDefinition;
}

function info(kind: FlotillaKind, crd: CustomResourceDefinition): KindInfo {
  return Object.freeze({ kind, plural: crd.spec.names.plural, namespaced: crd.spec.scope === 'Namespaced', crd });
}

/** Every Flotilla kind with its CRD, in the order they are installed. */
export const ALL_KINDS: readonly KindInfo[] = Object.freeze([
  info('GitRepo', gitRepoCrd),
  info('Bundle', bundleCrd),
  info('BundleDeployment', bundleDeploymentCrd),
  info('Content', contentCrd),
  info('Cluster', clusterCrd),
  info('ClusterGroup', clusterGroupCrd),
  info('ClusterRegistrationToken', clusterRegistrationTokenCrd),
  info('ClusterRegistration', clusterRegistrationCrd),
  info('BundleNamespaceMapping', bundleNamespaceMappingCrd),
  info('GitRepoRestriction', gitRepoRestrictionCrd),
  info('ManagedNamespace', managedNamespaceCrd),
]);

/** The CRD of every Flotilla kind. */
export const ALL_CRDS: readonly CustomResourceDefinition[] = Object.freeze(ALL_KINDS.map((k) => k.crd));
