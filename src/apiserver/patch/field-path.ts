/**
 * Path elements of server-side apply's field sets, kept in the very form FieldsV1 writes
 * them: `f:<field>`, `k:<compact JSON of the key fields>` for an item of a map-list,
 * `v:<JSON>` for an item of a set, `i:<index>`. Also their order and the `.spec.replicas`
 * form Kubernetes prints in conflicts.
 */
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';

export type PathElement = string;
export type FieldPath = readonly PathElement[];

export const fieldElement = (name: string): PathElement => `f:${name}`;
export const valueElement = (value: JsonValue): PathElement => `v:${JSON.stringify(value)}`;
export const indexElement = (index: number): PathElement => `i:${index}`;

/** A map-list item's key, its fields sorted by name as Kubernetes sorts them. */
export function keyElement(fields: Readonly<Record<string, JsonValue>>): PathElement {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => compareStrings(a, b)));
  return `k:${JSON.stringify(sorted)}`;
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Field names first, then keys, values and indexes, each in their own order. */
export function compareElements(a: PathElement, b: PathElement): number {
  // Two field names (most elements) order as their names, which share the `f:` prefix.
  if (a.startsWith('f:') && b.startsWith('f:')) return compareStrings(a, b);
  const kind = a.slice(0, 1);
  const byKind = (RANK[kind] ?? 9) - (RANK[b.slice(0, 1)] ?? 9);
  if (byKind !== 0) return byKind;
  const x = a.slice(2);
  const y = b.slice(2);
  if (kind === 'f') return compareStrings(x, y);
  if (kind === 'i') return Number(x) - Number(y);
  return compareJson(JSON.parse(x) as JsonValue, JSON.parse(y) as JsonValue);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const TYPE_RANK = ['null', 'boolean', 'number', 'string', 'array', 'object'];
const typeRank = (v: JsonValue): number => TYPE_RANK.indexOf(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function compareJson(a: JsonValue, b: JsonValue): number {
  const byType = typeRank(a) - typeRank(b);
  if (byType !== 0) return byType;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (isJsonObject(a) && isJsonObject(b)) return compareEntries(a, b);
  return compareStrings(JSON.stringify(a), JSON.stringify(b));
}

function compareEntries(a: JsonObject, b: JsonObject): number {
  const ea = Object.entries(a);
  const eb = Object.entries(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    const [ka, va] = ea[i] as [string, JsonValue];
    const [kb, vb] = eb[i] as [string, JsonValue];
    const c = compareStrings(ka, kb) || compareJson(va, vb);
    if (c !== 0) return c;
  }
  return ea.length - eb.length;
}

/** `.spec.template.spec.containers[name="nginx"].image`, as conflicts name a field. */
export function formatFieldPath(path: FieldPath): string {
  return path.map(formatElement).join('');
}

function formatElement(element: PathElement): string {
  const body = element.slice(2);
  switch (element.slice(0, 1)) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const fields = Object.entries(JSON.parse(body) as JsonObject).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      return `[${fields.join(',')}]`;
    }
    case 'v':
      return `[=${body}]`;
    default:
      return `[${body}]`;
  }
}
