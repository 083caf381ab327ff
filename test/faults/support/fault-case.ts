/**
 * The shape every git fault case shares: deploy a good commit, take the rendered state,
 * break something and push a change, expect the failure on the GitRepo's conditions with
 * the rendered state untouched, then heal and expect the pushed change deployed.
 */
import { expect } from 'vitest';
import { branchCommit, commitFiles, createBareRepo, setBranch, type RepoFile } from '../../support/git-repo.js';
import type { FaultHarness } from './fault-harness.js';
import { condition, renderedState } from './rendered-state.js';

export const cm = (name: string, value = 'v1') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: ${value}\n`;

/** Two paths, each one Bundle. */
export const goodFiles = (): Record<string, RepoFile> => ({ 'app/cm.yaml': cm('app'), 'web/cm.yaml': cm('web') });

export interface CaseRepo {
  /** GitRepo name, also the bare repository `<name>.git`. */
  name: string;
  path: string;
  /** The URL the GitRepo names. */
  url: string;
}

export interface ExpectedFailure {
  /** The condition that must carry the reason (Ready always turns False too). */
  condition: 'GitPolling' | 'Stalled';
  reason: string;
  /** What the message must say (e.g. naming the branch or the limit). */
  message?: RegExp;
  /** Whether the user must act (Stalled True) or the controller keeps retrying (False). */
  stalled: 'True' | 'False';
}

export interface GitFaultCase {
  name: string;
  /** The GitRepo's name and its repository's (`<repo>.git`). */
  repo: string;
  /** Break something; runs before the change is pushed. */
  inject(h: FaultHarness, repo: CaseRepo): Promise<void>;
  expected: ExpectedFailure;
  /** End the fault. */
  heal(h: FaultHarness, repo: CaseRepo): Promise<void>;
  /**
   * When the fault is in the repository itself (branch gone, history replaced), pushing the
   * change to main would end it; then the change is pushed only after `heal`.
   */
  pushAfterHeal?: boolean;
  /** The URL the GitRepo should name, when not the git server's own. */
  url?(h: FaultHarness, name: string): string;
}

const POLL = { timeout: 20_000, interval: 200 };

export async function deployGood(h: FaultHarness, c: { repo: string; url?: (h: FaultHarness, name: string) => string }): Promise<CaseRepo> {
  const path = await createBareRepo(h.git.root, `${c.repo}.git`);
  await commitFiles(path, { files: goodFiles() });
  const url = c.url?.(h, c.repo) ?? h.git.url(`${c.repo}.git`);
  await h.createGitRepo(c.repo, { repo: url, branch: 'main', paths: ['app', 'web'] });
  await expect.poll(async () => condition(await h.getGitRepo(c.repo), 'Ready').status, POLL).toBe('True');
  return { name: c.repo, path, url };
}

/** A commit on top of main that changes the `app` Bundle, not yet on main. */
async function prepareChange(repo: CaseRepo): Promise<string> {
  await setBranch(repo.path, 'staged', (await branchCommit(repo.path, 'main')) ?? '');
  return commitFiles(repo.path, { branch: 'staged', files: { 'app/cm.yaml': cm('app', 'v2') } });
}

/** The whole case: good state, fault, visible failure with nothing lost, recovery. */
export async function runGitFaultCase(h: FaultHarness, c: GitFaultCase): Promise<void> {
  const name = c.repo;
  const repo = await deployGood(h, c);
  const before = await renderedState(h.client, name);
  expect(Object.keys(before).sort()).toEqual([`${name}-app`, `${name}-web`]);

  const pushed = await prepareChange(repo);
  await c.inject(h, repo);
  if (!c.pushAfterHeal) await setBranch(repo.path, 'main', pushed);
  await expect.poll(async () => condition(await h.getGitRepo(name), c.expected.condition).reason, POLL).toBe(c.expected.reason);
  const failed = await h.getGitRepo(name);
  expect(condition(failed, c.expected.condition).message).toMatch(c.expected.message ?? /./);
  expect(condition(failed, 'Stalled').status).toBe(c.expected.stalled);
  expect(condition(failed, 'Ready').status).toBe('False');
  // Nothing rendered is lost or changed while the fault lasts, across a Content collection.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await renderedState(h.client, name)).toEqual(before);

  await c.heal(h, repo);
  if (c.pushAfterHeal) await setBranch(repo.path, 'main', pushed);
  expect(await h.pushWebhook()).toBe(202);
  await expect.poll(async () => (await h.getGitRepo(name)).status?.commit, POLL).toBe(pushed);
  await expect.poll(async () => condition(await h.getGitRepo(name), 'Ready').status, POLL).toBe('True');
  const after = await renderedState(h.client, name);
  expect(after[`${name}-app`]?.commit).toBe(pushed);
  expect(after[`${name}-app`]?.contentData).not.toBe('missing');
  expect(after[`${name}-web`]?.spec).toEqual(before[`${name}-web`]?.spec);
}
