/**
 * Moving from kubectl's client-side apply to `kubectl apply --server-side`, as Kubernetes
 * eases it for the `kubectl` field manager: fields whose live value still equals the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation may be taken over without a
 * conflict, and the annotation is kept in step with what is applied, so going back to
 * client-side apply works too.
 */
import { compareValues } from './compare.js';
import { fieldSetOf } from './field-set-of.js';
import type { FieldSet } from './field-set.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { trackedFields } from './managed-fields.js';
import type { TypeNode } from './type-info.js';
import { cloneJsonValue } from '../json-clone.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Only kubectl's own server-side apply migrates; other managers opt out by their name. */
export const MIGRATING_MANAGER = 'kubectl';

function lastAppliedOf(object: JsonObject): JsonObject | undefined {
  const metadata = object['metadata'];
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  const text = isJsonObject(annotations) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as JsonValue;
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Fields the last client-side apply set that still hold the value it set. */
export function fieldsStillAsLastApplied(live: JsonObject, root: TypeNode): FieldSet | undefined {
  const lastApplied = lastAppliedOf(live);
  if (!lastApplied) return undefined;
  try {
    const modified = compareValues(lastApplied, live, root).modified;
    return trackedFields(fieldSetOf(lastApplied, root)).difference(modified);
  } catch {
    // An annotation that cannot be read as the kind (a list item without its key) allows nothing.
    return undefined;
  }
}

/** The object with the annotation set to the applied configuration, if it had one already. */
export function syncLastApplied(object: JsonObject, live: JsonObject | undefined, applied: JsonObject): void {
  if (!live || !lastAppliedOf(live)) return;
  const metadata = isJsonObject(object['metadata']) ? object['metadata'] : (object['metadata'] = {});
  const annotations = isJsonObject(metadata['annotations']) ? metadata['annotations'] : (metadata['annotations'] = {});
  annotations[LAST_APPLIED_ANNOTATION] = encodeLastApplied(applied);
}

/** As Kubernetes encodes it: the configuration without the annotation, keys sorted, a newline. */
function encodeLastApplied(applied: JsonObject): string {
  const copy = cloneJsonValue(applied);
  const metadata = copy['metadata'];
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  if (isJsonObject(annotations)) delete annotations[LAST_APPLIED_ANNOTATION];
  return JSON.stringify(sortKeys(copy)) + '\n';
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k] as JsonValue)]),
  );
}
