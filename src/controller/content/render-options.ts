/**
 * The renderer's options for one resolved set of deployment options. The Bundle spec (and a
 * BundleDeployment's options) say what to render in Fleet's field names; src/bundle's
 * renderer takes them flattened. One translation, shared by the default render here and the
 * per-target renders of the targeting controller, so both render alike.
 */
import type { BundleDeploymentOptions } from '../../api/bundle-options.js';
import type { RenderOptions } from '../../bundle/index.js';
import { toManagedNamespaceDefinition } from './managed-namespace-shape.js';

export interface RenderOptionsInput {
  /** The options to render with: a Bundle spec, or one target's merged options. */
  options: BundleDeploymentOptions;
  /** The Bundle's workspace, which owns its managed namespaces. */
  workspace: string;
}

export function renderOptionsFor(input: RenderOptionsInput): RenderOptions {
  const o = input.options;
  return {
    ...(o.defaultNamespace ? { defaultNamespace: o.defaultNamespace } : {}),
    ...(o.namespace ? { namespace: o.namespace } : {}),
    ...(o.yaml?.overlays ? { overlays: [...o.yaml.overlays] } : {}),
    ...(o.kustomize?.dir ? { kustomizeDir: o.kustomize.dir } : {}),
    ...(o.helm ? { helm: structuredClone(o.helm) } : {}),
    ...(o.namespaceLabels ? { namespaceLabels: { ...o.namespaceLabels } } : {}),
    ...(o.namespaceAnnotations ? { namespaceAnnotations: { ...o.namespaceAnnotations } } : {}),
    ...(o.managedNamespaces && o.managedNamespaces.length > 0
      ? { managedNamespaces: o.managedNamespaces.map(toManagedNamespaceDefinition), managedNamespaceWorkspace: input.workspace }
      : {}),
  };
}
