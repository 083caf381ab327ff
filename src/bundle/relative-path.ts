/**
 * Paths from git kept inside their bundle: whether a path a fleet.yaml names stays inside it
 * (fleet.yaml checking, kustomize and Helm rendering all ask), and writing a bundle's files
 * into a temporary directory for a tool to read, refusing any path that would leave it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError, type BundleErrorReason } from './bundle-error.js';

/** True for a relative path that stays inside the bundle (no absolute path, no climbing out with `..`). */
export function isRelativeInside(path: string): boolean {
  if (path.startsWith('/') || path.includes('\\')) return false;
  let depth = 0;
  for (const seg of path.split('/')) {
    if (seg === '..') depth -= 1;
    else if (seg !== '' && seg !== '.') depth += 1;
    if (depth < 0) return false;
  }
  return true;
}

/** Writes `files` (bundle-relative paths) under `root`; a path leaving it fails with `reason`, naming the file. */
export async function writeBundleFiles(root: string, files: Iterable<readonly [string, Buffer]>, reason: BundleErrorReason): Promise<void> {
  for (const [path, content] of files) {
    if (!isRelativeInside(path) || path.split('/').includes('..')) {
      throw new BundleError({ reason, file: path, message: 'file path leaves the bundle' });
    }
    const target = join(root, ...path.split('/'));
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, content, { flag: 'wx' });
  }
}
