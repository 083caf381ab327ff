/**
 * The shape of a hostile-repository case: deploy a good commit, push hostile files on top,
 * expect the GitRepo stalled with a message naming the file (and field), every Bundle and
 * Content exactly as before, then push the hostile files away and expect Ready again.
 */
import { expect } from 'vitest';
import { commitFiles, type RepoFile } from '../../support/git-repo.js';
import { deployGood } from './fault-case.js';
import type { FaultHarness } from './fault-harness.js';
import { condition, renderedState } from './rendered-state.js';

export interface HostileCase {
  name: string;
  /** The GitRepo's name and its repository's (`<repo>.git`). */
  repo: string;
  /** Pushed on top of the good commit (paths `app` and `web`). */
  files: Record<string, RepoFile>;
  /** What the Stalled condition's message must say: the file and field at fault. */
  message: RegExp;
}

const POLL = { timeout: 30_000, interval: 200 };

export async function runHostileCase(h: FaultHarness, c: HostileCase): Promise<void> {
  const repo = await deployGood(h, c);
  const before = await renderedState(h.client, c.repo);
  const hostile = await commitFiles(repo.path, { files: c.files });
  await expect.poll(async () => (await h.getGitRepo(c.repo)).status?.pollingCommit, POLL).toBe(hostile);
  await expect.poll(async () => condition(await h.getGitRepo(c.repo), 'Stalled').message ?? '', POLL).toMatch(c.message);
  const failed = await h.getGitRepo(c.repo);
  expect(condition(failed, 'Stalled').status).toBe('True');
  expect(condition(failed, 'Ready').status).toBe('False');
  expect(await renderedState(h.client, c.repo)).toEqual(before);

  const removed = Object.fromEntries(Object.keys(c.files).map((path) => [path, null]));
  const healed = await commitFiles(repo.path, { files: removed });
  await expect.poll(async () => (await h.getGitRepo(c.repo)).status?.commit, POLL).toBe(healed);
  await expect.poll(async () => condition(await h.getGitRepo(c.repo), 'Ready').status, POLL).toBe('True');
}
