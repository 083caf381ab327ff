/**
 * The object store behind one API server: every logical cluster's objects in memory, made
 * durable through the write-ahead log before a write is acknowledged or seen by a watcher.
 *
 * resourceVersions come from one counter for the whole server, so they increase across
 * clusters and restarts. Each cluster keeps the last minutes of its events for watch resume
 * (EventHistory); a watch older than that history is told 410 Gone and relists, as with etcd
 * compaction.
 */
import type { KubeObject } from '../../api/meta.js';
import { WriteAheadLog, type Snapshot, type WalRecord } from './wal.js';
import { WatcherIndex } from './watcher-index.js';
import type { EventType, StoredEntry, StoreEvent } from './store-event.js';
import { EventHistory, TooOldResourceVersionError } from './event-history.js';
import { cloneJsonValue } from '../json-clone.js';

export type { EventType, StoredEntry, StoreEvent } from './store-event.js';

export interface Write {
  cluster: string;
  resource: string;
  namespace: string;
  name: string;
  /** The new object, or undefined to delete. */
  obj: KubeObject | undefined;
}

export type WatchListener = (event: StoreEvent) => void;

export { TooOldResourceVersionError };

export function jsonOf(entry: StoredEntry): string {
  entry.json ??= JSON.stringify(entry.obj);
  return entry.json;
}

const objectKey = (namespace: string, name: string) => `${namespace}/${name}`;

export interface ObjectStoreOptions {
  dataDir: string;
  /** Events kept per cluster for watch resume at most, whatever their age (default 100 * 1024). */
  historySize?: number;
  /** How long events are kept for watch resume (default 5 minutes, etcd's compaction interval). */
  historyWindowMs?: number;
  /** Estimated bytes of kept events past which the oldest are dropped sooner (default 256 MiB). */
  historyMaxBytes?: number;
  /** Milliseconds since the epoch, for the history's window (default Date.now). */
  now?: () => number;
  /** Log bytes after which a snapshot is written and the log cut. */
  compactBytes?: number;
  /** Skip fsync (benchmarks of the non-durable path only). */
  noSync?: boolean;
  /** Told of background failures (a snapshot that could not be written). */
  onError?: (err: unknown) => void;
}

export class ObjectStore {
  private readonly data = new Map<string, Map<string, Map<string, StoredEntry>>>();
  /**
   * The same entries by `cluster\0resource`, then namespace: a namespaced list reads only its
   * namespace. Without it each agent's list of its own BundleDeployments walked every
   * BundleDeployment on the hub (100,000 at 10,000 clusters × 10 bundles).
   */
  private readonly byNamespace = new Map<string, Map<string, Map<string, StoredEntry>>>();
  private readonly history: EventHistory;
  private readonly watchers = new WatcherIndex<WatchListener>();
  private readonly observers = new Set<WatchListener>();
  private readonly durableWaiters: Array<{ rv: number; resolve: () => void }> = [];
  private readonly wal: WriteAheadLog;
  private assignedRv = 0;
  private dispatchedRv = 0;
  private compacting: Promise<void> | undefined;
  private readonly compactBytes: number;
  private dispatchChain: Promise<void> = Promise.resolve();

  constructor(private readonly options: ObjectStoreOptions) {
    this.wal = new WriteAheadLog(options.dataDir, { noSync: options.noSync });
    this.history = new EventHistory({
      windowMs: options.historyWindowMs ?? 5 * 60_000,
      maxBytes: options.historyMaxBytes ?? 256 * 1024 * 1024,
      maxEventsPerCluster: options.historySize ?? 100 * 1024,
      now: options.now ?? Date.now,
    });
    this.compactBytes = options.compactBytes ?? 64 * 1024 * 1024;
  }

  /** Loads what is on disk; resourceVersions continue after the highest one found. */
  async open(): Promise<void> {
    const { snapshot, records } = await this.wal.load();
    for (const r of snapshot?.records ?? []) this.applyRecord(r);
    let rv = snapshot?.rv ?? 0;
    for (const r of records) {
      this.applyRecord(r);
      rv = Math.max(rv, r.rv);
    }
    this.assignedRv = rv;
    this.dispatchedRv = rv;
    await this.wal.open(rv);
  }

  async close(): Promise<void> {
    await this.compacting;
    await this.wal.close();
    await this.dispatchChain;
  }

  /** The newest resourceVersion whose write is durable and dispatched to watchers. */
  get resourceVersion(): number {
    return this.dispatchedRv;
  }

  clusters(): string[] {
    return [...this.data.keys()];
  }

  hasCluster(cluster: string): boolean {
    return this.data.has(cluster);
  }

  get(cluster: string, resource: string, namespace: string, name: string): StoredEntry | undefined {
    return this.data.get(cluster)?.get(resource)?.get(objectKey(namespace, name));
  }

  /** Entries of one resource, optionally one namespace; unordered. */
  *entries(cluster: string, resource: string, namespace?: string): Iterable<StoredEntry> {
    const objects = namespace === undefined ? this.data.get(cluster)?.get(resource) : this.byNamespace.get(`${cluster}\0${resource}`)?.get(namespace);
    if (objects) yield* objects.values();
  }

  count(cluster: string, resource: string): number {
    return this.data.get(cluster)?.get(resource)?.size ?? 0;
  }

  /** Resolves once every write assigned so far is durable and dispatched. */
  async settled(): Promise<void> {
    const rv = this.assignedRv;
    if (this.dispatchedRv >= rv) return;
    await new Promise<void>((resolve) => this.durableWaiters.push({ rv, resolve }));
  }

  /** Ensures a cluster exists in the store even before it holds an object. */
  touchCluster(cluster: string): void {
    if (!this.data.has(cluster)) this.data.set(cluster, new Map());
  }

  /**
   * Applies writes: each gets the next resourceVersion (written into its metadata), memory
   * changes at once, and the returned promise resolves when the writes are durable and
   * their events have been dispatched.
   */
  async commit(writes: Write[]): Promise<StoredEntry[]> {
    const records: Array<WalRecord & { objectJson?: string }> = [];
    const events: StoreEvent[] = [];
    const results: StoredEntry[] = [];
    const superseded: StoredEntry[] = [];
    for (const w of writes) {
      const rv = ++this.assignedRv;
      const prevEntry = this.get(w.cluster, w.resource, w.namespace, w.name);
      let entry: StoredEntry;
      if (w.obj) {
        w.obj.metadata.resourceVersion = String(rv);
        // Serialised once here for the log, every watcher and later reads alike.
        entry = { obj: w.obj, json: JSON.stringify(w.obj) };
        this.put(w.cluster, w.resource, objectKey(w.namespace, w.name), entry);
      } else {
        if (!prevEntry) continue;
        const gone = cloneJsonValue(prevEntry.obj);
        gone.metadata.resourceVersion = String(rv);
        entry = { obj: gone, json: undefined };
        this.remove(w.cluster, w.resource, objectKey(w.namespace, w.name));
      }
      results.push(entry);
      if (prevEntry) superseded.push(prevEntry);
      const record: WalRecord & { objectJson?: string } = { rv, c: w.cluster, r: w.resource, k: objectKey(w.namespace, w.name) };
      if (w.obj) Object.assign(record, { o: w.obj, objectJson: entry.json });
      records.push(record);
      const type: EventType = !w.obj ? 'DELETED' : prevEntry ? 'MODIFIED' : 'ADDED';
      events.push({ type, cluster: w.cluster, resource: w.resource, namespace: w.namespace, rv, entry, prev: prevEntry?.obj });
    }
    if (!records.length) return results;
    const durable = this.wal.append(records);
    // Dispatch strictly in resourceVersion order, each batch after it is durable.
    const dispatched = this.dispatchChain.then(() => durable).then(() => {
      this.dispatch(events);
      // A replaced version's text was for its own event's watchers, all served by now; kept,
      // every version in the watch history held its text beside its object. A replay of its
      // event (a restarted watch) serialises it again.
      for (const old of superseded) old.json = undefined;
    });
    this.dispatchChain = dispatched.catch(() => undefined);
    await dispatched;
    this.maybeCompact();
    return results;
  }

  /**
   * Watches one resource of one cluster (optionally one namespace). Events after `fromRv`
   * still in history are replayed first; an older `fromRv` throws TooOldResourceVersionError.
   */
  watch(cluster: string, resource: string, namespace: string | undefined, fromRv: number, listener: WatchListener): () => void {
    // A cluster first watched now knows nothing older than now: after a restart older watches relist.
    this.history.replay(cluster, fromRv, this.dispatchedRv, (event) => {
      if (event.resource === resource && (namespace === undefined || event.namespace === namespace)) listener(event);
    });
    return this.watchers.add(`${cluster}\0${resource}`, namespace, listener);
  }

  /** Sees every durable event of every cluster and resource (the server's own controllers). */
  observe(listener: WatchListener): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /** Every object of every cluster, as log records (for snapshots and inspection). */
  private stateRecords(): Snapshot['records'] {
    const out: Snapshot['records'] = [];
    for (const [c, resources] of this.data) {
      if (!resources.size) out.push({ rv: 0, c, r: '', k: '' });
      for (const [r, objects] of resources) {
        // The text serialised at commit, where still cached, is written as it is.
        for (const [k, entry] of objects) out.push({ rv: Number(entry.obj.metadata.resourceVersion), c, r, k, o: entry.obj, objectJson: entry.json });
      }
    }
    return out;
  }

  private dispatch(events: StoreEvent[]): void {
    for (const event of events) {
      this.history.add(event, this.dispatchedRv);
      this.watchers.forEachReached(`${event.cluster}\0${event.resource}`, event.namespace, (listener) => listener(event));
      this.dispatchedRv = event.rv;
      for (const o of this.observers) o(event);
    }
    while (this.durableWaiters.length && this.durableWaiters[0]!.rv <= this.dispatchedRv) this.durableWaiters.shift()!.resolve();
  }

  private maybeCompact(): void {
    // The log is cut once it outgrows the last snapshot too: each snapshot writes the whole
    // state, so with a fixed threshold a growing state (10,000 clusters being created) was
    // written again every 64 MiB, quadratic in its size.
    if (this.compacting || this.wal.segmentBytes < Math.max(this.compactBytes, this.wal.snapshotBytes)) return;
    const takeState = () => ({ rv: this.assignedRv, records: this.stateRecords() });
    this.compacting = this.wal
      .compact(takeState)
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => (this.compacting = undefined));
  }

  private applyRecord(r: WalRecord): void {
    this.touchCluster(r.c);
    if (!r.r) return;
    if (r.o) this.put(r.c, r.r, r.k, { obj: r.o as KubeObject, json: undefined });
    else this.remove(r.c, r.r, r.k);
  }

  private put(cluster: string, resource: string, key: string, entry: StoredEntry): void {
    let resources = this.data.get(cluster);
    if (!resources) this.data.set(cluster, (resources = new Map()));
    let objects = resources.get(resource);
    if (!objects) resources.set(resource, (objects = new Map()));
    objects.set(key, entry);
    const at = `${cluster}\0${resource}`;
    let namespaces = this.byNamespace.get(at);
    if (!namespaces) this.byNamespace.set(at, (namespaces = new Map()));
    const namespace = entry.obj.metadata.namespace ?? '';
    let inNamespace = namespaces.get(namespace);
    if (!inNamespace) namespaces.set(namespace, (inNamespace = new Map()));
    inNamespace.set(key, entry);
  }

  private remove(cluster: string, resource: string, key: string): void {
    const objects = this.data.get(cluster)?.get(resource);
    const entry = objects?.get(key);
    if (!objects || !entry) return;
    objects.delete(key);
    const namespaces = this.byNamespace.get(`${cluster}\0${resource}`);
    const namespace = entry.obj.metadata.namespace ?? '';
    const inNamespace = namespaces?.get(namespace);
    inNamespace?.delete(key);
    if (inNamespace?.size === 0) namespaces?.delete(namespace);
  }
}
