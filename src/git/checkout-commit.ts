/**
 * Put one commit's files on disk as `<dir>/checkout-<sha>`, the folder fetchRevision
 * returns. The tree is written under a temporary name and renamed into place, so a crash
 * never leaves a half-written tree behind a valid name, and an existing checkout of the
 * commit is reused as is. When the previous checkout is recorded (checkout-record.ts) and
 * its commit is in the object cache, that folder is moved aside and updated to the new
 * commit, so a one-line change rewrites one file instead of the whole tree; otherwise the
 * tree is written in full. Checkouts of other commits are removed once the new one is in
 * place.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckoutLimits, CheckoutSize } from './checkout-budget.js';
import { readCheckoutRecord, removeCheckoutRecord, writeCheckoutRecord, type CheckoutRecord } from './checkout-record.js';
import { GitSourceError } from './git-error.js';
import { hasCommit } from './local-repo.js';
import { materializeTree } from './materialize-tree.js';
import { existingDir } from './repo-cache.js';
import { updateCheckout } from './update-checkout.js';

export interface CheckoutCommitOptions {
  /** The per-repository cache directory fetchRevision owns. */
  dir: string;
  gitdir: string;
  commit: string;
  limits: CheckoutLimits;
  signal: AbortSignal;
  /** isomorphic-git object cache shared within one operation. */
  cache: object;
}

/** The checkout folder of `commit`, written or updated as needed. */
export async function checkoutCommit(options: CheckoutCommitOptions): Promise<string> {
  const target = checkoutPath(options.dir, options.commit);
  if (!(await existingDir(target))) {
    await mkdir(options.dir, { recursive: true });
    const temporary = join(options.dir, `.tmp-checkout-${options.commit}-${process.pid}-${Date.now()}`);
    try {
      const size = await writeCheckout(options, temporary);
      await rename(temporary, target);
      await writeCheckoutRecord(options.dir, { commit: options.commit, ...size });
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  }
  await removeOtherCheckouts(options.dir, target);
  return target;
}

async function writeCheckout(options: CheckoutCommitOptions, temporary: string): Promise<CheckoutSize> {
  const previous = await updatableCheckout(options);
  if (previous) {
    // The old folder is about to change: its record must no longer vouch for it.
    await removeCheckoutRecord(options.dir);
    await rename(checkoutPath(options.dir, previous.commit), temporary);
    try {
      const from = { commit: previous.commit, size: { bytes: previous.bytes, entries: previous.entries } };
      return await updateCheckout({ ...options, dir: temporary, from });
    } catch (error) {
      // Refusals (unsafe names, limits) and cancellation stand; a folder that no longer
      // matched its record is simply written afresh.
      if (error instanceof GitSourceError || options.signal.aborted) throw error;
      await rm(temporary, { recursive: true, force: true });
    }
  }
  return materializeTree({ ...options, target: temporary, maxBytes: options.limits.maxBytes, maxEntries: options.limits.maxEntries });
}

/** The recorded previous checkout, when its folder exists and its commit can be read to diff against. */
async function updatableCheckout(options: CheckoutCommitOptions): Promise<CheckoutRecord | undefined> {
  const record = await readCheckoutRecord(options.dir);
  if (!record || record.commit === options.commit) return undefined;
  if (!(await existingDir(checkoutPath(options.dir, record.commit)))) return undefined;
  return (await hasCommit(options.gitdir, record.commit, options.cache)) ? record : undefined;
}

export function checkoutPath(dir: string, commit: string): string {
  return join(dir, `checkout-${commit}`);
}

async function removeOtherCheckouts(dir: string, keep: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if (path !== keep && (name.startsWith('checkout-') || name.startsWith('.tmp-checkout-'))) {
      await rm(path, { recursive: true, force: true });
    }
  }
}
