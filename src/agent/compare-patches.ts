/**
 * `diff.comparePatches`, as Rancher Fleet has them: for the objects an entry names (its
 * apiVersion, kind, namespace and name; a field left out matches any object), the listed
 * `jsonPointers` and `remove` operations take those paths out of the comparison, and `add`
 * or `replace` operations set the same value on both sides, so the paths never count as
 * drift. They are applied to copies of both the expected and the live object before the
 * two are compared, so a pointer may name a whole subtree or one list element.
 */
import type { ComparePatch } from '../api/bundle-options.js';
import type { AppliedObjectRef } from './object-ref.js';

/** The entries that apply to `ref`. */
export function comparePatchesFor(patches: readonly ComparePatch[] | undefined, ref: AppliedObjectRef): ComparePatch[] {
  return (patches ?? []).filter(
    (p) =>
      (!p.apiVersion || p.apiVersion === ref.apiVersion) &&
      (!p.kind || p.kind === ref.kind) &&
      (!p.namespace || p.namespace === (ref.namespace ?? '')) &&
      (!p.name || p.name === ref.name),
  );
}

/** RFC 6901 pointer to segments; `""` and `"/"` name the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The parent of the pointer's last segment, when every step exists. */
function parentOf(doc: unknown, segments: readonly string[]): Container | undefined {
  let node: unknown = doc;
  for (const s of segments.slice(0, -1)) {
    if (!isContainer(node)) return undefined;
    node = Array.isArray(node) ? node[Number(s)] : node[s];
  }
  return isContainer(node) ? node : undefined;
}

function removeAt(doc: unknown, segments: readonly string[]): void {
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1];
  if (!parent || last === undefined) return;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
}

function setAt(doc: unknown, segments: readonly string[], value: unknown): void {
  const parent = parentOf(doc, segments);
  const last = segments[segments.length - 1];
  if (!parent || last === undefined) return;
  if (Array.isArray(parent)) parent[last === '-' ? parent.length : Number(last)] = value;
  else parent[last] = value;
}

function parseValue(value: string | undefined): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Whether an entry ignores the whole object (a pointer to the root). */
export function ignoresWholeObject(patches: readonly ComparePatch[]): boolean {
  return patches.some(
    (p) => (p.jsonPointers ?? []).some((ptr) => parsePointer(ptr).length === 0) || (p.operations ?? []).some((op) => op.op === 'remove' && parsePointer(op.path ?? '').length === 0),
  );
}

/** Applies the entries to a copy of `doc`; the same call on expected and live makes the paths equal. */
export function normalizeForCompare<T>(doc: T, patches: readonly ComparePatch[]): T {
  const copy = structuredClone(doc);
  for (const patch of patches) {
    for (const pointer of patch.jsonPointers ?? []) removeAt(copy, parsePointer(pointer));
    for (const op of patch.operations ?? []) {
      const segments = parsePointer(op.path ?? '');
      if (op.op === 'remove') removeAt(copy, segments);
      else if (op.op === 'add' || op.op === 'replace') setAt(copy, segments, parseValue(op.value));
    }
  }
  return copy;
}
