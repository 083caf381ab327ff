/**
 * Which bindings apply to a user and which rules they grant, as Kubernetes' rule resolver
 * walks them: ClusterRoleBindings everywhere, RoleBindings only in their own namespace.
 * Shared by authorization, rules reviews and the escalation check.
 */
import { qualifiedResource } from '../status.js';
import type { ClusterRoleBinding, PolicyRule, RbacPolicy, RoleBinding, RoleRef, Subject } from './rbac-objects.js';
import { rbacGroup } from './rbac-objects.js';
import { parseServiceAccountUsername, type UserInfo } from './user-info.js';

export type RoleRulesResult = { ok: true; rules: PolicyRule[] } | { ok: false; error: string };

/** Does the subject name this user? A ServiceAccount without namespace means the binding's. */
export function subjectMatches(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      if (!namespace) return false;
      const sa = parseServiceAccountUsername(user.username);
      return sa !== undefined && sa.namespace === namespace && sa.name === subject.name;
    }
    default:
      return false;
  }
}

/** The rules a roleRef grants in a namespace ('' for a ClusterRoleBinding). */
export function roleRefRules(policy: RbacPolicy, ref: RoleRef, namespace: string): RoleRulesResult {
  const { lookup } = policy;
  if (ref.kind === 'ClusterRole') {
    const role = lookup ? lookup.clusterRole(ref.name) : policy.clusterRoles.find((r) => r.metadata.name === ref.name);
    if (!role) return { ok: false, error: notFound('clusterrole', ref.name) };
    return { ok: true, rules: role.rules ?? [] };
  }
  if (ref.kind === 'Role') {
    const role = lookup
      ? lookup.role(namespace, ref.name)
      : policy.roles.find((r) => r.metadata.name === ref.name && r.metadata.namespace === namespace);
    if (!role) return { ok: false, error: notFound('role', ref.name) };
    return { ok: true, rules: role.rules ?? [] };
  }
  return { ok: false, error: `unsupported role reference kind: "${ref.kind}"` };
}

function notFound(resource: string, name: string): string {
  return `${qualifiedResource(rbacGroup, resource)} "${name}" not found`;
}

/** A binding that names the user, with the subject that matched, as it is visited. */
export interface ApplicableBinding {
  binding: ClusterRoleBinding | RoleBinding;
  subject: Subject;
  /** '' for a ClusterRoleBinding. */
  namespace: string;
}

/**
 * The bindings that apply to the user for a request in `namespace`: every matching
 * ClusterRoleBinding, then the matching RoleBindings of that namespace, each in list order.
 * With an index only the bindings naming the user are visited (the cost no longer grows
 * with other users' bindings); the subject that matched is still found the same way.
 */
export function* applicableBindings(policy: RbacPolicy, user: UserInfo, namespace: string): Generator<ApplicableBinding> {
  const { lookup } = policy;
  for (const binding of lookup ? lookup.clusterRoleBindingsNaming(user) : policy.clusterRoleBindings) {
    const subject = binding.subjects?.find((s) => subjectMatches(s, user, ''));
    if (subject) yield { binding, subject, namespace: '' };
  }
  if (!namespace) return;
  for (const binding of lookup ? lookup.roleBindingsNaming(user, namespace) : policy.roleBindings) {
    if (binding.metadata.namespace !== namespace) continue;
    const subject = binding.subjects?.find((s) => subjectMatches(s, user, namespace));
    if (subject) yield { binding, subject, namespace };
  }
}

/** Kubernetes' wording of who a binding grants to, used in "allowed by" reasons. */
export function describeBinding(applicable: ApplicableBinding): string {
  const { binding, subject, namespace } = applicable;
  const { roleRef } = binding;
  const name = binding.metadata.name ?? '';
  const what = namespace ? `RoleBinding "${name}/${namespace}"` : `ClusterRoleBinding "${name}"`;
  return `${what} of ${roleRef.kind} "${roleRef.name}" to ${describeSubject(subject, namespace)}`;
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    return `ServiceAccount "${subject.name}/${subject.namespace || bindingNamespace}"`;
  }
  return `${subject.kind} "${subject.name}"`;
}

export interface ResolvedRules {
  rules: PolicyRule[];
  /** Bindings whose role could not be resolved; such rules are missing, not granted. */
  errors: string[];
}

/** Every rule the user holds in the namespace ('' for cluster-wide rules only). */
export function rulesForUser(policy: RbacPolicy, user: UserInfo, namespace: string): ResolvedRules {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  for (const applicable of applicableBindings(policy, user, namespace)) {
    const result = roleRefRules(policy, applicable.binding.roleRef, applicable.namespace);
    if (result.ok) rules.push(...result.rules);
    else errors.push(result.error);
  }
  return { rules, errors };
}
