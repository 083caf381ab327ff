/**
 * `yaml.overlays`, with Fleet's layout: for each overlay named, in order, a file at
 * `overlays/<name>/<path>` replaces (or adds) `<path>`, and `overlays/<name>/<dir>/<file>_patch.<ext>`
 * patches `<dir>/<file>.<ext>`. As in Fleet, a patch that is a list is a JSON Patch; any
 * other patch is a strategic merge patch when the patched file is a built-in kind, and a
 * JSON merge patch otherwise (custom resources, CRDs, files without a kind). Within one
 * overlay, replacements are applied before patches, both in path order, so the result does
 * not depend on file order. Files under `overlays/` never reach the output themselves.
 */
import { posix } from 'node:path';
import { BundleError } from './bundle-error.js';
import { hasStrategicMergeSchema } from './builtin-kinds.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { parseYamlDocuments, type YamlLimits } from './safe-yaml.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

export const OVERLAYS_DIR = 'overlays/';

export interface ApplyOverlaysOptions {
  limits?: Partial<YamlLimits>;
}

/** The file a patch file patches, or undefined when `path` is not a patch file. */
export function patchTarget(path: string): string | undefined {
  const base = posix.basename(path);
  if (!base.includes('_patch.')) return undefined;
  const dir = posix.dirname(path);
  const target = base.replace('_patch.', '.');
  return dir === '.' ? target : `${dir}/${target}`;
}

/** Applies the overlays in order to a map of bundle files (path → bytes) and drops `overlays/`. */
export function applyOverlays(
  files: ReadonlyMap<string, Buffer>,
  overlays: readonly string[],
  options: ApplyOverlaysOptions = {},
): Map<string, Buffer> {
  const out = new Map(files);
  for (const overlay of overlays) {
    const prefix = `${OVERLAYS_DIR}${overlay}/`;
    const own = [...files.keys()].filter((p) => p.startsWith(prefix)).sort();
    const patches: string[] = [];
    for (const path of own) {
      const relative = path.slice(prefix.length);
      if (patchTarget(relative) === undefined) out.set(relative, files.get(path) as Buffer);
      else patches.push(path);
    }
    for (const path of patches) applyPatchFile(out, path, prefix, options);
  }
  for (const path of [...out.keys()]) if (path.startsWith(OVERLAYS_DIR)) out.delete(path);
  return out;
}

function singleDocument(path: string, content: Buffer, options: ApplyOverlaysOptions): unknown {
  const docs = parseYamlDocuments(content.toString('utf8'), { file: path, limits: options.limits }).filter((d) => d.value !== null);
  if (docs.length > 1) {
    throw new BundleError({ reason: 'PatchFailed', file: path, message: 'a patched file or patch must hold a single YAML document' });
  }
  return docs[0]?.value ?? {};
}

function applyPatchFile(out: Map<string, Buffer>, path: string, prefix: string, options: ApplyOverlaysOptions): void {
  const target = patchTarget(path.slice(prefix.length)) as string;
  const original = out.get(target);
  if (original === undefined) {
    throw new BundleError({ reason: 'OverlayNotFound', file: path, message: `the file it patches, ${target}, does not exist` });
  }
  const base = singleDocument(target, original, options);
  const patch = singleDocument(path, out.get(path) ?? Buffer.alloc(0), options);
  try {
    const patched = choosePatch(base, patch);
    out.set(target, Buffer.from(`${JSON.stringify(patched ?? {})}\n`, 'utf8'));
  } catch (err) {
    const message = `cannot patch ${target}: ${err instanceof Error ? err.message : String(err)}`;
    throw new BundleError({ reason: 'PatchFailed', file: path, message, cause: err });
  }
}

function choosePatch(base: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) return applyJsonPatch(base, patch);
  const { apiVersion, kind } = (typeof base === 'object' && base !== null ? base : {}) as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion === 'string' && typeof kind === 'string' && hasStrategicMergeSchema(apiVersion, kind)) {
    return applyStrategicMergePatch(base, patch);
  }
  return applyMergePatch(base, patch);
}
