/**
 * What the controller does with input it cannot fully use, against a real hub and git server:
 * a Fleet key not supported yet is shown (never skipped silently), a symlink escaping the
 * repository is reported naming the file and never read, a repository over the size limit is
 * refused with a condition, an unreachable server keeps the last good Bundles, a paused
 * GitRepo stays on its commit, and a restarted controller rewrites nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS } from '../../../src/api/names.js';
import { commitFiles, createBareRepo } from '../../support/git-repo.js';
import { bundlesOf, condition, createGitRepo, getGitRepo, startHarness, WORKSPACE, type ControllerHarness } from './gitrepo-support.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('GitRepo controller on input it cannot fully use', () => {
  let h: ControllerHarness;

  beforeAll(async () => {
    h = await startHarness({ fixture: 'multi-path', limits: { fetch: { maxCheckoutBytes: 256 * 1024 } } });
    await commitFiles(h.repoPath, {
      files: {
        'scans-app/fleet.yaml': 'defaultNamespace: tools\nimageScans:\n  - image: x\n',
        'scans-app/cm.yaml': cm('tools'),
        'linked/cm.yaml': cm('linked'),
        'linked/passwd.yaml': { symlink: '../../../../../etc/passwd' },
      },
    });
  });

  /** What GitHub sends for a push to main. */
  const pushWebhook = (commit = '0'.repeat(40)): Promise<Response> => {
    const payload = JSON.stringify({ ref: 'refs/heads/main', after: commit, repository: { clone_url: h.repoUrl } });
    return fetch(h.controller.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push' }, body: payload });
  };

  afterAll(async () => {
    await h?.stop();
  });

  it('a fleet.yaml key not supported yet is shown on Ready with its file, line and field, and the bundle is still written', async () => {
    await createGitRepo(h.client, 'tools', { repo: h.repoUrl, branch: 'main', paths: ['scans-app'] });
    await expect.poll(async () => condition(await getGitRepo(h.client, 'tools'), 'Ready').reason, { timeout: 15_000 }).toBe('NotSupported');
    expect(condition(await getGitRepo(h.client, 'tools'), 'Ready').message).toMatch(/scans-app\/fleet\.yaml:2:1: imageScans: /);
    expect([...(await bundlesOf(h.client, 'tools')).keys()]).toEqual(['tools-scans-app']);
  });

  it('a symlink leaving the repository is reported naming the file, and its target is never read', async () => {
    await createGitRepo(h.client, 'linked', { repo: h.repoUrl, branch: 'main', paths: ['linked'] });
    await expect.poll(async () => (await getGitRepo(h.client, 'linked')).status?.bundleErrors ?? [], { timeout: 15_000 }).toEqual([
      expect.objectContaining({ path: 'linked/passwd.yaml', file: 'linked/passwd.yaml', message: expect.stringContaining('points outside the repository') }),
    ]);
    const bundle = (await bundlesOf(h.client, 'linked')).get('linked-linked');
    expect(bundle?.spec.resources?.map((r) => r.name)).toEqual(['cm.yaml']);
    expect(JSON.stringify(bundle)).not.toContain('root:');
  });

  it('a repository over the size limit is refused with a condition and nothing is written', async () => {
    const big = await createBareRepo(h.git.root, 'big.git');
    await commitFiles(big, { files: { 'app/cm.yaml': cm('big'), 'app/blob.bin': Buffer.alloc(512 * 1024, 7) } });
    await createGitRepo(h.client, 'big', { repo: h.git.url('big.git'), branch: 'main' });
    await expect.poll(async () => condition(await getGitRepo(h.client, 'big'), 'Stalled').reason, { timeout: 15_000 }).toBe('TooLarge');
    expect(condition(await getGitRepo(h.client, 'big'), 'Ready').status).toBe('False');
    expect((await bundlesOf(h.client, 'big')).size).toBe(0);
  });

  it('an unreachable git server keeps the last good Bundles and says so on GitPolling', async () => {
    await createGitRepo(h.client, 'apps', { repo: h.repoUrl, branch: 'main', paths: ['frontend', 'backend'] });
    await expect.poll(async () => (await bundlesOf(h.client, 'apps')).size, { timeout: 15_000 }).toBe(2);
    h.git.intercept(() => ({ status: 503, body: 'down for maintenance' }));
    try {
      await commitFiles(h.repoPath, { files: { 'backend/cm2.yaml': cm('more') } });
      await expect.poll(async () => condition(await getGitRepo(h.client, 'apps'), 'GitPolling').reason, { timeout: 15_000 }).toBe('ServerError');
      expect(condition(await getGitRepo(h.client, 'apps'), 'Stalled').status).toBe('False');
      expect((await bundlesOf(h.client, 'apps')).size).toBe(2);
    } finally {
      h.git.intercept(undefined);
    }
    // Retries back off; a webhook makes the controller try again at once.
    expect((await pushWebhook()).status).toBe(202);
    await expect.poll(async () => condition(await getGitRepo(h.client, 'apps'), 'Ready').status, { timeout: 15_000 }).toBe('True');
  });

  it('a paused GitRepo stays on its commit and marks its Bundles paused', async () => {
    const deployed = (await getGitRepo(h.client, 'apps')).status?.commit;
    await h.client.patch({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: WORKSPACE, name: 'apps' }, { spec: { paused: true } }, { type: 'merge' });
    await expect.poll(async () => [...(await bundlesOf(h.client, 'apps')).values()].map((b) => b.spec.paused), { timeout: 15_000 }).toEqual([true, true]);
    const polled = (await getGitRepo(h.client, 'apps')).status?.lastPollingTriggered;
    const commit = await commitFiles(h.repoPath, { files: { 'backend/cm3.yaml': cm('paused') } });
    // A webhook makes the controller sync at once; paused, it must stay where it was.
    expect((await pushWebhook(commit)).status).toBe(202);
    await expect.poll(async () => (await getGitRepo(h.client, 'apps')).status?.lastPollingTriggered, { timeout: 15_000 }).not.toBe(polled);
    const bundles = await bundlesOf(h.client, 'apps');
    expect(bundles.get('apps-backend')?.metadata.labels?.[LABELS.commit]).toBe(deployed);
    expect((await getGitRepo(h.client, 'apps')).status?.commit).toBe(deployed);
  });

  it('a restarted controller finds everything in place and rewrites no Bundle', async () => {
    await h.client.patch({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: WORKSPACE, name: 'apps' }, { spec: { paused: false } }, { type: 'merge' });
    await expect.poll(async () => [...(await bundlesOf(h.client, 'apps')).values()].map((b) => b.spec.paused), { timeout: 15_000 }).toEqual([undefined, undefined]);
    const before = new Map([...(await bundlesOf(h.client, 'apps'))].map(([n, b]) => [n, b.metadata.resourceVersion]));
    const generation = (await getGitRepo(h.client, 'apps')).metadata.generation;
    const synced = (await getGitRepo(h.client, 'apps')).status?.lastPollingTriggered;
    await h.restartController();
    // The new controller syncs on start; its status write comes after any Bundle write.
    await expect.poll(async () => (await getGitRepo(h.client, 'apps')).status?.lastPollingTriggered, { timeout: 15_000 }).not.toBe(synced);
    const after = new Map([...(await bundlesOf(h.client, 'apps'))].map(([n, b]) => [n, b.metadata.resourceVersion]));
    expect(after).toEqual(before);
    expect((await getGitRepo(h.client, 'apps')).metadata.generation).toBe(generation);
  });
});
