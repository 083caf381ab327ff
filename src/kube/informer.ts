/**
 * A list+watch cache of one kind (optionally one namespace and a selector): lists every page,
 * then watches from the list's resourceVersion with bookmarks. A broken or ended stream is
 * resumed from the last resourceVersion seen, after a backoff when it keeps failing; when the
 * server no longer has that version (410 Gone, as an ERROR event or an HTTP answer) it lists
 * again and reports only what changed meanwhile. Handlers see add/update/delete in the order
 * the server sent them. `stop()` closes the watch connection before it resolves.
 */
import { pino, type Logger } from 'pino';
import type { KubeObject, LabelSelector } from '../api/meta.js';
import { ApiError, isGone } from './api-error.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import { Duration, type DurationLike } from './duration.js';
import type { ObjectClient } from './object-client.js';
import { ObjectCache, objectKey, type CacheChanges, type IndexFunc, type ReadonlyObjectCache } from './object-cache.js';
import type { WatchEvent } from './watch-stream.js';

export interface InformerHandlers<T extends KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  /** Receives the last state the cache held. */
  delete?(obj: T): void;
}

export interface InformerOptions<T extends KubeObject> {
  client: ObjectClient;
  apiVersion: string;
  kind: string;
  namespace?: string;
  labelSelector?: string | LabelSelector;
  fieldSelector?: string;
  /** Objects per list page; default 500. */
  pageSize?: number;
  indexers?: Readonly<Record<string, IndexFunc<T>>>;
  /** Delays between failed attempts; default 200 ms doubling up to 30 s. */
  backoff?: BackoffOptions;
  /**
   * How long the server keeps one watch open before ending it (the informer then resumes);
   * default 5 minutes, so a connection silently lost behind a proxy is replaced eventually.
   */
  watchTimeout?: DurationLike;
  clock?: Clock;
  logger?: Logger;
  /**
   * Applied to every object before it is cached (e.g. dropping managedFields), so a cache of
   * many objects keeps only what its readers use.
   */
  transform?: (obj: T) => T;
}

/** A transform for caches whose readers never look at field ownership. */
export function withoutManagedFields<T extends KubeObject>(obj: T): T {
  if (!obj.metadata.managedFields) return obj;
  const { managedFields: _owned, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** A watch open at least this long ended normally (a timeout), not by failing at once. */
const HEALTHY_WATCH_MS = 1000;

const GONE = 'the server no longer holds the resource version to resume from (410 Gone)';

type Outcome = { next: 'resume'; resourceVersion: string; progressed: boolean } | { next: 'relist' };

export class Informer<T extends KubeObject> {
  private readonly store: ObjectCache<T>;
  private readonly handlers = new Set<InformerHandlers<T>>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly backoff: BackoffOptions;
  private synced = false;
  private readonly syncWaiters = new Set<() => void>();
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private resourceVersion = '';

  constructor(private readonly options: InformerOptions<T>) {
    this.store = new ObjectCache<T>(options.indexers);
    this.clock = options.clock ?? systemClock();
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ informer: `${options.kind}.${options.apiVersion}` });
    this.backoff = options.backoff ?? { initial: Duration.milliseconds(200), max: Duration.seconds(30) };
  }

  /** The objects as last received; read-only. */
  get cache(): ReadonlyObjectCache<T> {
    return this.store;
  }

  /** The resourceVersion the cache reflects. */
  get lastResourceVersion(): string {
    return this.resourceVersion;
  }

  /** Adds handlers; returns a function that removes them. Handlers added late miss earlier events. */
  on(handlers: InformerHandlers<T>): () => void {
    this.handlers.add(handlers);
    return () => this.handlers.delete(handlers);
  }

  /** Whether the first list has been stored (it stays true across relists). */
  hasSynced(): boolean {
    return this.synced;
  }

  waitForSync(signal?: AbortSignal): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.syncWaiters.delete(done);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.syncWaiters.add(done);
    });
  }

  /** Starts listing and watching in the background; an aborted `signal` stops it as `stop()` does. */
  start(signal?: AbortSignal): void {
    if (this.running) throw new Error('informer already started');
    const controller = new AbortController();
    this.controller = controller;
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    if (signal?.aborted) controller.abort();
    this.running = this.run(controller.signal);
  }

  /** Stops, and resolves once the watch connection is closed. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let resumeFrom: string | undefined;
    let relistReason = 'the last list failed';
    while (!signal.aborted) {
      try {
        // A relist after the first reads every object again: with 100,000 of them, worth a warning (client-go warns too).
        if (resumeFrom === undefined && this.synced) this.logger.warn({ kind: this.options.kind, reason: relistReason }, 'relisting');
        resumeFrom ??= await this.relist(signal);
        const outcome = await this.watch(resumeFrom, signal);
        resumeFrom = outcome.next === 'resume' ? outcome.resourceVersion : undefined;
        relistReason = GONE;
        this.logger.debug({ outcome }, 'watch ended');
        // A stream that ended without delivering anything is not progress: back off as for a failure.
        if (outcome.next === 'relist' || outcome.progressed) failures = 0;
        else await this.pause(++failures, signal);
      } catch (err) {
        if (signal.aborted) break;
        // A watch cut mid-stream resumes after the last event it delivered (this.resourceVersion),
        // not where it opened: resuming from there would replay old versions into the cache.
        // A failed list (resumeFrom still undefined) lists again; 410 Gone must relist.
        relistReason = isGone(err) ? GONE : 'the last list failed';
        resumeFrom = isGone(err) || resumeFrom === undefined ? undefined : this.resourceVersion;
        this.logger.warn({ err, failures: failures + 1, resumeFrom }, 'list or watch failed; retrying');
        await this.pause(++failures, signal);
      }
    }
  }

  private async pause(failures: number, signal: AbortSignal): Promise<void> {
    await this.clock.sleep(backoffDelay(this.backoff, failures), signal).catch(() => undefined);
  }

  private selectors() {
    const { namespace, labelSelector, fieldSelector } = this.options;
    return { namespace, labelSelector, fieldSelector };
  }

  /** Lists every page, makes the cache equal to it, and returns the version to watch from. */
  private async relist(signal: AbortSignal): Promise<string> {
    const type = { apiVersion: this.options.apiVersion, kind: this.options.kind };
    const { items, resourceVersion } = await this.options.client.listAll<T>(type, { ...this.selectors(), pageSize: this.options.pageSize, signal });
    if (signal.aborted) throw signal.reason;
    const transform = this.options.transform;
    const changes = this.store.replace(transform ? items.map(transform) : items);
    this.resourceVersion = resourceVersion;
    this.logger.debug({ count: items.length, resourceVersion }, 'listed');
    this.markSynced();
    this.dispatchChanges(changes);
    return resourceVersion;
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    for (const waiter of this.syncWaiters) waiter();
    this.syncWaiters.clear();
  }

  private async watch(from: string, signal: AbortSignal): Promise<Outcome> {
    const type = { apiVersion: this.options.apiVersion, kind: this.options.kind };
    const timeoutSeconds = Math.max(1, Math.round((this.options.watchTimeout?.toMilliseconds() ?? 300_000) / 1000));
    const openedAt = this.clock.now();
    const events = await this.options.client.watch<T>(type, { ...this.selectors(), resourceVersion: from, allowWatchBookmarks: true, timeoutSeconds, signal });
    let resourceVersion = from;
    let progressed = false;
    for await (const event of events) {
      if (event.type === 'ERROR') {
        const err = new ApiError(event.object, { method: 'WATCH', path: `${this.options.kind} from ${resourceVersion}` });
        if (isGone(err)) return { next: 'relist' };
        throw err;
      }
      progressed = true;
      resourceVersion = event.object.metadata.resourceVersion || resourceVersion;
      this.apply(event);
      this.resourceVersion = resourceVersion;
    }
    return { next: 'resume', resourceVersion, progressed: progressed || this.clock.now() - openedAt >= HEALTHY_WATCH_MS };
  }

  private apply(event: Exclude<WatchEvent<T>, { type: 'ERROR' | 'BOOKMARK' }> | Extract<WatchEvent<T>, { type: 'BOOKMARK' }>): void {
    switch (event.type) {
      case 'BOOKMARK':
        return;
      case 'ADDED':
      case 'MODIFIED': {
        const obj = this.options.transform ? this.options.transform(event.object) : event.object;
        const old = this.store.set(obj);
        if (old) this.emit('update', old, obj);
        else this.emit('add', obj);
        return;
      }
      case 'DELETED': {
        const old = this.store.delete(objectKey(event.object));
        this.emit('delete', old ?? event.object);
        return;
      }
    }
  }

  private dispatchChanges(changes: CacheChanges<T>): void {
    for (const obj of changes.added) this.emit('add', obj);
    for (const { old, new: obj } of changes.updated) this.emit('update', old, obj);
    for (const obj of changes.deleted) this.emit('delete', obj);
  }

  private emit(kind: 'add' | 'delete', obj: T): void;
  private emit(kind: 'update', old: T, obj: T): void;
  private emit(kind: keyof InformerHandlers<T>, a: T, b?: T): void {
    for (const h of this.handlers) {
      try {
        if (kind === 'update') h.update?.(a, b!);
        else h[kind]?.(a);
      } catch (err) {
        // One handler's bug must not stop the cache or the other handlers.
        this.logger.error({ err, event: kind, key: objectKey(b ?? a) }, 'informer handler failed');
      }
    }
  }
}
