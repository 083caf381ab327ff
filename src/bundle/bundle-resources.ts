/**
 * A Bundle's source files as they sit in its spec (Fleet's `spec.resources`): name and
 * content, with large or binary files stored gzip+base64 under `encoding: base64+gz` so a
 * Bundle stays well under the API server's object size limit.
 */
import { compress, decompress } from './content.js';

export interface BundleResource {
  /** Path relative to the bundle root, `/`-separated. */
  name: string;
  content: string;
  encoding?: 'base64+gz';
}

/** A file of a checkout or of a bundle: plain path and bytes. */
export interface SourceFile {
  path: string;
  content: Buffer;
}

/** Files larger than this are compressed in the Bundle spec. */
export const DEFAULT_COMPRESS_ABOVE_BYTES = 4096;

export interface EncodeResourcesOptions {
  compressAboveBytes?: number;
}

function isUtf8(data: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** Turns files into Bundle resources, sorted by name; binary or large files are compressed. */
export function encodeResources(files: readonly SourceFile[], options: EncodeResourcesOptions = {}): BundleResource[] {
  const limit = options.compressAboveBytes ?? DEFAULT_COMPRESS_ABOVE_BYTES;
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) =>
      f.content.length > limit || !isUtf8(f.content)
        ? { name: f.path, content: compress(f.content), encoding: 'base64+gz' as const }
        : { name: f.path, content: f.content.toString('utf8') },
    );
}

/** Turns Bundle resources back into files. */
export function decodeResources(resources: readonly BundleResource[], options: { maxBytes?: number } = {}): SourceFile[] {
  return resources.map((r) => ({
    path: r.name,
    content: r.encoding === 'base64+gz' ? decompress(r.content, options.maxBytes) : Buffer.from(r.content, 'utf8'),
  }));
}
