import { describe, expect, it } from 'vitest';
import { Duration } from './duration.js';
import { GitSourceError } from './git-error.js';
import { runGitOperation } from './git-operation.js';

const never = (): Promise<string> => new Promise<string>(() => undefined);

describe('runGitOperation', () => {
  it('fails with Timeout at the deadline even when the operation ignores its signal', async () => {
    const started = Date.now();
    const failure = await runGitOperation('resolving x', { defaultTimeout: Duration.milliseconds(50) }, never).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GitSourceError);
    expect((failure as GitSourceError).reason).toBe('Timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails with Cancelled when the caller aborts an operation that ignores its signal', async () => {
    const caller = new AbortController();
    const pending = runGitOperation('fetching x', { defaultTimeout: Duration.minutes(5), signal: caller.signal }, never).catch((e: unknown) => e);
    caller.abort();
    const failure = await pending;
    expect((failure as GitSourceError).reason).toBe('Cancelled');
  });

  it('returns what the operation returns before the deadline', async () => {
    await expect(runGitOperation('resolving x', { defaultTimeout: Duration.seconds(5) }, async () => 'abc')).resolves.toBe('abc');
  });
});
