/**
 * Server-side apply's merge of an applied configuration into the live object: the applied
 * value wins where both have one; granular maps merge member by member; map-lists and sets
 * merge item by item, keeping live-only items in place and the applied order for the rest;
 * atomic lists and maps are replaced whole. A `null` in the configuration removes the field.
 */
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { indexListItems, requireListItemElement } from './list-element.js';
import { isAtomicMap, itemType, listTypeOf, memberType, type TypeNode } from './type-info.js';

/** Returns a new value (undefined: remove the field); inputs are not changed. */
export function mergeApplied(live: JsonValue | undefined, applied: JsonValue, node: TypeNode): JsonValue | undefined {
  if (applied === null) return undefined;
  if (Array.isArray(applied)) return mergeList(live, applied, node);
  if (isJsonObject(applied)) return mergeMap(live, applied, node);
  return applied;
}

function mergeMap(live: JsonValue | undefined, applied: JsonObject, node: TypeNode): JsonObject {
  if (isAtomicMap(node)) return cloneJson(applied);
  const result: JsonObject = isJsonObject(live) ? { ...live } : {};
  for (const [name, value] of Object.entries(applied)) {
    const merged = mergeApplied(result[name], value, memberType(node, name));
    if (merged === undefined) delete result[name];
    else result[name] = merged;
  }
  return result;
}

function mergeList(live: JsonValue | undefined, applied: JsonValue[], node: TypeNode): JsonValue[] {
  const liveItems = Array.isArray(live) ? live : [];
  const liveIndex = indexListItems(liveItems, node);
  if (listTypeOf(node) === 'atomic' || !liveIndex) return cloneJson(applied);
  const appliedElements = applied.map((item) => requireListItemElement(item, node));
  const appliedIndex = new Map(appliedElements.map((e, i) => [e, applied[i] as JsonValue]));
  const liveElements = [...liveIndex.keys()];
  const out: JsonValue[] = [];
  const emitted = new Set<string>();
  const emit = (element: string): void => {
    emitted.add(element);
    const merged = mergeApplied(liveIndex.get(element), appliedIndex.get(element) as JsonValue, itemType(node));
    if (merged !== undefined) out.push(merged);
  };
  let l = 0;
  let a = 0;
  // Live-only items stay where they were; shared and new items follow the applied order.
  while (l < liveElements.length || a < appliedElements.length) {
    const le = liveElements[l];
    const ae = appliedElements[a];
    if (le !== undefined && le === ae) {
      emit(le);
      l++;
      a++;
    } else if (le !== undefined && !appliedIndex.has(le)) {
      out.push(liveIndex.get(le) as JsonValue);
      l++;
    } else if (le !== undefined && (emitted.has(le) || ae === undefined)) {
      l++;
    } else if (ae !== undefined) {
      if (!emitted.has(ae)) emit(ae);
      a++;
    }
  }
  return out;
}
