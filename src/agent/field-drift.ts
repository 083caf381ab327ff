/**
 * Drift judged on the fields the agent owns, and only those. Server-side apply records in
 * `metadata.managedFields` which manager owns which field, as a FieldsV1 tree (`f:name`
 * for a field, `k:{...}` for a list element by its keys, `v:...` for a set member, `i:N`
 * for a list index, `.` for the element itself). Walking that tree for the agent's field
 * manager, and comparing the expected value with the live value at every owned leaf, leaves
 * out by construction what made Rancher Fleet users see false "Modified": defaulted fields,
 * status, and fields other managers set (a label a user added, a field a controller fills).
 *
 * The tree also tells how list elements are keyed (containers by name, ports by port and
 * protocol), so an element matched by key is compared even when the live list has others
 * (an injected sidecar) or a different order.
 */
import type { KubeObject, ManagedFieldsEntry } from '../api/meta.js';
import { canonicalJson } from '../bundle/index.js';

/** A FieldsV1 tree: keys like `f:spec`, `k:{"name":"web"}`, `v:"x"`, `i:0`, `.`. */
export interface FieldsV1 {
  [key: string]: FieldsV1;
}

export interface FieldDifference {
  /** Readable path, e.g. `spec.template.spec.containers[name=web].image`. */
  path: string;
  /** The value the agent applies there (as the server stored it for the agent). */
  expected: unknown;
  /** The live value; undefined when the field or element is gone. */
  live: unknown;
  /** Field names down to the first list on the way: where a JSON merge patch must set a whole value. */
  patchPath: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asFieldsV1(value: unknown): FieldsV1 {
  return isRecord(value) ? (value as FieldsV1) : {};
}

/** Union of two FieldsV1 trees. */
export function mergeFieldSets(a: FieldsV1, b: FieldsV1): FieldsV1 {
  const out: FieldsV1 = { ...a };
  for (const [key, child] of Object.entries(b)) out[key] = key in out ? mergeFieldSets(out[key] as FieldsV1, child) : child;
  return out;
}

/**
 * The fields `manager` owns through server-side apply on the main resource. Update entries
 * and subresources (status) are left out: the agent only ever applies.
 */
export function ownedFieldsOf(obj: KubeObject, manager: string): FieldsV1 | undefined {
  const entries = (obj.metadata.managedFields ?? []).filter(
    (e: ManagedFieldsEntry) => e.manager === manager && e.operation === 'Apply' && !e.subresource,
  );
  if (entries.length === 0) return undefined;
  return entries.reduce<FieldsV1>((set, e) => mergeFieldSets(set, asFieldsV1(e.fieldsV1)), {});
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

interface Place {
  path: string;
  patchPath: string[];
  /** Inside a list: patchPath stops growing. */
  inList: boolean;
}

function child(place: Place, name: string): Place {
  return {
    path: place.path ? `${place.path}.${name}` : name,
    patchPath: place.inList ? place.patchPath : [...place.patchPath, name],
    inList: place.inList,
  };
}

function element(place: Place, label: string): Place {
  return { path: `${place.path}[${label}]`, patchPath: place.patchPath, inList: true };
}

/** Finds the element whose key fields equal `keys`; a key field absent from the element (defaulted later) matches too. */
function findByKeys(list: unknown, keys: Record<string, unknown>): unknown {
  if (!Array.isArray(list)) return undefined;
  const items = list.filter(isRecord);
  const exact = items.find((item) => Object.entries(keys).every(([k, v]) => sameValue(item[k], v)));
  return exact ?? items.find((item) => Object.entries(keys).every(([k, v]) => item[k] === undefined || sameValue(item[k], v)));
}

function keyLabel(keys: Record<string, unknown>): string {
  return Object.entries(keys)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(',');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type Walk = (tree: FieldsV1, expected: unknown, live: unknown, place: Place, out: FieldDifference[]) => void;

const walk: Walk = (tree, expected, live, place, out) => {
  if (expected === undefined) return; // no longer applied: pruned from the object at the next apply, not drift
  const keys = Object.keys(tree).filter((k) => k !== '.');
  if (keys.length === 0) {
    // `{".": {}}` alone: the element's presence is owned (checked by the caller), none of its fields.
    if ('.' in tree) return;
    if (!sameValue(expected, live)) out.push({ path: place.path, expected, live, patchPath: place.patchPath });
    return;
  }
  for (const key of keys) walkKey(key, tree[key] as FieldsV1, expected, live, place, out);
};

function walkKey(key: string, tree: FieldsV1, expected: unknown, live: unknown, place: Place, out: FieldDifference[]): void {
  const body = key.slice(2);
  if (key.startsWith('f:')) {
    const exp = isRecord(expected) ? expected[body] : undefined;
    walk(tree, exp, isRecord(live) ? live[body] : undefined, child(place, body), out);
  } else if (key.startsWith('k:')) {
    const keys = parseJson(body);
    if (!isRecord(keys)) return;
    const exp = findByKeys(expected, keys);
    const at = element(place, keyLabel(keys));
    const liveItem = findByKeys(live, keys);
    if (exp !== undefined && liveItem === undefined) out.push({ path: at.path, expected: exp, live: undefined, patchPath: at.patchPath });
    else walk(tree, exp, liveItem, at, out);
  } else if (key.startsWith('v:')) {
    const value = parseJson(body);
    const has = (list: unknown) => Array.isArray(list) && list.some((item) => sameValue(item, value));
    if (has(expected) && !has(live)) out.push({ path: element(place, JSON.stringify(value)).path, expected: value, live: undefined, patchPath: place.patchPath });
  } else if (key.startsWith('i:')) {
    const index = Number(body);
    const pick = (list: unknown) => (Array.isArray(list) ? (list[index] as unknown) : undefined);
    walk(tree, pick(expected), pick(live), element(place, body), out);
  }
}

/**
 * The owned fields whose live value differs from the expected one. `expected` is what the
 * agent applies (ideally the server's answer to that apply, so values are normalised as the
 * server stores them); `owned` is the agent's FieldsV1 set for it.
 */
export function fieldDifferences(expected: unknown, live: unknown, owned: FieldsV1): FieldDifference[] {
  const out: FieldDifference[] = [];
  walk(owned, expected, live, { path: '', patchPath: [], inList: false }, out);
  return out;
}

/**
 * A JSON merge patch that takes the live object back to the expected values of `differences`
 * (whole lists where an element differs, since a merge patch replaces lists).
 */
export function mergePatchFor(expected: unknown, differences: readonly FieldDifference[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const d of differences) {
    if (d.patchPath.length === 0) continue;
    let target = patch;
    let source: unknown = expected;
    d.patchPath.forEach((name, i) => {
      source = isRecord(source) ? source[name] : undefined;
      if (i === d.patchPath.length - 1) target[name] = source ?? null;
      else target = (isRecord(target[name]) ? target[name] : (target[name] = {})) as Record<string, unknown>;
    });
  }
  return patch;
}
