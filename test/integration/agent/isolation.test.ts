/**
 * Isolation with real requests over HTTPS: two members registered through the registration
 * controller, then agent A's own hub credential is tried against everything DESIGN.md's
 * security model says it may and may not do. Answers are the server's own 403s, not an
 * assumption about the RBAC objects.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterRegistrationToken } from '../../../src/api/cluster-registration-token.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { hubKubeConfig, registerCluster, type AgentCredential } from '../../../src/agent/registration/index.js';
import { encodeContent } from '../../../src/bundle/index.js';
import { bootstrapHub } from '../../../src/controller/bootstrap/index.js';
import { startRegistration, type RunningRegistration } from '../../../src/controller/registration/index.js';
import { systemClock } from '../../../src/kube/clock.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

const logger = pino({ level: 'silent' });
const clock = systemClock();
const F = 'flotilla.io/v1alpha1';
let server: TestApiServer;
let admin: ObjectClient;
let registration: RunningRegistration;
let a: AgentCredential;
let b: AgentCredential;
let joinToken: string;
let contentName: string;

async function tokenFor(name: string): Promise<string> {
  await admin.create<KubeObject>({ apiVersion: F, kind: 'ClusterRegistrationToken', metadata: { name, namespace: 'fleet-default' }, spec: {} });
  let token = '';
  await vi.waitFor(async () => {
    const crt = (await admin.get<KubeObject>({ apiVersion: F, kind: 'ClusterRegistrationToken', namespace: 'fleet-default', name })) as unknown as ClusterRegistrationToken;
    const secret = await admin.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace: 'fleet-default', name: crt.status?.secretName ?? 'none' });
    const data = secret.data as Record<string, string> | undefined;
    if (!data?.token) throw new Error('not yet');
    token = Buffer.from(data.token, 'base64').toString('utf8');
  }, { timeout: 10_000 });
  return token;
}

const register = (clientID: string, clusterName: string) =>
  registerCluster({ hubServer: server.server.url, hubCaPem: server.server.ca, token: joinToken, clientID, clusterName, clock, logger });

/** The HTTP status the server answers `credential`'s request with. */
async function statusOf(credential: { token: string }, method: string, path: string, body?: unknown, contentType = 'application/merge-patch+json'): Promise<number> {
  const answer = await server.request(method, path, body, { Authorization: `Bearer ${credential.token}`, 'Content-Type': contentType });
  return answer.status;
}

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await ObjectClient.create(server.kubeConfig());
  await bootstrapHub({ client: admin, clock, logger });
  registration = await startRegistration({ kubeConfig: server.kubeConfig(), logger });
  joinToken = await tokenFor('join');
  [a, b] = await Promise.all([register('uid-a', 'cluster-a'), register('uid-b', 'cluster-b')]);
  const content = encodeContent([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } }]);
  contentName = content.name;
  await admin.create<KubeObject>({ apiVersion: F, kind: 'Content', metadata: { name: content.name }, content: content.content, sha256sum: content.sha256sum });
  for (const c of [a, b]) {
    await admin.create<KubeObject>({ apiVersion: F, kind: 'BundleDeployment', metadata: { name: 'app', namespace: c.clusterNamespace }, spec: { deploymentID: `${content.name}:1` } });
  }
}, 60_000);

afterAll(async () => {
  await registration?.stop();
  admin?.close();
  await server?.stop();
});

const bds = (ns: string) => `/apis/${F}/namespaces/${ns}/bundledeployments`;
const clusterPath = (name: string) => `/apis/${F}/namespaces/fleet-default/clusters/${name}`;

describe('what agent A’s credential may do', () => {
  const allowed = [
    { name: 'list its own BundleDeployments', request: () => ['GET', bds(a.clusterNamespace)] as const },
    { name: 'watch its own BundleDeployments', request: () => ['GET', `${bds(a.clusterNamespace)}?watch=true&timeoutSeconds=1`] as const },
    { name: 'get its own BundleDeployment', request: () => ['GET', `${bds(a.clusterNamespace)}/app`] as const },
    { name: 'get a Content by name', request: () => ['GET', `/apis/${F}/contents/${contentName}`] as const },
  ];

  it.each(allowed)('may $name', async ({ request }) => {
    const [method, path] = request();
    expect(await statusOf(a, method, path)).toBe(200);
  });

  it('may write its own BundleDeployment’s status', async () => {
    expect(await statusOf(a, 'PATCH', `${bds(a.clusterNamespace)}/app/status`, { status: { ready: true } })).toBe(200);
  });

  it('may write its own Cluster’s status', async () => {
    expect(await statusOf(a, 'PATCH', `${clusterPath('cluster-a')}/status`, { status: { agent: { version: 'x' } } })).toBe(200);
  });
});

describe('what agent A’s credential may not do', () => {
  const forbidden = [
    { name: 'list cluster B’s BundleDeployments', request: () => ['GET', bds(b.clusterNamespace), undefined] as const },
    { name: 'get cluster B’s BundleDeployment', request: () => ['GET', `${bds(b.clusterNamespace)}/app`, undefined] as const },
    { name: 'watch cluster B’s namespace', request: () => ['GET', `${bds(b.clusterNamespace)}?watch=true&timeoutSeconds=1`, undefined] as const },
    { name: 'list BundleDeployments of all namespaces', request: () => ['GET', `/apis/${F}/bundledeployments`, undefined] as const },
    { name: 'list Contents', request: () => ['GET', `/apis/${F}/contents`, undefined] as const },
    { name: 'watch Contents', request: () => ['GET', `/apis/${F}/contents?watch=true&timeoutSeconds=1`, undefined] as const },
    { name: 'change cluster B’s status', request: () => ['PATCH', `${clusterPath('cluster-b')}/status`, { status: { agent: { version: 'evil' } } }] as const },
    { name: 'change its own Cluster’s spec or labels', request: () => ['PATCH', clusterPath('cluster-a'), { metadata: { labels: { env: 'prod' } } }] as const },
    { name: 'read any Cluster', request: () => ['GET', clusterPath('cluster-b'), undefined] as const },
    { name: 'change its own BundleDeployment’s spec', request: () => ['PATCH', `${bds(a.clusterNamespace)}/app`, { spec: { paused: true } }] as const },
    { name: 'create a BundleDeployment in its namespace', request: () => ['POST', bds(a.clusterNamespace), { apiVersion: F, kind: 'BundleDeployment', metadata: { name: 'x' }, spec: {} }] as const },
    { name: 'read registration secrets', request: () => ['GET', '/api/v1/namespaces/flotilla-clusters-system/secrets', undefined] as const },
    { name: 'create ClusterRegistrations', request: () => ['POST', `/apis/${F}/namespaces/fleet-default/clusterregistrations`, { apiVersion: F, kind: 'ClusterRegistration', metadata: { name: 'sneaky' }, spec: { clientID: 'x' } }] as const },
  ];

  it.each(forbidden)('may not $name (403)', async ({ request }) => {
    const [method, path, body] = request();
    expect(await statusOf(a, method, path, body)).toBe(403);
  });
});

describe('what the registration token may do', () => {
  it('may not list ClusterRegistrations, so one agent cannot find another’s', async () => {
    expect(await statusOf({ token: joinToken }, 'GET', `/apis/${F}/namespaces/fleet-default/clusterregistrations`)).toBe(403);
  });

  it('may not read Clusters, BundleDeployments or Contents', async () => {
    for (const path of [clusterPath('cluster-a'), bds(a.clusterNamespace), `/apis/${F}/contents/${contentName}`]) {
      expect(await statusOf({ token: joinToken }, 'GET', path)).toBe(403);
    }
  });

  it('hands agent A a credential that works through a kubeconfig as client-node uses it', async () => {
    const client = await ObjectClient.create(hubKubeConfig(a));
    const list = await client.list({ apiVersion: F, kind: 'BundleDeployment' }, { namespace: a.clusterNamespace });
    expect(list.items.map((i) => i.metadata.name)).toEqual(['app']);
    client.close();
  });
});

describe('when a Cluster is deleted', () => {
  it('its agent’s credential stops working at once, and its old registration does not bring it back', async () => {
    expect(await statusOf(b, 'GET', bds(b.clusterNamespace))).toBe(200);
    await admin.delete({ apiVersion: F, kind: 'Cluster', namespace: 'fleet-default', name: 'cluster-b' });
    await vi.waitFor(async () => expect(await statusOf(b, 'GET', bds(b.clusterNamespace))).toBe(401), { timeout: 10_000 });
    // A restart of the registration controllers reconciles every old registration again; A's
    // result Secret, removed meanwhile, coming back shows that pass has run.
    await registration.stop();
    const registrations = (await admin.list<KubeObject>({ apiVersion: F, kind: 'ClusterRegistration' }, { namespace: 'fleet-default' })).items;
    const ofA = registrations.find((r) => (r.spec as { clientID: string }).clientID === 'uid-a')!;
    const secretOfA = { apiVersion: 'v1', kind: 'Secret', namespace: 'flotilla-clusters-system', name: (ofA.status as { secretName: string }).secretName };
    await admin.delete(secretOfA);
    registration = await startRegistration({ kubeConfig: server.kubeConfig(), logger });
    await vi.waitFor(() => admin.get(secretOfA), { timeout: 10_000 });
    expect((await server.request('GET', clusterPath('cluster-b'))).status).toBe(404);
    expect(await statusOf(a, 'GET', bds(a.clusterNamespace))).toBe(200);
  });
});
