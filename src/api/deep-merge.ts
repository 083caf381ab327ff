/**
 * Deep merge of JSON-like values, as Helm coalesces values files: objects merge key by key,
 * anything else (arrays included) is replaced by the override, and a `null` in the override
 * removes the key. Inputs are never mutated. Rendering merges a bundle's values files and
 * inline values with it, targeting a customization's values over the bundle's: one rule.
 */

export type JsonObject = { [key: string]: unknown };

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(base: JsonObject, override: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}
