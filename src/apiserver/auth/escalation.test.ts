import { describe, expect, it } from 'vitest';
import { checkBindingEscalation, checkRoleEscalation, type BindingWrite, type RoleWrite } from './escalation.js';
import type { PolicyRule, RbacPolicy } from './rbac-objects.js';
import type { UserInfo } from './user-info.js';

const group = 'rbac.authorization.k8s.io';
const bob: UserInfo = { username: 'bob', groups: ['system:authenticated'] };
const root: UserInfo = { username: 'root', groups: ['system:masters', 'system:authenticated'] };
const readCm: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'] };
const writeSecrets: PolicyRule = { verbs: ['create'], apiGroups: [''], resources: ['secrets'] };

/** bob holds `held` in namespace a through a Role, plus any extra cluster-wide ClusterRole rules. */
function policyFor(held: PolicyRule[], clusterWide: PolicyRule[] = []): RbacPolicy {
  return {
    roles: [
      { metadata: { name: 'bobs', namespace: 'a' }, rules: held },
      { metadata: { name: 'reader', namespace: 'a' }, rules: [readCm] },
      { metadata: { name: 'writer', namespace: 'a' }, rules: [readCm, writeSecrets] },
    ],
    clusterRoles: [{ metadata: { name: 'bob-cluster' }, rules: clusterWide }],
    roleBindings: [{ metadata: { name: 'bobs', namespace: 'a' }, subjects: [{ kind: 'User', name: 'bob' }], roleRef: { apiGroup: group, kind: 'Role', name: 'bobs' } }],
    clusterRoleBindings: [{ metadata: { name: 'bob-cluster' }, subjects: [{ kind: 'User', name: 'bob' }], roleRef: { apiGroup: group, kind: 'ClusterRole', name: 'bob-cluster' } }],
  };
}

const manageRoles: PolicyRule = { verbs: ['get', 'list', 'create', 'update', 'delete'], apiGroups: [group], resources: ['roles', 'rolebindings'] };

interface RoleCase {
  name: string;
  policy: RbacPolicy;
  user: UserInfo;
  write: RoleWrite;
  allowed: boolean;
}

const roleCases: RoleCase[] = [
  { name: 'a Role with rules the user holds is allowed', policy: policyFor([manageRoles, readCm]), user: bob, write: { kind: 'Role', object: { metadata: { name: 'n', namespace: 'a' }, rules: [readCm] } }, allowed: true },
  { name: 'a Role granting more than the user holds is refused', policy: policyFor([manageRoles, readCm]), user: bob, write: { kind: 'Role', object: { metadata: { name: 'n', namespace: 'a' }, rules: [writeSecrets] } }, allowed: false },
  { name: 'rules held in namespace a do not count in namespace b', policy: policyFor([manageRoles, readCm]), user: bob, write: { kind: 'Role', object: { metadata: { name: 'n', namespace: 'b' }, rules: [readCm] } }, allowed: false },
  { name: 'rules held cluster-wide count in every namespace', policy: policyFor([], [readCm]), user: bob, write: { kind: 'Role', object: { metadata: { name: 'n', namespace: 'b' }, rules: [readCm] } }, allowed: true },
  { name: 'the escalate verb on roles allows any rules', policy: policyFor([{ verbs: ['escalate'], apiGroups: [group], resources: ['roles'] }]), user: bob, write: { kind: 'Role', object: { metadata: { name: 'n', namespace: 'a' }, rules: [writeSecrets] } }, allowed: true },
  { name: 'system:masters may write any role', policy: policyFor([]), user: root, write: { kind: 'ClusterRole', object: { metadata: { name: 'n' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] } }, allowed: true },
  { name: 'a ClusterRole is checked against cluster-wide rules only', policy: policyFor([readCm]), user: bob, write: { kind: 'ClusterRole', object: { metadata: { name: 'n' }, rules: [readCm] } }, allowed: false },
  { name: 'an aggregationRule needs full authority even with no rules', policy: policyFor([], [readCm]), user: bob, write: { kind: 'ClusterRole', object: { metadata: { name: 'n' }, rules: [], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } } }, allowed: false },
  {
    name: 'an update that only changes finalizers is not checked',
    policy: policyFor([]),
    user: bob,
    write: { kind: 'Role', object: { metadata: { name: 'n', namespace: 'a', finalizers: ['x'] }, rules: [writeSecrets] }, previous: { metadata: { name: 'n', namespace: 'a' }, rules: [writeSecrets] } },
    allowed: true,
  },
];

interface BindingCase {
  name: string;
  policy: RbacPolicy;
  user: UserInfo;
  write: BindingWrite;
  allowed: boolean;
}

const bindTo = (role: string, namespace = 'a'): BindingWrite => ({
  kind: 'RoleBinding',
  object: { metadata: { name: 'b', namespace }, subjects: [{ kind: 'User', name: 'eve' }], roleRef: { apiGroup: group, kind: 'Role', name: role } },
});

const bindingCases: BindingCase[] = [
  { name: 'binding a role whose rules the user holds is allowed', policy: policyFor([manageRoles, readCm]), user: bob, write: bindTo('reader'), allowed: true },
  { name: 'binding a role with rules the user lacks is refused', policy: policyFor([manageRoles, readCm]), user: bob, write: bindTo('writer'), allowed: false },
  { name: 'the bind verb on that role allows it', policy: policyFor([{ verbs: ['bind'], apiGroups: [group], resources: ['roles'], resourceNames: ['writer'] }]), user: bob, write: bindTo('writer'), allowed: true },
  { name: 'the bind verb on another role does not', policy: policyFor([{ verbs: ['bind'], apiGroups: [group], resources: ['roles'], resourceNames: ['reader'] }]), user: bob, write: bindTo('writer'), allowed: false },
  { name: 'binding a role that does not exist is refused', policy: policyFor([manageRoles, readCm]), user: bob, write: bindTo('ghost'), allowed: false },
  {
    name: 'a ClusterRoleBinding is checked against cluster-wide rules',
    policy: policyFor([readCm, writeSecrets]),
    user: bob,
    write: { kind: 'ClusterRoleBinding', object: { metadata: { name: 'b' }, subjects: [], roleRef: { apiGroup: group, kind: 'ClusterRole', name: 'bob-cluster' } } },
    allowed: true,
  },
];

describe('checkRoleEscalation', () => {
  it.each(roleCases)('$name', ({ policy, user, write, allowed }) => {
    expect(checkRoleEscalation(policy, user, write).allowed).toBe(allowed);
  });

  it('the refusal is a 403 listing what is not held, as Kubernetes words it', () => {
    const decision = checkRoleEscalation(policyFor([readCm]), bob, {
      kind: 'Role',
      object: { metadata: { name: 'n', namespace: 'a' }, rules: [{ verbs: ['create', 'delete'], apiGroups: [''], resources: ['secrets'] }, readCm] },
    });
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.error.toStatus()).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message:
        'roles.rbac.authorization.k8s.io "n" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["create" "delete"]}',
    });
  });
});

describe('checkBindingEscalation', () => {
  it.each(bindingCases)('$name', ({ policy, user, write, allowed }) => {
    expect(checkBindingEscalation(policy, user, write).allowed).toBe(allowed);
  });

  it('a missing role is named in the refusal', () => {
    const decision = checkBindingEscalation(policyFor([]), bob, bindTo('ghost'));
    expect(decision.allowed ? '' : decision.error.message).toBe(
      'rolebindings.rbac.authorization.k8s.io "b" is forbidden: role.rbac.authorization.k8s.io "ghost" not found',
    );
  });
});
