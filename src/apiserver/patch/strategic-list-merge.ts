/**
 * How strategic merge patch merges one list: lists whose field declares `patchStrategy:
 * merge` merge item by item (by `patchMergeKey` for objects, by value for scalars), with the
 * `$patch: replace|delete` list directives; every other list is replaced by the patch.
 * `$setElementOrder` reordering lives here too.
 */
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json-value.js';
import { malformed } from './patch-error.js';
import { hasStrategy, type PatchMeta } from './type-info.js';

/** Merges a patch item into an original item (undefined: deleted), supplied by the caller. */
export type ItemMerger = (original: JsonObject | undefined, patch: JsonObject) => JsonObject | undefined;

const isDirectiveItem = (item: JsonValue, directive: string): boolean => isJsonObject(item) && item['$patch'] === directive;

export function mergeStrategicList(
  original: JsonValue[] | undefined,
  patch: JsonValue[],
  node: PatchMeta,
  mergeItem: ItemMerger,
): JsonValue[] {
  const clean = (item: JsonValue): JsonValue => (isJsonObject(item) ? (mergeItem(undefined, item) ?? {}) : item);
  const replaceWhole = !hasStrategy(node, 'merge') || patch.some((item) => isDirectiveItem(item, 'replace'));
  if (replaceWhole) return patch.filter((item) => !isDirectiveItem(item, 'replace')).map(clean);

  const key = node.patchMergeKey;
  const result = [...(original ?? [])];
  for (const item of patch) {
    if (!key || !isJsonObject(item)) {
      // A list of scalars with the merge strategy is a set: the patch adds missing values.
      if (!result.some((existing) => jsonEqual(existing, item))) result.push(clean(item));
      continue;
    }
    mergeKeyedItem(result, item, key, mergeItem);
  }
  return result;
}

function mergeKeyedItem(result: JsonValue[], item: JsonObject, key: string, mergeItem: ItemMerger): void {
  if (!Object.hasOwn(item, key)) {
    throw malformed(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
  }
  const matches = (existing: JsonValue): boolean => isJsonObject(existing) && jsonEqual(existing[key], item[key]);
  const index = result.findIndex(matches);
  if (item['$patch'] === 'delete') {
    for (let i = result.length - 1; i >= 0; i--) if (matches(result[i] as JsonValue)) result.splice(i, 1);
    return;
  }
  const existing = index >= 0 ? (result[index] as JsonObject) : undefined;
  const merged = mergeItem(existing, item);
  if (merged === undefined) {
    if (index >= 0) result.splice(index, 1);
  } else if (index >= 0) {
    result[index] = merged;
  } else {
    result.push(merged);
  }
}

/**
 * Applies `$setElementOrder/<field>`: items the order names take that order; items only the
 * server has keep their place relative to them, judged by their order in the live list.
 */
export function orderByElementOrder(
  merged: JsonValue[],
  order: JsonValue[],
  live: JsonValue[],
  node: PatchMeta,
): JsonValue[] {
  const key = node.patchMergeKey;
  const id = (item: JsonValue): JsonValue | undefined => (key && isJsonObject(item) ? item[key] : item);
  const indexOf = (ids: (JsonValue | undefined)[], item: JsonValue): number => ids.findIndex((x) => jsonEqual(x, id(item)));
  const orderIds = order.map(id);
  const liveIds = live.map(id);
  const named = merged.filter((item) => indexOf(orderIds, item) >= 0).sort((a, b) => indexOf(orderIds, a) - indexOf(orderIds, b));
  const serverOnly = merged.filter((item) => indexOf(orderIds, item) < 0);
  return interleave(serverOnly, named, (item) => indexOf(liveIds, item));
}

/** Merges two ordered lists, taking a server-only item first only when the live order says so. */
function interleave(left: JsonValue[], right: JsonValue[], livePosition: (item: JsonValue) => number): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l === undefined) out.push(right[j++] as JsonValue);
    else if (r === undefined) out.push(left[i++] as JsonValue);
    else {
      const li = livePosition(l);
      const ri = livePosition(r);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++] as JsonValue);
      else out.push(right[j++] as JsonValue);
    }
  }
  return out;
}
