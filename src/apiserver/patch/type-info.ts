/**
 * What the patch and apply code needs to know about a kind's schema: which members are
 * declared fields, how lists merge (`x-kubernetes-list-type`, `patchStrategy`) and whether
 * maps are atomic. Built from a CRD's schema (type-info-from-schema.ts) or from the table
 * of built-in kinds (builtin-patch-meta.ts).
 */
import type { JsonObject, JsonValue } from './json-value.js';

export type ListType = 'atomic' | 'set' | 'map';
export type MapType = 'atomic' | 'granular';

/** The strategies Kubernetes declares on one field, as its OpenAPI extensions name them. */
export interface PatchMeta {
  /** `merge`, `retainKeys`, `merge,retainKeys` or `replace` (x-kubernetes-patch-strategy). */
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: ListType;
  listMapKeys?: readonly string[];
  mapType?: MapType;
}

/** One node of a kind's schema. An empty node means "nothing known": the defaults apply. */
export interface TypeNode extends PatchMeta {
  /** Declared fields of a struct. Members not declared here are map entries. */
  readonly fields?: Readonly<Record<string, TypeNode>>;
  /** The type of map values that are not declared fields (additionalProperties). */
  readonly elements?: TypeNode;
  /** The type of list items: a node with `items` describes a list. */
  readonly items?: TypeNode;
  /** Values a list-map key takes when an item omits it (containers' ports default to TCP). */
  readonly keyDefaults?: Readonly<Record<string, JsonValue>>;
  /** Members beyond `fields` are free-form map entries (x-kubernetes-preserve-unknown-fields). */
  readonly preserveUnknownFields?: boolean;
  /**
   * What a built-in kind's new, empty object already holds here: `{}` for a Go struct that
   * is not a pointer (a Deployment's `spec`), `null` for a field Go always writes (a pod's
   * `containers`). Creating the object then does not count the field itself as added.
   */
  readonly zeroValue?: 'empty' | 'null';
}

export interface TypeInfo {
  readonly root: TypeNode;
}

export const UNKNOWN_TYPE: TypeNode = Object.freeze({});

/** A type that knows nothing: every list atomic, every map granular, as for schemaless objects. */
export const DEFAULT_TYPE_INFO: TypeInfo = Object.freeze({ root: UNKNOWN_TYPE });

/** The type of member `name` of an object of type `node`. */
export function memberType(node: TypeNode, name: string): TypeNode {
  return node.fields?.[name] ?? node.elements ?? UNKNOWN_TYPE;
}

/** The object a create starts from: empty, but for the structs a built-in kind always has. */
export function emptyObject(node: TypeNode): JsonObject {
  const out: JsonObject = {};
  for (const [name, field] of Object.entries(node.fields ?? {})) {
    if (field.zeroValue === 'empty') out[name] = emptyObject(field);
    else if (field.zeroValue === 'null') out[name] = null;
  }
  return out;
}

export function itemType(node: TypeNode): TypeNode {
  return node.items ?? UNKNOWN_TYPE;
}

/**
 * Whether member `name` is a map entry rather than a declared field. Server-side apply
 * records map entries themselves as owned, and only the leaves of declared fields.
 * A node that declares nothing is treated as a struct, which is right for built-in kinds
 * whose table lists only the fields with a strategy.
 */
export function isMapEntry(node: TypeNode, name: string): boolean {
  if (node.fields && Object.hasOwn(node.fields, name)) return false;
  return node.elements !== undefined || node.preserveUnknownFields === true;
}

/**
 * How server-side apply treats a list: an explicit list type wins; otherwise a
 * `patchStrategy: merge` list behaves as a map keyed by its merge key (or a set of scalars),
 * and every other list is atomic, as in Kubernetes.
 */
export function listTypeOf(node: TypeNode): ListType {
  if (node.listType) return node.listType;
  if (hasStrategy(node, 'merge')) return node.patchMergeKey ? 'map' : 'set';
  return 'atomic';
}

export function listKeysOf(node: TypeNode): readonly string[] {
  if (node.listMapKeys?.length) return node.listMapKeys;
  return node.patchMergeKey ? [node.patchMergeKey] : [];
}

export function isAtomicMap(node: TypeNode): boolean {
  return node.mapType === 'atomic';
}

export function hasStrategy(node: PatchMeta, strategy: 'merge' | 'retainKeys' | 'replace'): boolean {
  return (node.patchStrategy ?? '').split(',').includes(strategy);
}

/** The strategies declared at a path of field names from a kind's root. */
export type PatchMetaLookup = (path: readonly string[]) => PatchMeta;

/** The lookup of a type: strategic merge patch asks it, field by field. */
export function patchMetaLookup(info: TypeInfo): PatchMetaLookup {
  return (path) => patchMetaAt(info, path);
}

/**
 * The strategies declared at `path`, a list of field names from the kind's root (list items
 * are transparent: `['spec', 'containers', 'ports']`).
 */
export function patchMetaAt(info: TypeInfo, path: readonly string[]): PatchMeta {
  let node = info.root;
  for (const name of path) {
    // A list's strategies sit on the list node; the fields below it are those of its items.
    node = memberType(node.items ?? node, name);
  }
  const { patchStrategy, patchMergeKey, listType, listMapKeys, mapType } = node;
  return strip({ patchStrategy, patchMergeKey, listType, listMapKeys, mapType });
}

function strip(meta: PatchMeta): PatchMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as PatchMeta;
}
