/**
 * The open watches of a store, found by what an event can reach: per cluster and resource,
 * the watches of every namespace, and those of one namespace indexed by it. An event is
 * then handed to the all-namespace watches and to its own namespace's, without looking at
 * the watches of every other namespace: with one agent per cluster namespace, a hub with
 * 10,000 agents would otherwise compare 10,000 namespaces for every BundleDeployment event.
 */
export interface WatchEntry<L> {
  /** undefined: every namespace. */
  namespace: string | undefined;
  listener: L;
}

interface ResourceWatchers<L> {
  all: Set<WatchEntry<L>>;
  byNamespace: Map<string, Set<WatchEntry<L>>>;
}

export class WatcherIndex<L> {
  private readonly byKey = new Map<string, ResourceWatchers<L>>();

  /** Registers a watch of `key` (cluster and resource); returns the function that removes it. */
  add(key: string, namespace: string | undefined, listener: L): () => void {
    let watchers = this.byKey.get(key);
    if (!watchers) this.byKey.set(key, (watchers = { all: new Set(), byNamespace: new Map() }));
    const entry: WatchEntry<L> = { namespace, listener };
    const set = namespace === undefined ? watchers.all : (watchers.byNamespace.get(namespace) ?? new Set<WatchEntry<L>>());
    if (namespace !== undefined) watchers.byNamespace.set(namespace, set);
    set.add(entry);
    const owner = watchers;
    return () => {
      set.delete(entry);
      if (namespace !== undefined && set.size === 0) owner.byNamespace.delete(namespace);
      if (owner.all.size === 0 && owner.byNamespace.size === 0 && this.byKey.get(key) === owner) this.byKey.delete(key);
    };
  }

  /** Calls `deliver` with each listener an event of `key` in `namespace` ('' for cluster-scoped objects) reaches. */
  forEachReached(key: string, namespace: string, deliver: (listener: L) => void): void {
    const watchers = this.byKey.get(key);
    if (!watchers) return;
    for (const entry of watchers.all) deliver(entry.listener);
    const own = watchers.byNamespace.get(namespace);
    if (own) for (const entry of own) deliver(entry.listener);
  }

  /** How many keys have watches (for tests: a removed watch leaves nothing behind). */
  get size(): number {
    return this.byKey.size;
  }
}
