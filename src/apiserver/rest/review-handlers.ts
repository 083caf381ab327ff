/**
 * The review APIs, create-only virtual resources answered without storing anything:
 * SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview and
 * LocalSubjectAccessReview (authorization.k8s.io/v1) and SelfSubjectReview
 * (authentication.k8s.io/v1), so `kubectl auth can-i` (with `--list` and `--as`) and
 * `kubectl auth whoami` work. Each answers for the user the request acts as (after
 * impersonation), against the RBAC objects of the request's logical cluster.
 */
import type { KubeObject } from '../../api/meta.js';
import { reviewAccess, reviewAttributes, reviewedUser, type AccessReviewSpec } from '../auth/access-review.js';
import { rulesFor } from '../auth/rbac.js';
import type { RbacPolicy } from '../auth/rbac-objects.js';
import { anonymousUser, type UserInfo } from '../auth/user-info.js';
import { sendJson } from '../http/respond.js';
import { errors } from '../status.js';
import { readObject, type ExtensionHandler, type ResourceRequest } from './resource-handler.js';

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';
export const AUTHENTICATION_GROUP = 'authentication.k8s.io';

export interface ReviewHandlerDeps {
  policy(cluster: string): RbacPolicy;
}

type Answer = (r: ResourceRequest, review: KubeObject, policy: RbacPolicy, user: UserInfo) => Record<string, unknown>;

const specOf = (review: KubeObject) => (review.spec ?? {}) as AccessReviewSpec;

function invalid(r: ResourceRequest, field: string, value: unknown, message: string): never {
  const target = { group: r.resource.group, resource: r.resource.plural, kind: r.resource.kind, name: '' };
  throw errors.invalid(target, [{ reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(value ?? null)}: ${message}` }]);
}

function accessStatus(r: ResourceRequest, spec: AccessReviewSpec, policy: RbacPolicy, user: UserInfo): Record<string, unknown> {
  const check = reviewAttributes(spec);
  if (!check.ok) return invalid(r, check.field, spec.resourceAttributes, check.message);
  return { ...reviewAccess(policy, user, check.attributes) };
}

const selfAccess: Answer = (r, review, policy, user) => accessStatus(r, specOf(review), policy, user);

const subjectAccess: Answer = (r, review, policy) => {
  const spec = specOf(review);
  const subject = reviewedUser(spec);
  if (!subject) return invalid(r, 'spec.user', spec.user ?? '', 'at least one of user or group must be specified');
  return accessStatus(r, spec, policy, subject);
};

const localSubjectAccess: Answer = (r, review, policy, user) => {
  const spec = specOf(review);
  const namespace = r.path.namespace ?? '';
  if (spec.nonResourceAttributes) return invalid(r, 'spec.nonResourceAttributes', spec.nonResourceAttributes, 'disallowed on this kind of request');
  if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== namespace) {
    throw errors.badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
  }
  return subjectAccess(r, review, policy, user);
};

const selfRules: Answer = (_r, review, policy, user) => {
  const namespace = (review.spec as { namespace?: unknown } | undefined)?.namespace;
  return { ...rulesFor(policy, user, typeof namespace === 'string' ? namespace : '') };
};

const selfSubject: Answer = (_r, _review, _policy, user) => {
  const userInfo: Record<string, unknown> = { username: user.username, groups: user.groups };
  if (user.uid) userInfo.uid = user.uid;
  if (user.extra) userInfo.extra = user.extra;
  return { userInfo };
};

const answers = new Map<string, Answer>([
  [`${AUTHORIZATION_GROUP}/selfsubjectaccessreviews`, selfAccess],
  [`${AUTHORIZATION_GROUP}/selfsubjectrulesreviews`, selfRules],
  [`${AUTHORIZATION_GROUP}/subjectaccessreviews`, subjectAccess],
  [`${AUTHORIZATION_GROUP}/localsubjectaccessreviews`, localSubjectAccess],
  [`${AUTHENTICATION_GROUP}/selfsubjectreviews`, selfSubject],
]);

/** Serves the review resources; every other request passes through. */
export function reviewHandler(deps: ReviewHandlerDeps): ExtensionHandler {
  return async (r) => {
    const answer = answers.get(`${r.resource.group}/${r.resource.plural}`);
    if (!answer) return false;
    if (r.req.method !== 'POST' || r.path.name !== undefined) throw errors.methodNotAllowed();
    const review = await readObject(r.req);
    const status = answer(r, review, deps.policy(r.cluster), r.user ?? anonymousUser());
    const apiVersion = r.resource.group ? `${r.resource.group}/${r.path.version}` : r.path.version;
    const metadata = { ...review.metadata, creationTimestamp: null };
    if (r.path.namespace !== undefined) metadata.namespace = r.path.namespace;
    const body: Record<string, unknown> = { kind: r.resource.kind, apiVersion, metadata };
    if (review.spec !== undefined) body.spec = review.spec;
    body.status = status;
    sendJson(r.res, 201, body);
    return true;
  };
}
