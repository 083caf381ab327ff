/**
 * List and read the files of a checkout (or of one path in it) without ever reading outside
 * it, within limits. Symlinks:
 * - one whose target leaves the checkout is reported in `skipped` (reason
 *   SymlinkOutsideCheckout, with the link's path) and its target is never opened;
 * - one to a file inside the checkout is followed: the file appears under the link's path
 *   with the target's content (charts and overlays share files this way);
 * - one to a directory inside the checkout is reported (SymlinkToDirectory), not followed,
 *   so a link cannot make the walk loop or count a tree twice;
 * - a dangling one is reported (BrokenSymlink).
 * Files are read as Buffers with O_NOFOLLOW, so a file swapped for a link mid-walk fails
 * instead of being followed. Limits raise a CheckoutError naming the file.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckoutError } from './checkout-error.js';
import { checkRelativePath, followSymlink, resolveCheckoutPath } from './checkout-path.js';

export interface WalkLimits {
  /** Largest single file, in bytes. */
  maxFileBytes: number;
  /** Most files in one walk. */
  maxFiles: number;
  /** Largest sum of file sizes in one walk, in bytes. */
  maxTotalBytes: number;
  /** Deepest directory nesting below the walked path. */
  maxDepth: number;
}

export const defaultWalkLimits: Readonly<WalkLimits> = Object.freeze({
  maxFileBytes: 4 * 1024 * 1024,
  maxFiles: 10_000,
  maxTotalBytes: 64 * 1024 * 1024,
  maxDepth: 32,
});

export interface CheckoutFile {
  /** Path relative to the checkout root, with `/`. */
  path: string;
  content: Buffer;
  executable: boolean;
}

export type SkipReason = 'SymlinkOutsideCheckout' | 'SymlinkToDirectory' | 'BrokenSymlink' | 'SpecialFile';

export interface SkippedEntry {
  path: string;
  reason: SkipReason;
  /** The link's target as written in the repository, for symlinks. */
  target?: string;
}

export interface WalkCheckoutOptions {
  /** The checkout root; nothing outside it is read. */
  root: string;
  /** Walk only this path below the root (a bundle directory); default the whole checkout. */
  path?: string;
  limits?: Partial<WalkLimits>;
  /** Leave out a path (relative to the root) and, for directories, everything below it (e.g. `.fleetignore`). */
  ignore?: (path: string, entry: { directory: boolean }) => boolean;
  signal?: AbortSignal;
}

export interface WalkResult {
  files: CheckoutFile[];
  skipped: SkippedEntry[];
  totalBytes: number;
}

interface Walk {
  options: WalkCheckoutOptions;
  limits: WalkLimits;
  realRoot: string;
  result: WalkResult;
}

export async function walkCheckout(options: WalkCheckoutOptions): Promise<WalkResult> {
  const limits = { ...defaultWalkLimits, ...options.limits };
  const realRoot = await realpath(options.root);
  const start = checkRelativePath(options.path ?? '.');
  const startDir = await resolveCheckoutPath(realRoot, start);
  const walk: Walk = { options, limits, realRoot, result: { files: [], skipped: [], totalBytes: 0 } };
  await walkDir(walk, startDir, start, 0);
  return walk.result;
}

async function walkDir(walk: Walk, dir: string, relDir: string, depth: number): Promise<void> {
  if (depth > walk.limits.maxDepth) throw new CheckoutError('TooDeep', relDir, `limit ${walk.limits.maxDepth}`);
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    walk.options.signal?.throwIfAborted();
    const path = relDir ? `${relDir}/${entry.name}` : entry.name;
    const absolute = join(dir, entry.name);
    if (entry.name === '.git' || walk.options.ignore?.(path, { directory: entry.isDirectory() })) continue;
    if (entry.isDirectory()) await walkDir(walk, absolute, path, depth + 1);
    else if (entry.isFile()) await readInto(walk, absolute, path);
    else if (entry.isSymbolicLink()) await visitSymlink(walk, absolute, path);
    else walk.result.skipped.push({ path, reason: 'SpecialFile' });
  }
}

async function visitSymlink(walk: Walk, absolute: string, path: string): Promise<void> {
  const target = await followSymlink(walk.realRoot, absolute);
  if (target.kind === 'outside') {
    walk.result.skipped.push({ path, reason: 'SymlinkOutsideCheckout', target: target.target });
    return;
  }
  if (target.kind === 'broken') {
    walk.result.skipped.push({ path, reason: 'BrokenSymlink', target: target.target });
    return;
  }
  const info = await lstat(target.path);
  if (info.isFile()) await readInto(walk, target.path, path);
  else walk.result.skipped.push({ path, reason: info.isDirectory() ? 'SymlinkToDirectory' : 'SpecialFile' });
}

async function readInto(walk: Walk, absolute: string, path: string): Promise<void> {
  const { limits, result } = walk;
  if (result.files.length + 1 > limits.maxFiles) throw new CheckoutError('TooManyFiles', path, `limit ${limits.maxFiles}`);
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const info = await handle.stat();
    if (info.size > limits.maxFileBytes) throw new CheckoutError('FileTooLarge', path, `${info.size} bytes, limit ${limits.maxFileBytes}`);
    if (result.totalBytes + info.size > limits.maxTotalBytes) throw new CheckoutError('TooManyBytes', path, `limit ${limits.maxTotalBytes} bytes`);
    const content = await handle.readFile();
    // The size is checked again on what was read, in case the file grew after the stat.
    if (content.length > limits.maxFileBytes) throw new CheckoutError('FileTooLarge', path, `limit ${limits.maxFileBytes}`);
    result.totalBytes += content.length;
    result.files.push({ path, content, executable: (info.mode & 0o111) !== 0 });
  } finally {
    await handle.close();
  }
}

export interface CheckoutSize {
  files: number;
  bytes: number;
}

/**
 * The repository-size check: count files and bytes of the whole checkout from metadata
 * alone (nothing is read, symlinks are not followed) and refuse it when over the limits.
 */
export async function checkCheckoutSize(root: string, limits: { maxFiles?: number; maxTotalBytes?: number }): Promise<CheckoutSize> {
  const size: CheckoutSize = { files: 0, bytes: 0 };
  const visit = async (dir: string, relDir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await visit(join(dir, entry.name), path);
        continue;
      }
      size.files += 1;
      size.bytes += entry.isFile() ? (await lstat(join(dir, entry.name))).size : 0;
      if (limits.maxFiles !== undefined && size.files > limits.maxFiles) throw new CheckoutError('TooManyFiles', path, `limit ${limits.maxFiles}`);
      if (limits.maxTotalBytes !== undefined && size.bytes > limits.maxTotalBytes) throw new CheckoutError('TooManyBytes', path, `limit ${limits.maxTotalBytes} bytes`);
    }
  };
  await visit(await realpath(root), '');
  return size;
}
