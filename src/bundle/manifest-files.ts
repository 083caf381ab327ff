/**
 * Reading Kubernetes objects from a bundle's plain files as Fleet does: every `.yaml`,
 * `.yml` and `.json` file, all documents of each, `List` kinds flattened into their items,
 * empty documents and documents without apiVersion or kind skipped (values files, config
 * that is not a manifest), non-manifest files ignored. fleet.yaml, kustomization files and
 * files under a directory holding a Chart.yaml (a Helm chart) are not manifests.
 */
import { posix } from 'node:path';
import type { KubeObject } from '../api/meta.js';
import { BundleError } from './bundle-error.js';
import { parseYamlDocuments, type YamlLimits } from './safe-yaml.js';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const NOT_MANIFESTS = new Set(['fleet.yaml', 'fleet.yml', 'kustomization.yaml', 'kustomization.yml', 'Chart.yaml']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a file that may hold manifests. */
export function isManifestFile(path: string, chartDirs: readonly string[]): boolean {
  if (!MANIFEST_EXTENSIONS.includes(posix.extname(path))) return false;
  if (NOT_MANIFESTS.has(posix.basename(path))) return false;
  return !chartDirs.some((dir) => dir === '.' || path.startsWith(`${dir}/`));
}

/** Directories holding a Chart.yaml: Helm charts, which raw-YAML rendering leaves alone as Fleet does. */
export function chartDirectories(paths: Iterable<string>): string[] {
  return [...paths].filter((p) => posix.basename(p) === 'Chart.yaml').map((p) => posix.dirname(p));
}

/** The objects of one file, in document order. */
export function readManifests(path: string, content: Buffer, options: { limits?: Partial<YamlLimits> } = {}): KubeObject[] {
  const docs = parseYamlDocuments(content.toString('utf8'), { file: path, limits: options.limits });
  const objects: KubeObject[] = [];
  for (const doc of docs) {
    for (const value of flatten(doc.value)) {
      const object = asObject(value, path, doc.position.line);
      if (object) objects.push(object);
    }
  }
  return objects;
}

function flatten(value: unknown): unknown[] {
  if (!isRecord(value)) return value === null || value === undefined ? [] : [value];
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap(flatten);
  }
  return [value];
}

function asObject(value: unknown, file: string, line: number): KubeObject | undefined {
  if (!isRecord(value)) throw new BundleError({ reason: 'InvalidManifest', file, line, message: 'a manifest must be a map' });
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return undefined;
  const metadata = value.metadata;
  const name = isRecord(metadata) ? metadata.name : undefined;
  if (typeof name !== 'string' || name === '') {
    throw new BundleError({ reason: 'InvalidManifest', file, line, field: 'metadata.name', message: `${kind} has no metadata.name` });
  }
  return value as KubeObject;
}
