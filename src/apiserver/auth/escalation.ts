/**
 * RBAC's privilege-escalation prevention, pure. Nobody may write a Role or ClusterRole
 * granting rules they do not hold (in that namespace) unless they may `escalate` roles, nor a
 * binding to a role whose rules they do not hold unless they may `bind` it. The server runs
 * these checks on create and update of the four RBAC kinds, after the ordinary authorization.
 */
import { errors, qualifiedResource, type StatusError } from '../status.js';
import { aggregateErrors, authorize, fullAuthority } from './rbac.js';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RbacPolicy, Role, RoleBinding, RoleRef } from './rbac-objects.js';
import { rbacGroup } from './rbac-objects.js';
import type { RequestAttributes } from './request-info.js';
import { roleRefRules, rulesForUser } from './role-resolution.js';
import { covers } from './rule-covers.js';
import { wellKnown, type UserInfo } from './user-info.js';

export type EscalationDecision = { allowed: true; reason: string } | { allowed: false; error: StatusError };

export type RoleWrite =
  | { kind: 'Role'; object: Role; previous?: Role }
  | { kind: 'ClusterRole'; object: ClusterRole; previous?: ClusterRole };

export type BindingWrite =
  | { kind: 'RoleBinding'; object: RoleBinding; previous?: RoleBinding }
  | { kind: 'ClusterRoleBinding'; object: ClusterRoleBinding; previous?: ClusterRoleBinding };

const resourceOf = { Role: 'roles', ClusterRole: 'clusterroles', RoleBinding: 'rolebindings', ClusterRoleBinding: 'clusterrolebindings' };

/** May `user` create or update this Role/ClusterRole? */
export function checkRoleEscalation(policy: RbacPolicy, user: UserInfo, write: RoleWrite): EscalationDecision {
  const namespace = write.kind === 'Role' ? (write.object.metadata.namespace ?? '') : '';
  const name = write.object.metadata.name ?? '';
  const resource = resourceOf[write.kind];
  const early = exemption(user, write.object, write.previous);
  if (early) return { allowed: true, reason: early };
  if (authorize(policy, user, rbacAttrs('escalate', resource, namespace, name)).allowed) {
    return { allowed: true, reason: `user may escalate ${resource}` };
  }
  const missing = missingRights(policy, user, namespace, write.object.rules ?? []);
  if (missing) return denied(resource, name, missing);
  // An aggregationRule can gather any rule that exists or will exist, so it takes everything.
  if (write.kind === 'ClusterRole' && write.object.aggregationRule) {
    if (missingRights(policy, user, '', fullAuthority)) {
      return denied(resource, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
  return { allowed: true, reason: 'every rule is already held by the user' };
}

/** May `user` create or update this RoleBinding/ClusterRoleBinding? */
export function checkBindingEscalation(policy: RbacPolicy, user: UserInfo, write: BindingWrite): EscalationDecision {
  const namespace = write.kind === 'RoleBinding' ? (write.object.metadata.namespace ?? '') : '';
  const name = write.object.metadata.name ?? '';
  const resource = resourceOf[write.kind];
  const early = exemption(user, write.object, write.previous);
  if (early) return { allowed: true, reason: early };
  const ref = write.object.roleRef;
  if (bindAuthorized(policy, user, ref, namespace)) {
    return { allowed: true, reason: `user may bind ${ref.kind === 'Role' ? 'roles' : 'clusterroles'} "${ref.name}"` };
  }
  const resolved = roleRefRules(policy, ref, namespace);
  if (!resolved.ok) return denied(resource, name, resolved.error);
  const missing = missingRights(policy, user, namespace, resolved.rules);
  if (missing) return denied(resource, name, missing);
  return { allowed: true, reason: 'the user holds every rule of the referenced role' };
}

function exemption(user: UserInfo, object: object, previous: object | undefined): string | undefined {
  if (user.groups.includes(wellKnown.mastersGroup)) return `member of group "${wellKnown.mastersGroup}"`;
  // Adding or removing owner references and finalizers lets garbage collection proceed.
  if (previous && onlyGcFieldsChanged(object, previous)) return 'only garbage-collection fields changed';
  return undefined;
}

function bindAuthorized(policy: RbacPolicy, user: UserInfo, ref: RoleRef, namespace: string): boolean {
  if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') return false;
  const resource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
  return authorize(policy, user, rbacAttrs('bind', resource, namespace, ref.name)).allowed;
}

function rbacAttrs(verb: string, resource: string, namespace: string, name: string): RequestAttributes {
  return { verb, isResourceRequest: true, path: '', namespace, apiGroup: rbacGroup, apiVersion: '*', resource, subresource: '', name };
}

/** Undefined when the user holds every rule, else the message naming what is missing. */
function missingRights(policy: RbacPolicy, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const owned = rulesForUser(policy, user, namespace);
  const result = covers(owned.rules, rules);
  if (result.covers) return undefined;
  const lines = [...new Set(compactRules(result.uncovered).map(compactString))].sort();
  const groups = `[${user.groups.map((g) => JSON.stringify(g)).join(' ')}]`;
  let message = `user "${user.username}" (groups=${groups}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (owned.errors.length) message += `; resolution errors: ${aggregateErrors(owned.errors)}`;
  return message;
}

function denied(resource: string, name: string, message: string): EscalationDecision {
  const qualified = qualifiedResource(rbacGroup, resource);
  return {
    allowed: false,
    error: errors.forbidden(`${qualified} "${name}" is forbidden: ${message}`, { group: rbacGroup, resource, name }),
  };
}

/** Merges single-resource rules that differ only in verbs, so the message lists one line per resource. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = rule.apiGroups?.length === 1 && rule.resources?.length === 1 && !rule.resourceNames?.length && !rule.nonResourceURLs?.length;
    if (!isSimple) {
      out.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources]);
    const existing = simple.get(key);
    if (existing) {
      for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
      continue;
    }
    const copy: PolicyRule = { apiGroups: [...(rule.apiGroups ?? [])], resources: [...(rule.resources ?? [])], verbs: [...rule.verbs] };
    simple.set(key, copy);
    out.push(copy);
  }
  return out;
}

/** `{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}`, Kubernetes' short form of a rule. */
export function compactString(rule: PolicyRule): string {
  const quote = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
  const parts: string[] = [];
  if (rule.apiGroups?.length) parts.push(`APIGroups:${quote(rule.apiGroups)}`);
  if (rule.resources?.length) parts.push(`Resources:${quote(rule.resources)}`);
  if (rule.nonResourceURLs?.length) parts.push(`NonResourceURLs:${quote(rule.nonResourceURLs)}`);
  if (rule.resourceNames?.length) parts.push(`ResourceNames:${quote(rule.resourceNames)}`);
  if (rule.verbs.length) parts.push(`Verbs:${quote(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** Fields the server maintains itself, and those garbage collection edits, are ignored. */
function onlyGcFieldsChanged(object: object, previous: object): boolean {
  return JSON.stringify(withoutGcFields(object)) === JSON.stringify(withoutGcFields(previous));
}

function withoutGcFields(object: object): unknown {
  const copy = JSON.parse(JSON.stringify(object)) as { metadata?: Record<string, unknown> };
  if (copy.metadata) {
    for (const field of ['ownerReferences', 'finalizers', 'resourceVersion', 'managedFields', 'generation']) {
      delete copy.metadata[field];
    }
  }
  return copy;
}
