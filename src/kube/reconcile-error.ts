/**
 * Errors a reconcile throws, typed by what the loop must do about them:
 * - `StalledError`: the user must act (bad input, missing permission); no retry until the
 *   object or its inputs change and an event queues it again.
 * - `WaitError`: a known wait (a dependency not ready); retry after the given delay.
 * - `TransientError`: may pass by itself (network, conflict); retry with growing backoff.
 * Any other thrown value is treated as transient. Each carries a `reason` from the caller's
 * own union of reasons (the type parameter) and the original `cause`.
 */
import type { DurationLike } from './duration.js';

export type ReconcileErrorKind = 'stalled' | 'wait' | 'transient';

export abstract class ReconcileError<Reason extends string = string> extends Error {
  abstract readonly kind: ReconcileErrorKind;

  constructor(
    readonly reason: Reason,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export class StalledError<Reason extends string = string> extends ReconcileError<Reason> {
  override readonly name = 'StalledError';
  readonly kind = 'stalled';
}

export class TransientError<Reason extends string = string> extends ReconcileError<Reason> {
  override readonly name = 'TransientError';
  readonly kind = 'transient';
}

export class WaitError<Reason extends string = string> extends ReconcileError<Reason> {
  override readonly name = 'WaitError';
  readonly kind = 'wait';

  constructor(
    reason: Reason,
    message: string,
    readonly after: DurationLike,
    options: { cause?: unknown } = {},
  ) {
    super(reason, message, options);
  }
}
