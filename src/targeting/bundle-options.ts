/**
 * The options a BundleDeployment carries (Fleet's BundleDeploymentOptions, with Fleet's field
 * names) and how a target customization is merged over a bundle's options. Merge rules are
 * Fleet's: a non-empty scalar of the customization wins, `"-"` clears a namespace or service
 * account, maps (labels, namespace labels and annotations) merge key by key, Helm values
 * merge deeply, overlays are appended, and managed namespaces merge entry by entry by name.
 * Helm values then get the target cluster's `${ .ClusterName }`, `${ .ClusterLabels.x }` and
 * `${ .ClusterValues.x }` substituted (substituteClusterValues), so only clusters whose
 * values differ get different options, and so a Content of their own.
 */
import type { BundleDeploymentOptions, ManagedNamespaceItem } from '../api/bundle-options.js';
import type { Labels } from '../api/meta.js';
import { deepMerge, type JsonObject } from '../api/deep-merge.js';

export type { JsonObject } from '../api/deep-merge.js';

/**
 * The kind's options (src/api/bundle-options.ts), so a Bundle spec, a target and a
 * BundleDeployment's options fit as they are, plus two per-target settings Flotilla adds:
 * labels to put on what is deployed, and `paused` (stage without deploying) per cluster.
 * `namespace` is the forced namespace, fleet.yaml's `namespace` and GitRepo's
 * `targetNamespace` alike, as in Fleet.
 */
export interface BundleOptions extends BundleDeploymentOptions {
  readonly labels?: Labels;
  readonly paused?: boolean;
}

/** Every option field; used to pick options out of a Bundle spec or a target (nothing else enters the hash). */
export const OPTION_FIELDS = [
  'defaultNamespace',
  'namespace',
  'serviceAccount',
  'labels',
  'namespaceLabels',
  'namespaceAnnotations',
  'yaml',
  'kustomize',
  'helm',
  'paused',
  'keepResources',
  'deleteNamespace',
  'deleteCRDResources',
  'forceSyncGeneration',
  'correctDrift',
  'diff',
  'ignore',
  'allowedTargetNamespaceSelector',
  'managedNamespaces',
] as const satisfies readonly (keyof BundleOptions)[];

/** Fails to compile when the kind gains an option this file does not merge. */
type Unmerged = Exclude<keyof BundleOptions, (typeof OPTION_FIELDS)[number]>;
export const ALL_OPTIONS_MERGED: [Unmerged] extends [never] ? true : never = true;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The option fields of a Bundle spec or a target, without anything else it holds. */
export function pickOptions(source: BundleOptions): BundleOptions {
  const picked: Mutable<BundleOptions> = {};
  for (const field of OPTION_FIELDS) {
    if (source[field] !== undefined) (picked as Record<string, unknown>)[field] = source[field];
  }
  return picked;
}

/** Fields where the value `"-"` clears what the bundle set, as in Fleet. */
const CLEARABLE = ['defaultNamespace', 'namespace', 'serviceAccount'] as const;
const MAPS = ['labels', 'namespaceLabels', 'namespaceAnnotations'] as const;
const REPLACED = [
  'kustomize',
  'paused',
  'keepResources',
  'deleteNamespace',
  'deleteCRDResources',
  'forceSyncGeneration',
  'correctDrift',
  'diff',
  'ignore',
  'allowedTargetNamespaceSelector',
] as const;

type HelmOptions = NonNullable<BundleOptions['helm']>;

function mergeHelm(base: HelmOptions | undefined, custom: HelmOptions): HelmOptions {
  const values = base?.values && custom.values ? deepMerge(base.values, custom.values) : (custom.values ?? base?.values);
  return { ...base, ...custom, ...(values ? { values } : {}) };
}

function mergeOverlays(base: BundleOptions['yaml'], custom: NonNullable<BundleOptions['yaml']>): BundleOptions['yaml'] {
  const overlays = [...(base?.overlays ?? [])];
  for (const overlay of custom.overlays ?? []) if (!overlays.includes(overlay)) overlays.push(overlay);
  return { ...base, ...custom, overlays };
}

/** Maps and objects (labels, annotations, quota, network policy) merge; other fields, role assignments included, are replaced. */
function mergeManagedNamespace(base: ManagedNamespaceItem, custom: ManagedNamespaceItem): ManagedNamespaceItem {
  const defined = Object.fromEntries(Object.entries(custom).filter(([, v]) => v !== undefined)) as Partial<ManagedNamespaceItem>;
  const result: ManagedNamespaceItem = { ...base, ...defined };
  if (base.labels && custom.labels) result.labels = { ...base.labels, ...custom.labels };
  if (base.annotations && custom.annotations) result.annotations = { ...base.annotations, ...custom.annotations };
  if (base.resourceQuota && custom.resourceQuota) result.resourceQuota = { ...base.resourceQuota, ...custom.resourceQuota };
  if (base.networkPolicy && custom.networkPolicy) result.networkPolicy = { ...base.networkPolicy, ...custom.networkPolicy };
  return result;
}

function mergeManagedNamespaces(
  base: readonly ManagedNamespaceItem[] | undefined,
  custom: readonly ManagedNamespaceItem[],
): ManagedNamespaceItem[] {
  const result = [...(base ?? [])];
  for (const entry of custom) {
    const at = result.findIndex((b) => b.name === entry.name);
    if (at === -1) result.push(entry);
    else result[at] = mergeManagedNamespace(result[at] as ManagedNamespaceItem, entry);
  }
  return result;
}

/** `custom` merged over `base` by Fleet's rules; neither input is changed. */
export function mergeOptions(base: BundleOptions, custom: BundleOptions | undefined): BundleOptions {
  if (!custom) return base;
  const result: Mutable<BundleOptions> = { ...base };
  for (const field of CLEARABLE) {
    const value = custom[field];
    if (value === '-') delete result[field];
    else if (value) result[field] = value;
  }
  for (const field of MAPS) {
    const value = custom[field];
    if (value) result[field] = { ...base[field], ...value };
  }
  for (const field of REPLACED) {
    if (custom[field] !== undefined) (result as Record<string, unknown>)[field] = custom[field];
  }
  if (custom.helm) result.helm = mergeHelm(base.helm, custom.helm);
  if (custom.yaml) result.yaml = mergeOverlays(base.yaml, custom.yaml);
  if (custom.managedNamespaces) result.managedNamespaces = mergeManagedNamespaces(base.managedNamespaces, custom.managedNamespaces);
  return result;
}

/** What a cluster offers to `${ }` expressions in Helm values (Fleet's template context). */
export interface ClusterTemplateContext {
  readonly name: string;
  /** The Cluster's workspace namespace. */
  readonly namespace: string;
  readonly labels: Labels;
  readonly annotations?: Labels;
  /** Cluster `spec.templateValues` (Fleet's ClusterValues). */
  readonly templateValues?: JsonObject;
}

/** A `${ }` expression that names something the cluster does not have (Fleet: missingkey=error). */
export class TemplateValuesError extends Error {
  override readonly name = 'TemplateValuesError';
}

const EXPRESSION = /\$\{\s*([^}]*?)\s*\}/g;

function lookup(root: unknown, path: readonly string[], expression: string): unknown {
  let at = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !(key in at)) throw new TemplateValuesError(`\${ ${expression} }: no value for "${key}"`);
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The value of one expression: `.ClusterName`, `.ClusterNamespace`, `.ClusterLabels.k`, `.ClusterAnnotations.k`, `.ClusterValues.a.b`, or `get .ClusterLabels "k"`. */
function evaluate(expression: string, cluster: ClusterTemplateContext): unknown {
  const get = /^(?:get|index)\s+\.(ClusterLabels|ClusterAnnotations|ClusterValues)\s+"([^"]*)"$/.exec(expression);
  const [head, ...path] = get ? [get[1] as string, get[2] as string] : expression.replace(/^\./, '').split('.');
  const roots: Record<string, unknown> = {
    ClusterName: cluster.name,
    ClusterNamespace: cluster.namespace,
    ClusterLabels: cluster.labels,
    ClusterAnnotations: cluster.annotations ?? {},
    ClusterValues: cluster.templateValues ?? {},
  };
  if (!expression.startsWith('.') && !get) throw new TemplateValuesError(`\${ ${expression} }: only .ClusterName, .ClusterNamespace, .ClusterLabels, .ClusterAnnotations and .ClusterValues are supported`);
  if (head === undefined || !(head in roots)) throw new TemplateValuesError(`\${ ${expression} }: unknown name ${head ?? ''}`);
  return lookup(roots[head], path, expression);
}

function substituteString(text: string, cluster: ClusterTemplateContext): unknown {
  const whole = /^\$\{\s*([^}]*?)\s*\}$/.exec(text);
  // A value that is one expression keeps the type of what it names (a number stays a number).
  if (whole) return structuredClone(evaluate(whole[1] as string, cluster));
  return text.replace(EXPRESSION, (_match, expression: string) => {
    const value = evaluate(expression, cluster);
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  });
}

function substituteValue(value: unknown, cluster: ClusterTemplateContext): unknown {
  if (typeof value === 'string') return value.includes('${') ? substituteString(value, cluster) : value;
  if (Array.isArray(value)) return value.map((v) => substituteValue(v, cluster));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteValue(v, cluster)]));
  }
  return value;
}

/**
 * True when the options' Helm values hold `${ }` expressions to substitute per cluster. Cheap
 * enough to compute once per resolved option set, so clusters of options without any skip
 * substitution (and share one options object and hash).
 */
export function hasClusterTemplates(options: BundleOptions): boolean {
  const helm = options.helm;
  return Boolean(helm?.values) && !helm?.disablePreProcess && JSON.stringify(helm?.values).includes('${');
}

/**
 * The options with `${ }` expressions in `helm.values` replaced by the cluster's values, as
 * Fleet does before a chart is rendered for a cluster; unchanged (the same object) when there
 * is nothing to substitute or `helm.disablePreProcess` is set. Throws TemplateValuesError
 * naming the expression when the cluster lacks what it names.
 */
export function substituteClusterValues(options: BundleOptions, cluster: ClusterTemplateContext): BundleOptions {
  const helm = options.helm;
  if (!helm?.values || !hasClusterTemplates(options)) return options;
  return { ...options, helm: { ...helm, values: substituteValue(helm.values, cluster) as JsonObject } };
}
