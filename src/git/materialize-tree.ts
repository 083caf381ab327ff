/**
 * Write one commit's tree into a fresh directory, as `git checkout` would, but refusing
 * what git itself refuses to check out: entry names `.`, `..`, `.git` (any case), names
 * with `/`, `\` or NUL, and duplicate names in one tree. Such entries can only come from a
 * crafted repository and could otherwise write outside the target or through a symlink.
 * Symlinks are created as symlinks (their target is never followed here; walkCheckout
 * decides what to do with them). Submodules become empty directories, as git leaves them.
 *
 * `readSafeTree` and `writeEntry` are shared with updateCheckout, which rewrites only the
 * entries that changed between two commits.
 */
import fs from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git, { type TreeEntry } from 'isomorphic-git';
import { createCheckoutBudget, type CheckoutBudget, type CheckoutSize } from './checkout-budget.js';
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

/** What reading and writing trees of one checkout share. */
export interface TreeWriter {
  gitdir: string;
  cache: object;
  signal?: AbortSignal | undefined;
  budget: CheckoutBudget;
}

/** Where a tree sits: its repository path (for messages) and nesting depth. */
export interface TreePlace {
  path: string;
  depth: number;
}

/** Deeper trees than this are refused: no real repository nests so far, a crafted one might. */
const maxTreeDepth = 256;

export async function materializeTree(options: MaterializeOptions): Promise<CheckoutSize> {
  const cache = options.cache ?? {};
  const writer: TreeWriter = {
    gitdir: options.gitdir,
    cache,
    signal: options.signal,
    budget: createCheckoutBudget({ maxBytes: options.maxBytes, maxEntries: options.maxEntries }),
  };
  const commit = await git.readCommit({ fs, gitdir: options.gitdir, oid: options.commit, cache });
  await mkdir(options.target);
  await writeTreeInto(writer, commit.commit.tree, options.target, { path: '', depth: 0 });
  return { ...writer.budget.written };
}

/** The commit's root tree oid. */
export async function commitTree(gitdir: string, commit: string, cache: object): Promise<string> {
  return (await git.readCommit({ fs, gitdir, oid: commit, cache })).commit.tree;
}

/** A tree's entries, refused (InvalidRepository) when one is unsafe to check out or the tree nests too deep. */
export async function readSafeTree(writer: TreeWriter, treeOid: string, place: TreePlace): Promise<TreeEntry[]> {
  if (place.depth > maxTreeDepth) throw new GitSourceError('InvalidRepository', `tree "${place.path}" nests deeper than ${maxTreeDepth} levels`);
  const { tree } = await git.readTree({ fs, gitdir: writer.gitdir, oid: treeOid, cache: writer.cache });
  const seen = new Set<string>();
  for (const entry of tree) checkEntryName(entry.path, childPath(place, entry.path), seen);
  return tree;
}

export function childPath(place: TreePlace, name: string): string {
  return place.path ? `${place.path}/${name}` : name;
}

/** Write every entry of a tree into `dir`, an existing empty directory. */
async function writeTreeInto(writer: TreeWriter, treeOid: string, dir: string, place: TreePlace): Promise<void> {
  for (const entry of await readSafeTree(writer, treeOid, place)) {
    await writeEntry(writer, entry, join(dir, entry.path), { path: childPath(place, entry.path), depth: place.depth + 1 });
  }
}

/** Create one entry (tree, file, symlink or submodule) at `destination`, where nothing may exist yet. */
export async function writeEntry(writer: TreeWriter, entry: TreeEntry, destination: string, place: TreePlace): Promise<void> {
  writer.signal?.throwIfAborted();
  writer.budget.add(place.path, { entries: 1, bytes: 0 });
  if (entry.type === 'tree') {
    await mkdir(destination);
    await writeTreeInto(writer, entry.oid, destination, place);
  } else if (entry.type === 'commit') {
    await mkdir(destination);
  } else {
    await writeBlob(writer, entry, destination, place.path);
  }
}

async function writeBlob(writer: TreeWriter, entry: TreeEntry, destination: string, path: string): Promise<void> {
  const { blob: content } = await git.readBlob({ fs, gitdir: writer.gitdir, oid: entry.oid, cache: writer.cache });
  writer.budget.add(path, { entries: 0, bytes: content.byteLength });
  if (entry.mode === '120000') {
    await symlink(Buffer.from(content).toString('utf8'), destination);
    return;
  }
  // 'wx' creates the file and fails if anything (a symlink included) is already there.
  await writeFile(destination, content, { flag: 'wx', mode: entry.mode === '100755' ? 0o755 : 0o644 });
}

function checkEntryName(name: string, path: string, seen: Set<string>): void {
  const unsafe = name === '' || name === '.' || name === '..' || name.toLowerCase() === '.git' || /[/\\\0]/.test(name);
  if (unsafe) throw new GitSourceError('InvalidRepository', `the repository holds an unsafe path "${path}"; refusing to check it out`);
  if (seen.has(name)) throw new GitSourceError('InvalidRepository', `the repository's tree holds "${path}" twice; refusing to check it out`);
  seen.add(name);
}
