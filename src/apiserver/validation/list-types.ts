/**
 * `x-kubernetes-list-type` checks: a `set` holds no value twice and a `map` holds no two
 * items with the same `x-kubernetes-list-map-keys`, each duplicate reported once as
 * `Duplicate value` on the list, as Kubernetes reports it. `atomic` lists need no check;
 * the list type and `x-kubernetes-map-type` otherwise matter only to server-side apply.
 */
import type { StatusCause } from '../status.js';
import { fieldError, fieldPath, formatValue } from './field-errors.js';
import { isJsonObject, type JSONSchemaProps } from './json-schema-props.js';
import { walkWithSchema } from './schema-walk.js';

export function validateListTypes(value: unknown, schema: JSONSchemaProps | undefined, path = ''): StatusCause[] {
  const causes: StatusCause[] = [];
  walkWithSchema(value, schema, path, (node, s, p) => {
    if (!Array.isArray(node)) return;
    const listType = s['x-kubernetes-list-type'];
    if (listType === 'set') causes.push(...validateSet(node, p));
    else if (listType === 'map') causes.push(...validateMap(node, s, p));
  });
  return causes;
}

/** Items that appear more than once, each returned once, in order of first repeat. */
function repeated<T>(items: readonly T[], keyOf: (item: T) => string | undefined): T[] {
  const seen = new Map<string, number>();
  const out: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const times = seen.get(key) ?? 0;
    seen.set(key, times + 1);
    if (times === 1) out.push(item);
  }
  return out;
}

// Typed keys, so that the string "1" and the number 1 stay different values.
const identity = (v: unknown): string => `${typeof v}:${formatValue(v)}`;

function validateSet(list: unknown[], path: string): StatusCause[] {
  return repeated(list, identity).map((v) => fieldError.duplicate(path, v));
}

function validateMap(list: unknown[], schema: JSONSchemaProps, path: string): StatusCause[] {
  const notObjects = list.flatMap((item, i) =>
    item === null || isJsonObject(item) ? [] : [fieldError.invalid(fieldPath.index(path, i), item, 'must be an object for an array of list-type map')],
  );
  if (notObjects.length) return notObjects;
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  const keyMaps = list.filter(isJsonObject).map((item) => keyMapOf(item, keys, schema.items));
  return repeated(keyMaps, (m) => (m ? identity(m) : undefined)).map((m) => fieldError.duplicate(path, m));
}

/** An item's key fields, with defaults for absent ones; undefined when a key has neither. */
function keyMapOf(item: Record<string, unknown>, keys: readonly string[], itemSchema: JSONSchemaProps | undefined): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = key in item ? item[key] : itemSchema?.properties?.[key]?.default;
    if (value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}
