/**
 * Fleet's namespace rules for a bundle's objects, applied after rendering:
 * - `targetNamespace` puts every object in that namespace and refuses cluster-scoped ones;
 * - otherwise `namespace` puts every namespaced object in that namespace;
 * - otherwise a namespaced object without a namespace gets `defaultNamespace` (default `default`);
 * - cluster-scoped objects never carry a namespace.
 * Scope comes from builtin-kinds.ts and the bundle's own CRDs.
 */
import type { KubeObject } from '../api/meta.js';
import { BundleError } from './bundle-error.js';
import { crdScopes, scopeOf } from './builtin-kinds.js';

export interface NamespaceOptions {
  defaultNamespace?: string;
  namespace?: string;
  targetNamespace?: string;
}

/** The namespace objects of this bundle land in by default (Fleet's release namespace). */
export function releaseNamespace(options: NamespaceOptions): string {
  return options.targetNamespace || options.namespace || options.defaultNamespace || 'default';
}

/** Returns copies of `objects` with the namespace rules applied. */
export function applyNamespaceRules(objects: readonly KubeObject[], options: NamespaceOptions): KubeObject[] {
  const scopes = crdScopes(objects);
  const fallback = releaseNamespace(options);
  const forced = options.targetNamespace || options.namespace || undefined;
  return objects.map((object) => {
    const copy = structuredClone(object);
    const { namespace: _ignored, ...metadata } = copy.metadata;
    if (scopeOf(object, scopes) === 'Cluster') {
      if (options.targetNamespace) {
        throw new BundleError({
          reason: 'ClusterScopedObject',
          file: `${object.kind}/${object.metadata.name ?? ''}`,
          message: `${object.kind} ${object.metadata.name ?? ''} is cluster-scoped, but targetNamespace ${options.targetNamespace} forces every object into one namespace; remove the object or use defaultNamespace`,
        });
      }
      copy.metadata = metadata;
      return copy;
    }
    copy.metadata = { ...metadata, namespace: forced ?? (object.metadata.namespace || fallback) };
    return copy;
  });
}
