/**
 * fleet.yaml options as a Bundle spec holds them. The two shapes are nearly the same (both
 * follow Fleet's BundleDeploymentOptions); the differences are Fleet's own: fleet.yaml's
 * `targetNamespace` is the forced namespace, so it lands in `namespace` (and wins over it,
 * as the narrower of the two), and a GitRepo's `targetNamespace`, `serviceAccount`,
 * `keepResources`, `deleteNamespace` and `correctDrift` are copied onto every bundle, as
 * `fleet apply` does with its command-line flags.
 */
import type { BundleDeploymentOptions, ManagedNamespaceItem } from '../../api/bundle-options.js';
import type { BundleTarget } from '../../api/bundle-target.js';
import type { GitRepoSpec } from '../../api/git-repo.js';
import type { BundleOptions, FleetYaml, ManagedNamespaceDefinition, TargetCustomization } from '../../bundle/index.js';
import { toManagedNamespaceItem } from '../content/managed-namespace-shape.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const COPIED = ['defaultNamespace', 'serviceAccount', 'namespaceLabels', 'namespaceAnnotations', 'yaml', 'kustomize', 'helm', 'diff', 'correctDrift', 'keepResources', 'deleteNamespace', 'ignore'] as const;

/** The Bundle spec form of fleet.yaml (or target customization) options; inputs are not changed. */
export function specOptions(options: BundleOptions): BundleDeploymentOptions {
  const out: Mutable<BundleDeploymentOptions> = {};
  for (const key of COPIED) {
    if (options[key] !== undefined) (out as Record<string, unknown>)[key] = structuredClone(options[key]);
  }
  const forced = options.targetNamespace || options.namespace;
  if (forced) out.namespace = forced;
  return out;
}

/** A bundle's own options from its fleet.yaml (no GitRepo, no cluster): options and managed namespaces. */
export function fleetYamlOptions(fy: FleetYaml): BundleDeploymentOptions {
  const managed = managedNamespaceItems(fy.managedNamespaces);
  return { ...specOptions(fy), ...(managed ? { managedNamespaces: managed } : {}) };
}

/** What the GitRepo imposes on each of its bundles; its own choices win over fleet.yaml's. */
export function gitRepoOptions(spec: GitRepoSpec): BundleDeploymentOptions {
  return {
    ...(spec.targetNamespace ? { namespace: spec.targetNamespace } : {}),
    ...(spec.serviceAccount ? { serviceAccount: spec.serviceAccount } : {}),
    ...(spec.keepResources ? { keepResources: true } : {}),
    ...(spec.deleteNamespace ? { deleteNamespace: true } : {}),
    ...(spec.correctDrift ? { correctDrift: structuredClone(spec.correctDrift) } : {}),
  };
}

/** A fleet.yaml target customization as a Bundle target: matchers, doNotDeploy and options. */
export function customizationTarget(tc: TargetCustomization): BundleTarget {
  return {
    ...(tc.name !== undefined ? { name: tc.name } : {}),
    ...(tc.clusterName !== undefined ? { clusterName: tc.clusterName } : {}),
    ...(tc.clusterSelector !== undefined ? { clusterSelector: structuredClone(tc.clusterSelector) } : {}),
    ...(tc.clusterGroup !== undefined ? { clusterGroup: tc.clusterGroup } : {}),
    ...(tc.clusterGroupSelector !== undefined ? { clusterGroupSelector: structuredClone(tc.clusterGroupSelector) } : {}),
    ...(tc.doNotDeploy ? { doNotDeploy: true } : {}),
    ...specOptions(tc),
  };
}

/** fleet.yaml `managedNamespaces` as the Bundle spec lists them. */
export function managedNamespaceItems(items: readonly ManagedNamespaceDefinition[] | undefined): ManagedNamespaceItem[] | undefined {
  if (items === undefined || items.length === 0) return undefined;
  return items.map(toManagedNamespaceItem);
}
