/**
 * Git faults against a real hub, a real git smart-HTTP server and the controller in-process:
 * the server down, too slow, answering 500, the branch deleted, the repository replaced by a
 * huge one, and history rewritten by a force push. Each fault case deploys a good commit, breaks the server and pushes a change, and
 * expects the failure named on the GitRepo's conditions, every Bundle and Content exactly as
 * they were, and the pushed change deployed once the fault ends.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duration as GitDuration } from '../../../src/git/index.js';
import { commitFiles, deleteBranch } from '../../support/git-repo.js';
import { cm, deployGood, runGitFaultCase, type GitFaultCase } from '../../faults/support/fault-case.js';
import { condition, contentNames, renderedState } from '../../faults/support/rendered-state.js';
import { startFaultHarness, type FaultHarness } from '../../faults/support/fault-harness.js';
import { startTcpGate, type TcpGate } from '../../faults/support/tcp-gate.js';

/** The fetch deadline the controller runs with here; the slow server answers after twice it. */
const FETCH_TIMEOUT = GitDuration.seconds(1);
const MAX_CHECKOUT_BYTES = 256 * 1024;

const POLL = { timeout: 20_000, interval: 200 };
const forRepo = (name: string, path: string) => path.startsWith(`/${name}.git/`);

describe('git faults keep the last good state, say why, and recover', () => {
  let h: FaultHarness;
  let gate: TcpGate;

  beforeAll(async () => {
    h = await startFaultHarness({
      files: { 'app/cm.yaml': 'kind: ConfigMap' },
      limits: { timeout: FETCH_TIMEOUT, fetch: { maxCheckoutBytes: MAX_CHECKOUT_BYTES, maxDownloadBytes: MAX_CHECKOUT_BYTES } },
    });
    gate = await startTcpGate({ host: '127.0.0.1', port: Number(new URL(h.git.baseUrl).port) });
  });

  afterAll(async () => {
    await gate?.stop();
    await h?.stop();
  });

  const cases: GitFaultCase[] = [
    {
      repo: 'down',
      name: 'the git server down (connections refused) is retried as NetworkError',
      url: (_h, name) => `http://${gate.host}/${name}.git`,
      inject: () => gate.close(),
      expected: { condition: 'GitPolling', reason: 'NetworkError', stalled: 'False' },
      heal: () => gate.open(),
    },
    {
      repo: 'slow',
      name: 'a git server slower than the fetch timeout is retried as Timeout',
      inject: async (fh, repo) => {
        fh.git.intercept(async (r) => {
          if (forRepo(repo.name, r.path)) await new Promise((resolve) => setTimeout(resolve, FETCH_TIMEOUT.toMilliseconds() * 2));
          return undefined;
        });
      },
      expected: { condition: 'GitPolling', reason: 'Timeout', message: /no answer within/, stalled: 'False' },
      heal: async (fh) => fh.git.intercept(undefined),
    },
    {
      repo: 'errors',
      name: 'a git server answering 500 is retried as ServerError',
      inject: async (fh, repo) => fh.git.intercept((r) => (forRepo(repo.name, r.path) ? { status: 500, body: 'internal error' } : undefined)),
      expected: { condition: 'GitPolling', reason: 'ServerError', message: /500/, stalled: 'False' },
      heal: async (fh) => fh.git.intercept(undefined),
    },
    {
      repo: 'deleted',
      name: 'a deleted branch stalls with RevisionNotFound naming the branch, until it is pushed again',
      inject: (_fh, repo) => deleteBranch(repo.path, 'main'),
      expected: { condition: 'GitPolling', reason: 'RevisionNotFound', message: /main/, stalled: 'True' },
      // Pushing main again is what ends this fault.
      heal: async () => undefined,
      pushAfterHeal: true,
    },
    {
      repo: 'huge',
      name: 'a repository replaced by a huge one is refused as TooLarge',
      inject: async (_fh, repo) => {
        // Incompressible, so neither the pack nor the checkout stays under the limit.
        await commitFiles(repo.path, { orphan: true, replace: true, files: { 'app/cm.yaml': 'kind: ConfigMap', 'app/blob.bin': randomBytes(MAX_CHECKOUT_BYTES * 2) } });
      },
      expected: { condition: 'Stalled', reason: 'TooLarge', message: /262144 bytes/, stalled: 'True' },
      // The good history comes back with the pushed change on top.
      heal: async () => undefined,
      pushAfterHeal: true,
    },
  ];

  it.each(cases)('$name', async (c) => {
    await runGitFaultCase(h, c);
  });

  it('history rewritten by a force push deploys the new history and keeps nothing of the old', async () => {
    const repo = await deployGood(h, { repo: 'rewritten' });
    // Values no other case uses, so no other GitRepo's Bundle shares these Contents.
    const old = await commitFiles(repo.path, { files: { 'app/old.yaml': cm('old-only'), 'web/cm.yaml': cm('web', 'old-history') } });
    await expect.poll(async () => (await h.getGitRepo('rewritten')).status?.commit, POLL).toBe(old);
    const before = await renderedState(h.client, 'rewritten');
    const rewritten = await commitFiles(repo.path, { orphan: true, replace: true, files: { 'app/cm.yaml': cm('app', 'rewritten'), 'web/cm.yaml': cm('web', 'rewritten') } });
    await expect.poll(async () => Object.values(await renderedState(h.client, 'rewritten')).map((b) => b.commit), POLL).toEqual([rewritten, rewritten]);
    const after = await renderedState(h.client, 'rewritten');
    expect(after['rewritten-app']?.spec.resources?.map((r) => r.name)).toEqual(['cm.yaml']);
    expect(JSON.stringify(after)).not.toContain('old-only');
    // The old history's Contents are no longer named by any Bundle, so they are collected.
    const stale = Object.values(before).map((b) => b.content);
    await expect.poll(async () => (await contentNames(h.client)).filter((n) => stale.includes(n)), POLL).toEqual([]);
    const status = (await h.getGitRepo('rewritten')).status;
    expect(status?.commit).toBe(rewritten);
    expect(condition({ status }, 'Ready').status).toBe('True');
  });
});
