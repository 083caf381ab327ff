/**
 * Workspace tenancy: which workspaces a bundle's targets may see. Always its own; besides,
 * every namespace that a BundleNamespaceMapping of the bundle's own workspace opens, when
 * the mapping's `bundleSelector` matches the bundle's labels and its `namespaceSelector`
 * matches the namespace's labels. A mapping with a missing selector opens nothing, as in
 * Fleet, and a mapping in another workspace never applies.
 */
import { LabelSelectorError, matches, requirementsFromSelector } from '../api/label-selector.js';
import type { LabelSelector, Labels } from '../api/meta.js';
import type { WorkspaceNamespace } from './target-cluster.js';

/** A BundleNamespaceMapping (Fleet keeps both selectors at the top level). */
export interface NamespaceMapping {
  readonly name: string;
  /** The workspace the mapping lives in: it applies to that workspace's bundles only. */
  readonly namespace: string;
  readonly bundleSelector?: LabelSelector | null;
  readonly namespaceSelector?: LabelSelector | null;
}

export interface ReachableWorkspaces {
  /** The bundle's own workspace first, then every mapped one in name order. */
  readonly workspaces: readonly string[];
  /** For each mapped workspace, the mappings that opened it (for messages). */
  readonly via: ReadonlyMap<string, readonly string[]>;
  /** Mappings skipped because a selector is invalid, with why. */
  readonly invalid: readonly { readonly mapping: string; readonly message: string }[];
}

export interface ReachableWorkspacesInput {
  readonly bundle: { readonly namespace: string; readonly labels?: Labels };
  readonly mappings: readonly NamespaceMapping[];
  readonly namespaces: readonly WorkspaceNamespace[];
}

export function reachableWorkspaces(input: ReachableWorkspacesInput): ReachableWorkspaces {
  const { bundle } = input;
  const via = new Map<string, string[]>();
  const invalid: { mapping: string; message: string }[] = [];
  const own = input.mappings
    .filter((m) => m.namespace === bundle.namespace && m.bundleSelector && m.namespaceSelector)
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const mapping of own) {
    try {
      if (!matches(requirementsFromSelector(mapping.bundleSelector ?? {}), bundle.labels)) continue;
      const namespaceRequirements = requirementsFromSelector(mapping.namespaceSelector ?? {});
      for (const ns of input.namespaces) {
        if (ns.name === bundle.namespace || !matches(namespaceRequirements, ns.labels)) continue;
        via.set(ns.name, [...(via.get(ns.name) ?? []), mapping.name]);
      }
    } catch (error) {
      if (!(error instanceof LabelSelectorError)) throw error;
      invalid.push({ mapping: mapping.name, message: error.message });
    }
  }
  return { workspaces: [bundle.namespace, ...[...via.keys()].sort()], via, invalid };
}
