/**
 * Small builders for structural OpenAPI schemas, so each kind's schema reads like its type:
 * `object({ repo: string({ pattern }) }, { required: ['repo'] })`. Every builder returns
 * plain data (JSONSchemaProps); nothing here knows about any particular kind.
 */
import type { JSONSchemaProps } from './crd.js';

type Extra = Omit<JSONSchemaProps, 'type' | 'properties' | 'items'>;

/** Adds a description (kubectl explain shows it) without repeating `{ description }` everywhere. */
function withDoc(schema: JSONSchemaProps, description?: string): JSONSchemaProps {
  return description ? { ...schema, description } : schema;
}

export function string(description?: string, extra: Extra = {}): JSONSchemaProps {
  return withDoc({ type: 'string', ...extra }, description);
}

export function enumOf(values: readonly string[], description?: string, extra: Extra = {}): JSONSchemaProps {
  return withDoc({ type: 'string', enum: [...values], ...extra }, description);
}

export function integer(description?: string, extra: Extra = {}): JSONSchemaProps {
  return withDoc({ type: 'integer', format: 'int64', ...extra }, description);
}

/** A count: an integer that cannot be negative. */
export function count(description?: string): JSONSchemaProps {
  return integer(description, { minimum: 0 });
}

export function boolean(description?: string, extra: Extra = {}): JSONSchemaProps {
  return withDoc({ type: 'boolean', ...extra }, description);
}

/** An RFC 3339 timestamp, as metav1.Time serialises. */
export function timestamp(description?: string): JSONSchemaProps {
  return string(description, { format: 'date-time' });
}

export function object(
  properties: Record<string, JSONSchemaProps>,
  description?: string,
  extra: Extra = {},
): JSONSchemaProps {
  return withDoc({ type: 'object', properties, ...extra }, description);
}

/** A map of string to string (labels, annotations). */
export function stringMap(description?: string): JSONSchemaProps {
  return withDoc({ type: 'object', additionalProperties: { type: 'string' } }, description);
}

/** Free-form data the API server keeps as it is (helm values, template values). */
export function freeForm(description?: string): JSONSchemaProps {
  return withDoc({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, description);
}

/** A list merged as a whole on apply. */
export function list(items: JSONSchemaProps, description?: string, extra: Extra = {}): JSONSchemaProps {
  return withDoc({ type: 'array', items, 'x-kubernetes-list-type': 'atomic', ...extra }, description);
}

/** A list of unique scalars, merged item by item on apply. */
export function set(items: JSONSchemaProps, description?: string): JSONSchemaProps {
  return withDoc({ type: 'array', items, 'x-kubernetes-list-type': 'set' }, description);
}

/**
 * A list of objects identified by `keys`, merged item by item on apply. The keys must be
 * required scalar fields of the item (the API server refuses the CRD otherwise), so this
 * adds them to the item's `required`.
 */
export function keyedList(items: JSONSchemaProps, keys: string[], description?: string): JSONSchemaProps {
  const required = [...new Set([...(items.required ?? []), ...keys])];
  return withDoc(
    {
      type: 'array',
      items: { ...items, required },
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': keys,
    },
    description,
  );
}

/** An integer or a string such as a percentage (`25%`) or a quantity (`500m`). */
export function intOrString(description?: string, extra: Extra = {}): JSONSchemaProps {
  return withDoc(
    { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], ...extra },
    description,
  );
}
