/**
 * Defaulting of custom resources as Kubernetes does it for structural schemas, on every
 * write and on every read from storage: first nulls the schema does not allow and cannot
 * default are dropped, then every declared property that is missing (or a non-nullable
 * null) gets a deep copy of its `default`, and defaulting continues inside what was set.
 */
import { isJsonObject, schemaForKey, type JSONSchemaProps } from './json-schema-props.js';

const isNonNullableNull = (value: unknown, schema: JSONSchemaProps | undefined): boolean =>
  value === null && schema !== undefined && schema.nullable !== true;

/**
 * Drops, in place, null values whose schema is not nullable and has no default. Kubernetes
 * does this before defaulting, so that `field: null` means "unset" rather than a type error.
 */
export function pruneNonNullableNulls(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (Array.isArray(value)) {
    for (const item of value) pruneNonNullableNulls(item, schema?.items);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const child = schemaForKey(schema, key);
    if (isNonNullableNull(value[key], child) && child?.default === undefined) delete value[key];
    else pruneNonNullableNulls(value[key], child);
  }
}

/** Applies `default` values in place, top-down, as Kubernetes' structural defaulting does. */
export function applyDefaults(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isNonNullableNull(item, schema.items) && schema.items?.default !== undefined) value[i] = structuredClone(schema.items.default);
      applyDefaults(value[i], schema.items);
    });
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (!(key in value) || isNonNullableNull(value[key], prop)) value[key] = structuredClone(prop.default);
  }
  for (const key of Object.keys(value)) {
    const child = schemaForKey(schema, key);
    if (child && !schema.properties?.[key] && isNonNullableNull(value[key], child) && child.default !== undefined)
      value[key] = structuredClone(child.default);
    applyDefaults(value[key], child);
  }
}
