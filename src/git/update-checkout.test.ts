import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, createBareRepo, type RepoFile } from '../../test/support/git-repo.js';
import { fetchRevision, type FetchLimits } from './fetch-revision.js';
import { GitSourceError } from './git-error.js';

/** Every path under `dir` with what it is: a directory, a symlink and its target, or a file's mode and content. */
async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const path = join(dir, name);
    const info = await lstat(path);
    if (info.isSymbolicLink()) out.push(`${name} -> ${await readlink(path)}`);
    else if (info.isDirectory()) out.push(`${name}/`);
    else out.push(`${name} ${(info.mode & 0o777).toString(8)} ${await readFile(path, 'utf8')}`);
  }
  return out;
}

const base: Record<string, RepoFile> = {
  'a/one.yaml': 'one: 1\n',
  'a/deep/two.yaml': 'two: 2\n',
  'b/three.yaml': 'three: 3\n',
  'link.yaml': { symlink: 'a/one.yaml' },
  'run.sh': { content: 'echo hi\n', executable: true },
};

const transitions: Array<{ name: string; change: Record<string, RepoFile> }> = [
  { name: 'a changed file is rewritten', change: { 'a/one.yaml': 'one: 11\n' } },
  { name: 'a deleted directory is removed', change: { 'a/deep': null } },
  { name: 'a file that becomes a directory is replaced', change: { 'b/three.yaml': null, 'b/three.yaml/inner.yaml': 'x: 1\n' } },
  { name: 'a directory that becomes a file is replaced', change: { 'b/three.yaml': null, b: 'now a file\n' } },
  { name: 'a symlink that becomes a file is replaced, not written through', change: { 'link.yaml': 'plain: true\n' } },
  { name: 'a file that becomes a symlink is replaced', change: { 'b/three.yaml': { symlink: '../a/one.yaml' } } },
  { name: 'an executable that loses its bit is rewritten', change: { 'run.sh': 'echo hi\n' } },
  { name: 'a commit that changes nothing in the files keeps the tree', change: {} },
];

describe('fetchRevision updating the previous checkout to a new commit', () => {
  let root: string;
  let count = 0;
  const newRepo = async () => createBareRepo(root, `r${(count += 1)}.git`);
  const cache = () => join(root, `cache-${(count += 1)}`);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'git-update-checkout-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(transitions)('$name, giving the same files as a fresh checkout', async ({ change }) => {
    const repo = await newRepo();
    await commitFiles(repo, { files: base });
    const dir = cache();
    const before = await fetchRevision({ url: repo, branch: 'main', dir });
    const untouched = await stat(join(before.dir, 'a/one.yaml')).catch(() => undefined);

    const commit = await commitFiles(repo, { files: change, message: 'change' });
    const updated = await fetchRevision({ url: repo, branch: 'main', dir });
    const fresh = await fetchRevision({ url: repo, branch: 'main', dir: cache() });

    expect(updated.commit).toBe(commit);
    expect(await listTree(updated.dir)).toEqual(await listTree(fresh.dir));
    expect((await readdir(dir)).sort()).toEqual([`checkout-${commit}`, 'checkout.json']);
    if (!('a/one.yaml' in change) && !('a' in change)) expect((await stat(join(updated.dir, 'a/one.yaml'))).ino).toBe(untouched?.ino);
  });

  const limitCases: Array<{ name: string; limits: FetchLimits; change: Record<string, RepoFile>; refused: boolean }> = [
    // The base tree holds 41 bytes in 8 entries.
    { name: 'a new commit whose small addition takes the tree over maxCheckoutBytes is refused as TooLarge', limits: { maxCheckoutBytes: 50 }, change: { 'big.yaml': 'x'.repeat(10) }, refused: true },
    { name: 'a new commit that stays under maxCheckoutBytes by deleting a file is accepted', limits: { maxCheckoutBytes: 50 }, change: { 'b/three.yaml': null, 'c.yaml': 'x'.repeat(17) }, refused: false },
    { name: 'a new commit over maxCheckoutEntries is refused as TooLarge', limits: { maxCheckoutEntries: 10 }, change: { 'c/d/e.yaml': 'e: 1\n' }, refused: true },
    { name: 'a new commit with exactly maxCheckoutEntries is accepted', limits: { maxCheckoutEntries: 10 }, change: { 'f.yaml': 'f\n', 'g.yaml': 'g\n' }, refused: false },
  ];

  it.each(limitCases)('$name', async ({ limits, change, refused }) => {
    const repo = await newRepo();
    await commitFiles(repo, { files: base });
    const dir = cache();
    await fetchRevision({ url: repo, branch: 'main', dir, limits });
    await commitFiles(repo, { files: change, message: 'change' });
    const result = await fetchRevision({ url: repo, branch: 'main', dir, limits }).then(
      (fetched) => fetched.commit,
      (error: unknown) => error,
    );
    if (refused) expect(result).toMatchObject({ constructor: GitSourceError, reason: 'TooLarge' });
    else expect(result).toEqual(expect.stringMatching(/^[0-9a-f]{40}$/));
  });
});
