/**
 * Exponential backoff as pure arithmetic: the delay before attempt n, doubling from an
 * initial delay up to a cap. `KeyedBackoff` counts failures per key for the work queue, so
 * one failing object slows down only itself.
 */
import { Duration, type DurationLike } from './duration.js';

export interface BackoffOptions {
  /** The delay after the first failure; default 5 ms for the work queue as in client-go. */
  initial: DurationLike;
  /** No delay is longer than this. */
  max: DurationLike;
  /** Growth per failure; default 2. */
  factor?: number;
}

/** The delay after `failures` consecutive failures (1 = the first failure). */
export function backoffDelay(options: BackoffOptions, failures: number): Duration {
  if (failures <= 0) return Duration.milliseconds(0);
  const initial = options.initial.toMilliseconds();
  const max = options.max.toMilliseconds();
  // Past ~60 doublings the number overflows to Infinity; the cap applies long before.
  const exponent = Math.min(failures - 1, 60);
  return Duration.milliseconds(Math.min(max, initial * (options.factor ?? 2) ** exponent));
}

export class KeyedBackoff {
  private readonly failures = new Map<string, number>();

  constructor(private readonly options: BackoffOptions) {}

  /** Records one more failure of `key` and returns how long to wait before retrying it. */
  next(key: string): Duration {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return backoffDelay(this.options, n);
  }

  /** How many times `key` has failed in a row. */
  count(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Clears `key`'s failures after a success, so its next failure starts small again. */
  forget(key: string): void {
    this.failures.delete(key);
  }
}
