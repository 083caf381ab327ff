/**
 * A custom resource's schema as Kubernetes publishes it: the CRD version's openAPIV3Schema
 * with `apiVersion`, `kind` and `metadata` filled in and the group-version-kind extension,
 * named by the reversed group (`flotilla.io` → `io.flotilla.v1alpha1.GitRepo`), plus its list.
 */
import type { SchemaMap } from './kubernetes-schemas.js';
import type { JsonSchema, ServedResource } from './served-resource.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
/** Built-in kinds whose standard field descriptions custom kinds reuse, as Kubernetes does. */
const OBJECT_DESCRIPTIONS_FROM = 'io.k8s.api.core.v1.ConfigMap';
const LIST_DESCRIPTIONS_FROM = 'io.k8s.api.core.v1.ConfigMapList';

/** `stable.example.com` → `com.example.stable`, the prefix Kubernetes names CRD schemas with. */
export function reverseGroup(group: string): string {
  return group.split('.').reverse().join('.');
}

export function customSchemaName(group: string, version: string, kind: string): string {
  return `${reverseGroup(group)}.${version}.${kind}`;
}

function ref(name: string, description?: string): JsonSchema {
  // Kubernetes wraps a described reference in allOf so the description is not lost beside $ref.
  return description ? { allOf: [{ $ref: `#/components/schemas/${name}` }], description } : { $ref: `#/components/schemas/${name}` };
}

function standardDescription(schemas: SchemaMap, field: string, from = OBJECT_DESCRIPTIONS_FROM): string | undefined {
  const props = schemas[from]?.properties as Record<string, { description?: string }> | undefined;
  return props?.[field]?.description;
}

function described(type: string, description: string | undefined): JsonSchema {
  return description ? { type, description } : { type };
}

/** The object and list schemas of one custom resource version, keyed by schema name. */
export function customResourceSchemas(resource: ServedResource, schemas: SchemaMap): Record<string, JsonSchema> {
  const { group, version, kind } = resource;
  const listKind = resource.listKind ?? `${kind}List`;
  const name = customSchemaName(group, version, kind);
  const base: JsonSchema = resource.crdSchema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const baseProps = (base.properties ?? {}) as Record<string, JsonSchema>;
  const typeMeta = {
    apiVersion: described('string', standardDescription(schemas, 'apiVersion')),
    kind: described('string', standardDescription(schemas, 'kind')),
  };
  const object: JsonSchema = {
    ...base,
    type: 'object',
    properties: {
      ...typeMeta,
      metadata: ref(OBJECT_META, standardDescription(schemas, 'metadata')),
      ...withoutTypeMeta(baseProps),
    },
    'x-kubernetes-group-version-kind': [{ group, kind, version }],
  };
  const list: JsonSchema = {
    description: `${listKind} is a list of ${kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      ...typeMeta,
      items: { type: 'array', description: `The ${resource.plural} in this list.`, items: ref(name) },
      metadata: ref(LIST_META, standardDescription(schemas, 'metadata', LIST_DESCRIPTIONS_FROM)),
    },
    'x-kubernetes-group-version-kind': [{ group, kind: listKind, version }],
  };
  return { [name]: object, [`${reverseGroup(group)}.${version}.${listKind}`]: list };
}

function withoutTypeMeta(props: Record<string, JsonSchema>): Record<string, JsonSchema> {
  // A CRD may declare apiVersion/kind/metadata itself; the published schema always uses the standard ones.
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = props;
  return rest;
}
