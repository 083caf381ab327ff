/**
 * RFC 6902 JSON Patch (`application/json-patch+json`). Operations apply in order to a copy
 * of the document; the first that fails aborts the whole patch, and the messages follow the
 * wording of the JSON patch library Kubernetes uses, so users recognise them.
 */
import { parseJsonPointer } from './json-pointer.js';
import { cloneJson, goTypeName, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json-value.js';
import { doesNotApply, malformed } from './patch-error.js';

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

type Container = JsonObject | JsonValue[];

/** Where an operation lands: the object or array holding the target, and the key in it. */
interface Location {
  parent: Container;
  key: string;
}

/** Applies `patch` (the parsed request body) to `doc` and returns the patched copy. */
export function applyJsonPatch(doc: JsonValue, patch: unknown): JsonValue {
  const operations = decodeJsonPatch(patch);
  // The document is wrapped so that the root path `""` has a parent like any other path.
  const root: JsonObject = { '': cloneJson(doc) };
  for (const operation of operations) applyOperation(root, operation);
  return root[''] as JsonValue;
}

/** Checks the shape of a patch before anything is applied; a bad shape is a 400. */
export function decodeJsonPatch(patch: unknown): JsonPatchOperation[] {
  if (!Array.isArray(patch)) {
    throw malformed(`json: cannot unmarshal ${goTypeName(patch)} into Go value of type jsonpatch.Patch`);
  }
  return patch.map((raw: unknown) => {
    if (!isJsonObject(raw)) throw malformed(`json: cannot unmarshal ${goTypeName(raw)} into Go value of type jsonpatch.Operation`);
    const { op, path, from } = raw;
    if (typeof op !== 'string') throw malformed('Unexpected kind: unknown');
    if (typeof path !== 'string') throw malformed(`${op} operation failed to decode path`);
    if ((op === 'move' || op === 'copy') && typeof from !== 'string') throw malformed(`${op} operation failed to decode from`);
    if ((op === 'add' || op === 'replace' || op === 'test') && !Object.hasOwn(raw, 'value')) {
      throw malformed(`${op} operation missing value`);
    }
    return raw as unknown as JsonPatchOperation;
  });
}

function applyOperation(root: JsonObject, operation: JsonPatchOperation): void {
  switch (operation.op) {
    case 'add':
      return add(root, operation.path, cloneJson(operation.value));
    case 'remove':
      return remove(root, operation.path);
    case 'replace':
      return replace(root, operation.path, cloneJson(operation.value));
    case 'move':
      return move(root, operation.from, operation.path);
    case 'copy':
      return copy(root, operation.from, operation.path);
    case 'test':
      return test(root, operation.path, operation.value);
    default:
      throw doesNotApply(`Unexpected kind: ${(operation as { op: string }).op}: unknown object type`);
  }
}

/** Finds the container of the pointer's last token; undefined when any step is missing. */
function locate(root: JsonObject, pointer: string): Location | undefined {
  const parts = ['', ...parseJsonPointer(pointer)];
  let current: JsonValue = root;
  for (const part of parts.slice(0, -1)) {
    const next = childOf(current, part);
    if (next === undefined) return undefined;
    current = next;
  }
  if (!Array.isArray(current) && !isJsonObject(current)) return undefined;
  return { parent: current, key: parts[parts.length - 1] as string };
}

function childOf(value: JsonValue, key: string): JsonValue | undefined {
  if (Array.isArray(value)) {
    const index = arrayIndex(key);
    return index === undefined ? undefined : value[index];
  }
  if (isJsonObject(value) && Object.hasOwn(value, key)) return value[key];
  return undefined;
}

/** Array indexes are decimal without leading zeros (RFC 6901); anything else names nothing. */
function arrayIndex(key: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : undefined;
}

function get(loc: Location): JsonValue | undefined {
  return childOf(loc.parent, loc.key);
}

function add(root: JsonObject, path: string, value: JsonValue): void {
  const loc = locate(root, path);
  if (!loc) throw doesNotApply(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  insert(loc, value, `error in add for path: '${path}'`);
}

function insert(loc: Location, value: JsonValue, context: string): void {
  if (!Array.isArray(loc.parent)) {
    loc.parent[loc.key] = value;
    return;
  }
  const index = loc.key === '-' ? loc.parent.length : arrayIndex(loc.key);
  if (index === undefined || index > loc.parent.length) {
    throw doesNotApply(`${context}: Unable to access invalid index: ${loc.key}: ${INVALID_INDEX}`);
  }
  loc.parent.splice(index, 0, value);
}

function remove(root: JsonObject, path: string): void {
  const loc = locate(root, path);
  if (!loc) throw doesNotApply(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  take(loc, `error in remove for path: '${path}'`);
}

/** Removes and returns the value at `loc`. */
function take(loc: Location, context: string): JsonValue {
  const value = get(loc);
  if (Array.isArray(loc.parent)) {
    const index = arrayIndex(loc.key);
    if (index === undefined || value === undefined) {
      throw doesNotApply(`${context}: Unable to access invalid index: ${loc.key}: ${INVALID_INDEX}`);
    }
    loc.parent.splice(index, 1);
    return value;
  }
  if (value === undefined) throw doesNotApply(`${context}: Unable to remove nonexistent key: ${loc.key}: ${MISSING}`);
  delete loc.parent[loc.key];
  return value;
}

function replace(root: JsonObject, path: string, value: JsonValue): void {
  const loc = locate(root, path);
  if (!loc) throw doesNotApply(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  // RFC 6902 requires the target to exist; replacing a missing key is an error, not an add.
  if (get(loc) === undefined) throw doesNotApply(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  if (Array.isArray(loc.parent)) loc.parent[Number(loc.key)] = value;
  else loc.parent[loc.key] = value;
}

function move(root: JsonObject, from: string, path: string): void {
  if (path !== from && path.startsWith(from + '/')) {
    throw doesNotApply(`move operation does not apply: from ${from} is a prefix of path ${path}`);
  }
  const source = locate(root, from);
  if (!source) throw doesNotApply(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = take(source, `error in move for path: '${source.key}'`);
  const target = locate(root, path);
  if (!target) throw doesNotApply(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  insert(target, value, `error in move for path: '${path}'`);
}

function copy(root: JsonObject, from: string, path: string): void {
  const source = locate(root, from);
  if (!source) throw doesNotApply(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = get(source);
  if (value === undefined) throw doesNotApply(`error in copy for from: '${from}': ${MISSING}`);
  const target = locate(root, path);
  if (!target) throw doesNotApply(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  insert(target, cloneJson(value), 'error while adding value during copy');
}

function test(root: JsonObject, path: string, expected: JsonValue): void {
  const loc = locate(root, path);
  if (!loc) throw doesNotApply(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  const actual = get(loc);
  // A missing member only matches an explicit null, as in the library Kubernetes uses.
  const matches = actual === undefined ? expected === null : jsonEqual(actual, expected);
  if (!matches) throw doesNotApply(`testing value ${path} failed: test failed`);
}
