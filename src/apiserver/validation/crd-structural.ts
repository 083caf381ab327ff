/**
 * The structural-schema rules Kubernetes requires of apiextensions.k8s.io/v1 schemas, so
 * that pruning and defaulting are well defined: every node states its type (unless it
 * preserves unknown fields or is int-or-string), properties and additionalProperties are
 * exclusive, the root is an object whose metadata constrains only name and generateName,
 * a list-type map names its keys, and uniqueItems is refused.
 */
import type { StatusCause } from '../status.js';
import { fieldError, fieldPath } from './field-errors.js';
import type { JSONSchemaProps } from './json-schema-props.js';

export function validateStructuralSchema(schema: JSONSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (schema.type !== 'object') causes.push(fieldError.invalid(fieldPath.child(path, 'type'), schema.type ?? '', 'must be object at the root'));
  const metadata = schema.properties?.metadata;
  if (metadata) causes.push(...validateRootMetadata(metadata, fieldPath.key(fieldPath.child(path, 'properties'), 'metadata')));
  walk(schema, path, 'root', causes);
  return causes;
}

function validateRootMetadata(metadata: JSONSchemaProps, path: string): StatusCause[] {
  const allowed = new Set(['name', 'generateName']);
  const others = Object.keys(metadata.properties ?? {}).filter((k) => !allowed.has(k));
  const extra = metadata.additionalProperties !== undefined || metadata.required !== undefined || metadata.default !== undefined;
  if (metadata.type !== undefined && metadata.type !== 'object')
    return [fieldError.invalid(fieldPath.child(path, 'type'), metadata.type, 'must be object')];
  if (others.length || extra)
    return [fieldError.forbidden(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified')];
  return [];
}

type Position = 'root' | 'property' | 'items' | 'additionalProperties';

const TYPE_REQUIRED: Record<Position, string> = {
  root: 'must not be empty at the root',
  property: 'must not be empty for specified object fields',
  items: 'must not be empty for specified array items',
  additionalProperties: 'must not be empty for specified object fields',
};

type Rule = (s: JSONSchemaProps, path: string, position: Position) => StatusCause | undefined;

const child = fieldPath.child;

/** One rule per structural requirement, each looking at a single schema node. */
const RULES: Rule[] = [
  (s, path, position) =>
    !s.type && !s['x-kubernetes-int-or-string'] && !s['x-kubernetes-preserve-unknown-fields'] && position !== 'root'
      ? fieldError.required(child(path, 'type'), TYPE_REQUIRED[position])
      : undefined,
  (s, path) =>
    s['x-kubernetes-int-or-string'] && s.type
      ? fieldError.invalid(child(path, 'type'), s.type, 'must be empty if x-kubernetes-int-or-string is true')
      : undefined,
  (s, path) =>
    Object.keys(s.properties ?? {}).length && s.additionalProperties !== undefined && s.additionalProperties !== true
      ? fieldError.forbidden(child(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive')
      : undefined,
  (s, path) =>
    s.uniqueItems === true
      ? fieldError.forbidden(child(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic')
      : undefined,
  (s, path) =>
    s['x-kubernetes-list-type'] === 'map' && !s['x-kubernetes-list-map-keys']?.length
      ? fieldError.required(child(path, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map')
      : undefined,
  (s, path) => (s.type === 'array' && !s.items ? fieldError.required(child(path, 'items'), 'must be specified') : undefined),
];

function walk(s: JSONSchemaProps, path: string, position: Position, causes: StatusCause[]): void {
  for (const rule of RULES) {
    const cause = rule(s, path, position);
    if (cause) causes.push(cause);
  }
  for (const [key, prop] of Object.entries(s.properties ?? {})) walk(prop, fieldPath.key(child(path, 'properties'), key), 'property', causes);
  if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, child(path, 'additionalProperties'), 'additionalProperties', causes);
  if (s.items) walk(s.items, child(path, 'items'), 'items', causes);
}
