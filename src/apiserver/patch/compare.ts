/**
 * What changed between two versions of an object, as sets of fields: added (with every
 * field below a new map or item), modified (leaves and atomic values whose value differs)
 * and removed. Server-side apply moves ownership by these sets.
 */
import { fieldElement, type FieldPath } from './field-path.js';
import { FieldSet } from './field-set.js';
import { isJsonObject, jsonEqual, type JsonValue } from './json-value.js';
import { indexListItems } from './list-element.js';
import { isAtomicMap, itemType, listTypeOf, memberType, type TypeNode } from './type-info.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export function compareValues(before: JsonValue | undefined, after: JsonValue | undefined, node: TypeNode): Comparison {
  const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(before, after, node, [], out);
  return out;
}

function walk(lhs: JsonValue | undefined, rhs: JsonValue | undefined, node: TypeNode, path: FieldPath, out: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
  if (walkMaps(lhs, rhs, node, path, out) || walkLists(lhs, rhs, node, path, out)) return;
  if (lhs !== undefined && rhs !== undefined && !jsonEqual(lhs, rhs)) out.modified.insert(path);
}

/** An absent or null side of a granular map or list compares as an empty one. */
const orEmpty = <T extends JsonValue>(value: JsonValue | undefined, empty: T): JsonValue => (value === undefined || value === null ? empty : value);

/** Granular maps compare member by member; false when the values are not both maps. */
function walkMaps(lhs: JsonValue | undefined, rhs: JsonValue | undefined, node: TypeNode, path: FieldPath, out: Comparison): boolean {
  const l = orEmpty(lhs, {});
  const r = orEmpty(rhs, {});
  if (!isJsonObject(l) || !isJsonObject(r) || (isAtomicMap(node) && path.length > 0)) return false;
  for (const name of new Set([...Object.keys(l), ...Object.keys(r)])) {
    walk(l[name], r[name], memberType(node, name), [...path, fieldElement(name)], out);
  }
  return true;
}

function walkLists(lhs: JsonValue | undefined, rhs: JsonValue | undefined, node: TypeNode, path: FieldPath, out: Comparison): boolean {
  const l = orEmpty(lhs, []);
  const r = orEmpty(rhs, []);
  if (!Array.isArray(l) || !Array.isArray(r) || listTypeOf(node) === 'atomic') return false;
  const left = indexListItems(l, node);
  const right = indexListItems(r, node);
  // A list whose items cannot all be named (written by a plain update) is compared whole.
  if (!left || !right) return false;
  for (const element of new Set([...left.keys(), ...right.keys()])) {
    walk(left.get(element), right.get(element), itemType(node), [...path, element], out);
  }
  return true;
}
