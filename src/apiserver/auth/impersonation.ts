/**
 * Impersonation (`kubectl --as`, `--as-group`, `--as-uid`): parses the Impersonate-* headers
 * into the identity requested and the authorization checks the server must pass, each as
 * request attributes with verb `impersonate`, before it switches to that identity.
 */
import type { RequestAttributes } from './request-info.js';
import { parseServiceAccountUsername, serviceAccountGroups, wellKnown, type UserInfo } from './user-info.js';

/** Header values by lower-case name; pass Node's `req.headersDistinct` so repeated headers stay apart. */
export type HeaderValues = Record<string, string | string[] | undefined>;

export type ImpersonationRequest =
  | { requested: false }
  | { requested: true; user: UserInfo; checks: RequestAttributes[] }
  /** Kubernetes answers these with an internal error (500) naming what was asked. */
  | { requested: true; error: string };

const userHeader = 'impersonate-user';
const groupHeader = 'impersonate-group';
const uidHeader = 'impersonate-uid';
const extraPrefix = 'impersonate-extra-';

function values(headers: HeaderValues, name: string): string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function check(resource: string, name: string, extra: Partial<RequestAttributes> = {}): RequestAttributes {
  return {
    verb: 'impersonate',
    isResourceRequest: true,
    path: '',
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource,
    subresource: '',
    name,
    ...extra,
  };
}

function extras(headers: HeaderValues): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const header of Object.keys(headers)) {
    const lower = header.toLowerCase();
    if (!lower.startsWith(extraPrefix)) continue;
    // Keys travel percent-encoded because header names cannot hold every character.
    const key = safeDecode(lower.slice(extraPrefix.length));
    out[key] = [...(out[key] ?? []), ...values(headers, header)];
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function lowerCaseKeys(headers: HeaderValues): HeaderValues {
  const out: HeaderValues = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

export function parseImpersonation(rawHeaders: HeaderValues): ImpersonationRequest {
  const headers = lowerCaseKeys(rawHeaders);
  const users = values(headers, userHeader);
  const groups = values(headers, groupHeader);
  const uids = values(headers, uidHeader);
  const extra = extras(headers);
  const hasExtra = Object.keys(extra).length > 0;
  if (users.length === 0) {
    if (groups.length === 0 && uids.length === 0 && !hasExtra) return { requested: false };
    return { requested: true, error: 'requested impersonation of groups, extra or uid without impersonating a user' };
  }
  const username = users[0] ?? '';
  if (users.length > 1 || username === '') return { requested: true, error: 'impersonating more than one user, or an empty one, is not allowed' };
  if (uids.length > 1) return { requested: true, error: 'impersonating more than one uid is not allowed' };

  const checks: RequestAttributes[] = [userCheck(username)];
  for (const group of groups) checks.push(check('groups', group));
  for (const [key, list] of Object.entries(extra)) {
    for (const value of list) checks.push(check('userextras', value, { apiGroup: 'authentication.k8s.io', subresource: key }));
  }
  const uid = uids[0];
  if (uid !== undefined) checks.push(check('uids', uid, { apiGroup: 'authentication.k8s.io' }));

  const user: UserInfo = { username, groups: impersonatedGroups(username, groups) };
  if (uid !== undefined) user.uid = uid;
  if (hasExtra) user.extra = extra;
  return { requested: true, user, checks };
}

function userCheck(username: string): RequestAttributes {
  const sa = parseServiceAccountUsername(username);
  if (sa) return check('serviceaccounts', sa.name, { namespace: sa.namespace });
  return check('users', username);
}

/** The groups the impersonated identity ends up with, as Kubernetes completes them. */
function impersonatedGroups(username: string, requested: readonly string[]): string[] {
  const sa = parseServiceAccountUsername(username);
  // A ServiceAccount's groups follow from its name unless the caller names groups explicitly.
  const groups = sa && requested.length === 0 ? serviceAccountGroups(sa.namespace) : [...requested];
  if (username === wellKnown.anonymousUser) {
    if (!groups.includes(wellKnown.unauthenticatedGroup)) groups.push(wellKnown.unauthenticatedGroup);
    return groups;
  }
  const special = groups.includes(wellKnown.authenticatedGroup) || groups.includes(wellKnown.unauthenticatedGroup);
  if (!special) groups.push(wellKnown.authenticatedGroup);
  return groups;
}

/** Headers the server must drop before handling the request as the impersonated user. */
export function isImpersonationHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === userHeader || lower === groupHeader || lower === uidHeader || lower.startsWith(extraPrefix);
}
