/**
 * Checks that a CRD schema is structural, as apiextensions.k8s.io/v1 demands before it
 * accepts a CRD: every node has a type (except int-or-string and preserve-unknown-fields
 * nodes), anyOf is used only for int-or-string, list-type map keys are required scalar
 * fields, set items are scalar, and metadata constrains only name and generateName.
 * Returns the problems found, each with its path; an empty list means the schema is fine.
 */
import type { JSONSchemaProps } from './crd.js';

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);

function isIntOrString(s: JSONSchemaProps): boolean {
  return s['x-kubernetes-int-or-string'] === true;
}

function checkType(s: JSONSchemaProps, path: string): string[] {
  if (s.type || isIntOrString(s) || s['x-kubernetes-preserve-unknown-fields'] === true) return [];
  return [`${path}: type is missing`];
}

function checkAnyOf(s: JSONSchemaProps, path: string): string[] {
  if (!s.anyOf && !s.oneOf && !s.allOf) return [];
  if (!isIntOrString(s) || s.oneOf || s.allOf) return [`${path}: anyOf/oneOf/allOf only for int-or-string`];
  const types = (s.anyOf ?? []).map((b) => JSON.stringify(b)).sort();
  const want = [JSON.stringify({ type: 'integer' }), JSON.stringify({ type: 'string' })];
  return JSON.stringify(types) === JSON.stringify(want) ? [] : [`${path}: int-or-string anyOf must be integer and string`];
}

function checkList(s: JSONSchemaProps, path: string): string[] {
  const listType = s['x-kubernetes-list-type'];
  if (s.type !== 'array') return listType || s['x-kubernetes-list-map-keys'] ? [`${path}: list-type on a non-array`] : [];
  if (!s.items) return [`${path}: array without items`];
  const itemType = s.items.type;
  if (listType === 'set' && !(itemType && SCALARS.has(itemType))) return [`${path}: set of non-scalars`];
  if (listType !== 'map') return s['x-kubernetes-list-map-keys'] ? [`${path}: list-map-keys without list-type map`] : [];
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  if (keys.length === 0) return [`${path}: list-type map without keys`];
  return keys.flatMap((k) => {
    const keySchema = s.items?.properties?.[k];
    if (!keySchema?.type || !SCALARS.has(keySchema.type)) return [`${path}: map key ${k} is not a scalar property`];
    return s.items?.required?.includes(k) ? [] : [`${path}: map key ${k} is not required`];
  });
}

function checkObject(s: JSONSchemaProps, path: string): string[] {
  const problems: string[] = [];
  if (s.properties && s.additionalProperties !== undefined && s.additionalProperties !== false) {
    problems.push(`${path}: properties and additionalProperties together`);
  }
  for (const r of s.required ?? []) {
    if (!s.properties?.[r]) problems.push(`${path}: required ${r} is not a property`);
  }
  if (s['x-kubernetes-map-type'] && s.type !== 'object') problems.push(`${path}: map-type on a non-object`);
  return problems;
}

function checkEnum(s: JSONSchemaProps, path: string): string[] {
  if (!s.enum) return [];
  const want = s.type === 'integer' || s.type === 'number' ? 'number' : s.type;
  return s.enum.every((v) => typeof v === want) ? [] : [`${path}: enum values do not match type ${s.type ?? '?'}`];
}

function children(s: JSONSchemaProps, path: string): [JSONSchemaProps, string][] {
  const out: [JSONSchemaProps, string][] = Object.entries(s.properties ?? {}).map(([k, v]) => [v, `${path}.${k}`]);
  if (s.items) out.push([s.items, `${path}[]`]);
  if (typeof s.additionalProperties === 'object') out.push([s.additionalProperties, `${path}{}`]);
  return out;
}

/** Problems that make `schema` non-structural, with their paths (empty when it is structural). */
export function structuralSchemaErrors(schema: JSONSchemaProps, path = ''): string[] {
  const here = [
    ...checkType(schema, path || '<root>'),
    ...checkAnyOf(schema, path || '<root>'),
    ...checkList(schema, path || '<root>'),
    ...checkObject(schema, path || '<root>'),
    ...checkEnum(schema, path || '<root>'),
  ];
  return [...here, ...children(schema, path).flatMap(([c, p]) => structuralSchemaErrors(c, p))];
}

/** Problems of a CRD's root schema: structural rules plus what the root and metadata may hold. */
export function rootSchemaErrors(root: JSONSchemaProps): string[] {
  const problems = structuralSchemaErrors(root);
  if (root.type !== 'object') problems.push('<root>: type must be object');
  const metadata = root.properties?.['metadata'];
  if (metadata) {
    const extra = Object.keys(metadata.properties ?? {}).filter((k) => k !== 'name' && k !== 'generateName');
    if (extra.length) problems.push(`.metadata: only name and generateName may be constrained, not ${extra.join(', ')}`);
    const keywords = Object.keys(metadata).filter((k) => k !== 'type' && k !== 'properties');
    if (keywords.length) problems.push(`.metadata: only type and properties allowed, not ${keywords.join(', ')}`);
  }
  return problems;
}
