import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, createBareRepo } from '../../test/support/git-repo.js';
import { startGitServer, type GitServer } from '../../test/support/git-server.js';
import { fetchRevision } from './fetch-revision.js';

/** Text that does not compress away, so a pack that repeats it shows in the byte count. */
function noise(seed: string, bytes: number): string {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += createHash('sha256').update(`${seed}-${i}`).digest('hex');
  return text.slice(0, bytes);
}

/** Response bytes of pack requests in the server's log. */
function packBytes(server: GitServer): number {
  return server.requests.filter((r) => r.kind === 'fetch').reduce((sum, r) => sum + r.responseBytes, 0);
}

const oneLineChanges: Array<{ name: string; change: Record<string, string>; orphan: boolean }> = [
  { name: 'a one-line change on the branch', change: { 'apps/app-3/deployment.yaml': 'replicas: 4\n' }, orphan: false },
  { name: 'a force push of an unrelated commit with the same files but one line', change: { 'apps/app-7/deployment.yaml': 'replicas: 9\n' }, orphan: true },
];

describe('fetchRevision of a new commit into an existing cache', () => {
  let root: string;
  let server: GitServer;
  let repo: string;
  let url: string;
  let files: Record<string, string>;
  let count = 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'git-incremental-'));
    server = await startGitServer({ root });
    repo = await createBareRepo(root, 'apps.git');
    url = server.url('apps.git');
    files = {};
    for (let i = 0; i < 20; i++) {
      files[`apps/app-${i}/deployment.yaml`] = 'replicas: 2\n';
      files[`apps/app-${i}/settings.yaml`] = `settings: ${noise(`app-${i}`, 4096)}\n`;
    }
    await commitFiles(repo, { files });
  });

  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it.each(oneLineChanges)('after $name, the pack is a small fraction of the first and only the changed file is rewritten', async ({ change, orphan }) => {
    const dir = join(root, `cache-${(count += 1)}`);
    server.clearRequests();
    const first = await fetchRevision({ url, branch: 'main', dir });
    const firstBytes = packBytes(server);
    const unchanged = await stat(join(first.dir, 'apps/app-0/settings.yaml'));

    const commit = await commitFiles(repo, { files: orphan ? { ...files, ...change } : change, orphan, replace: orphan });
    server.clearRequests();
    const second = await fetchRevision({ url, branch: 'main', dir });

    expect(second).toMatchObject({ commit, fetched: true });
    expect(firstBytes).toBeGreaterThan(40 * 1024);
    expect(packBytes(server)).toBeLessThan(firstBytes / 20);
    for (const [path, content] of Object.entries(change)) expect(await readFile(join(second.dir, path), 'utf8')).toBe(content);
    expect((await stat(join(second.dir, 'apps/app-0/settings.yaml'))).ino).toBe(unchanged.ino);
    files = { ...files, ...change };
  });
});

describe('fetchRevision switching between branches of unrelated histories', () => {
  it('fetches a branch, another, then the first again without asking for what the cache already holds', async () => {
    const root = await mkdtemp(join(tmpdir(), 'git-switch-'));
    const server = await startGitServer({ root });
    try {
      const repo = await createBareRepo(root, 'apps.git');
      const url = server.url('apps.git');
      const files: Record<string, string> = {};
      for (let i = 0; i < 10; i++) files[`a/cm-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  value: ${noise(`v-${i}`, 2048)}\n`;
      const main = await commitFiles(repo, { files });
      const alt = await commitFiles(repo, { branch: 'alt', files: { ...files, 'a/cm-3.yaml': files['a/cm-3.yaml']!.replace('cm-3', 'cm-3-alt') }, orphan: true, replace: true });
      const dir = join(root, 'cache');
      const deadline = { timeout: undefined, signal: AbortSignal.timeout(60_000) };
      expect((await fetchRevision({ url, branch: 'main', dir, ...deadline })).commit).toBe(main);
      expect((await fetchRevision({ url, branch: 'alt', dir, ...deadline })).commit).toBe(alt);
      server.clearRequests();
      const again = await fetchRevision({ url, branch: 'main', dir, ...deadline });
      expect(again.commit).toBe(main);
      expect(await readFile(join(again.dir, 'a/cm-3.yaml'), 'utf8')).toBe(files['a/cm-3.yaml']);
      // The commit is in the cache: no pack is asked for, so no thin pack can refer back to it.
      expect(server.requests.filter((r) => r.kind === 'fetch')).toEqual([]);
    } finally {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('fetchRevision of a revert', () => {
  it('brings back content the cache already holds without sending those objects again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'git-revert-'));
    const server = await startGitServer({ root });
    try {
      const repo = await createBareRepo(root, 'apps.git');
      const url = server.url('apps.git');
      const good: Record<string, string> = {};
      for (let i = 0; i < 10; i++) good[`chart/templates/cm-${i}.yaml`] = `value: ${noise(`good-${i}`, 4096)}\n`;
      const bad = Object.fromEntries(Object.entries(good).map(([path, text]) => [path, `broken ${text}`]));
      const dir = join(root, 'cache');
      const deadline = { timeout: undefined, signal: AbortSignal.timeout(60_000) };
      await commitFiles(repo, { files: good });
      const first = await fetchRevision({ url, branch: 'main', dir, ...deadline });
      await commitFiles(repo, { files: bad });
      await fetchRevision({ url, branch: 'main', dir, ...deadline });
      const revert = await commitFiles(repo, { files: good });
      server.clearRequests();
      const mended = await fetchRevision({ url, branch: 'main', dir, ...deadline });
      expect(mended.commit).toBe(revert);
      expect(await readFile(join(mended.dir, 'chart/templates/cm-4.yaml'), 'utf8')).toBe(good['chart/templates/cm-4.yaml']);
      // Every blob of the revert is in the cache from the first commit: the pack holds only the
      // new commit and trees, a small fraction of the 40 KiB of file content.
      expect(packBytes(server)).toBeLessThan(4096);
      expect(first.commit).not.toBe(revert);
    } finally {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
