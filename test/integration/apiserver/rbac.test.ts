/**
 * RBAC over real HTTPS, as a real cluster enforces it: a ServiceAccount bound to a Role in
 * one namespace can do exactly what the Role says there and nothing elsewhere; resourceNames
 * and subresources (a CRD's `/status`) narrow what is allowed; the escalation rule refuses
 * roles and bindings granting more than the writer holds; aggregated ClusterRoles follow
 * their sources; every logical cluster has its own default policy and its own bindings.
 */
import { AuthorizationV1Api, CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeOf, configMap, namespace, role, roleBinding, startRbacServer, type RbacTestServer } from './rbac-support.js';

let s: RbacTestServer;
let admin: string;
let deployer: string;
let agent: string;

const sa = (ns: string, name: string) => ({ kind: 'ServiceAccount', name, namespace: ns });
const user = (name: string) => ({ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' });
const cmPath = (ns: string, name = '') => `/api/v1/namespaces/${ns}/configmaps${name ? `/${name}` : ''}`;
const bdPath = (ns: string, name = '', sub = '') => `/apis/flotilla.io/v1alpha1/namespaces/${ns}/bundledeployments${name ? `/${name}` : ''}${sub ? `/${sub}` : ''}`;

async function tokenFor(ns: string, name: string): Promise<string> {
  const core = s.kubeConfigFor(admin).makeApiClient(CoreV1Api);
  await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name } } });
  const answer = await core.createNamespacedServiceAccountToken({ namespace: ns, name, body: { spec: { audiences: [] } } });
  const token = answer.status?.token ?? '';
  s.secrets.add(token);
  return token;
}

const bundleDeploymentCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'bundledeployments.flotilla.io' },
  spec: {
    group: 'flotilla.io',
    scope: 'Namespaced',
    names: { plural: 'bundledeployments', singular: 'bundledeployment', kind: 'BundleDeployment' },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

beforeAll(async () => {
  s = await startRbacServer([
    { name: 'alice', groups: ['team-a'] },
    { name: 'bob', groups: [] },
    { name: 'erin', groups: [] },
  ]);
  admin = s.api.kubeConfig().getCurrentUser()?.token ?? '';
  const objects = s.objectsAs(admin);
  for (const ns of ['a', 'b']) await objects.create(namespace(ns));
  await objects.create(role('a', 'cm-editor', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update'] }]));
  await objects.create(roleBinding('a', 'deployer-cm', { kind: 'Role', name: 'cm-editor' }, [sa('a', 'deployer')]));
  await objects.create(configMap('a', 'existing'));
  await objects.create(configMap('b', 'existing'));
  deployer = await tokenFor('a', 'deployer');

  await objects.create(role('a', 'one-cm', [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['existing'], verbs: ['get', 'list', 'update'] }]));
  await objects.create(roleBinding('a', 'bob-one-cm', { kind: 'Role', name: 'one-cm' }, [user('bob')]));

  await objects.create(bundleDeploymentCrd as KubernetesObject);
  await vi.waitFor(async () => {
    if ((await s.as(admin, 'GET', bdPath('a'))).status !== 200) throw new Error('the CRD is not served yet');
  });
  for (const ns of ['a', 'b']) {
    await s.as(admin, 'POST', bdPath(ns), { apiVersion: 'flotilla.io/v1alpha1', kind: 'BundleDeployment', metadata: { name: 'bd1' }, spec: { x: 1 } });
  }
  await objects.create(
    role('a', 'agent', [
      { apiGroups: ['flotilla.io'], resources: ['bundledeployments'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['flotilla.io'], resources: ['bundledeployments/status'], verbs: ['update', 'patch'] },
    ]),
  );
  await objects.create(roleBinding('a', 'agent', { kind: 'Role', name: 'agent' }, [sa('a', 'agent')]));
  agent = await tokenFor('a', 'agent');
}, 60_000);

afterAll(async () => {
  await s?.stop();
});

describe('a ServiceAccount bound to a Role in namespace a', () => {
  const cases = [
    { name: 'creates a ConfigMap in a, as the Role allows', method: 'POST', path: cmPath('a'), body: configMap('a', 'made-by-sa'), code: 201 },
    { name: 'lists ConfigMaps in a', method: 'GET', path: cmPath('a'), code: 200 },
    { name: 'gets a ConfigMap in a', method: 'GET', path: cmPath('a', 'existing'), code: 200 },
    { name: 'watches ConfigMaps in a with a bounded watch', method: 'GET', path: `${cmPath('a')}?watch=true&timeoutSeconds=1`, code: 200 },
    { name: 'may not delete a ConfigMap in a: the Role does not say delete', method: 'DELETE', path: cmPath('a', 'existing'), code: 403 },
    { name: 'may not list ConfigMaps in b', method: 'GET', path: cmPath('b'), code: 403 },
    { name: 'may not get a ConfigMap in b', method: 'GET', path: cmPath('b', 'existing'), code: 403 },
    { name: 'may not create a ConfigMap in b', method: 'POST', path: cmPath('b'), body: configMap('b', 'nope'), code: 403 },
    { name: 'may not list Secrets in a', method: 'GET', path: '/api/v1/namespaces/a/secrets', code: 403 },
    { name: 'may not list ConfigMaps of all namespaces', method: 'GET', path: '/api/v1/configmaps', code: 403 },
    { name: 'may not list namespaces', method: 'GET', path: '/api/v1/namespaces', code: 403 },
    { name: 'may still read discovery, as every authenticated user can', method: 'GET', path: '/apis', code: 200 },
  ];
  it.each(cases)('$name', async ({ method, path, body, code }) => {
    expect((await s.as(deployer, method, path, body)).status).toBe(code);
  });

  it('is refused with a 403 Status worded as Kubernetes words it', async () => {
    const res = await s.as(deployer, 'GET', cmPath('b'));
    expect(res.json).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      message: 'configmaps is forbidden: User "system:serviceaccount:a:deployer" cannot list resource "configmaps" in API group "" in the namespace "b"',
      details: { kind: 'configmaps' },
    });
  });

  it('works through @kubernetes/client-node in a and fails with 403 in b', async () => {
    const objects = s.objectsAs(deployer);
    await objects.create(configMap('a', 'via-client-node'));
    expect(await codeOf(objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'via-client-node', namespace: 'a' } }))).toBe(200);
    expect(await codeOf(objects.create(configMap('b', 'via-client-node')))).toBe(403);
  });
});

describe('resourceNames and subresources', () => {
  const cases = [
    { name: 'a named rule allows getting that ConfigMap', token: () => s.tokens.bob!, method: 'GET', path: cmPath('a', 'existing'), code: 200 },
    { name: 'a named rule does not allow getting another ConfigMap', token: () => s.tokens.bob!, method: 'GET', path: cmPath('a', 'made-by-sa'), code: 403 },
    { name: 'a named rule does not allow listing every ConfigMap', token: () => s.tokens.bob!, method: 'GET', path: cmPath('a'), code: 403 },
    { name: 'a named rule allows a list narrowed to that name by fieldSelector', token: () => s.tokens.bob!, method: 'GET', path: `${cmPath('a')}?fieldSelector=metadata.name%3Dexisting`, code: 200 },
    { name: 'a named rule does not allow creating', token: () => s.tokens.bob!, method: 'POST', path: cmPath('a'), body: configMap('a', 'existing2'), code: 403 },
    { name: 'the agent reads its BundleDeployment', token: () => agent, method: 'GET', path: bdPath('a', 'bd1'), code: 200 },
    { name: 'the agent patches its status through /status', token: () => agent, method: 'PATCH', path: bdPath('a', 'bd1', 'status'), body: { status: { ready: true } }, code: 200 },
    { name: 'the agent may not patch the spec: only the status subresource is granted', token: () => agent, method: 'PATCH', path: bdPath('a', 'bd1'), body: { spec: { x: 2 } }, code: 403 },
    { name: 'the agent may not delete its BundleDeployment', token: () => agent, method: 'DELETE', path: bdPath('a', 'bd1'), code: 403 },
    { name: 'the agent may not patch status in another namespace', token: () => agent, method: 'PATCH', path: bdPath('b', 'bd1', 'status'), body: { status: { ready: true } }, code: 403 },
  ];
  it.each(cases)('$name', async ({ token, method, path, body, code }) => {
    const headers: Record<string, string> = method === 'PATCH' ? { 'Content-Type': 'application/merge-patch+json' } : {};
    expect((await s.as(token(), method, path, body, headers)).status).toBe(code);
  });

  it('names the subresource-less resource and the object in a denied patch of the spec', async () => {
    const res = await s.as(agent, 'PATCH', bdPath('a', 'bd1'), { spec: { x: 3 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(res.json.message).toBe(
      'bundledeployments.flotilla.io "bd1" is forbidden: User "system:serviceaccount:a:agent" cannot patch resource "bundledeployments" in API group "flotilla.io" in the namespace "a"',
    );
  });
});

describe('privilege escalation', () => {
  beforeAll(async () => {
    const objects = s.objectsAs(admin);
    await objects.create(roleBinding('a', 'erin-admin', { kind: 'ClusterRole', name: 'admin' }, [user('erin')]));
  });
  const post = (path: string, body: unknown) => s.as(s.tokens.erin!, 'POST', path, body);
  const roles = (ns: string) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`;
  const bindings = (ns: string) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`;

  const cases = [
    {
      name: 'a namespace admin creates a Role with rules they hold',
      run: () => post(roles('a'), role('a', 'cm-reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }])),
      code: 201,
    },
    {
      name: 'a namespace admin may not create a Role granting what they do not hold (nodes)',
      run: () => post(roles('a'), role('a', 'nodes', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }])),
      code: 403,
    },
    {
      name: 'a namespace admin may not create a Role granting everything',
      run: () => post(roles('a'), role('a', 'everything', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }])),
      code: 403,
    },
    {
      name: 'a namespace admin may bind the edit ClusterRole, whose rules they hold',
      run: () => post(bindings('a'), roleBinding('a', 'bob-edit', { kind: 'ClusterRole', name: 'edit' }, [user('bob')])),
      code: 201,
    },
    {
      name: 'a namespace admin may not bind cluster-admin',
      run: () => post(bindings('a'), roleBinding('a', 'bob-root', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('bob')])),
      code: 403,
    },
    {
      name: 'a namespace admin may not create Roles in another namespace',
      run: () => post(roles('b'), role('b', 'cm-reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }])),
      code: 403,
    },
    {
      name: 'a namespace admin may not widen an existing Role by patching it',
      run: () =>
        s.as(s.tokens.erin!, 'PATCH', `${roles('a')}/cm-reader`, { rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] }, { 'Content-Type': 'application/merge-patch+json' }),
      code: 403,
    },
  ];
  it.each(cases)('$name', async ({ run, code }) => {
    expect((await run()).status).toBe(code);
  });

  it('says which rules are not held, as Kubernetes does', async () => {
    const res = await post(roles('a'), role('a', 'nodes2', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }]));
    expect(res.json.reason).toBe('Forbidden');
    expect(res.json.message).toBe(
      'roles.rbac.authorization.k8s.io "nodes2" is forbidden: user "erin" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}',
    );
  });

  it('allows the broad Role once the user may escalate roles in that namespace', async () => {
    const objects = s.objectsAs(admin);
    await objects.create(role('a', 'role-escalator', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }]));
    await objects.create(roleBinding('a', 'erin-escalate', { kind: 'Role', name: 'role-escalator' }, [user('erin')]));
    expect((await post(roles('a'), role('a', 'everything', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]))).status).toBe(201);
  });

  it('allows binding cluster-admin in the namespace once the user may bind it', async () => {
    const objects = s.objectsAs(admin);
    const rule = { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['cluster-admin'], verbs: ['bind'] };
    await objects.create(role('a', 'binder', [rule]));
    await objects.create(roleBinding('a', 'erin-binder', { kind: 'Role', name: 'binder' }, [user('erin')]));
    expect((await post(bindings('a'), roleBinding('a', 'bob-root', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('bob')]))).status).toBe(201);
  });
});

describe('default policy and aggregation', () => {
  const defaults = ['cluster-admin', 'admin', 'edit', 'view', 'system:discovery', 'system:basic-user', 'system:public-info-viewer'];
  const clusterRole = (name: string, cluster = '') => s.as(admin, 'GET', `${cluster ? `/clusters/${cluster}` : ''}/apis/rbac.authorization.k8s.io/v1/clusterroles/${name}`);

  it.each(defaults.map((name) => ({ name: `a fresh server has the ClusterRole ${name}`, role: name })))('$name', async ({ role: name }) => {
    expect((await clusterRole(name)).status).toBe(200);
  });

  it('fills the aggregated admin, edit and view roles with their sources’ rules', async () => {
    const view = (await clusterRole('view')).json;
    expect(view.rules).toContainEqual(expect.objectContaining({ apiGroups: [''], resources: expect.arrayContaining(['configmaps']) }));
    const adminRole = (await clusterRole('admin')).json;
    expect(adminRole.rules).toContainEqual(expect.objectContaining({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'] }));
  });

  it('adds a ClusterRole labelled aggregate-to-view to view, and so to edit and admin', async () => {
    await s.objectsAs(admin).create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'bundles-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['flotilla.io'], resources: ['bundles'], verbs: ['get', 'list', 'watch'] }],
    } as KubernetesObject);
    const bundles = expect.objectContaining({ apiGroups: ['flotilla.io'], resources: ['bundles'] });
    for (const name of ['view', 'edit', 'admin']) {
      await expect.poll(async () => (await clusterRole(name)).json.rules).toContainEqual(bundles);
    }
    const authz = s.kubeConfigFor(admin).makeApiClient(AuthorizationV1Api);
    const review = await authz.createSubjectAccessReview({
      body: { spec: { user: 'erin', groups: ['system:authenticated'], resourceAttributes: { namespace: 'a', verb: 'list', group: 'flotilla.io', resource: 'bundles' } } },
    });
    expect(review.status?.allowed).toBe(true);
  });

  it('gives a new logical cluster its own default policy, and its bindings count there only', async () => {
    await s.api.server.createCluster('tenant');
    for (const name of defaults) expect((await clusterRole(name, 'tenant')).status).toBe(200);
    await s.as(admin, 'POST', '/clusters/tenant/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', roleBinding('default', 'bob-view', { kind: 'ClusterRole', name: 'view' }, [user('bob')]));
    expect((await s.as(s.tokens.bob!, 'GET', '/clusters/tenant/api/v1/namespaces/default/configmaps')).status).toBe(200);
    expect((await s.as(s.tokens.bob!, 'GET', '/api/v1/namespaces/default/configmaps')).status).toBe(403);
  });

  it('does not accept a ServiceAccount token of one logical cluster in another', async () => {
    expect((await s.as(deployer, 'GET', '/clusters/tenant/api/v1/namespaces/a/configmaps')).status).toBe(401);
  });

  it('creates a deleted default ClusterRole again on the next start', async () => {
    expect((await s.as(admin, 'DELETE', '/apis/rbac.authorization.k8s.io/v1/clusterroles/view')).status).toBe(200);
    expect((await clusterRole('view')).status).toBe(404);
    await s.api.restart();
    expect((await clusterRole('view')).status).toBe(200);
  });
});
