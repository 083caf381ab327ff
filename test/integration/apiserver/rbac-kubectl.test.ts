/**
 * The review APIs and impersonation through the real kubectl: `auth can-i` (with `--list`
 * and `--as`) answers truthfully for an ordinary token-file user, `auth whoami` echoes who
 * the server thinks the caller is, impersonation needs the `impersonate` verb, and
 * `create token` issues a working token. kubectl sends these bodies as protobuf.
 */
import { AuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespace, role, roleBinding, startRbacServer, type RbacTestServer } from './rbac-support.js';

let s: RbacTestServer;
let admin: string;
const alice = () => s.tokens.alice!;

/** `kubectl auth can-i --list` rows as resource → verbs (rows of one resource merged). */
function rulesTable(stdout: string): Map<string, Set<string>> {
  const rows = new Map<string, Set<string>>();
  for (const line of stdout.split('\n').slice(1)) {
    const match = /^(\S+)\s+\[.*?\]\s+\[.*?\]\s+\[(.*)\]\s*$/.exec(line.trim());
    if (!match?.[1]) continue;
    const verbs = rows.get(match[1]) ?? new Set<string>();
    for (const verb of (match[2] ?? '').split(' ').filter(Boolean)) verbs.add(verb);
    rows.set(match[1], verbs);
  }
  return rows;
}

beforeAll(async () => {
  s = await startRbacServer([
    { name: 'alice', groups: ['team-a'] },
    { name: 'bob', groups: [] },
  ]);
  admin = s.api.kubeConfig().getCurrentUser()?.token ?? '';
  const objects = s.objectsAs(admin);
  for (const ns of ['a', 'b']) await objects.create(namespace(ns));
  await objects.create(roleBinding('a', 'alice-view', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'User', name: 'alice' }]));
  await objects.create(role('a', 'cm-writer', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'update'] }]));
  await objects.create(roleBinding('a', 'team-a-cm', { kind: 'Role', name: 'cm-writer' }, [{ kind: 'Group', name: 'team-a' }]));
  await objects.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'a' } });
}, 30_000);

afterAll(async () => {
  await s?.stop();
});

describe('kubectl auth can-i for an ordinary user', () => {
  const cases = [
    { name: 'alice may list ConfigMaps in a (view)', args: ['list', 'configmaps', '-n', 'a'], answer: 'yes' },
    { name: 'alice may create ConfigMaps in a (her group’s Role)', args: ['create', 'configmaps', '-n', 'a'], answer: 'yes' },
    { name: 'alice may not delete ConfigMaps in a', args: ['delete', 'configmaps', '-n', 'a'], answer: 'no' },
    { name: 'alice may not list ConfigMaps in b', args: ['list', 'configmaps', '-n', 'b'], answer: 'no' },
    { name: 'alice may not read Secrets in a (view excludes them)', args: ['get', 'secrets', '-n', 'a'], answer: 'no' },
    { name: 'alice may not list namespaces', args: ['list', 'namespaces'], answer: 'no' },
    { name: 'alice may read discovery paths', args: ['get', '/apis/apps'], answer: 'yes' },
  ];
  it.each(cases)('$name', async ({ args, answer }) => {
    const result = await s.kubectlAs(alice(), ['auth', 'can-i', ...args]);
    expect(result.stdout.trim()).toBe(answer);
    expect(result.code).toBe(answer === 'yes' ? 0 : 1);
  });

  it('lists exactly the rules alice holds in a, and each listed verb is confirmed by can-i', async () => {
    const result = await s.kubectlAs(alice(), ['auth', 'can-i', '--list', '-n', 'a']);
    expect(result.code).toBe(0);
    const rows = rulesTable(result.stdout);
    expect([...(rows.get('configmaps') ?? [])].sort()).toEqual(['create', 'get', 'list', 'update', 'watch']);
    expect(rows.get('selfsubjectaccessreviews.authorization.k8s.io')).toEqual(new Set(['create']));
    expect(rows.has('secrets')).toBe(false);
    expect(rows.has('*.*')).toBe(false);
    expect(result.stdout).toMatch(/\[\/api\/\*\]\s+\[\]\s+\[get\]/);
    for (const verb of rows.get('deployments.apps') ?? []) {
      expect((await s.kubectlAs(alice(), ['auth', 'can-i', verb, 'deployments.apps', '-n', 'a'])).stdout.trim()).toBe('yes');
    }
  });

  it('lists nothing namespaced for alice in b', async () => {
    const rows = rulesTable((await s.kubectlAs(alice(), ['auth', 'can-i', '--list', '-n', 'b'])).stdout);
    expect(rows.has('configmaps')).toBe(false);
    expect(rows.has('selfsubjectrulesreviews.authorization.k8s.io')).toBe(true);
  });
});

describe('kubectl auth whoami', () => {
  it('names a token-file user with uid and groups', async () => {
    const result = await s.kubectlAs(alice(), ['auth', 'whoami', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).status.userInfo).toEqual({ username: 'alice', uid: 'uid-0', groups: ['team-a', 'system:authenticated'] });
  });

  it('names the admin as a member of system:masters', async () => {
    const result = await s.kubectlAs(admin, ['auth', 'whoami', '-o', 'json']);
    expect(JSON.parse(result.stdout).status.userInfo).toMatchObject({ username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] });
  });
});

describe('impersonation', () => {
  const cases = [
    { name: 'the admin asks can-i as alice in a', token: () => admin, args: ['auth', 'can-i', 'list', 'configmaps', '-n', 'a', '--as', 'alice'], out: 'yes' },
    { name: 'the admin asks can-i as alice in b', token: () => admin, args: ['auth', 'can-i', 'list', 'configmaps', '-n', 'b', '--as', 'alice'], out: 'no' },
    { name: 'the admin asks can-i as alice’s group', token: () => admin, args: ['auth', 'can-i', 'create', 'configmaps', '-n', 'a', '--as', 'carol', '--as-group', 'team-a'], out: 'yes' },
    { name: 'the admin asks can-i as a ServiceAccount', token: () => admin, args: ['auth', 'can-i', 'list', 'configmaps', '-n', 'a', '--as', 'system:serviceaccount:a:robot'], out: 'no' },
  ];
  it.each(cases)('$name', async ({ token, args, out }) => {
    expect((await s.kubectlAs(token(), args)).stdout.trim()).toBe(out);
  });

  it('completes a ServiceAccount’s groups from its name', async () => {
    const result = await s.kubectlAs(admin, ['auth', 'whoami', '-o', 'json', '--as', 'system:serviceaccount:a:robot']);
    expect(JSON.parse(result.stdout).status.userInfo).toEqual({
      username: 'system:serviceaccount:a:robot',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated'],
    });
  });

  it('is refused to a user without the impersonate verb, in Kubernetes’ words', async () => {
    const result = await s.kubectlAs(alice(), ['get', 'configmaps', '-n', 'a', '--as', 'bob']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
  });

  it('is allowed for exactly the users the impersonate rule names', async () => {
    const objects = s.objectsAs(admin);
    await objects.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'impersonate-bob' },
      rules: [{ apiGroups: [''], resources: ['users'], resourceNames: ['bob'], verbs: ['impersonate'] }],
    } as never);
    await objects.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'alice-impersonates-bob' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'impersonate-bob' },
      subjects: [{ kind: 'User', name: 'alice' }],
    } as never);
    const asBob = await s.kubectlAs(alice(), ['auth', 'whoami', '-o', 'json', '--as', 'bob']);
    expect(JSON.parse(asBob.stdout).status.userInfo).toEqual({ username: 'bob', groups: ['system:authenticated'] });
    const asCarol = await s.kubectlAs(alice(), ['get', 'configmaps', '-n', 'a', '--as', 'carol']);
    expect(asCarol.stderr).toContain('users "carol" is forbidden');
    const withGroup = await s.kubectlAs(alice(), ['get', 'configmaps', '-n', 'a', '--as', 'bob', '--as-group', 'system:masters']);
    expect(withGroup.stderr).toContain('groups "system:masters" is forbidden');
  });
});

describe('review APIs through @kubernetes/client-node', () => {
  it('answers a SubjectAccessReview for another user, only for those allowed to create one', async () => {
    const spec = { user: 'alice', groups: ['team-a'], resourceAttributes: { namespace: 'a', verb: 'update', resource: 'configmaps' } };
    const asAdmin = s.kubeConfigFor(admin).makeApiClient(AuthorizationV1Api);
    expect((await asAdmin.createSubjectAccessReview({ body: { spec } })).status).toMatchObject({ allowed: true });
    const wrongGroup = await asAdmin.createSubjectAccessReview({ body: { spec: { ...spec, groups: [] } } });
    expect(wrongGroup.status?.allowed).toBe(false);
    const asAlice = s.kubeConfigFor(alice()).makeApiClient(AuthorizationV1Api);
    await expect(asAlice.createSubjectAccessReview({ body: { spec } })).rejects.toMatchObject({ code: 403 });
  });

  it('answers a SelfSubjectRulesReview with the caller’s rules', async () => {
    const asAlice = s.kubeConfigFor(alice()).makeApiClient(AuthorizationV1Api);
    const review = await asAlice.createSelfSubjectRulesReview({ body: { spec: { namespace: 'a' } } });
    expect(review.status?.incomplete).toBe(false);
    expect(review.status?.resourceRules).toContainEqual(expect.objectContaining({ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'update'] }));
  });

  it('refuses to list a review resource: they are create-only', async () => {
    expect((await s.as(admin, 'GET', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).status).toBe(405);
  });
});

describe('kubectl create token', () => {
  it('issues a token that acts as the ServiceAccount', async () => {
    const result = await s.kubectlAs(admin, ['create', 'token', 'robot', '-n', 'a', '--duration', '15m']);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    s.secrets.add(token);
    const whoami = await s.kubectlAs(token, ['auth', 'whoami', '-o', 'json']);
    expect(JSON.parse(whoami.stdout).status.userInfo.username).toBe('system:serviceaccount:a:robot');
  });

  it('leaves no token in the server’s logs or error answers', () => {
    const logs = s.logs();
    for (const token of s.secrets) {
      if (!token) continue;
      expect(logs).not.toContain(token);
      for (const body of s.answers) expect(body).not.toContain(token);
    }
  });
});
