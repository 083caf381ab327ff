/**
 * The options a BundleDeployment carries (Fleet's BundleDeploymentOptions, with Fleet's field
 * names) and how a target customization is merged over a bundle's options. Merge rules are
 * Fleet's: a non-empty scalar of the customization wins, `"-"` clears a namespace or service
 * account, maps (labels, namespace labels and annotations) merge key by key, Helm values
 * merge deeply, overlays are appended, and managed namespaces merge entry by entry by name.
 */
import type { Labels } from '../api/meta.js';
import { deepMerge, isPlainObject, type JsonObject } from './deep-merge.js';

export type { JsonObject } from './deep-merge.js';

/** A role granted in a managed namespace; only `role` is read here (ClusterAdmin is restricted). */
export interface RoleAssignmentOptions {
  readonly role: string;
  readonly [field: string]: unknown;
}

/** Per-cluster settings of one managed namespace the bundle places; merged field by field. */
export interface ManagedNamespaceOptions {
  readonly name: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly roleAssignments?: readonly RoleAssignmentOptions[];
  readonly [field: string]: unknown;
}

export interface HelmOptions {
  readonly values?: JsonObject;
  readonly [field: string]: unknown;
}

export interface BundleOptions {
  /** Namespace for objects that name none. */
  readonly defaultNamespace?: string;
  /** Forces every object into this namespace (Fleet's `namespace`). */
  readonly namespace?: string;
  /** Forces every object into this namespace and refuses cluster-scoped ones (GitRepo `targetNamespace`). */
  readonly targetNamespace?: string;
  /** The service account the agent applies as on the member cluster. */
  readonly serviceAccount?: string;
  readonly labels?: Labels;
  readonly namespaceLabels?: Labels;
  readonly namespaceAnnotations?: Labels;
  readonly yaml?: { readonly overlays?: readonly string[] };
  readonly kustomize?: { readonly dir?: string };
  readonly helm?: HelmOptions;
  readonly paused?: boolean;
  readonly keepResources?: boolean;
  readonly deleteNamespace?: boolean;
  readonly correctDrift?: { readonly enabled?: boolean; readonly force?: boolean; readonly keepFailHistory?: boolean };
  readonly diff?: JsonObject;
  readonly managedNamespaces?: readonly ManagedNamespaceOptions[];
}

/** Every option field; used to pick options out of a Bundle spec or a target (nothing else enters the hash). */
export const OPTION_FIELDS = [
  'defaultNamespace',
  'namespace',
  'targetNamespace',
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
  'correctDrift',
  'diff',
  'managedNamespaces',
] as const satisfies readonly (keyof BundleOptions)[];

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
const CLEARABLE = ['defaultNamespace', 'namespace', 'targetNamespace', 'serviceAccount'] as const;
const MAPS = ['labels', 'namespaceLabels', 'namespaceAnnotations'] as const;
const REPLACED = ['kustomize', 'paused', 'keepResources', 'deleteNamespace', 'correctDrift', 'diff'] as const;

function mergeHelm(base: HelmOptions | undefined, custom: HelmOptions): HelmOptions {
  const values = base?.values && custom.values ? deepMerge(base.values, custom.values) : (custom.values ?? base?.values);
  return { ...base, ...custom, ...(values ? { values } : {}) };
}

function mergeOverlays(base: BundleOptions['yaml'], custom: NonNullable<BundleOptions['yaml']>): BundleOptions['yaml'] {
  const overlays = [...(base?.overlays ?? [])];
  for (const overlay of custom.overlays ?? []) if (!overlays.includes(overlay)) overlays.push(overlay);
  return { ...base, ...custom, overlays };
}

function mergeManagedNamespace(base: ManagedNamespaceOptions, custom: ManagedNamespaceOptions): ManagedNamespaceOptions {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(custom)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged as ManagedNamespaceOptions;
}

function mergeManagedNamespaces(
  base: readonly ManagedNamespaceOptions[] | undefined,
  custom: readonly ManagedNamespaceOptions[],
): ManagedNamespaceOptions[] {
  const result = [...(base ?? [])];
  for (const entry of custom) {
    const at = result.findIndex((b) => b.name === entry.name);
    if (at === -1) result.push(entry);
    else result[at] = mergeManagedNamespace(result[at] as ManagedNamespaceOptions, entry);
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
