/**
 * What a CustomResourceDefinition makes the API server serve, as plain data the resource
 * registry and discovery can use without knowing the CRD's shape.
 */
import type { CustomResourceColumnDefinition, CustomResourceDefinition } from './crd-types.js';
import { defaultCrd } from './crd.js';
import type { JSONSchemaProps } from './json-schema-props.js';

export interface ServedVersion {
  name: string;
  /** Whether this version is the one objects are stored in. */
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  schema?: JSONSchemaProps;
  /** Whether `/status` is a subresource: then the main resource ignores status and vice versa. */
  statusSubresource: boolean;
  scaleSubresource?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  additionalPrinterColumns: CustomResourceColumnDefinition[];
}

export interface CrdServedResources {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** The version objects are stored in, whether or not it is served. */
  storageVersion: string;
  /** Served versions only, in the CRD's order. */
  versions: ServedVersion[];
}

/** Describes what a (valid) CRD serves; the CRD's defaults (singular, listKind) are applied first. */
export function crdServedResources(crd: CustomResourceDefinition): CrdServedResources {
  const { spec } = defaultCrd(crd);
  const names = spec.names ?? {};
  const versions = spec.versions ?? [];
  return {
    group: spec.group ?? '',
    plural: names.plural ?? '',
    singular: names.singular ?? '',
    kind: names.kind ?? '',
    listKind: names.listKind ?? '',
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    namespaced: spec.scope === 'Namespaced',
    storageVersion: versions.find((v) => v.storage)?.name ?? '',
    versions: versions
      .filter((v) => v.served)
      .map((v) => ({
        name: v.name ?? '',
        storage: v.storage === true,
        deprecated: v.deprecated === true,
        ...(v.deprecationWarning !== undefined ? { deprecationWarning: v.deprecationWarning } : {}),
        ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
        statusSubresource: v.subresources?.status !== undefined,
        ...(v.subresources?.scale ? { scaleSubresource: v.subresources.scale } : {}),
        additionalPrinterColumns: v.additionalPrinterColumns ?? [],
      })),
  };
}
