/**
 * Turn a checkout of one commit into a checkout of another by rewriting only what differs,
 * as `git checkout` does with its index: subtrees whose oid did not change are not even
 * read, changed files are replaced, removed ones deleted. The same rules as a fresh
 * checkout apply (materialize-tree.ts): unsafe names refused, nothing written through a
 * symlink (an entry is always deleted, never written into, before its replacement is
 * created with 'wx'), and the size limits of the whole resulting tree.
 *
 * The sizes of unchanged subtrees are not re-read: the caller passes the old checkout's
 * size (fetchRevision records it beside the checkout), and what is deleted is measured on
 * disk before it goes. The resulting size is old - deleted + written; since written alone
 * never exceeds it, a limit is enforced as soon as the written part passes it, and on the
 * total at the end.
 */
import fs from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import git, { type TreeEntry } from 'isomorphic-git';
import { checkCheckoutLimits, createCheckoutBudget, type CheckoutLimits, type CheckoutSize } from './checkout-budget.js';
import { childPath, commitTree, readSafeTree, writeEntry, type TreePlace, type TreeWriter } from './materialize-tree.js';

export interface UpdateCheckoutOptions {
  gitdir: string;
  /** A directory holding exactly `from.commit`'s tree; it becomes `commit`'s. */
  dir: string;
  from: { commit: string; size: CheckoutSize };
  commit: string;
  limits: CheckoutLimits;
  signal?: AbortSignal | undefined;
  /** isomorphic-git object cache shared within one operation. */
  cache: object;
}

interface TreeUpdate {
  writer: TreeWriter;
  /** What was deleted from the old checkout. */
  removed: CheckoutSize;
}

/** Rewrite `dir` from `from.commit` to `commit`; returns the new checkout's size. */
export async function updateCheckout(options: UpdateCheckoutOptions): Promise<CheckoutSize> {
  const writer: TreeWriter = { gitdir: options.gitdir, cache: options.cache, signal: options.signal, budget: createCheckoutBudget(options.limits) };
  const update: TreeUpdate = { writer, removed: { bytes: 0, entries: 0 } };
  const oldTree = await commitTree(options.gitdir, options.from.commit, options.cache);
  const newTree = await commitTree(options.gitdir, options.commit, options.cache);
  await updateTree(update, { old: oldTree, new: newTree }, options.dir, { path: '', depth: 0 });
  const { written } = writer.budget;
  const size = {
    bytes: options.from.size.bytes - update.removed.bytes + written.bytes,
    entries: options.from.size.entries - update.removed.entries + written.entries,
  };
  checkCheckoutLimits(options.limits, size);
  return size;
}

async function updateTree(update: TreeUpdate, trees: { old: string; new: string }, dir: string, place: TreePlace): Promise<void> {
  if (trees.old === trees.new) return;
  const entries = await readSafeTree(update.writer, trees.new, place);
  const { tree: oldEntries } = await git.readTree({ fs, gitdir: update.writer.gitdir, oid: trees.old, cache: update.writer.cache });
  const kept = new Map<string, TreeEntry>();
  const wanted = new Map(entries.map((entry) => [entry.path, entry]));
  // Deletions first, so a name that changes kind (file to directory) is free before it is written.
  for (const old of oldEntries) {
    const entry = wanted.get(old.path);
    if (entry && kindOf(entry) === kindOf(old)) kept.set(old.path, old);
    else await removeEntry(update, join(dir, old.path));
  }
  for (const entry of entries) {
    update.writer.signal?.throwIfAborted();
    const child = { path: childPath(place, entry.path), depth: place.depth + 1 };
    await updateEntry(update, { old: kept.get(entry.path), entry }, join(dir, entry.path), child);
  }
}

async function updateEntry(update: TreeUpdate, change: { old: TreeEntry | undefined; entry: TreeEntry }, destination: string, place: TreePlace): Promise<void> {
  const { old, entry } = change;
  if (old && old.oid === entry.oid && old.mode === entry.mode) return;
  if (old && entry.type === 'commit') return; // a submodule stays an empty directory whichever commit it names
  if (old && entry.type === 'tree' && (await isRealDirectory(destination))) {
    await updateTree(update, { old: old.oid, new: entry.oid }, destination, place);
    return;
  }
  if (old) await removeEntry(update, destination);
  await writeEntry(update.writer, entry, destination, place);
}

type EntryKind = 'tree' | 'submodule' | 'symlink' | 'file';

function kindOf(entry: TreeEntry): EntryKind {
  if (entry.type === 'tree') return 'tree';
  if (entry.type === 'commit') return 'submodule';
  return entry.mode === '120000' ? 'symlink' : 'file';
}

/** A directory, not a symlink to one: a changed subtree is only ever updated inside the checkout. */
async function isRealDirectory(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => undefined);
  return info?.isDirectory() === true;
}

/** Delete an entry of the old checkout (never following a symlink), counting what it held. */
async function removeEntry(update: TreeUpdate, path: string): Promise<void> {
  const size = await measure(path);
  update.removed.bytes += size.bytes;
  update.removed.entries += size.entries;
  await rm(path, { recursive: true, force: true });
}

/** Entries and bytes under `path` as a checkout counts them; nothing when it is missing. */
async function measure(path: string): Promise<CheckoutSize> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return { bytes: 0, entries: 0 };
  if (!info.isDirectory()) return { bytes: info.size, entries: 1 };
  const size = { bytes: 0, entries: 1 };
  for (const name of await readdir(path)) {
    const inner = await measure(join(path, name));
    size.bytes += inner.bytes;
    size.entries += inner.entries;
  }
  return size;
}
