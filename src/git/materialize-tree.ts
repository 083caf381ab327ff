/**
 * Write one commit's tree into a fresh directory, as `git checkout` would, but refusing
 * what git itself refuses to check out: entry names `.`, `..`, `.git` (any case), names
 * with `/`, `\` or NUL, and duplicate names in one tree. Such entries can only come from a
 * crafted repository and could otherwise write outside the target or through a symlink.
 * Symlinks are created as symlinks (their target is never followed here; walkCheckout
 * decides what to do with them). Submodules become empty directories, as git leaves them.
 */
import fs from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { GitSourceError } from './git-error.js';

export interface MaterializeOptions {
  gitdir: string;
  commit: string;
  /** Directory to create; it must not exist yet. */
  target: string;
  signal?: AbortSignal | undefined;
  /** Refuse (TooLarge) a tree whose files add up to more than this many bytes. */
  maxBytes?: number | undefined;
  /** Refuse (TooLarge) a tree with more than this many entries. */
  maxEntries?: number | undefined;
  /** isomorphic-git object cache shared within one operation. */
  cache?: object | undefined;
}

/** Deeper trees than this are refused: no real repository nests so far, a crafted one might. */
const maxTreeDepth = 256;

interface Progress {
  bytes: number;
  entries: number;
}

export async function materializeTree(options: MaterializeOptions): Promise<Progress> {
  const progress: Progress = { bytes: 0, entries: 0 };
  const commit = await git.readCommit({ fs, gitdir: options.gitdir, oid: options.commit, cache: options.cache ?? {} });
  await mkdir(options.target);
  await writeTree(options, commit.commit.tree, options.target, { progress, depth: 0, path: '' });
  return progress;
}

interface TreeWalk {
  progress: Progress;
  depth: number;
  /** Repository path of this tree, for messages. */
  path: string;
}

async function writeTree(options: MaterializeOptions, treeOid: string, dir: string, walk: TreeWalk): Promise<void> {
  if (walk.depth > maxTreeDepth) throw new GitSourceError('InvalidRepository', `tree "${walk.path}" nests deeper than ${maxTreeDepth} levels`);
  const { tree } = await git.readTree({ fs, gitdir: options.gitdir, oid: treeOid, cache: options.cache ?? {} });
  const seen = new Set<string>();
  for (const entry of tree) {
    options.signal?.throwIfAborted();
    const path = walk.path ? `${walk.path}/${entry.path}` : entry.path;
    checkEntryName(entry.path, path, seen);
    count(options, walk.progress, path, { entries: 1, bytes: 0 });
    const destination = join(dir, entry.path);
    if (entry.type === 'tree') {
      await mkdir(destination);
      await writeTree(options, entry.oid, destination, { progress: walk.progress, depth: walk.depth + 1, path });
    } else if (entry.type === 'commit') {
      await mkdir(destination);
    } else {
      await writeBlob(options, { mode: entry.mode, oid: entry.oid, destination, path, progress: walk.progress });
    }
  }
}

interface BlobWrite {
  mode: string;
  oid: string;
  destination: string;
  path: string;
  progress: Progress;
}

async function writeBlob(options: MaterializeOptions, blob: BlobWrite): Promise<void> {
  const { blob: content } = await git.readBlob({ fs, gitdir: options.gitdir, oid: blob.oid, cache: options.cache ?? {} });
  count(options, blob.progress, blob.path, { entries: 0, bytes: content.byteLength });
  if (blob.mode === '120000') {
    await symlink(Buffer.from(content).toString('utf8'), blob.destination);
    return;
  }
  // 'wx' creates the file and fails if anything (a symlink included) is already there.
  await writeFile(blob.destination, content, { flag: 'wx', mode: blob.mode === '100755' ? 0o755 : 0o644 });
}

function count(options: MaterializeOptions, progress: Progress, path: string, added: Progress): void {
  progress.bytes += added.bytes;
  progress.entries += added.entries;
  if (options.maxEntries !== undefined && progress.entries > options.maxEntries) {
    throw new GitSourceError('TooLarge', `the repository has more than ${options.maxEntries} files and directories (at "${path}")`);
  }
  if (options.maxBytes !== undefined && progress.bytes > options.maxBytes) {
    throw new GitSourceError('TooLarge', `the repository's files exceed ${options.maxBytes} bytes (at "${path}")`);
  }
}

function checkEntryName(name: string, path: string, seen: Set<string>): void {
  const unsafe = name === '' || name === '.' || name === '..' || name.toLowerCase() === '.git' || /[/\\\0]/.test(name);
  if (unsafe) throw new GitSourceError('InvalidRepository', `the repository holds an unsafe path "${path}"; refusing to check it out`);
  if (seen.has(name)) throw new GitSourceError('InvalidRepository', `the repository's tree holds "${path}" twice; refusing to check it out`);
  seen.add(name);
}
