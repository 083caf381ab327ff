/**
 * Kubernetes strategic merge patch (`application/strategic-merge-patch+json`) for built-in
 * kinds, as kubectl's client-side apply and `kubectl patch` send it. Maps merge and `null`
 * deletes, as in a merge patch; lists follow the strategy declared for their field; and the
 * directives `$patch` (merge, replace, delete), `$retainKeys`, `$deleteFromPrimitiveList/<f>`
 * and `$setElementOrder/<f>` steer the merge.
 */
import { cloneJson, goTypeName, isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { malformed } from './patch-error.js';
import { mergeStrategicList, orderByElementOrder } from './strategic-list-merge.js';
import { hasStrategy, patchMetaLookup, type PatchMetaLookup, type TypeInfo } from './type-info.js';

/** The kind's declared strategies: its type (builtinTypeInfo) or a lookup by field path. */
export type StrategicMergeOptions = { typeInfo: TypeInfo } | { patchMeta: PatchMetaLookup };

/** Where the merge is: the field names from the root (list items add none) and the lookup. */
interface Cursor {
  readonly path: readonly string[];
  readonly lookup: PatchMetaLookup;
}

const at = (cursor: Cursor, name: string): Cursor => ({ path: [...cursor.path, name], lookup: cursor.lookup });

const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

/** Applies `patch` to `original` and returns the result; neither input is changed. */
export function applyStrategicMergePatch(original: JsonObject, patch: unknown, options: StrategicMergeOptions): JsonObject {
  if (!isJsonObject(patch)) {
    throw malformed(`json: cannot unmarshal ${goTypeName(patch)} into Go value of type map[string]interface {}`);
  }
  const lookup = 'patchMeta' in options ? options.patchMeta : patchMetaLookup(options.typeInfo);
  return mergeMap(cloneJson(original), patch, { path: [], lookup }) ?? {};
}

/** Merges `patch` into `original` (a private copy); undefined means the map is deleted. */
function mergeMap(original: JsonObject | undefined, patch: JsonObject, cursor: Cursor): JsonObject | undefined {
  const directive = patch['$patch'];
  if (directive === 'delete') return undefined;
  if (directive !== undefined && directive !== 'replace' && directive !== 'merge') {
    throw malformed(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
  }
  const live: JsonObject = { ...original };
  const result: JsonObject = directive === 'replace' || !original ? {} : original;
  retainKeys(result, patch['$retainKeys']);
  const orders: [string, JsonValue][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) deleteFromPrimitiveList(result, key.slice(DELETE_FROM_PRIMITIVE_LIST.length), value);
    else if (key.startsWith(SET_ELEMENT_ORDER)) orders.push([key.slice(SET_ELEMENT_ORDER.length), value]);
    else setMember(result, key, value, at(cursor, key));
  }
  for (const [field, order] of orders) reorder(result, field, order, live[field], at(cursor, field));
  return result;
}

function setMember(result: JsonObject, key: string, value: JsonValue, cursor: Cursor): void {
  const merged = value === null ? undefined : mergeValue(result[key], value, cursor);
  if (merged === undefined) delete result[key];
  else result[key] = merged;
}

function mergeValue(original: JsonValue | undefined, patch: JsonValue, cursor: Cursor): JsonValue | undefined {
  const meta = cursor.lookup(cursor.path);
  if (Array.isArray(patch)) {
    const items = (o: JsonObject | undefined, p: JsonObject): JsonObject | undefined => mergeMap(o, p, cursor);
    return mergeStrategicList(Array.isArray(original) ? original : undefined, patch, meta, items);
  }
  if (!isJsonObject(patch)) return patch;
  // A field whose strategy is `replace` takes the patch's map whole.
  const base = isJsonObject(original) && !hasStrategy(meta, 'replace') ? original : undefined;
  return mergeMap(base, patch, cursor);
}

/** `$retainKeys`: members of the live map not listed are cleared before the merge. */
function retainKeys(result: JsonObject, keys: JsonValue | undefined): void {
  if (keys === undefined) return;
  if (!Array.isArray(keys)) throw malformed(`$retainKeys must be a list, got ${goTypeName(keys)}`);
  for (const key of Object.keys(result)) if (!keys.includes(key)) delete result[key];
}

function deleteFromPrimitiveList(result: JsonObject, field: string, values: JsonValue): void {
  if (!Array.isArray(values)) throw malformed(`${DELETE_FROM_PRIMITIVE_LIST}${field} must be a list`);
  const list = result[field];
  if (Array.isArray(list)) result[field] = list.filter((item) => !values.some((v) => v === item));
}

function reorder(result: JsonObject, field: string, order: JsonValue, live: JsonValue | undefined, cursor: Cursor): void {
  if (!Array.isArray(order)) throw malformed(`${SET_ELEMENT_ORDER}${field} must be a list`);
  const list = result[field];
  const meta = cursor.lookup(cursor.path);
  if (Array.isArray(list)) result[field] = orderByElementOrder(list, order, Array.isArray(live) ? live : [], meta);
}
