/**
 * Request attributes as kube-apiserver's RequestInfo derives them from method, path and
 * query: the input of every authorization decision. Pure; the server calls it once per
 * request, before RBAC.
 */

/** What RBAC decides on (the user travels beside it). Empty strings mean "not applicable". */
export interface RequestAttributes {
  verb: string;
  isResourceRequest: boolean;
  /** The request path without the logical-cluster prefix; what nonResourceURLs match. */
  path: string;
  namespace: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
}

export interface RequestInfo extends RequestAttributes {
  /** `api` or `apis` for resource requests, else empty. */
  apiPrefix: string;
  /** Logical cluster named by a `/clusters/<name>` prefix, if the path had one. */
  cluster?: string;
}

export interface RequestInput {
  method: string;
  path: string;
  query?: URLSearchParams;
}

export type RequestInfoResult = { ok: true; info: RequestInfo } | { ok: false; message: string };

const apiPrefixes = new Set(['api', 'apis']);
const grouplessPrefixes = new Set(['api']);
const specialVerbs = new Set(['proxy', 'watch']);
const specialVerbsWithoutSubresources = new Set(['proxy']);
/** `namespaces/<ns>/<x>` where x is one of these addresses the Namespace object itself. */
const namespaceSubresources = new Set(['status', 'finalize']);

const methodVerbs: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

/** Removes a `/clusters/<name>` prefix; the rest of the path is served as for any cluster. */
export function stripClusterPrefix(path: string): { path: string; cluster?: string } {
  const match = /^\/clusters\/([^/]+)(\/.*)?$/.exec(path);
  if (!match?.[1]) return { path };
  return { path: match[2] ?? '/', cluster: decodeURIComponent(match[1]) };
}

function emptyInfo(method: string, path: string, cluster: string | undefined): RequestInfo {
  const info: RequestInfo = {
    verb: method.toLowerCase(),
    isResourceRequest: false,
    path,
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
    apiPrefix: '',
  };
  if (cluster !== undefined) info.cluster = cluster;
  return info;
}

/** Derives the request attributes; fails only on paths Kubernetes also rejects. */
export function parseRequestInfo(input: RequestInput): RequestInfoResult {
  const { path, cluster } = stripClusterPrefix(input.path);
  const info = emptyInfo(input.method, path, cluster);
  let parts = splitPath(path);
  // Discovery documents (/api, /apis/<group>/<version>, ...) are non-resource requests.
  if (parts.length < 3 || !apiPrefixes.has(parts[0] ?? '')) return { ok: true, info };
  const apiPrefix = parts[0] ?? '';
  parts = parts.slice(1);
  if (!grouplessPrefixes.has(apiPrefix)) {
    if (parts.length < 3) return { ok: true, info };
    info.apiGroup = parts[0] ?? '';
    parts = parts.slice(1);
  }
  info.apiPrefix = apiPrefix;
  info.isResourceRequest = true;
  info.apiVersion = parts[0] ?? '';
  parts = parts.slice(1);

  const head = parts[0] ?? '';
  if (specialVerbs.has(head)) {
    if (parts.length < 2) return { ok: false, message: `unable to determine kind and namespace from url ${input.path}` };
    info.verb = head;
    parts = parts.slice(1);
  } else {
    info.verb = methodVerbs[input.method.toUpperCase()] ?? '';
  }

  parts = applyNamespace(info, parts);
  applyResourceParts(info, parts);
  refineCollectionVerb(info, input.query);
  return { ok: true, info };
}

function applyNamespace(info: RequestInfo, parts: string[]): string[] {
  if (parts[0] !== 'namespaces') return parts;
  if (parts.length < 2) return parts;
  info.namespace = parts[1] ?? '';
  // `namespaces/<ns>/<resource>...` addresses a namespaced resource; `namespaces/<ns>/status`
  // stays the Namespace object's own subresource.
  if (parts.length > 2 && !namespaceSubresources.has(parts[2] ?? '')) return parts.slice(2);
  return parts;
}

function applyResourceParts(info: RequestInfo, parts: string[]): void {
  if (parts.length >= 3 && !specialVerbsWithoutSubresources.has(info.verb)) info.subresource = parts[2] ?? '';
  if (parts.length >= 2) info.name = parts[1] ?? '';
  if (parts.length >= 1) info.resource = parts[0] ?? '';
}

function refineCollectionVerb(info: RequestInfo, query: URLSearchParams | undefined): void {
  if (info.name === '' && info.verb === 'get') {
    info.verb = parseBool(query?.get('watch')) ? 'watch' : 'list';
    const name = exactNameFromFieldSelector(query?.get('fieldSelector'));
    if (name !== undefined) info.name = name;
  }
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';
}

/** Go's strconv.ParseBool truthy forms, which is how the apiserver decodes `?watch=`. */
function parseBool(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
}

/**
 * A list or watch narrowed by `fieldSelector=metadata.name=<x>` is authorized as a request
 * for that one object, so a resourceNames rule can allow watching a single object.
 */
function exactNameFromFieldSelector(selector: string | null | undefined): string | undefined {
  if (!selector) return undefined;
  for (const term of selector.split(',')) {
    const match = /^\s*metadata\.name\s*==?\s*(.*?)\s*$/.exec(term);
    const name = match?.[1];
    if (name !== undefined && isValidPathSegmentName(name)) return name;
  }
  return undefined;
}

function isValidPathSegmentName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}
