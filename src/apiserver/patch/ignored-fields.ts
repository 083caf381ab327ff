/**
 * Fields a request may not change, such as `status` when applying to the main resource of
 * a kind with a status subresource, or `spec` when applying to `/status`. Kubernetes calls
 * them reset fields: their values in the request are ignored and nobody gains or loses
 * their ownership through it.
 */
import { fieldElement } from './field-path.js';
import { FieldSet } from './field-set.js';
import { cloneJson, isJsonObject, type JsonObject } from './json-value.js';

/** Paths of field names from the object's root: `[['status']]`, `[['spec'], ['metadata', 'labels']]`. */
export type IgnoredFields = readonly (readonly string[])[];

export function ignoredFieldSet(ignored: IgnoredFields): FieldSet {
  return FieldSet.fromPaths(ignored.map((path) => path.map(fieldElement)));
}

/** A copy of `object` without the values at the ignored paths. */
export function withoutIgnoredValues(object: JsonObject, ignored: IgnoredFields): JsonObject {
  if (ignored.length === 0) return object;
  const copy = cloneJson(object);
  for (const path of ignored) removePath(copy, path);
  return copy;
}

function removePath(object: JsonObject, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    delete object[head];
    return;
  }
  const child = object[head];
  if (isJsonObject(child)) removePath(child, rest);
}
