/**
 * Removal of what a manager stopped applying: a field, map entry or list item the manager
 * applied last time, does not apply now, and no other manager owns (at or below it) is
 * removed from the object. Everything else stays, so an omission never deletes what someone
 * else relies on.
 */
import { fieldElement } from './field-path.js';
import { FieldSet } from './field-set.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { listItemElement } from './list-element.js';
import { isAtomicMap, itemType, listKeysOf, listTypeOf, memberType, type TypeNode } from './type-info.js';

export interface PruneSets {
  /** What the manager applied last time. */
  last: FieldSet;
  /** What the manager applies now. */
  applied: FieldSet | undefined;
  /** What every other manager owns. */
  others: FieldSet | undefined;
}

/** Top-level members that are never removed whole: they hold untracked fields too. */
const KEPT_AT_ROOT: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);
const NOTHING: ReadonlySet<string> = new Set();

/** Prunes `value` in place (it must be the caller's own copy). */
export function pruneDropped(value: JsonValue, sets: PruneSets, node: TypeNode): void {
  pruneValue(value, sets, node, KEPT_AT_ROOT);
}

/** `keep`: members never removed whole here (the root's, or a kept item's key fields). */
function pruneValue(value: JsonValue, sets: PruneSets, node: TypeNode, keep: ReadonlySet<string>): void {
  if (isJsonObject(value) && !isAtomicMap(node)) pruneMembers(value, sets, node, keep);
  else if (Array.isArray(value) && listTypeOf(node) !== 'atomic') pruneItems(value, sets, node);
}

function pruneMembers(value: JsonObject, sets: PruneSets, node: TypeNode, keep: ReadonlySet<string>): void {
  for (const name of Object.keys(value)) {
    const child = descend(fieldElement(name), sets);
    if (!child) continue;
    if (child.drop && !keep.has(name)) delete value[name];
    else pruneValue(value[name] as JsonValue, child.sets, memberType(node, name), NOTHING);
  }
}

function pruneItems(items: JsonValue[], sets: PruneSets, node: TypeNode): void {
  const keys = new Set(listKeysOf(node));
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as JsonValue;
    const element = listItemElement(item, node);
    const child = element === undefined ? undefined : descend(element, sets);
    if (!child) continue;
    // An item goes only if the manager owned the item itself, not just fields inside it;
    // an item that stays keeps its key fields, or it could no longer be named.
    if (child.drop && sets.last.hasMember(element as string)) items.splice(i, 1);
    else pruneValue(item, child.sets, itemType(node), keys);
  }
}

/** Whether the last applied set mentions `element`, and if so whether it is to be dropped. */
function descend(element: string, sets: PruneSets): { drop: boolean; sets: PruneSets } | undefined {
  if (!sets.last.touches(element)) return undefined;
  const drop = !(sets.applied?.touches(element) ?? false) && !(sets.others?.touches(element) ?? false);
  const last = sets.last.child(element);
  const next: PruneSets = { last: last ?? new FieldSet(), applied: sets.applied?.child(element), others: sets.others?.child(element) };
  return { drop, sets: next };
}
