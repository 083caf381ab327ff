/**
 * The queue of a level-based reconcile loop: it carries `namespace/name` keys only, a key
 * queued twice is queued once, a key being processed is never handed out again until it is
 * `done`, and a key added meanwhile is handed out again afterwards (so the latest state is
 * always reconciled). Delayed adds and per-key exponential backoff run on an injected clock.
 */
import { KeyedBackoff, type BackoffOptions } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import { Duration, type DurationLike } from './duration.js';

export interface WorkQueueOptions {
  clock?: Clock;
  /** Retry delays per key; default 5 ms doubling up to 5 minutes. */
  backoff?: BackoffOptions;
}

export const DEFAULT_RETRY_BACKOFF: BackoffOptions = Object.freeze({ initial: Duration.milliseconds(5), max: Duration.minutes(5) });

export class WorkQueue {
  /** Keys ready to hand out, in the order they became ready (a Set keeps insertion order). */
  private readonly ready = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys added while being processed: they go back to `ready` when done. */
  private readonly dirty = new Set<string>();
  /** Key → when its earliest delayed add is due. */
  private readonly delayed = new Map<string, number>();
  private readonly takers: Array<(key: string | undefined) => void> = [];
  private readonly clock: Clock;
  private readonly backoff: KeyedBackoff;
  private readonly shutdown = new AbortController();

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? systemClock();
    this.backoff = new KeyedBackoff(options.backoff ?? DEFAULT_RETRY_BACKOFF);
  }

  /** Keys waiting to be handed out. */
  get length(): number {
    return this.ready.size;
  }

  /** Keys handed out and not yet done. */
  get inProgress(): number {
    return this.processing.size;
  }

  get isShutDown(): boolean {
    return this.shutdown.signal.aborted;
  }

  add(key: string): void {
    if (this.isShutDown) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    const taker = this.ready.size === 0 ? this.takers.shift() : undefined;
    if (taker) {
      this.processing.add(key);
      taker(key);
      return;
    }
    this.ready.add(key);
  }

  /** Adds the key once `delay` has passed; an earlier pending add of the same key wins. */
  addAfter(key: string, delay: DurationLike): void {
    if (this.isShutDown) return;
    const ms = delay.toMilliseconds();
    if (ms <= 0) return this.add(key);
    const due = this.clock.now() + ms;
    const pending = this.delayed.get(key);
    if (pending !== undefined && pending <= due) return;
    this.delayed.set(key, due);
    this.clock.sleep(delay, this.shutdown.signal).then(
      () => {
        // A later, superseded timer finds another due time (or none) and does nothing.
        if (this.delayed.get(key) !== due) return;
        this.delayed.delete(key);
        this.add(key);
      },
      () => undefined,
    );
  }

  /** Adds the key after its next backoff delay, and returns that delay. */
  addRateLimited(key: string): Duration {
    const delay = this.backoff.next(key);
    this.addAfter(key, delay);
    return delay;
  }

  /** Forgets the key's failures, so its next retry starts at the initial delay. */
  forget(key: string): void {
    this.backoff.forget(key);
  }

  /** Failures in a row recorded for the key. */
  retries(key: string): number {
    return this.backoff.count(key);
  }

  /** The next key, once there is one; undefined when the queue shuts down. Call `done` after. */
  take(): Promise<string | undefined> {
    if (this.isShutDown) return Promise.resolve(undefined);
    const next = this.ready.values().next();
    if (!next.done) {
      this.ready.delete(next.value);
      this.processing.add(next.value);
      return Promise.resolve(next.value);
    }
    return new Promise((resolve) => this.takers.push(resolve));
  }

  /** Marks the key processed; if it was added meanwhile, it is ready again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.delete(key)) this.add(key);
  }

  /** Hands out nothing more: waiting `take` calls get undefined and delayed adds are dropped. */
  shutDown(): void {
    this.shutdown.abort();
    for (const taker of this.takers.splice(0)) taker(undefined);
  }
}
