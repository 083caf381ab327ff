/**
 * Resolving the options one target gets: the fleet.yaml options overridden by the matching
 * target customization, with Fleet's merge rules (options.Merge): a non-empty string in the
 * customization wins and `-` clears it, overlays are appended, kustomize dir is replaced,
 * namespace labels and annotations are merged key by key, compare patches are merged by
 * object, keepResources is or-ed and correctDrift replaced. Choosing *which*
 * customization matches a cluster is src/targeting's job; this only merges.
 */
import type { BundleOptions, ComparePatch } from './fleet-yaml.js';

const STRING_KEYS = ['defaultNamespace', 'namespace', 'targetNamespace', 'serviceAccount'] as const;

function pickOptions(source: BundleOptions): BundleOptions {
  const keys: Array<keyof BundleOptions> = [
    ...STRING_KEYS, 'namespaceLabels', 'namespaceAnnotations', 'yaml', 'kustomize', 'diff', 'correctDrift',
    'keepResources', 'deleteNamespace', 'ignore',
  ];
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = structuredClone(source[key]);
  return out as BundleOptions;
}

function comparePatchKey(p: ComparePatch): string {
  return [p.apiVersion, p.kind, p.namespace, p.name].join('|');
}

/** The options of `base` (fleet.yaml) with `custom` (a target customization) applied. Inputs are not changed. */
export function mergeBundleOptions(base: BundleOptions, custom?: BundleOptions): BundleOptions {
  const result = pickOptions(base);
  if (custom === undefined) return result;
  mergeStrings(result, custom);
  mergeRendering(result, custom);
  mergeDeployment(result, custom);
  return result;
}

function mergeStrings(result: BundleOptions, custom: BundleOptions): void {
  for (const key of STRING_KEYS) {
    const value = custom[key];
    if (value === '-') delete result[key];
    else if (value) result[key] = value;
  }
}

function mergeRendering(result: BundleOptions, custom: BundleOptions): void {
  if (custom.yaml?.overlays) result.yaml = { overlays: [...(result.yaml?.overlays ?? []), ...custom.yaml.overlays] };
  if (custom.kustomize?.dir) result.kustomize = { dir: custom.kustomize.dir };
  if (custom.namespaceLabels) result.namespaceLabels = { ...result.namespaceLabels, ...custom.namespaceLabels };
  if (custom.namespaceAnnotations) result.namespaceAnnotations = { ...result.namespaceAnnotations, ...custom.namespaceAnnotations };
}

function mergeDeployment(result: BundleOptions, custom: BundleOptions): void {
  if (custom.diff?.comparePatches) {
    const byKey = new Map((result.diff?.comparePatches ?? []).map((p) => [comparePatchKey(p), p]));
    for (const p of custom.diff.comparePatches) byKey.set(comparePatchKey(p), structuredClone(p));
    result.diff = { comparePatches: [...byKey.values()] };
  }
  if (custom.correctDrift) result.correctDrift = { ...custom.correctDrift };
  if (custom.keepResources) result.keepResources = true;
  if (custom.deleteNamespace !== undefined) result.deleteNamespace = custom.deleteNamespace;
}
