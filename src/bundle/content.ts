/**
 * Content: the rendered manifests of one bundle for one set of options, stored once on the
 * hub in a cluster-scoped object named by a hash of what it holds, so identical renders
 * share one Content and a name can be trusted to mean its bytes. The serialisation is
 * canonical (sorted keys, no whitespace) so the same manifests always hash the same.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeObject } from '../api/meta.js';

/** Largest decompressed payload accepted, so a small gzip cannot expand without bound. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** The canonical text of a list of manifests, in the order given (renderBundle sorts them). */
export function serializeManifests(manifests: readonly KubeObject[]): string {
  return canonicalJson({ resources: manifests });
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The Content name for manifests: `s-` and the sha256 of their canonical text, cut to 63
 * characters as Fleet's `ToSHA256ID` does, so it also fits in a label value.
 */
export function contentName(manifests: readonly KubeObject[]): string {
  return `s-${sha256Hex(serializeManifests(manifests))}`.slice(0, 63);
}

/** gzip, then base64: how Content and large Bundle resources are stored. */
export function compress(data: string | Buffer): string {
  return gzipSync(data).toString('base64');
}

/** Inverse of {@link compress}; refuses output larger than `maxBytes`. */
export function decompress(encoded: string, maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES): Buffer {
  return gunzipSync(Buffer.from(encoded, 'base64'), { maxOutputLength: maxBytes });
}

export interface EncodedContent {
  /** The Content's name, see {@link contentName}. */
  name: string;
  /** Full sha256 hex of the canonical text, for the agent to verify. */
  sha256sum: string;
  /** gzip+base64 of the canonical text. */
  content: string;
}

export function encodeContent(manifests: readonly KubeObject[]): EncodedContent {
  const text = serializeManifests(manifests);
  const sha256sum = sha256Hex(text);
  return { name: `s-${sha256sum}`.slice(0, 63), sha256sum, content: compress(text) };
}

/** Reads a Content back; throws when the bytes do not match `sha256sum` (when given). */
export function decodeContent(content: string, options: { sha256sum?: string; maxBytes?: number } = {}): KubeObject[] {
  const text = decompress(content, options.maxBytes).toString('utf8');
  if (options.sha256sum !== undefined && sha256Hex(text) !== options.sha256sum) {
    throw new Error('content does not match its sha256sum');
  }
  const parsed = JSON.parse(text) as { resources?: unknown };
  if (!Array.isArray(parsed.resources)) throw new Error('content holds no resources list');
  return parsed.resources as KubeObject[];
}

/**
 * A hash of the deployment options. As in Fleet, `diff` and `correctDrift` are left out:
 * they change how the agent watches, not what it applies, so changing them alone does not
 * redeploy.
 */
export function optionsHash(options: Readonly<Record<string, unknown>>): string {
  const { diff: _diff, correctDrift: _correctDrift, ...rest } = options;
  return sha256Hex(canonicalJson(rest));
}

/** What a BundleDeployment applies: its Content and the options hash, `<contentName>:<optionsHash>`. */
export function deploymentId(contentNameValue: string, optionsHashValue: string): string {
  return `${contentNameValue}:${optionsHashValue}`;
}

/** Splits a deploymentId back into its Content name and options hash. */
export function parseDeploymentId(id: string): { contentName: string; optionsHash: string } {
  const at = id.indexOf(':');
  return at < 0 ? { contentName: id, optionsHash: '' } : { contentName: id.slice(0, at), optionsHash: id.slice(at + 1) };
}
