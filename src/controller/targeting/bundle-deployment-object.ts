/**
 * The BundleDeployment one Bundle should have on one cluster after a rollout decision: named
 * like the Bundle, in the cluster's namespace, labelled with the bundle, the cluster and the
 * Content it applies, staging the new deploymentID and options and deploying them only when
 * the rollout promoted them (a held one keeps the options of the id it still deploys).
 */
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment, BundleDeploymentSpec } from '../../api/bundle-deployment.js';
import type { BundleDeploymentOptions } from '../../api/bundle-options.js';
import { API_VERSION } from '../../api/group.js';
import { LABELS, clusterNamespaceName } from '../../api/names.js';
import { parseDeploymentId } from '../../bundle/index.js';
import { canonicalJson, type BundleOptions, type RolloutDecision, type TargetCluster } from '../../targeting/index.js';

export interface DesiredDeploymentInput {
  readonly bundle: Bundle;
  readonly cluster: TargetCluster;
  readonly rollout: RolloutDecision;
  /** The options resolved for the cluster: what the staged deploymentID applies. */
  readonly options: BundleOptions;
  readonly current?: BundleDeployment;
}

/** Targeting's per-cluster settings (labels, paused) are not deployment options: the kind has no room for them. */
export function deploymentOptions(options: BundleOptions): BundleDeploymentOptions {
  const { labels: _labels, paused: _paused, ...rest } = options;
  return rest;
}

/** The labels every BundleDeployment of a Bundle shares, built once per Bundle object (a pass plans thousands). */
const bundleLabelsCache = new WeakMap<Bundle, Readonly<Record<string, string>>>();

function bundleLabels(bundle: Bundle): Readonly<Record<string, string>> {
  let labels = bundleLabelsCache.get(bundle);
  if (!labels) {
    labels = {
      // The bundle's own labels come along so dependsOn selectors and users can select by them.
      ...bundle.metadata.labels,
      [LABELS.bundleName]: bundle.metadata.name ?? '',
      [LABELS.bundleNamespace]: bundle.metadata.namespace ?? '',
      [LABELS.managed]: 'true',
    };
    bundleLabelsCache.set(bundle, labels);
  }
  return labels;
}

function labelsFor(input: DesiredDeploymentInput, deploymentId: string): Record<string, string> {
  const labels = { ...bundleLabels(input.bundle) };
  labels[LABELS.clusterName] = input.cluster.name;
  labels[LABELS.clusterNamespace] = input.cluster.namespace;
  labels[LABELS.contentName] = parseDeploymentId(deploymentId).contentName;
  return labels;
}

export function desiredBundleDeployment(input: DesiredDeploymentInput): BundleDeployment {
  const { bundle, cluster, rollout, options, current } = input;
  const staged = deploymentOptions(options);
  const deployed = rollout.deploymentId === rollout.stagedDeploymentId ? staged : current?.spec.options;
  const paused = Boolean(bundle.spec.paused || cluster.paused || options.paused);
  const spec: BundleDeploymentSpec = {
    stagedDeploymentID: rollout.stagedDeploymentId,
    stagedOptions: staged,
    ...(rollout.deploymentId ? { deploymentID: rollout.deploymentId } : {}),
    ...(rollout.deploymentId && deployed ? { options: deployed } : {}),
    ...(paused ? { paused } : {}),
    ...(bundle.spec.dependsOn && bundle.spec.dependsOn.length > 0 ? { dependsOn: bundle.spec.dependsOn } : {}),
    ...(options.correctDrift ? { correctDrift: options.correctDrift } : {}),
  };
  return {
    apiVersion: API_VERSION,
    kind: 'BundleDeployment',
    metadata: {
      name: bundle.metadata.name ?? '',
      namespace: clusterNamespaceName(cluster.namespace, cluster.name),
      labels: labelsFor(input, rollout.deploymentId || rollout.stagedDeploymentId),
    },
    spec,
  };
}

const SPEC_FIELDS: readonly (keyof BundleDeploymentSpec)[] = ['stagedDeploymentID', 'stagedOptions', 'deploymentID', 'options', 'paused', 'dependsOn', 'correctDrift'];

/** True when `want` holds everything of `have` that matters; the server may add defaults `want` lacks. */
function covers(want: unknown, have: unknown): boolean {
  if (want === have) return true;
  if (typeof want !== 'object' || want === null || Array.isArray(want)) return canonicalJson(want) === canonicalJson(have);
  if (typeof have !== 'object' || have === null || Array.isArray(have)) return false;
  const w = want as Record<string, unknown>;
  const h = have as Record<string, unknown>;
  for (const k in w) if (w[k] !== undefined && !covers(w[k], h[k])) return false;
  return true;
}

/** Whether writing `desired` would change `current` (labels and spec); unchanged ones are not written. */
export function deploymentChanged(desired: BundleDeployment, current: BundleDeployment | undefined): boolean {
  if (!current) return true;
  if (!covers(desired.metadata.labels ?? {}, current.metadata.labels ?? {})) return true;
  for (const field of SPEC_FIELDS) {
    const want = desired.spec[field];
    const have = current.spec[field];
    if (want === undefined ? have !== undefined && have !== false : !covers(want, have)) return true;
  }
  return false;
}
