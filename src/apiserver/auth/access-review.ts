/**
 * The answers of the review APIs, pure: SubjectAccessReview and its self and local forms
 * (authorization.k8s.io/v1) turned into request attributes and decided by RBAC, and the user
 * a SubjectAccessReview asks about. What `kubectl auth can-i` sends and reads.
 */
import { authorize } from './rbac.js';
import type { RbacPolicy } from './rbac-objects.js';
import type { RequestAttributes } from './request-info.js';
import type { UserInfo } from './user-info.js';

export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

/** The spec of every access review; `user`, `groups`, `uid` and `extra` only in SubjectAccessReview. */
export interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

export interface AccessReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

export type ReviewCheck = { ok: true; attributes: RequestAttributes } | { ok: false; field: string; message: string };

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The request a review asks about, or the field that makes the review invalid. */
export function reviewAttributes(spec: AccessReviewSpec | undefined): ReviewCheck {
  const resource = spec?.resourceAttributes;
  const nonResource = spec?.nonResourceAttributes;
  if ((resource === undefined) === (nonResource === undefined)) {
    const message = 'exactly one of nonResourceAttributes or resourceAttributes must be specified';
    return { ok: false, field: 'spec.resourceAttributes', message };
  }
  if (nonResource) {
    const attributes = emptyAttributes(str(nonResource.verb));
    attributes.path = str(nonResource.path);
    return { ok: true, attributes };
  }
  const attributes: RequestAttributes = {
    ...emptyAttributes(str(resource?.verb)),
    isResourceRequest: true,
    namespace: str(resource?.namespace),
    apiGroup: str(resource?.group),
    apiVersion: str(resource?.version),
    resource: str(resource?.resource),
    subresource: str(resource?.subresource),
    name: str(resource?.name),
  };
  return { ok: true, attributes };
}

function emptyAttributes(verb: string): RequestAttributes {
  return { verb, isResourceRequest: false, path: '', namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '' };
}

/** The user a SubjectAccessReview names, exactly as given: no groups are implied. */
export function reviewedUser(spec: AccessReviewSpec | undefined): UserInfo | undefined {
  const username = str(spec?.user);
  const groups = Array.isArray(spec?.groups) ? spec.groups.filter((g): g is string => typeof g === 'string') : [];
  if (!username && groups.length === 0) return undefined;
  const user: UserInfo = { username, groups };
  if (spec?.uid) user.uid = str(spec.uid);
  if (spec?.extra) user.extra = spec.extra;
  return user;
}

/** RBAC's answer, as the status of a review. */
export function reviewAccess(policy: RbacPolicy, user: UserInfo, attributes: RequestAttributes): AccessReviewStatus {
  const decision = authorize(policy, user, attributes);
  const status: AccessReviewStatus = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return status;
}
