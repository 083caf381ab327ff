import { describe, expect, it } from 'vitest';
import { Duration } from './duration.js';
import { GitSourceError } from './git-error.js';
import { runGitOperation } from './git-operation.js';

const never = (): Promise<string> => new Promise<string>(() => undefined);

describe('runGitOperation', () => {
  it('abandons an operation that writes nothing at its deadline, with Timeout, even when it ignores its signal', async () => {
    const started = Date.now();
    const failure = await runGitOperation('resolving x', { defaultTimeout: Duration.milliseconds(50), abandonOnAbort: true }, never).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GitSourceError);
    expect((failure as GitSourceError).reason).toBe('Timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('abandons an operation that writes nothing when the caller aborts, with Cancelled, even when it ignores its signal', async () => {
    const caller = new AbortController();
    const pending = runGitOperation('fetching x', { defaultTimeout: Duration.minutes(5), signal: caller.signal, abandonOnAbort: true }, never).catch((e: unknown) => e);
    caller.abort();
    const failure = await pending;
    expect((failure as GitSourceError).reason).toBe('Cancelled');
  });

  it('waits for an operation that writes (not abandoned) to end, even past its deadline, so calls on one cache never overlap', async () => {
    let finished = false;
    const slow = async (): Promise<string> => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      finished = true;
      return 'late';
    };
    const result = await runGitOperation('fetching x', { defaultTimeout: Duration.milliseconds(20) }, slow);
    expect(finished).toBe(true);
    expect(result).toBe('late');
  });

  it('returns what the operation returns before the deadline', async () => {
    await expect(runGitOperation('resolving x', { defaultTimeout: Duration.seconds(5) }, async () => 'abc')).resolves.toBe('abc');
  });
});
