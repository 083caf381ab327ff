/**
 * RFC 7386 JSON Merge Patch (`application/merge-patch+json`): objects merge recursively,
 * `null` deletes a member, and anything else (arrays included) replaces the target whole.
 */
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { malformed } from './patch-error.js';

/** Applies `patch` to `target` and returns the result; neither input is changed. */
export function applyMergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  return mergeInto(target === undefined ? undefined : cloneJson(target), patch);
}

/** Merges into `target`, which is a private copy and may be changed. */
function mergeInto(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergeInto(result[key], value);
  }
  return result;
}

/**
 * A merge patch of a Kubernetes object: the object stays an object, so a patch that is not
 * one is refused (400) rather than replacing the whole object.
 */
export function applyObjectMergePatch(target: JsonObject, patch: unknown): JsonObject {
  if (!isJsonObject(patch)) throw malformed('merge patch must be a JSON object');
  return applyMergePatch(target, patch) as JsonObject;
}
