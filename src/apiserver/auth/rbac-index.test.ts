import { describe, expect, it } from 'vitest';
import { checkBindingEscalation, checkRoleEscalation } from './escalation.js';
import { authorize, rulesFor } from './rbac.js';
import { indexedPolicy, RbacIndex, type RbacListField } from './rbac-index.js';
import type { ClusterRole, ClusterRoleBinding, RbacPolicy, Role, RoleBinding, Subject } from './rbac-objects.js';
import type { RequestAttributes } from './request-info.js';
import type { UserInfo } from './user-info.js';

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): { int(n: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

type Random = ReturnType<typeof random>;

const namespaces = ['a', 'b', 'c'];
const userNames = ['alice', 'bob', 'system:serviceaccount:a:sa1', 'system:serviceaccount:b:sa2'];
const groupNames = ['devs', 'ops', 'system:authenticated', 'system:serviceaccounts'];
const roleNames = ['r0', 'r1', 'r2', 'missing'];
const verbs = ['get', 'list', 'create', 'bind', 'escalate'];
const resources = ['pods', 'secrets', 'roles', 'clusterroles'];

function rule(rnd: Random) {
  const apiGroups = [rnd.pick(['', 'rbac.authorization.k8s.io', '*'])];
  return { verbs: [rnd.pick(verbs), rnd.pick(verbs)], apiGroups, resources: [rnd.pick(resources)] };
}

function subject(rnd: Random): Subject {
  switch (rnd.int(5)) {
    case 0:
      return { kind: 'User', name: rnd.pick(userNames) };
    case 1:
      return { kind: 'Group', name: rnd.pick(groupNames) };
    case 2:
      // No namespace: the binding's namespace (and nobody's in a ClusterRoleBinding).
      return { kind: 'ServiceAccount', name: rnd.pick(['sa1', 'sa2']) };
    case 3:
      return { kind: 'ServiceAccount', name: rnd.pick(['sa1', 'sa2']), namespace: rnd.pick(namespaces) };
    default:
      return { kind: 'Machine', name: rnd.pick(userNames) };
  }
}

function roleRef(rnd: Random) {
  return { apiGroup: 'rbac.authorization.k8s.io', kind: rnd.pick(['Role', 'ClusterRole', 'ClusterRole', 'Other']), name: rnd.pick(roleNames) };
}

function generatePolicy(seed: number, size: number): RbacPolicy {
  const rnd = random(seed);
  const subjects = () => Array.from({ length: 1 + rnd.int(3) }, () => subject(rnd));
  const rules = () => Array.from({ length: rnd.int(3) }, () => rule(rnd));
  const roles: Role[] = [];
  const clusterRoles: ClusterRole[] = [];
  const roleBindings: RoleBinding[] = [];
  const clusterRoleBindings: ClusterRoleBinding[] = [];
  for (let i = 0; i < size; i++) {
    roles.push({ metadata: { name: rnd.pick(roleNames.slice(0, 3)), namespace: rnd.pick(namespaces) }, rules: rules() });
    clusterRoles.push({ metadata: { name: rnd.pick(roleNames.slice(0, 3)) }, rules: rules() });
    roleBindings.push({ metadata: { name: `rb${i}`, namespace: rnd.pick(namespaces) }, subjects: subjects(), roleRef: roleRef(rnd) });
    clusterRoleBindings.push({ metadata: { name: `crb${i}` }, subjects: subjects(), roleRef: roleRef(rnd) });
  }
  return { roles, clusterRoles, roleBindings, clusterRoleBindings };
}

const users: UserInfo[] = [
  ...userNames.map((username) => ({ username, groups: ['system:authenticated'] })),
  { username: 'carol', groups: ['devs', 'ops'] },
  { username: 'system:serviceaccount:a:sa1', groups: ['system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated'] },
  { username: 'dave', groups: ['devs', 'devs'] },
];

function requests(): RequestAttributes[] {
  const out: RequestAttributes[] = [];
  for (const namespace of ['', ...namespaces]) {
    for (const verb of verbs) {
      for (const resource of resources) {
        const apiGroup = resource.endsWith('roles') ? 'rbac.authorization.k8s.io' : '';
        out.push({ verb, isResourceRequest: true, path: '', namespace, apiGroup, apiVersion: 'v1', resource, subresource: '', name: 'r1' });
      }
    }
  }
  return out;
}

/** Every answer the three users of role resolution give, for every user and request. */
function answers(policy: RbacPolicy): unknown[] {
  const out: unknown[] = [];
  for (const user of users) {
    for (const attrs of requests()) out.push(authorize(policy, user, attrs));
    for (const namespace of ['', ...namespaces]) out.push(rulesFor(policy, user, namespace));
    const role: Role = { metadata: { name: 'new', namespace: 'a' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] };
    out.push(checkRoleEscalation(policy, user, { kind: 'Role', object: role }));
    for (const ref of [roleRef(random(1)), roleRef(random(2)), roleRef(random(3))]) {
      const binding: RoleBinding = { metadata: { name: 'new', namespace: 'b' }, roleRef: ref, subjects: [] };
      out.push(checkBindingEscalation(policy, user, { kind: 'RoleBinding', object: binding }));
    }
  }
  return out;
}

/** The same lists with no index: what the plain walk decides on. */
const plain = (p: RbacPolicy): RbacPolicy => ({ roles: p.roles, clusterRoles: p.clusterRoles, roleBindings: p.roleBindings, clusterRoleBindings: p.clusterRoleBindings });

describe('indexed RBAC resolution', () => {
  const cases = [
    { name: 'a policy of a few objects decides as the plain walk', seed: 1, size: 3 },
    { name: 'a policy of a dozen objects decides as the plain walk', seed: 2, size: 12 },
    { name: 'a policy of forty objects decides as the plain walk', seed: 3, size: 40 },
    { name: 'a policy where names repeat a lot decides as the plain walk', seed: 4, size: 80 },
    { name: 'another policy of forty objects decides as the plain walk', seed: 5, size: 40 },
  ];

  it.each(cases)('$name', ({ seed, size }) => {
    const lists = generatePolicy(seed, size);
    const expected = answers(lists);
    expect(expected.some((a) => (a as { allowed?: boolean }).allowed === true)).toBe(true);
    expect(answers(indexedPolicy(lists))).toEqual(expected);
  });

  const mutations = [
    { name: 'puts, updates in place and removals keep answering as the plain walk over the lists', seed: 11 },
    { name: 'a removed and re-added binding is visited last, as the walk over the lists visits it', seed: 12 },
  ];

  it.each(mutations)('$name', ({ seed }) => {
    const rnd = random(seed);
    const source = generatePolicy(seed, 30);
    const index = new RbacIndex();
    const fields: RbacListField[] = ['roles', 'clusterRoles', 'roleBindings', 'clusterRoleBindings'];
    for (let step = 0; step < 300; step++) {
      const field = rnd.pick(fields);
      const key = `k${rnd.int(12)}`;
      if (rnd.int(4) === 0) index.remove(field, key);
      else index.put(field, key, rnd.pick<Role | ClusterRole | RoleBinding | ClusterRoleBinding>(source[field]));
      if (step % 50 === 49) expect(answers(index.policy)).toEqual(answers(plain(index.policy)));
    }
  });

  it('names the first binding in list order when several allow', () => {
    const ref = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'all' };
    const index = new RbacIndex();
    index.put('clusterRoles', '/all', { metadata: { name: 'all' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] });
    index.put('clusterRoleBindings', '/by-group', { metadata: { name: 'by-group' }, roleRef: ref, subjects: [{ kind: 'Group', name: 'devs' }] });
    index.put('clusterRoleBindings', '/by-user', { metadata: { name: 'by-user' }, roleRef: ref, subjects: [{ kind: 'User', name: 'carol' }] });
    const attrs = requests()[0] as RequestAttributes;
    const carol = { username: 'carol', groups: ['devs'] };
    expect(authorize(index.policy, carol, attrs).reason).toContain('ClusterRoleBinding "by-group"');
    index.remove('clusterRoleBindings', '/by-group');
    index.put('clusterRoleBindings', '/by-group', { metadata: { name: 'by-group' }, roleRef: ref, subjects: [{ kind: 'Group', name: 'devs' }] });
    expect(authorize(index.policy, carol, attrs).reason).toContain('ClusterRoleBinding "by-user"');
  });

  it('resolves through the index without walking the lists of every binding and role', () => {
    const index = indexedPolicy(generatePolicy(3, 40));
    const refuse = (): never => {
      throw new Error('walked a whole list');
    };
    const lookupOnly: RbacPolicy = {
      get roles() {
        return refuse();
      },
      get clusterRoles() {
        return refuse();
      },
      get roleBindings() {
        return refuse();
      },
      get clusterRoleBindings() {
        return refuse();
      },
      lookup: index.lookup,
    };
    expect(answers(lookupOnly)).toEqual(answers(plain(index)));
  });
});
