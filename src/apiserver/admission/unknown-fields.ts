/**
 * Unknown fields of a built-in object, found against Kubernetes' published schema. A real
 * API server drops them while decoding (its Go types have no place for them) and reports
 * them according to `fieldValidation`; this does the same from the schema, so what is
 * stored is what a real cluster would store.
 */
import type { JsonSchema, SchemaMap } from '../openapi/index.js';

const REF_PREFIX = '#/components/schemas/';

function resolve(schemas: SchemaMap, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  for (let i = 0; current && i < 8; i++) {
    const ref = current.$ref ?? (Array.isArray(current.allOf) && current.allOf.length === 1 ? (current.allOf[0] as JsonSchema).$ref : undefined);
    if (typeof ref !== 'string') return current;
    current = schemas[ref.slice(REF_PREFIX.length)];
  }
  return current;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Removes unknown fields from `value` in place and returns their paths (`spec.foo`, `spec.items[0].bar`). */
export function pruneUnknownBuiltinFields(schemas: SchemaMap, rootSchemaName: string, value: unknown): string[] {
  const found: string[] = [];
  walk(schemas, schemas[rootSchemaName], value, '', found);
  return found;
}

function walk(schemas: SchemaMap, raw: JsonSchema | undefined, value: unknown, path: string, found: string[]): void {
  const schema = resolve(schemas, raw);
  if (!schema || schema['x-kubernetes-preserve-unknown-fields'] === true) return;
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    if (items) value.forEach((v, i) => walk(schemas, items, v, `${path}[${i}]`, found));
    return;
  }
  if (!isObject(value)) return;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const additional = isObject(schema.additionalProperties) ? (schema.additionalProperties as JsonSchema) : undefined;
  // An object schema with neither (RawExtension, FieldsV1) holds free-form data.
  if (!properties && !additional) return;
  for (const key of Object.keys(value)) {
    const child = path ? `${path}.${key}` : key;
    const sub = properties?.[key] ?? additional;
    if (sub) walk(schemas, sub, value[key], child, found);
    else {
      found.push(child);
      delete value[key];
    }
  }
}
