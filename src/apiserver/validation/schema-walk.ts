/**
 * Walks a value together with its structural schema, calling a visitor on every node that
 * has a schema. The checks ajv cannot express (list types, embedded resources) are visitors.
 */
import { fieldPath } from './field-errors.js';
import { isJsonObject, schemaForKey, type JSONSchemaProps } from './json-schema-props.js';

export type SchemaVisitor = (value: unknown, schema: JSONSchemaProps, path: string) => void;

export function walkWithSchema(value: unknown, schema: JSONSchemaProps | undefined, path: string, visit: SchemaVisitor): void {
  if (!schema) return;
  visit(value, schema, path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkWithSchema(item, schema.items, fieldPath.index(path, i), visit));
  } else if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) walkWithSchema(child, schemaForKey(schema, key), fieldPath.child(path, key), visit);
  }
}
