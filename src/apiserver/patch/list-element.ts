/**
 * The path element naming one item of a granular list: its key fields for a map-list
 * (`k:{"name":"nginx"}`), its value for a set (`v:"a"`).
 */
import { keyElement, valueElement, type PathElement } from './field-path.js';
import { isJsonObject, type JsonValue } from './json-value.js';
import { doesNotApply } from './patch-error.js';
import { listKeysOf, listTypeOf, type TypeNode } from './type-info.js';

/** Undefined when the item cannot be named (a map-list item without its key). */
export function listItemElement(item: JsonValue, list: TypeNode): PathElement | undefined {
  if (listTypeOf(list) === 'set') return valueElement(item);
  if (!isJsonObject(item)) return undefined;
  const fields: Record<string, JsonValue> = {};
  for (const key of listKeysOf(list)) {
    const value = item[key] ?? list.keyDefaults?.[key];
    if (value === undefined) return undefined;
    fields[key] = value;
  }
  return keyElement(fields);
}

/** As listItemElement, but an unnamed item is an error, as in an applied configuration. */
export function requireListItemElement(item: JsonValue, list: TypeNode): PathElement {
  const element = listItemElement(item, list);
  if (element !== undefined) return element;
  const missing = listKeysOf(list).find((k) => !isJsonObject(item) || (item[k] ?? list.keyDefaults?.[k]) === undefined);
  throw doesNotApply(`associative list with keys has an element that omits key field "${missing ?? ''}" (and doesn't have default value)`);
}

/** Items by element; undefined when some item cannot be named, so the list is compared whole. */
export function indexListItems(items: readonly JsonValue[], list: TypeNode): Map<PathElement, JsonValue> | undefined {
  const index = new Map<PathElement, JsonValue>();
  for (const item of items) {
    const element = listItemElement(item, list);
    if (element === undefined) return undefined;
    index.set(element, item);
  }
  return index;
}
