/**
 * RBAC's privilege-escalation rule on the write path: a Role, ClusterRole, RoleBinding or
 * ClusterRoleBinding written by a user (create, update, patch or apply) must not grant more
 * than that user holds, unless they may `escalate` roles or `bind` the referenced role. It
 * runs after ordinary authorization allowed the write, as Kubernetes' RBAC storage does.
 * Writes by the server's own controllers carry no user and are not checked.
 */
import type { KubeObject } from '../../api/meta.js';
import { checkBindingEscalation, checkRoleEscalation, type BindingWrite, type RoleWrite } from '../auth/escalation.js';
import { rbacGroup, type PolicyRule, type RbacPolicy } from '../auth/rbac-objects.js';
import { resourceKey } from '../resource-type.js';
import type { ResourceHook, WriteContext } from './resource-hooks.js';

export const RBAC_RESOURCE_KEYS = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'].map((p) => resourceKey(rbacGroup, p));

export interface EscalationHookDeps {
  /** The RBAC objects of a logical cluster as they are now. */
  policy(cluster: string): RbacPolicy;
}

/** Rules with a malformed verb list grant nothing here; validation reports them. */
function sanitizedRules(obj: KubeObject): PolicyRule[] {
  const rules = Array.isArray(obj.rules) ? (obj.rules as Partial<PolicyRule>[]) : [];
  return rules.map((r) => ({ ...r, verbs: Array.isArray(r.verbs) ? r.verbs : [] }));
}

function roleWrite(obj: KubeObject, ctx: WriteContext, kind: 'Role' | 'ClusterRole'): RoleWrite {
  const object = { ...obj, rules: sanitizedRules(obj) };
  const previous = ctx.old && { ...ctx.old, rules: sanitizedRules(ctx.old) };
  return { kind, object, previous } as RoleWrite;
}

function bindingWrite(obj: KubeObject, ctx: WriteContext, kind: 'RoleBinding' | 'ClusterRoleBinding'): BindingWrite {
  const roleRef = typeof obj.roleRef === 'object' && obj.roleRef !== null ? obj.roleRef : { apiGroup: '', kind: '', name: '' };
  const subjects = Array.isArray(obj.subjects) ? obj.subjects : [];
  return { kind, object: { ...obj, roleRef, subjects }, previous: ctx.old } as BindingWrite;
}

export function rbacEscalationHook(deps: EscalationHookDeps): ResourceHook {
  return {
    beforeWrite(obj, ctx) {
      const user = ctx.user;
      if (!user || ctx.operation.endsWith('status')) return;
      const policy = deps.policy(ctx.target.cluster);
      const kind = ctx.target.resource.kind;
      if (kind === 'Role' || kind === 'ClusterRole') {
        const decision = checkRoleEscalation(policy, user, roleWrite(obj, ctx, kind));
        if (!decision.allowed) throw decision.error;
      } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
        const decision = checkBindingEscalation(policy, user, bindingWrite(obj, ctx, kind));
        if (!decision.allowed) throw decision.error;
      }
    },
  };
}
