/**
 * A stable hash of resolved options, so the controller renders once per distinct option set
 * and derives a deploymentID (`<content>:<optionsHash>`) as Fleet does. Keys are sorted at
 * every depth, so two equal option sets hash equally whatever order their keys came in.
 * `paused`, `diff` and `correctDrift` are left out, as Fleet leaves them out of its
 * deploymentID: changing them must not redeploy.
 */
import { createHash } from 'node:crypto';
import type { BundleOptions } from './bundle-options.js';

const NOT_HASHED: ReadonlySet<string> = new Set(['paused', 'diff', 'correctDrift']);

/** JSON with object keys sorted at every depth and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 hex of the canonical JSON of the options that change what is deployed. */
export function optionsHash(options: BundleOptions): string {
  const hashed = Object.fromEntries(Object.entries(options).filter(([key]) => !NOT_HASHED.has(key)));
  return createHash('sha256').update(canonicalJson(hashed), 'utf8').digest('hex');
}
