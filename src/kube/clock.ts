/**
 * Time as an injected dependency: everything in this folder that waits (backoff, requeue
 * after a delay, lease renewal) asks a Clock, so tests drive time with `ManualClock`
 * instead of sleeping.
 */
import type { DurationLike } from './duration.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after the duration, or rejects with the signal's reason when it aborts first.
   * A sleeping timer never keeps the process alive on its own account.
   */
  sleep(duration: DurationLike, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The wall clock and real timers. */
export function systemClock(): Clock {
  return Object.freeze({
    now: () => Date.now(),
    sleep: (duration: DurationLike, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        const onAbort = () => {
          clearTimeout(timer);
          reject(abortReason(signal!));
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, duration.toMilliseconds());
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  });
}

interface Sleeper {
  at: number;
  resolve: () => void;
}

/**
 * A clock that moves only when told to (`advance`), for tests of backoff and delays. Sleepers
 * whose time has come are woken in time order.
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(duration: DurationLike, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const sleeper: Sleeper = { at: this.current + duration.toMilliseconds(), resolve };
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(abortReason(signal));
        },
        { once: true },
      );
      this.sleepers.push(sleeper);
    });
  }

  /** How many sleeps are waiting for time to move. */
  get waiting(): number {
    return this.sleepers.length;
  }

  /** Moves time forward and wakes every sleeper due by then. */
  advance(duration: DurationLike): void {
    this.current += duration.toMilliseconds();
    const due = this.sleepers.filter((s) => s.at <= this.current).sort((a, b) => a.at - b.at);
    this.sleepers = this.sleepers.filter((s) => s.at > this.current);
    for (const s of due) s.resolve();
  }
}
