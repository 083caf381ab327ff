/**
 * Path arithmetic that keeps reads inside a checkout: relative paths may not be absolute or
 * climb with `..`, and symlinks are resolved one hop at a time, each hop (and the real
 * location of its parent directory) checked to stay inside the checkout's real root. Used
 * by walkCheckout and by anything that opens a file a fleet.yaml names.
 */
import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { CheckoutError } from './checkout-error.js';

/** Whether `path` is `root` or below it (both absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Refuse a relative path that is absolute or has a `..` segment; return it normalised with `/`. */
export function checkRelativePath(path: string): string {
  const parts = path.split(/[/\\]+/).filter((part) => part !== '' && part !== '.');
  if (isAbsolute(path) || parts.includes('..') || path.includes('\0')) throw new CheckoutError('PathEscapes', path);
  return parts.join('/');
}

/**
 * The absolute real location of `path` (relative to `root`), after checking it stays
 * inside the checkout even through symlinks. Throws PathEscapes or NotFound.
 */
export async function resolveCheckoutPath(root: string, path: string): Promise<string> {
  const clean = checkRelativePath(path);
  const realRoot = await realpath(root);
  let real: string;
  try {
    real = await realpath(join(realRoot, clean));
  } catch {
    throw new CheckoutError('NotFound', clean);
  }
  if (!isInside(realRoot, real)) throw new CheckoutError('PathEscapes', clean, 'through a symlink');
  return real;
}

/** Where a symlink inside the checkout finally points, or that it leaves the checkout or dangles. */
export type SymlinkTarget = { kind: 'inside'; path: string } | { kind: 'outside'; target: string } | { kind: 'broken'; target: string };

const maxHops = 40;

/** Follow the symlink at `linkPath` (absolute, inside `realRoot`) hop by hop without ever leaving `realRoot`. */
export async function followSymlink(realRoot: string, linkPath: string): Promise<SymlinkTarget> {
  let current = linkPath;
  for (let hop = 0; hop < maxHops; hop += 1) {
    const target = await readlink(current);
    const next = resolve(dirname(current), target);
    if (!isInside(realRoot, next)) return { kind: 'outside', target };
    if (next === realRoot) return { kind: 'inside', path: realRoot };
    const parent = await realpath(dirname(next)).catch(() => undefined);
    if (parent === undefined) return { kind: 'broken', target };
    if (!isInside(realRoot, parent)) return { kind: 'outside', target };
    const located = join(parent, basename(next));
    const info = await lstat(located).catch(() => undefined);
    if (!info) return { kind: 'broken', target };
    if (!info.isSymbolicLink()) return { kind: 'inside', path: located };
    current = located;
  }
  return { kind: 'broken', target: 'too many levels of symbolic links' };
}
