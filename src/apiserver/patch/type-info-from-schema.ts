/**
 * Type information of a custom resource from its CRD's structural `openAPIV3Schema`, reading
 * the `x-kubernetes-*` extensions that steer server-side apply. `metadata` is always the
 * standard ObjectMeta, whatever the schema says of it, as for every Kubernetes object.
 */
import { OBJECT_META } from './builtin-patch-meta.js';
import { isJsonObject, type JsonValue } from './json-value.js';
import type { ListType, MapType, TypeInfo, TypeNode } from './type-info.js';

/** The part of a structural schema (apiextensions.k8s.io/v1 JSONSchemaProps) read here. */
export interface StructuralSchema {
  type?: string;
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: boolean | StructuralSchema;
  items?: StructuralSchema;
  default?: JsonValue;
  'x-kubernetes-list-type'?: ListType;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: MapType;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

export function typeInfoFromSchema(schema: StructuralSchema | undefined): TypeInfo {
  const root = nodeFromSchema(schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  return { root: withMetadata(root) };
}

function withMetadata(node: TypeNode): TypeNode {
  return { ...node, fields: { ...node.fields, metadata: OBJECT_META } };
}

function nodeFromSchema(schema: StructuralSchema): TypeNode {
  const node: { -readonly [K in keyof TypeNode]: TypeNode[K] } = {};
  if (schema.properties) {
    node.fields = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, nodeFromSchema(v)]));
  }
  if (isJsonObject(schema.additionalProperties as JsonValue)) {
    node.elements = nodeFromSchema(schema.additionalProperties as StructuralSchema);
  } else if (schema.additionalProperties === true) {
    node.elements = {};
  }
  if (schema['x-kubernetes-preserve-unknown-fields']) node.preserveUnknownFields = true;
  if (schema['x-kubernetes-map-type']) node.mapType = schema['x-kubernetes-map-type'];
  if (schema.type === 'array' || schema.items) addList(node, schema);
  return schema['x-kubernetes-embedded-resource'] ? withMetadata(node) : node;
}

function addList(node: { -readonly [K in keyof TypeNode]: TypeNode[K] }, schema: StructuralSchema): void {
  node.items = schema.items ? nodeFromSchema(schema.items) : {};
  // CRD lists are atomic unless the schema says otherwise.
  node.listType = schema['x-kubernetes-list-type'] ?? 'atomic';
  const keys = schema['x-kubernetes-list-map-keys'];
  if (node.listType !== 'map' || !keys) return;
  node.listMapKeys = keys;
  const defaults = keys.flatMap((k) => {
    const d = schema.items?.properties?.[k]?.default;
    return d === undefined ? [] : [[k, d] as const];
  });
  if (defaults.length) node.keyDefaults = Object.fromEntries(defaults);
}
