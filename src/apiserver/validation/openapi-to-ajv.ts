/**
 * Turns a CRD's OpenAPI v3 schema into the JSON Schema ajv compiles. The differences that
 * matter: OpenAPI's `nullable` becomes a "null" type, `x-kubernetes-int-or-string` becomes
 * integer-or-string, boolean `exclusiveMaximum`/`exclusiveMinimum` become numbers, unknown
 * formats are dropped, and `default` is left out because defaulting runs separately.
 * `x-kubernetes-validations` holds CEL rules; Flotilla has no CEL interpreter, so they are
 * accepted and not enforced.
 */
import type { JSONSchemaProps } from './json-schema-props.js';
import { KNOWN_FORMATS } from './schema-formats.js';

type AjvSchema = Record<string, unknown>;

const COPIED = [
  'enum',
  'pattern',
  'maxLength',
  'minLength',
  'multipleOf',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
] as const;

export function toAjvSchema(schema: JSONSchemaProps): AjvSchema {
  const out: AjvSchema = {};
  const types = typesOf(schema);
  if (types.length) out.type = types.length === 1 ? types[0] : types;
  for (const key of COPIED) if (schema[key] !== undefined) out[key] = schema[key];
  if (schema.format && KNOWN_FORMATS.has(schema.format)) out.format = schema.format;
  addBounds(schema, out);
  if (schema.properties)
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, toAjvSchema(v)]));
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = toAjvSchema(schema.additionalProperties);
  else if (schema.additionalProperties === false) out.additionalProperties = false;
  if (schema.items) out.items = toAjvSchema(schema.items);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (list) out[key] = list.map(toAjvSchema);
  }
  if (schema.not) out.not = toAjvSchema(schema.not);
  return out;
}

function typesOf(schema: JSONSchemaProps): string[] {
  const types = schema['x-kubernetes-int-or-string'] ? ['integer', 'string'] : schema.type ? [schema.type] : [];
  if (types.length && schema.nullable) types.push('null');
  return types;
}

function addBounds(schema: JSONSchemaProps, out: AjvSchema): void {
  if (schema.maximum !== undefined) out[schema.exclusiveMaximum ? 'exclusiveMaximum' : 'maximum'] = schema.maximum;
  if (schema.minimum !== undefined) out[schema.exclusiveMinimum ? 'exclusiveMinimum' : 'minimum'] = schema.minimum;
}
