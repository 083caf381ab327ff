/**
 * Parses a request path into what it addresses: a logical cluster (from an optional
 * `/clusters/<name>` prefix), then either a discovery document or a resource with its
 * namespace, name and subresource.
 */
import { errors } from '../status.js';

export type PathTarget =
  | { kind: 'version' | 'healthz' | 'metrics' | 'api' | 'apis' | 'openapi-v2' | 'openapi-v3' }
  | { kind: 'openapi-v3-doc'; path: string }
  | { kind: 'group'; group: string }
  | { kind: 'group-version'; group: string; version: string }
  | {
      kind: 'resource';
      group: string;
      version: string;
      plural: string;
      namespace: string | undefined;
      name: string | undefined;
      subresource: string | undefined;
    }
  | { kind: 'unknown' };

export interface ParsedPath {
  cluster: string;
  target: PathTarget;
}

const HEALTH = new Set(['healthz', 'livez', 'readyz']);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw errors.badRequest(`malformed path segment: ${JSON.stringify(segment)}`);
  }
}

/** Throws a 400 StatusError for a path with a malformed %-escape. */
export function parseRequestPath(pathname: string): ParsedPath {
  let parts = pathname.split('/').filter(Boolean).map(decodeSegment);
  let cluster = '';
  if (parts[0] === 'clusters' && parts.length >= 2) {
    cluster = parts[1]!;
    parts = parts.slice(2);
  }
  return { cluster, target: targetOf(parts) };
}

function targetOf(parts: string[]): PathTarget {
  const [root, a, b] = parts;
  if (root === 'version' && parts.length === 1) return { kind: 'version' };
  if (root && HEALTH.has(root)) return { kind: 'healthz' };
  if (root === 'metrics' && parts.length === 1) return { kind: 'metrics' };
  if (root === 'openapi') {
    if (a === 'v2') return { kind: 'openapi-v2' };
    if (a === 'v3' && parts.length === 2) return { kind: 'openapi-v3' };
    if (a === 'v3') return { kind: 'openapi-v3-doc', path: parts.slice(2).join('/') };
  }
  if (root === 'api') {
    if (parts.length === 1) return { kind: 'api' };
    if (parts.length === 2) return { kind: 'group-version', group: '', version: a! };
    return resourceTarget('', a!, parts.slice(2));
  }
  if (root === 'apis') {
    if (parts.length === 1) return { kind: 'apis' };
    if (parts.length === 2) return { kind: 'group', group: a! };
    if (parts.length === 3) return { kind: 'group-version', group: a!, version: b! };
    return resourceTarget(a!, b!, parts.slice(3));
  }
  return { kind: 'unknown' };
}

function resourceTarget(group: string, version: string, rest: string[]): PathTarget {
  // /namespaces/<ns>/<plural>[/<name>[/<sub>]] addresses a namespaced resource; but
  // /namespaces/<name>[/status|finalize] addresses the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    const [, namespace, plural, name, subresource, ...extra] = rest;
    if (extra.length) return { kind: 'unknown' };
    return { kind: 'resource', group, version, plural: plural!, namespace, name, subresource };
  }
  const [plural, name, subresource, ...extra] = rest;
  if (extra.length || !plural) return { kind: 'unknown' };
  return { kind: 'resource', group, version, plural, namespace: undefined, name, subresource };
}
