/**
 * RBAC authorization as Kubernetes evaluates it, pure: the user, the request attributes and
 * the stored Roles, ClusterRoles and bindings in; allowed or denied, with the reason, out.
 * Also the 403 wording and the rules a user holds (for SelfSubjectRulesReview).
 */
import { errors, type StatusError } from '../status.js';
import { ruleAllows } from './policy-rule.js';
import type { PolicyRule, RbacPolicy } from './rbac-objects.js';
import type { RequestAttributes } from './request-info.js';
import { applicableBindings, describeBinding, roleRefRules, rulesForUser } from './role-resolution.js';
import { wellKnown, type UserInfo } from './user-info.js';

export interface Decision {
  allowed: boolean;
  /** Why: the binding that allowed, or on denial the bindings that could not be resolved. */
  reason: string;
}

/** The rules every member of system:masters holds, whatever is stored. */
export const fullAuthority: readonly PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

export function authorize(policy: RbacPolicy, user: UserInfo, attrs: RequestAttributes): Decision {
  // kube-apiserver puts a privileged-group authorizer before RBAC; no stored object can lock out the admin.
  if (user.groups.includes(wellKnown.mastersGroup)) {
    return { allowed: true, reason: `allowed by membership in group "${wellKnown.mastersGroup}"` };
  }
  const failures: string[] = [];
  for (const applicable of applicableBindings(policy, user, attrs.namespace)) {
    const result = roleRefRules(policy, applicable.binding.roleRef, applicable.namespace);
    if (!result.ok) {
      failures.push(result.error);
      continue;
    }
    if (result.rules.some((rule) => ruleAllows(rule, attrs))) {
      return { allowed: true, reason: `RBAC: allowed by ${describeBinding(applicable)}` };
    }
  }
  return { allowed: false, reason: failures.length ? `RBAC: ${aggregateErrors(failures)}` : '' };
}

/** Go's utilerrors aggregate wording: one error as is, several in brackets. */
export function aggregateErrors(messages: readonly string[]): string {
  return messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
}

/** `User "x" cannot list resource "configmaps" in API group "" in the namespace "a"`. */
export function forbiddenMessage(user: UserInfo, attrs: RequestAttributes): string {
  const who = `User "${user.username}"`;
  if (!attrs.isResourceRequest) return `${who} cannot ${attrs.verb} path "${attrs.path}"`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `${who} cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup}"`;
  return attrs.namespace ? `${what} in the namespace "${attrs.namespace}"` : `${what} at the cluster scope`;
}

/**
 * The 403 Status for a denied request, worded as kube-apiserver words it:
 * `configmaps "x" is forbidden: User ...` (or `forbidden: User ...` for non-resource paths),
 * with the authorizer's reason appended when it has one.
 */
export function forbiddenError(user: UserInfo, attrs: RequestAttributes, reason = ''): StatusError {
  const detail = reason ? `${forbiddenMessage(user, attrs)}: ${reason}` : forbiddenMessage(user, attrs);
  const target = { group: attrs.apiGroup, resource: attrs.resource, name: attrs.name || undefined };
  if (!attrs.isResourceRequest || !attrs.resource) return errors.forbidden(`forbidden: ${detail}`, target);
  const qualified = attrs.apiGroup ? `${attrs.resource}.${attrs.apiGroup}` : attrs.resource;
  const subject = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  return errors.forbidden(`${subject} is forbidden: ${detail}`, target);
}

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

/** The status of a SelfSubjectRulesReview (authorization.k8s.io/v1). */
export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

/** What the user may do in the namespace, as `kubectl auth can-i --list` shows it. */
export function rulesFor(policy: RbacPolicy, user: UserInfo, namespace: string): SubjectRulesReviewStatus {
  const resolved = rulesForUser(policy, user, namespace);
  const rules = user.groups.includes(wellKnown.mastersGroup) ? [...fullAuthority, ...resolved.rules] : resolved.rules;
  const status: SubjectRulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: resolved.errors.length > 0 };
  for (const rule of rules) {
    if (rule.resources?.length) status.resourceRules.push(resourcePart(rule));
    if (rule.nonResourceURLs?.length) status.nonResourceRules.push({ verbs: [...rule.verbs], nonResourceURLs: [...rule.nonResourceURLs] });
  }
  if (resolved.errors.length) status.evaluationError = aggregateErrors(resolved.errors);
  return status;
}

function resourcePart(rule: PolicyRule): ResourceRule {
  const out: ResourceRule = { verbs: [...rule.verbs], apiGroups: [...(rule.apiGroups ?? [])], resources: [...(rule.resources ?? [])] };
  if (rule.resourceNames?.length) out.resourceNames = [...rule.resourceNames];
  return out;
}
