/**
 * Polls git repositories, one loop per GitRepo key, and reports a commit only when it
 * changed (or when a poll was forced). What a loop does is decided by `nextPollIn`, a pure
 * function of the key's state and the clock; the loop itself only sleeps and polls. Time is
 * injected (a clock and a sleep), so tests drive hours of polling without waiting.
 *
 * Semantics, following Fleet's GitRepo fields:
 * - `pollingInterval` (default 15s) between polls of an unchanged, healthy repository;
 * - after failures the wait doubles per consecutive failure, capped at `maxBackoff` (but
 *   never below the interval), and resets on the next success;
 * - `paused` stops polling; unpausing polls at once;
 * - a changed `forceSyncGeneration` polls at once and reports the commit even if unchanged;
 * - `trigger(key)` (a webhook) polls at once.
 */
import { Duration } from './duration.js';

/** Milliseconds since the epoch; `Date.now` in production. */
export type Clock = () => number;

/** Wait for a duration; resolve (or reject) early when the signal aborts. */
export type Sleep = (duration: Duration, signal: AbortSignal) => Promise<void>;

export interface PollSpec {
  pollingInterval?: Duration | undefined;
  paused?: boolean | undefined;
  forceSyncGeneration?: number | undefined;
  /** The commit already known (e.g. the GitRepo's status.commit), so a restart reports no change. */
  knownCommit?: string | undefined;
  /** The current commit of the repository, usually `resolveRemote` bound to the GitRepo. */
  resolve: (signal: AbortSignal) => Promise<string>;
}

export type PollCause = 'changed' | 'forced';

export interface CommitChange {
  key: string;
  commit: string;
  previous: string | undefined;
  cause: PollCause;
  /** Clock time of the poll. */
  polledAt: number;
}

export interface PollFailure {
  key: string;
  error: unknown;
  /** Consecutive failures so far, this one included. */
  failures: number;
  retryIn: Duration;
}

export interface GitPollerOptions {
  onCommit: (change: CommitChange) => void | Promise<void>;
  onError?: (failure: PollFailure) => void;
  clock?: Clock;
  sleep?: Sleep;
  defaultInterval?: Duration;
  maxBackoff?: Duration;
}

export interface GitPoller {
  /** Add a key or update its spec (the loop re-plans at once). */
  set(key: string, spec: PollSpec): void;
  remove(key: string): void;
  /** Poll this key now, e.g. because a webhook said it changed. Ignored for unknown keys. */
  trigger(key: string): void;
  /** The last commit seen for a key. */
  commit(key: string): string | undefined;
  start(): void;
  /** Stop all loops, cancel polls in flight, and wait for them to finish. */
  stop(): Promise<void>;
}

export const defaultPollingInterval = Duration.seconds(15);
const defaultMaxBackoff = Duration.minutes(5);

/** What the planner needs to know about one key. */
export interface PollState {
  interval: Duration;
  paused: boolean;
  /** A poll asked for out of turn: by a trigger, a forced sync or an unpause. */
  pollNow: boolean;
  lastPollAt: number | undefined;
  failures: number;
}

/** How long to wait before the next poll: zero means now, undefined means until woken. */
export function nextPollIn(state: PollState, now: number, maxBackoff: Duration): Duration | undefined {
  if (state.paused) return undefined;
  if (state.pollNow || state.lastPollAt === undefined) return Duration.milliseconds(0);
  const wait = state.failures > 0 ? backoff(state.interval, state.failures, maxBackoff) : state.interval;
  return Duration.milliseconds(Math.max(0, state.lastPollAt + wait.toMilliseconds() - now));
}

/** The wait after `failures` consecutive failures: the interval doubled per failure, capped. */
export function backoff(interval: Duration, failures: number, maxBackoff: Duration): Duration {
  const cap = maxBackoff.max(interval);
  return interval.times(2 ** Math.min(failures, 30)).min(cap);
}

interface Entry extends PollState {
  spec: PollSpec;
  commit: string | undefined;
  forceSyncGeneration: number | undefined;
  /** A forced sync not yet reported: the next successful poll reports even an unchanged commit. */
  forceOwed: boolean;
  wake: AbortController;
  removed: boolean;
}

export function createGitPoller(options: GitPollerOptions): GitPoller {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const maxBackoff = options.maxBackoff ?? defaultMaxBackoff;
  const defaultInterval = options.defaultInterval ?? defaultPollingInterval;
  const entries = new Map<string, Entry>();
  const loops = new Set<Promise<void>>();
  let stopping = new AbortController();
  let running = false;

  const wake = (entry: Entry): void => {
    entry.wake.abort();
  };

  const launch = (key: string, entry: Entry): void => {
    const loop = runLoop(key, entry).finally(() => loops.delete(loop));
    loops.add(loop);
  };

  const runLoop = async (key: string, entry: Entry): Promise<void> => {
    while (running && !entry.removed) {
      const wait = nextPollIn(entry, clock(), maxBackoff);
      if (wait === undefined || wait.toMilliseconds() > 0) {
        entry.wake = new AbortController();
        await waitFor(wait, entry.wake.signal);
        continue;
      }
      await pollOnce(key, entry);
    }
  };

  const waitFor = async (wait: Duration | undefined, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) return;
    if (wait === undefined) {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return;
    }
    await sleep(wait, signal).catch(() => undefined);
  };

  const pollOnce = async (key: string, entry: Entry): Promise<void> => {
    const forced = entry.forceOwed;
    entry.pollNow = false;
    entry.lastPollAt = clock();
    try {
      const commit = await entry.spec.resolve(stopping.signal);
      if (entry.removed || !running) return;
      if (forced || commit !== entry.commit) {
        await options.onCommit({ key, commit, previous: entry.commit, cause: forced ? 'forced' : 'changed', polledAt: entry.lastPollAt });
      }
      entry.commit = commit;
      entry.failures = 0;
      entry.forceOwed = false;
    } catch (error) {
      if (!running || entry.removed) return;
      entry.failures += 1;
      const retryIn = backoff(entry.interval, entry.failures, maxBackoff);
      options.onError?.({ key, error, failures: entry.failures, retryIn });
    }
  };

  return {
    set(key, spec) {
      const interval = spec.pollingInterval ?? defaultInterval;
      const existing = entries.get(key);
      if (!existing) {
        const entry: Entry = {
          spec,
          interval,
          paused: spec.paused ?? false,
          pollNow: false,
          forceOwed: false,
          lastPollAt: undefined,
          failures: 0,
          commit: spec.knownCommit,
          forceSyncGeneration: spec.forceSyncGeneration,
          wake: new AbortController(),
          removed: false,
        };
        entries.set(key, entry);
        if (running) launch(key, entry);
        return;
      }
      if (existing.paused && !(spec.paused ?? false)) existing.pollNow = true;
      if (spec.forceSyncGeneration !== existing.forceSyncGeneration) {
        existing.pollNow = true;
        existing.forceOwed = true;
      }
      Object.assign(existing, { spec, interval, paused: spec.paused ?? false, forceSyncGeneration: spec.forceSyncGeneration });
      wake(existing);
    },
    remove(key) {
      const entry = entries.get(key);
      if (!entry) return;
      entry.removed = true;
      entries.delete(key);
      wake(entry);
    },
    trigger(key) {
      const entry = entries.get(key);
      if (!entry) return;
      entry.pollNow = true;
      wake(entry);
    },
    commit: (key) => entries.get(key)?.commit,
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      for (const [key, entry] of entries) launch(key, entry);
    },
    async stop() {
      running = false;
      stopping.abort();
      for (const entry of entries.values()) wake(entry);
      await Promise.all([...loops]);
    },
  };
}

function realSleep(duration: Duration, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, duration.toMilliseconds());
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
