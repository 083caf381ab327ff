/**
 * The frame every network or disk operation on a repository runs in: a deadline combined
 * with the caller's AbortSignal, and every failure turned into a GitSourceError whose
 * reason says whether it was the deadline (Timeout, retry) or the caller (Cancelled).
 */
import { Duration } from './duration.js';
import { GitSourceError, toGitSourceError } from './git-error.js';

export interface GitOperationOptions {
  /** Cancels the operation; it then fails with reason Cancelled. */
  signal?: AbortSignal | undefined;
  /** Deadline for the whole operation; it then fails with reason Timeout. */
  timeout?: Duration | undefined;
}

interface OperationFrame {
  defaultTimeout: Duration;
  /** Return at the deadline or cancellation even if the operation has not (only for operations that write nothing). */
  abandonOnAbort?: boolean;
}

export async function runGitOperation<T>(
  what: string,
  options: GitOperationOptions & OperationFrame,
  operation: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeout = options.timeout ?? options.defaultTimeout;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('deadline exceeded')), timeout.toMilliseconds());
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    if (options.signal?.aborted) throw new GitSourceError('Cancelled', `${what}: cancelled`);
    const running = operation(signal);
    // An operation that writes nothing may be abandoned at the signal: a step that does not
    // honour it (a library call, a stalled socket) must not hold a poll loop for ever. One
    // that writes a cache is awaited, so the next call on that cache never overlaps it.
    return await (options.abandonOnAbort ? Promise.race([running, rejectOnAbort(signal)]) : running);
  } catch (error) {
    if (options.signal?.aborted) throw new GitSourceError('Cancelled', `${what}: cancelled`, { cause: error });
    if (deadline.signal.aborted) throw new GitSourceError('Timeout', `${what}: no answer within ${timeout.toString()}`, { cause: error });
    throw toGitSourceError(error, what);
  } finally {
    clearTimeout(timer);
  }
}

/** Rejects once the signal aborts; never settles otherwise. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
