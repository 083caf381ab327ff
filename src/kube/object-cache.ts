/**
 * The store behind an informer: objects by `namespace/name` key (or `name` for cluster-scoped
 * kinds), plus indexes (by namespace always, and any custom index function, e.g. by label or
 * owner). Objects are kept as received, never copied: callers must treat them as read-only.
 */
import type { KubeObject } from '../api/meta.js';

/** The values an object is filed under in one index (none: not in the index). */
export type IndexFunc<T extends KubeObject> = (obj: T) => readonly string[];

export const NAMESPACE_INDEX = 'namespace';

/** The key the work queue and the cache use: `namespace/name`, or `name` when cluster-scoped. */
export function objectKey(obj: Pick<KubeObject, 'metadata'>): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

/** Splits a key back into namespace ('' when cluster-scoped) and name. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Index functions for common needs. */
export const indexBy = {
  /** Files objects under the value of one label. */
  label:
    <T extends KubeObject>(label: string): IndexFunc<T> =>
    (obj) => {
      const value = obj.metadata.labels?.[label];
      return value === undefined ? [] : [value];
    },
  /** Files objects under each owner's `kind/name` (namespace-local, as owner references are). */
  owner:
    <T extends KubeObject>(): IndexFunc<T> =>
    (obj) =>
      (obj.metadata.ownerReferences ?? []).map((o) => `${o.kind}/${o.name}`),
};

export interface CacheChanges<T> {
  added: T[];
  updated: Array<{ old: T; new: T }>;
  deleted: T[];
}

/** What readers of a cache may do; writes belong to the informer that fills it. */
export interface ReadonlyObjectCache<T extends KubeObject> {
  readonly size: number;
  get(key: string): T | undefined;
  list(): T[];
  keys(): IterableIterator<string>;
  byIndex(index: string, value: string): T[];
}

export class ObjectCache<T extends KubeObject> implements ReadonlyObjectCache<T> {
  private readonly items = new Map<string, T>();
  private readonly indexFuncs: ReadonlyMap<string, IndexFunc<T>>;
  /** index name → indexed value → keys. */
  private readonly indexes = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Readonly<Record<string, IndexFunc<T>>> = {}) {
    const funcs = new Map<string, IndexFunc<T>>([[NAMESPACE_INDEX, (o) => [o.metadata.namespace ?? '']]]);
    for (const [name, fn] of Object.entries(indexers)) funcs.set(name, fn);
    this.indexFuncs = funcs;
    for (const name of funcs.keys()) this.indexes.set(name, new Map());
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  keys(): IterableIterator<string> {
    return this.items.keys();
  }

  byIndex(index: string, value: string): T[] {
    const byValue = this.indexes.get(index);
    if (!byValue) throw new RangeError(`no index "${index}" (known: ${[...this.indexes.keys()].join(', ')})`);
    return [...(byValue.get(value) ?? [])].map((k) => this.items.get(k)!);
  }

  /** Stores the object and returns the one it replaced. */
  set(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    // On an update the Map keeps the key string it was first given; an index whose values did
    // not change keeps it too, rather than holding a second copy of every key (about 90 bytes
    // per cached object) and redoing its Sets on every event.
    this.items.set(key, obj);
    for (const [name, fn] of this.indexFuncs) {
      const values = fn(obj);
      if (old) {
        const was = fn(old);
        if (sameValues(was, values)) continue;
        this.removeFromIndex(name, was, key);
      }
      this.addToIndex(name, values, key);
    }
    return old;
  }

  /** Removes the object with this key and returns it. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  /**
   * Makes the cache hold exactly `objects` (after a relist) and says what changed. An object
   * whose resourceVersion did not change is not reported, so a relist after a lost watch
   * wakes only the objects that really changed meanwhile.
   */
  replace(objects: readonly T[]): CacheChanges<T> {
    const changes: CacheChanges<T> = { added: [], updated: [], deleted: [] };
    const seen = new Set<string>();
    for (const obj of objects) {
      const key = objectKey(obj);
      seen.add(key);
      const old = this.set(obj);
      if (!old) changes.added.push(obj);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) changes.updated.push({ old, new: obj });
    }
    for (const key of [...this.items.keys()]) {
      if (!seen.has(key)) changes.deleted.push(this.delete(key)!);
    }
    return changes;
  }

  private addToIndex(name: string, values: readonly string[], key: string): void {
    const byValue = this.indexes.get(name)!;
    for (const value of values) {
      let keys = byValue.get(value);
      if (!keys) byValue.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  private removeFromIndex(name: string, values: readonly string[], key: string): void {
    const byValue = this.indexes.get(name)!;
    for (const value of values) {
      const keys = byValue.get(value);
      keys?.delete(key);
      if (keys?.size === 0) byValue.delete(value);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexFuncs) this.removeFromIndex(name, fn(obj), key);
  }
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
