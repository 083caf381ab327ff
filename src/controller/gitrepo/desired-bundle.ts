/**
 * The Bundle one discovered bundle directory should be, as `fleet apply` builds it: the
 * fleet.yaml options with what the GitRepo imposes on top, the source files compressed in
 * `spec.resources`, targets in Fleet's encoding (the fleet.yaml target customizations first,
 * then the GitRepo's targets, so the first match gives a cluster its options; the GitRepo's
 * targets again as `targetRestrictions`, so a customization never reaches further than the
 * GitRepo allows), labels that say where the bundle came from, and for a Helm bundle the
 * release name (default: the Bundle's name) and the charts fetched for it.
 *
 * Deterministic: the same GitRepo spec and the same files give a byte-identical object, which
 * is what lets a commit that does not touch a path leave that path's Bundle alone.
 */
import type { Bundle, BundleRef, BundleSpec } from '../../api/bundle.js';
import type { BundleState } from '../../api/bundle-state.js';
import type { GitTarget } from '../../api/cluster-matcher.js';
import type { GitRepo } from '../../api/git-repo.js';
import { API_VERSION } from '../../api/group.js';
import type { Labels, OwnerReference } from '../../api/meta.js';
import { DEFAULT_CLUSTER_GROUP_NAME, LABELS } from '../../api/names.js';
import type { RolloutStrategy } from '../../api/rollout-strategy.js';
import type { DependsOn, DiscoveredBundle, FetchedChart } from '../../bundle/index.js';
import { customizationTarget, fleetYamlOptions, gitRepoOptions } from './bundle-spec-options.js';
import { HELM_CHARTS_ANNOTATION, helmChartsAnnotation, helmWithReleaseName } from './chart-resources.js';

/** Fleet's target for a GitRepo without targets: the ClusterGroup `default` of its workspace. */
export const DEFAULT_TARGETS: readonly GitTarget[] = Object.freeze([Object.freeze({ name: 'default', clusterGroup: DEFAULT_CLUSTER_GROUP_NAME })]);

/** The GitRepo's targets, or Fleet's default when it names none. */
export function gitRepoTargets(gitRepo: GitRepo): GitTarget[] {
  const targets = gitRepo.spec.targets ?? [];
  return structuredClone(targets.length > 0 ? targets : [...DEFAULT_TARGETS]);
}

/** The labels every Bundle of a GitRepo carries: the GitRepo's own, fleet.yaml's, and the repo name. */
export function bundleLabels(gitRepo: GitRepo, discovered: DiscoveredBundle): Labels {
  return { ...gitRepo.metadata.labels, ...discovered.fleetYaml.labels, [LABELS.repoName]: gitRepo.metadata.name ?? '' };
}

/** The owner reference that makes a GitRepo's deletion remove its Bundles. */
export function gitRepoOwnerReference(gitRepo: GitRepo): OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: 'GitRepo',
    name: gitRepo.metadata.name ?? '',
    uid: gitRepo.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function dependsOn(list: readonly DependsOn[] | undefined): BundleRef[] | undefined {
  if (list === undefined || list.length === 0) return undefined;
  return list.map((d) => ({
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.selector !== undefined ? { selector: structuredClone(d.selector) } : {}),
    ...(d.acceptedStates !== undefined ? { acceptedStates: [...d.acceptedStates] as BundleState[] } : {}),
  }));
}

function bundleSpec(gitRepo: GitRepo, discovered: DiscoveredBundle): BundleSpec {
  const fy = discovered.fleetYaml;
  const targets = gitRepoTargets(gitRepo);
  const customizations = (fy.targetCustomizations ?? []).map(customizationTarget);
  const paused = Boolean(gitRepo.spec.paused) || Boolean(fy.paused);
  const helm = helmWithReleaseName(fy.helm, discovered);
  const spec: BundleSpec = {
    ...fleetYamlOptions(fy),
    ...(helm ? { helm: structuredClone(helm) } : {}),
    ...gitRepoOptions(gitRepo.spec),
    ...(gitRepo.spec.forceSyncGeneration ? { forceSyncGeneration: gitRepo.spec.forceSyncGeneration } : {}),
    ...(paused ? { paused: true } : {}),
    resources: discovered.resources.map((r) => ({ ...r })),
    targets: [...customizations, ...targets],
    targetRestrictions: structuredClone(targets),
  };
  const deps = dependsOn(fy.dependsOn);
  if (deps) spec.dependsOn = deps;
  if (fy.rolloutStrategy) spec.rolloutStrategy = structuredClone(fy.rolloutStrategy) as RolloutStrategy;
  return spec;
}

/**
 * The Bundle for one discovered bundle of a GitRepo, without bookkeeping that changes per
 * commit (the commit label and the spec hash are added by the plan, only when it writes).
 * `keepResources` leaves the owner reference out, so deleting the GitRepo keeps its Bundles.
 */
export function desiredBundle(gitRepo: GitRepo, discovered: DiscoveredBundle, charts?: readonly FetchedChart[]): Bundle {
  const owned = !gitRepo.spec.keepResources;
  const fetched = helmChartsAnnotation(charts);
  return {
    apiVersion: API_VERSION,
    kind: 'Bundle',
    metadata: {
      name: discovered.name,
      namespace: gitRepo.metadata.namespace,
      labels: bundleLabels(gitRepo, discovered),
      ...(fetched ? { annotations: { [HELM_CHARTS_ANNOTATION]: fetched } } : {}),
      ...(owned ? { ownerReferences: [gitRepoOwnerReference(gitRepo)] } : {}),
    },
    spec: bundleSpec(gitRepo, discovered),
  };
}
