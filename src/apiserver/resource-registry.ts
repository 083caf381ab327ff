/**
 * The resources one logical cluster serves: the built-in table plus whatever its
 * CustomResourceDefinitions declare. Lookups by group, version and plural serve REST; the
 * same data answers discovery.
 */
import type { KubeObject } from '../api/meta.js';
import { BUILTIN_RESOURCES } from './builtin-resources.js';
import { ALL_VERBS, resourceKey, type ResourceType, type ResourceVersionInfo } from './resource-type.js';

interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions: Array<{
    name: string;
    served: boolean;
    storage: boolean;
    schema?: { openAPIV3Schema?: Record<string, unknown> };
    subresources?: { status?: Record<string, never>; scale?: Record<string, unknown> };
    additionalPrinterColumns?: ResourceVersionInfo['additionalPrinterColumns'];
  }>;
}

/** The resource a CRD serves, or undefined when it serves no version. */
export function resourceFromCrd(crd: KubeObject): ResourceType | undefined {
  const spec = crd.spec as CrdSpec;
  const served = spec.versions.filter((v) => v.served);
  if (!served.length) return undefined;
  // The storage version is preferred, as Kubernetes orders versions for discovery.
  served.sort((a, b) => Number(b.storage) - Number(a.storage));
  const versions: ResourceVersionInfo[] = served.map((v) => ({
    name: v.name,
    served: v.served,
    storage: v.storage,
    schema: v.schema?.openAPIV3Schema,
    additionalPrinterColumns: v.additionalPrinterColumns,
    subresources: v.subresources,
  }));
  const hasStatus = served.some((v) => v.subresources?.status !== undefined);
  return {
    group: spec.group,
    versions: versions.map((v) => v.name),
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    verbs: ALL_VERBS,
    hasStatus,
    tracksGeneration: true,
    crd: { name: crd.metadata.name ?? '', uid: crd.metadata.uid ?? '', versions },
  };
}

export class ResourceRegistry {
  private readonly byKey = new Map<string, ResourceType>();

  constructor() {
    for (const r of BUILTIN_RESOURCES) this.byKey.set(resourceKey(r.group, r.plural), r);
  }

  /** Resolves a REST path's group, version and plural. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    const r = this.byKey.get(resourceKey(group, plural));
    return r && r.versions.includes(version) ? r : undefined;
  }

  byResourceKey(key: string): ResourceType | undefined {
    return this.byKey.get(key);
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    for (const r of this.byKey.values()) if (r.group === group && r.kind === kind) return r;
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  /** Serves (or re-serves) a CRD's resource; returns false when a built-in holds its name. */
  serveCrd(crd: KubeObject): ResourceType | undefined {
    const resource = resourceFromCrd(crd);
    if (!resource) {
      this.unserveCrd(crd);
      return undefined;
    }
    const key = resourceKey(resource.group, resource.plural);
    const existing = this.byKey.get(key);
    if (existing && !existing.crd) return undefined;
    this.byKey.set(key, resource);
    return resource;
  }

  unserveCrd(crd: KubeObject): void {
    for (const [key, r] of this.byKey) if (r.crd?.name === crd.metadata.name) this.byKey.delete(key);
  }

  /** Groups with their versions, preferred first, for `/api` and `/apis`. */
  groups(): Array<{ name: string; versions: string[] }> {
    const map = new Map<string, string[]>();
    for (const r of this.byKey.values()) {
      const versions = map.get(r.group) ?? [];
      for (const v of r.versions) if (!versions.includes(v)) versions.push(v);
      map.set(r.group, versions);
    }
    return [...map].map(([name, versions]) => ({ name, versions })).sort((a, b) => a.name.localeCompare(b.name));
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.all().filter((r) => r.group === group && r.versions.includes(version));
  }
}
