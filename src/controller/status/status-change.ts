/**
 * Whether a computed status differs from what an object shows, over the fields one writer
 * owns. A field the writer owns but no longer sets counts as a change (server-side apply
 * then removes it); conditions are compared without their timestamps.
 */
import type { Condition } from '../../api/meta.js';
import { canonicalJson } from '../../targeting/index.js';
import { withoutTimes } from './condition.js';

/** Owned fields are top-level names or dotted paths into a struct other writers share (`display.readyBundleDeployments`). */
export function statusChanged(owned: readonly string[], desired: object, current: object | undefined): boolean {
  for (const key of owned) {
    const wanted = at(desired, key);
    const a = key === 'conditions' ? ownConditions(wanted, wanted) : wanted;
    const b = key === 'conditions' ? ownConditions(at(current, key), wanted) : at(current, key);
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) return true;
  }
  return false;
}

/** Only the condition types the writer sets: other writers own the rest of the list. */
function ownConditions(list: unknown, mine: unknown): Condition[] {
  const types = new Set(((mine ?? []) as Condition[]).map((c) => c.type));
  return withoutTimes(((list ?? []) as Condition[]).filter((c) => types.has(c.type))).sort((x, y) => x.type.localeCompare(y.type));
}

function at(object: object | undefined, path: string): unknown {
  let value: unknown = object;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
