/**
 * JSON Patch (RFC 6902) on plain data: add, remove, replace, move, copy and test, with
 * JSON Pointers (RFC 6901). Returns a new value; the input is never changed.
 */

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

type Json = unknown;

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`"${pointer}" is not a JSON pointer`);
  return pointer.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(arr: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchError(`"${token}" is not an array index`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) throw new PatchError(`index ${i} is out of range`);
  return i;
}

function parentOf(doc: Json, tokens: string[]): { parent: unknown; key: string } {
  let node: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, t, false)];
    else if (isRecord(node) && t in node) node = node[t];
    else throw new PatchError(`path /${tokens.join('/')} does not exist`);
  }
  return { parent: node, key: tokens[tokens.length - 1] ?? '' };
}

function get(doc: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, false)];
  if (isRecord(parent) && key in parent) return parent[key];
  throw new PatchError(`path ${pointer} does not exist`);
}

function add(doc: Json, pointer: string, value: Json): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else if (isRecord(parent)) parent[key] = value;
  else throw new PatchError(`cannot add at ${pointer}: parent is not a map or list`);
  return doc;
}

function remove(doc: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new PatchError('cannot remove the whole document');
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else if (isRecord(parent) && key in parent) delete parent[key];
  else throw new PatchError(`path ${pointer} does not exist`);
  return doc;
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || (isRecord(a) && isRecord(b) && sameRecord(a, b));
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
}

function applyOne(doc: Json, op: Operation): Json {
  switch (op.op) {
    case 'add':
      return add(doc, op.path, structuredClone(op.value));
    case 'remove':
      return remove(doc, op.path);
    case 'replace':
      get(doc, op.path);
      return add(remove(doc, op.path), op.path, structuredClone(op.value));
    case 'move': {
      const value = get(doc, op.from ?? '');
      return add(remove(doc, op.from ?? ''), op.path, value);
    }
    case 'copy':
      return add(doc, op.path, structuredClone(get(doc, op.from ?? '')));
    case 'test':
      if (!deepEqual(get(doc, op.path), op.value)) throw new PatchError(`test failed at ${op.path}`);
      return doc;
    default:
      throw new PatchError(`unknown operation "${op.op}"`);
  }
}

function toOperation(raw: unknown, i: number): Operation {
  if (!isRecord(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
    throw new PatchError(`operation ${i} needs "op" and "path"`);
  }
  const op: Operation = { op: raw.op, path: raw.path };
  if (typeof raw.from === 'string') op.from = raw.from;
  if ('value' in raw) op.value = raw.value;
  return op;
}

/** Applies a JSON Patch (a list of operations) to a copy of `doc`. */
export function applyJsonPatch(doc: Json, patch: readonly unknown[]): Json {
  let out = structuredClone(doc);
  patch.forEach((raw, i) => {
    out = applyOne(out, toOperation(raw, i));
  });
  return out;
}
