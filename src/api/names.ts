/**
 * Naming rules: how Flotilla derives object names from other names. The rules are Rancher
 * Fleet's (internal/names, wrangler's SafeConcatName, the cluster controller's KeyHash), so a
 * name is deterministic — a re-created Cluster finds its namespace again, a re-applied
 * GitRepo yields the same Bundles — and always a valid Kubernetes name.
 *
 * The fixed names and well-known labels live in well-known.ts and are re-exported here, so
 * "what is this called" has one import.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

export * from './well-known.js';

/** Helm's release-name limit, which Fleet also applies to Bundle names. */
export const MAX_BUNDLE_NAME_LENGTH = 53;
/** A DNS-1123 label (namespace names, most object names) is at most 63 characters. */
export const MAX_LABEL_NAME_LENGTH = 63;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DISALLOWED = /[^a-zA-Z0-9-]+/g;
const HAS_DISALLOWED = /[^a-zA-Z0-9-]/;

function hexDigest(algorithm: 'md5' | 'sha256', s: string): string {
  return createHash(algorithm).update(s, 'utf8').digest('hex');
}

/** True when `s` is a DNS-1123 label: lower-case alphanumerics and `-`, at most 63 characters. */
export function isDns1123Label(s: string): boolean {
  return s.length <= MAX_LABEL_NAME_LENGTH && DNS1123_LABEL.test(s);
}

/**
 * Cuts `s` to `maxLen` characters with a 5-hex md5 suffix when it is longer (Fleet's
 * `names.Limit`): `<prefix>-<hash>`, without a doubled `-` when the prefix already ends in one.
 */
export function limitName(s: string, maxLen: number): string {
  const hexLen = 5;
  if (s.length <= maxLen) return s;
  if (maxLen <= hexLen + 1) return s.slice(0, maxLen);
  const keep = maxLen - hexLen - 1;
  const separator = s[keep - 1] === '-' ? '' : '-';
  return `${s.slice(0, keep)}${separator}${hexDigest('md5', s).slice(0, hexLen)}`;
}

/**
 * Turns any string into a valid Helm release / DNS-1123 name of at most 53 characters, as
 * Fleet's `names.HelmReleaseName` does: `/` becomes `-`; when case or characters had to
 * change, an 8-hex md5 suffix keeps distinct inputs distinct; long names are cut by
 * {@link limitName}; an input with nothing usable falls back to 24 hex of its md5.
 */
export function helmReleaseName(input: string): string {
  let s = input.replaceAll('/', '-');
  if (s !== s.toLowerCase() || HAS_DISALLOWED.test(s)) {
    s = `${s}-${hexDigest('md5', s).slice(0, 8)}`;
  }
  s = s.toLowerCase().replace(DISALLOWED, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (DNS1123_LABEL.test(s)) return limitName(s, MAX_BUNDLE_NAME_LENGTH);
  return hexDigest('md5', input).slice(0, 24);
}

/**
 * The Bundle name for a GitRepo path (Fleet's `bundleFromDir`): the repo name and the path
 * joined as a clean path (`/`, `.` and trailing slashes vanish), then {@link helmReleaseName}.
 * `bundleName('one', '/multi-cluster/hello-world')` is `one-multi-cluster-hello-world`.
 */
export function bundleName(gitRepoName: string, path: string): string {
  const joined = posix.join(gitRepoName, path).replace(/\/+$/, '');
  return helmReleaseName(joined);
}

/**
 * Joins parts with `-`; a result of 64 characters or more keeps its first 57 characters (56
 * when the 57th is not alphanumeric) and appends 5 (or 6) hex of its sha256, so it is at most
 * 63 long (wrangler's `SafeConcatName`, which Fleet uses for namespaces).
 */
export function safeConcatName(...parts: string[]): string {
  const full = parts.join('-');
  if (full.length <= MAX_LABEL_NAME_LENGTH) return full;
  const digest = hexDigest('sha256', full);
  const c = full[56] ?? '';
  if (/[a-z0-9]/.test(c)) return `${full.slice(0, 57)}-${digest.slice(0, 5)}`;
  return `${full.slice(0, 56)}-${digest.slice(0, 6)}`;
}

/** First 12 hex of the sha256 of the first 100 characters of `s` (Fleet's `KeyHash`). */
export function keyHash(s: string): string {
  return hexDigest('sha256', s.slice(0, 100)).slice(0, 12);
}

/**
 * A Cluster's namespace on the hub: `cluster-<workspace>-<cluster>-<keyHash(workspace::cluster)>`,
 * shortened by {@link safeConcatName} past 63 characters. Deterministic, so a re-created
 * Cluster finds its namespace again.
 */
export function clusterNamespaceName(workspace: string, cluster: string): string {
  const key = `${workspace}::${cluster}`;
  let name = clusterNamespaces.get(key);
  if (name === undefined) {
    // The controller asks for every cluster of a Bundle on each pass: two sha256 each was a tenth of its CPU.
    if (clusterNamespaces.size >= MAX_REMEMBERED_NAMESPACES) clusterNamespaces.clear();
    name = safeConcatName('cluster', workspace, cluster, keyHash(key));
    clusterNamespaces.set(key, name);
  }
  return name;
}

const MAX_REMEMBERED_NAMESPACES = 200_000;
const clusterNamespaces = new Map<string, string>();

/** The name of a Cluster registered by an agent that gave no name: `cluster-<keyHash(clientId)>`. */
export function clusterNameForClientId(clientId: string): string {
  return safeConcatName('cluster', keyHash(clientId));
}

/**
 * Makes `s` a valid DNS-1123 label of at most `maxLen` characters (default 63): lower-cased,
 * other characters turned into `-`, dashes collapsed and trimmed; when that changed anything
 * or the result is too long, a sha256 suffix of the original keeps distinct inputs distinct.
 * For names Flotilla composes itself (`mns-<name>`, secret names) from user input.
 */
export function safeName(s: string, maxLen: number = MAX_LABEL_NAME_LENGTH): string {
  const cleaned = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  const digest = hexDigest('sha256', s);
  if (cleaned === s && s.length <= maxLen) return s;
  if (cleaned === '') return digest.slice(0, Math.min(maxLen, 24));
  const hashLen = maxLen >= 16 ? 8 : Math.max(1, maxLen - 2);
  const prefix = cleaned.slice(0, Math.max(0, maxLen - hashLen - 1)).replace(/-+$/, '');
  return prefix === '' ? digest.slice(0, maxLen) : `${prefix}-${digest.slice(0, hashLen)}`;
}
