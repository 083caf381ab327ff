/**
 * The recent events of every logical cluster, kept so that a watch which restarts from a
 * resourceVersion it saw (its last event or BOOKMARK) resumes instead of relisting.
 *
 * History is kept by time, as kube-apiserver's watch cache sizes itself to hold a window of
 * events rather than a fixed count: a fixed count per cluster covered about a minute at rest
 * on a hub with 1,000 agents and seconds during a rollout, so every watch that timed out and
 * restarted was told 410 Gone and relisted. Events older than the window are dropped, and so
 * are the oldest of all clusters once their estimated memory passes a cap, whatever their age:
 * a rollout that writes faster than memory allows shortens the window instead of growing the
 * process. A cluster whose oldest kept event is gone answers older watches with 410, as etcd
 * does after compaction.
 */
import type { StoreEvent } from './store-event.js';

export interface EventHistoryOptions {
  /** How long an event is kept (unless the memory cap drops it sooner). */
  windowMs: number;
  /** Estimated bytes of every cluster's kept events past which the oldest are dropped. */
  maxBytes: number;
  /** Events one cluster keeps at most, whatever their age. */
  maxEventsPerCluster: number;
  /** Milliseconds since the epoch (injected so tests need not wait out a window). */
  now: () => number;
}

interface Kept {
  readonly event: StoreEvent;
  readonly at: number;
  readonly bytes: number;
  /** Dropped from its cluster already (by the per-cluster cap), so skipped in the global order. */
  dropped: boolean;
}

/** One cluster's events in resourceVersion order; `head` is the index of the oldest still kept. */
interface ClusterEvents {
  kept: Kept[];
  head: number;
  /** Events at or below this resourceVersion are no longer kept. */
  compactedRv: number;
}

/**
 * What one kept event is estimated to hold beyond what the store holds anyway: its JSON text
 * and, once superseded, the parsed object (about as large again), plus the record itself.
 */
function estimateBytes(event: StoreEvent): number {
  return 2 * (event.entry.json?.length ?? 1024) + 200;
}

export class EventHistory {
  private readonly clusters = new Map<string, ClusterEvents>();
  /** Every cluster's kept events in resourceVersion order, for dropping the oldest first. */
  private order: Kept[] = [];
  private orderHead = 0;
  private totalBytes = 0;

  constructor(private readonly options: EventHistoryOptions) {}

  /** Starts a cluster's history; nothing at or before `sinceRv` can be replayed for it. */
  private of(cluster: string, sinceRv: number): ClusterEvents {
    let c = this.clusters.get(cluster);
    if (!c) this.clusters.set(cluster, (c = { kept: [], head: 0, compactedRv: sinceRv }));
    return c;
  }

  /** Keeps an event (events arrive in resourceVersion order), then drops what is too old or too much. */
  add(event: StoreEvent, currentRv: number): void {
    const c = this.of(event.cluster, currentRv);
    const kept: Kept = { event, at: this.options.now(), bytes: estimateBytes(event), dropped: false };
    c.kept.push(kept);
    this.order.push(kept);
    this.totalBytes += kept.bytes;
    if (c.kept.length - c.head > this.options.maxEventsPerCluster) this.dropOldestOf(c);
    this.trim();
  }

  /**
   * Calls `deliver` with each kept event of `cluster` after `fromRv`, in order. Throws
   * TooOldResourceVersionError when events after `fromRv` may have been dropped.
   */
  replay(cluster: string, fromRv: number, currentRv: number, deliver: (event: StoreEvent) => void): void {
    this.trim();
    const c = this.of(cluster, currentRv);
    if (fromRv < c.compactedRv) throw new TooOldResourceVersionError(fromRv, c.compactedRv);
    for (let i = firstAfter(c, fromRv); i < c.kept.length; i++) deliver(c.kept[i]!.event);
  }

  /** Events kept across all clusters (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const c of this.clusters.values()) n += c.kept.length - c.head;
    return n;
  }

  /** Estimated bytes the kept events hold. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Drops, oldest first, events older than the window and any past the memory cap. */
  private trim(): void {
    const oldest = this.options.now() - this.options.windowMs;
    while (this.orderHead < this.order.length) {
      const kept = this.order[this.orderHead]!;
      if (!kept.dropped && kept.at >= oldest && this.totalBytes <= this.options.maxBytes) break;
      this.orderHead++;
      if (!kept.dropped) this.dropOldestOf(this.clusters.get(kept.event.cluster)!);
    }
    if (this.orderHead > 1024 && this.orderHead * 2 > this.order.length) {
      this.order = this.order.slice(this.orderHead);
      this.orderHead = 0;
    }
  }

  private dropOldestOf(c: ClusterEvents): void {
    const kept = c.kept[c.head]!;
    kept.dropped = true;
    // The serialised form stays cached while watchers and the writer's answer use it; once the
    // event leaves history a later read serialises again. Kept for good, an object nobody reads
    // (a member's default RBAC: about 26 KiB of JSON per logical cluster) held its text twice.
    kept.event.entry.json = undefined;
    this.totalBytes -= kept.bytes;
    c.compactedRv = kept.event.rv;
    c.head++;
    if (c.head === c.kept.length) {
      c.kept = [];
      c.head = 0;
    } else if (c.head > 64 && c.head * 2 > c.kept.length) {
      c.kept = c.kept.slice(c.head);
      c.head = 0;
    }
  }
}

/** The index of a cluster's first kept event after `rv` (binary search: events are in rv order). */
function firstAfter(c: ClusterEvents, rv: number): number {
  let lo = c.head;
  let hi = c.kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.kept[mid]!.event.rv <= rv) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The watch asked to resume from before the oldest event kept: it must relist (HTTP 410 Expired). */
export class TooOldResourceVersionError extends Error {
  constructor(
    readonly fromRv: number,
    readonly compactedRv: number,
  ) {
    super(`too old resource version: ${fromRv} (${compactedRv})`);
  }
}
