/**
 * The object caches fetchRevision keeps per repository: bare git directories that remember
 * which URL they mirror. A cache made for another URL, or grown to many packs by repeated
 * shallow fetches, is started afresh rather than repaired: a cache is only an optimisation.
 */
import fs from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';

/** Past this many pack files a fresh shallow fetch is cheaper than reading through them all. */
const maxPacks = 32;

/** Return `gitdir` ready to fetch `url` into (remote `origin`), creating or resetting it as needed. */
export async function prepareCache(gitdir: string, url: URL): Promise<string> {
  if (await isUsable(gitdir, url)) return gitdir;
  await rm(gitdir, { recursive: true, force: true });
  await git.init({ fs, gitdir, bare: true, defaultBranch: 'main' });
  await git.addRemote({ fs, gitdir, remote: 'origin', url: url.toString() });
  return gitdir;
}

async function isUsable(gitdir: string, url: URL): Promise<boolean> {
  if (!(await existingDir(gitdir))) return false;
  const remote: unknown = await git.getConfig({ fs, gitdir, path: 'remote.origin.url' }).catch(() => undefined);
  if (remote !== url.toString()) return false;
  const packs = await readdir(join(gitdir, 'objects', 'pack')).catch(() => []);
  return packs.filter((name) => name.endsWith('.pack')).length <= maxPacks;
}

/** `path` when it is an existing directory, else undefined. */
export async function existingDir(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() ? path : undefined;
}
