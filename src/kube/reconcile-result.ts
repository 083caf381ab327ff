/**
 * What a reconcile returns: a small closed union, so the loop's handling is a switch the
 * compiler checks. Errors are not results: they are thrown as the classes of
 * reconcile-error.ts, which say whether to retry.
 */
import type { DurationLike } from './duration.js';

export type ReconcileResult =
  /** The object is where it should be; nothing to do until it or its inputs change. */
  | { kind: 'done' }
  /** Run again soon, with the per-key backoff (e.g. waiting for something to appear). */
  | { kind: 'requeue' }
  /** Run again after a fixed delay (polling, as a GitRepo's pollingInterval). */
  | { kind: 'requeueAfter'; after: DurationLike };

export const reconcileResult = Object.freeze({
  done: (): ReconcileResult => ({ kind: 'done' }),
  requeue: (): ReconcileResult => ({ kind: 'requeue' }),
  requeueAfter: (after: DurationLike): ReconcileResult => ({ kind: 'requeueAfter', after }),
});
