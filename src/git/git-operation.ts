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

export async function runGitOperation<T>(
  what: string,
  options: GitOperationOptions & { defaultTimeout: Duration },
  operation: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeout = options.timeout ?? options.defaultTimeout;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('deadline exceeded')), timeout.toMilliseconds());
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    if (options.signal?.aborted) throw new GitSourceError('Cancelled', `${what}: cancelled`);
    // Raced with the signal: a step that does not honour it (a library call, a stalled socket)
    // must not hold the caller past its deadline, or a poll loop waits on it for ever.
    return await Promise.race([operation(signal), rejectOnAbort(signal)]);
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
