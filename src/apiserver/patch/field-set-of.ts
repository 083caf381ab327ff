/**
 * The fields a configuration sets, as server-side apply records them for its manager:
 * every scalar leaf, every item of a granular list (with `.` when it has fields below),
 * every map entry, empty maps and nulls, and atomic lists and maps as one field.
 */
import { fieldElement, type FieldPath } from './field-path.js';
import { FieldSet } from './field-set.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { requireListItemElement } from './list-element.js';
import { isAtomicMap, isMapEntry, itemType, listTypeOf, memberType, type TypeNode } from './type-info.js';

export function fieldSetOf(value: JsonValue, node: TypeNode): FieldSet {
  const set = new FieldSet();
  walk(value, node, [], set);
  return set;
}

function walk(value: JsonValue, node: TypeNode, path: FieldPath, set: FieldSet): void {
  if (Array.isArray(value)) walkList(value, node, path, set);
  else if (isJsonObject(value)) walkMap(value, node, path, set);
  else set.insert(path);
}

function walkList(items: JsonValue[], node: TypeNode, path: FieldPath, set: FieldSet): void {
  if (listTypeOf(node) === 'atomic') {
    set.insert(path);
    return;
  }
  for (const item of items) {
    const itemPath = [...path, requireListItemElement(item, node)];
    walk(item, itemType(node), itemPath, set);
    set.insert(itemPath);
  }
}

function walkMap(map: JsonObject, node: TypeNode, path: FieldPath, set: FieldSet): void {
  if (isAtomicMap(node) && path.length > 0) {
    set.insert(path);
    return;
  }
  for (const [name, value] of Object.entries(map)) {
    const memberPath = [...path, fieldElement(name)];
    walk(value, memberType(node, name), memberPath, set);
    const empty = value === null || (isJsonObject(value) && Object.keys(value).length === 0);
    if (empty || isMapEntry(node, name)) set.insert(memberPath);
  }
}
