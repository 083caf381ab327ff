import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitFiles, createBareRepo } from '../../test/support/git-repo.js';
import { startGitServer } from '../../test/support/git-server.js';
import { Duration } from './duration.js';
import { backoff, createGitPoller, nextPollIn, type CommitChange, type GitPoller, type PollFailure, type PollState, type Sleep } from './git-poller.js';
import { resolveRemote } from './resolve-remote.js';

const s = (n: number): Duration => Duration.seconds(n);

describe('nextPollIn', () => {
  const base: PollState = { interval: s(15), paused: false, pollNow: false, lastPollAt: 100_000, failures: 0 };
  const cases = [
    { name: 'a key never polled is polled now', state: { ...base, lastPollAt: undefined }, now: 0, want: 0 },
    { name: 'a healthy key waits out the rest of its interval', state: base, now: 105_000, want: 10_000 },
    { name: 'an overdue key is polled now', state: base, now: 200_000, want: 0 },
    { name: 'a triggered key is polled now', state: { ...base, pollNow: true }, now: 101_000, want: 0 },
    { name: 'a paused key waits until woken, even when triggered', state: { ...base, paused: true, pollNow: true }, now: 0, want: undefined },
    { name: 'after two failures the wait is four intervals', state: { ...base, failures: 2 }, now: 100_000, want: 60_000 },
  ];
  it.each(cases)('$name', ({ state, now, want }) => {
    expect(nextPollIn(state, now, Duration.minutes(5))?.toMilliseconds()).toBe(want);
  });
});

describe('backoff', () => {
  const cases = [
    { name: 'the first failure waits two intervals', interval: s(15), failures: 1, want: '30s' },
    { name: 'each failure doubles the wait', interval: s(15), failures: 3, want: '2m0s' },
    { name: 'the wait is capped at maxBackoff', interval: s(15), failures: 10, want: '5m0s' },
    { name: 'an interval longer than maxBackoff is never shortened', interval: Duration.hours(1), failures: 4, want: '1h0m0s' },
    { name: 'many failures do not overflow', interval: s(15), failures: 5000, want: '5m0s' },
  ];
  it.each(cases)('$name', ({ interval, failures, want }) => {
    expect(backoff(interval, failures, Duration.minutes(5)).toString()).toBe(want);
  });
});

/** A clock and a sleep the test moves by hand. */
function manualTime() {
  let now = 0;
  const sleepers = new Set<{ at: number; resolve: () => void }>();
  const sleeps: number[] = [];
  const sleep: Sleep = (duration, signal) =>
    new Promise<void>((resolve) => {
      const sleeper = { at: now + duration.toMilliseconds(), resolve };
      sleeps.push(duration.toMilliseconds());
      sleepers.add(sleeper);
      signal.addEventListener('abort', () => {
        sleepers.delete(sleeper);
        resolve();
      });
    });
  return {
    clock: () => now,
    sleep,
    sleeps,
    async advance(by: Duration): Promise<void> {
      now += by.toMilliseconds();
      for (const sleeper of [...sleepers].filter((x) => x.at <= now)) {
        sleepers.delete(sleeper);
        sleeper.resolve();
      }
      await settle();
    },
  };
}

/** Let every promise chain started so far run to its next real wait. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('createGitPoller', () => {
  let poller: GitPoller | undefined;
  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });

  function setup(script: { commit: string; fail?: boolean }) {
    const time = manualTime();
    const changes: CommitChange[] = [];
    const failures: PollFailure[] = [];
    let polls = 0;
    const resolve = (): Promise<string> => {
      polls += 1;
      return script.fail ? Promise.reject(new Error('down')) : Promise.resolve(script.commit);
    };
    poller = createGitPoller({ onCommit: (c) => void changes.push(c), onError: (f) => void failures.push(f), clock: time.clock, sleep: time.sleep });
    return { time, changes, failures, resolve, polls: () => polls, poller };
  }

  it('reports the first commit at once and an unchanged one never again', async () => {
    const t = setup({ commit: 'a' });
    t.poller.set('ns/repo', { resolve: t.resolve });
    t.poller.start();
    await settle();
    await t.time.advance(s(15));
    await t.time.advance(s(15));
    expect(t.polls()).toBe(3);
    expect(t.changes).toEqual([{ key: 'ns/repo', commit: 'a', previous: undefined, cause: 'changed', polledAt: 0 }]);
  });

  it('reports a new commit within one polling interval', async () => {
    const script = { commit: 'a' };
    const t = setup(script);
    t.poller.set('k', { resolve: t.resolve, pollingInterval: Duration.minutes(1) });
    t.poller.start();
    await settle();
    script.commit = 'b';
    await t.time.advance(s(59));
    expect(t.changes).toHaveLength(1);
    await t.time.advance(s(1));
    expect(t.changes.map((c) => [c.commit, c.previous])).toEqual([['a', undefined], ['b', 'a']]);
    expect(t.time.sleeps).toContain(60_000);
  });

  it('does not report the commit the GitRepo status already holds', async () => {
    const t = setup({ commit: 'a' });
    t.poller.set('k', { resolve: t.resolve, knownCommit: 'a' });
    t.poller.start();
    await settle();
    expect(t.polls()).toBe(1);
    expect(t.changes).toEqual([]);
  });

  it('backs off on failures and recovers on the next success', async () => {
    const script = { commit: 'a', fail: true };
    const t = setup(script);
    t.poller.set('k', { resolve: t.resolve });
    t.poller.start();
    await settle();
    for (const wait of [30, 60, 120, 240]) await t.time.advance(s(wait));
    expect(t.failures.map((f) => [f.failures, f.retryIn.toString()])).toEqual([
      [1, '30s'], [2, '1m0s'], [3, '2m0s'], [4, '4m0s'], [5, '5m0s'],
    ]);
    script.fail = false;
    await t.time.advance(Duration.minutes(5));
    expect(t.changes.map((c) => c.commit)).toEqual(['a']);
    await t.time.advance(s(15));
    expect(t.polls()).toBe(7);
  });

  it('does not poll while paused, and polls at once when unpaused', async () => {
    const script = { commit: 'a' };
    const t = setup(script);
    t.poller.set('k', { resolve: t.resolve, paused: true });
    t.poller.start();
    await t.time.advance(Duration.hours(1));
    t.poller.trigger('k');
    await settle();
    expect(t.polls()).toBe(0);
    t.poller.set('k', { resolve: t.resolve, paused: false });
    await settle();
    expect(t.changes.map((c) => c.commit)).toEqual(['a']);
  });

  it('a new forceSyncGeneration polls at once and reports even an unchanged commit', async () => {
    const t = setup({ commit: 'a' });
    t.poller.set('k', { resolve: t.resolve, forceSyncGeneration: 1 });
    t.poller.start();
    await settle();
    t.poller.set('k', { resolve: t.resolve, forceSyncGeneration: 1 });
    await settle();
    expect(t.changes).toHaveLength(1);
    t.poller.set('k', { resolve: t.resolve, forceSyncGeneration: 2 });
    await settle();
    expect(t.changes.map((c) => [c.commit, c.cause])).toEqual([['a', 'changed'], ['a', 'forced']]);
  });

  it('a trigger polls at once, and an unknown key is ignored', async () => {
    const script = { commit: 'a' };
    const t = setup(script);
    t.poller.set('k', { resolve: t.resolve, pollingInterval: Duration.hours(1) });
    t.poller.start();
    await settle();
    script.commit = 'b';
    t.poller.trigger('k');
    t.poller.trigger('other');
    await settle();
    expect(t.changes.map((c) => c.commit)).toEqual(['a', 'b']);
    expect(t.poller.commit('k')).toBe('b');
  });

  it('a removed key is polled no more', async () => {
    const t = setup({ commit: 'a' });
    t.poller.set('k', { resolve: t.resolve });
    t.poller.start();
    await settle();
    t.poller.remove('k');
    await t.time.advance(Duration.minutes(10));
    expect(t.polls()).toBe(1);
    expect(t.poller.commit('k')).toBeUndefined();
  });

  it('stop cancels a poll in flight and ends every loop', async () => {
    const t = setup({ commit: 'a' });
    let cancelled = false;
    t.poller.set('k', {
      resolve: (signal) =>
        new Promise<string>((_, reject) =>
          signal.addEventListener('abort', () => {
            cancelled = true;
            reject(new Error('aborted'));
          }),
        ),
    });
    t.poller.start();
    await settle();
    await t.poller.stop();
    expect(cancelled).toBe(true);
    expect(t.failures).toEqual([]);
  });
});

describe('createGitPoller against a real git server', () => {
  it('reports a commit pushed to the server when triggered', async () => {
    const root = await mkdtemp(join(tmpdir(), 'poller-'));
    const server = await startGitServer({ root });
    const repo = await createBareRepo(root, 'apps.git');
    const first = await commitFiles(repo, { files: { 'a.yaml': 'a: 1\n' } });
    const time = manualTime();
    const changes: CommitChange[] = [];
    const poller = createGitPoller({ onCommit: (c) => void changes.push(c), clock: time.clock, sleep: time.sleep });
    try {
      poller.set('fleet-default/apps', { resolve: (signal) => resolveRemote({ url: server.url('apps.git'), branch: 'main', signal }) });
      poller.start();
      await vi.waitFor(() => expect(changes.map((c) => c.commit)).toEqual([first]));
      const second = await commitFiles(repo, { files: { 'a.yaml': 'a: 2\n' } });
      poller.trigger('fleet-default/apps');
      await vi.waitFor(() => expect(changes.map((c) => c.commit)).toEqual([first, second]));
      expect(server.requests.filter((r) => r.kind === 'fetch')).toEqual([]);
    } finally {
      await poller.stop();
      await server.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
