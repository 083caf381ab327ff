/**
 * Pruning: Kubernetes silently drops every field a structural schema does not declare,
 * unless the schema says `x-kubernetes-preserve-unknown-fields`. The dropped paths are
 * returned so that server-side field validation can turn them into warnings (Warn) or an
 * error (Strict) instead of dropping them silently (Ignore).
 */
import { fieldPath } from './field-errors.js';
import { additionalPropertiesSchema, isJsonObject, type JSONSchemaProps, type JsonObject } from './json-schema-props.js';

/** Fields of ObjectMeta: anything else under a resource's `metadata` is dropped. */
const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

export interface PruneOptions {
  /**
   * Whether `value` is a whole resource: then apiVersion, kind and metadata are kept whatever
   * the schema says, as for an `x-kubernetes-embedded-resource`.
   */
  isResourceRoot?: boolean;
}

/**
 * Removes, in place, the fields `schema` does not declare, and returns their paths
 * (`spec.foo`, `spec.items[0].bar`) in the order found.
 */
export function pruneUnknownFields(value: unknown, schema: JSONSchemaProps | undefined, options: PruneOptions = {}): string[] {
  const pruned: string[] = [];
  const root = options.isResourceRoot ? { ...schema, 'x-kubernetes-embedded-resource': true } : schema;
  prune(value, root, '', pruned);
  return pruned;
}

function prune(value: unknown, schema: JSONSchemaProps | undefined, path: string, pruned: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => prune(item, schema?.items, fieldPath.index(path, i), pruned));
    return;
  }
  if (!isJsonObject(value)) return;
  if (schema?.['x-kubernetes-embedded-resource']) {
    pruneResourceMeta(value, path, pruned);
    pruneFields(value, schema, path, pruned, new Set(['apiVersion', 'kind', 'metadata']));
    return;
  }
  pruneFields(value, schema, path, pruned, new Set());
}

function pruneFields(obj: JsonObject, schema: JSONSchemaProps | undefined, path: string, pruned: string[], keep: ReadonlySet<string>): void {
  const preserve = schema?.['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = schema ? additionalPropertiesSchema(schema) : undefined;
  // additionalProperties: true keeps every key, as a schema without constraints does.
  const keepsAll = preserve || schema?.additionalProperties === true;
  for (const key of Object.keys(obj)) {
    if (keep.has(key)) continue;
    const child = fieldPath.child(path, key);
    const declared = schema?.properties?.[key] ?? additional;
    if (declared) prune(obj[key], declared, child, pruned);
    else if (keepsAll) continue;
    else {
      pruned.push(child);
      delete obj[key];
    }
  }
}

/** Keeps a resource's apiVersion and kind when they are strings, and drops unknown metadata fields. */
function pruneResourceMeta(obj: JsonObject, path: string, pruned: string[]): void {
  for (const key of ['apiVersion', 'kind'] as const) {
    if (key in obj && typeof obj[key] !== 'string') {
      pruned.push(fieldPath.child(path, key));
      delete obj[key];
    }
  }
  const meta = obj.metadata;
  if (meta === undefined) return;
  if (!isJsonObject(meta)) {
    pruned.push(fieldPath.child(path, 'metadata'));
    delete obj.metadata;
    return;
  }
  for (const key of Object.keys(meta)) {
    if (OBJECT_META_FIELDS.has(key)) continue;
    pruned.push(fieldPath.child(fieldPath.child(path, 'metadata'), key));
    delete meta[key];
  }
}
