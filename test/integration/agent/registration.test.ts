/**
 * Registration end to end in one process against real servers: a hub (embedded API server,
 * bootstrapped, with the registration controllers) and a member API server with two logical
 * clusters. A token registers an agent, which stores its credential on the member, heartbeats,
 * applies a BundleDeployment's Content and reports status, through a hub restart and a member
 * restart; restarted without the token it carries on as the same Cluster; an expired token
 * registers nothing.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Cluster } from '../../../src/api/cluster.js';
import type { ClusterRegistrationToken } from '../../../src/api/cluster-registration-token.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { clusterNamespaceName } from '../../../src/api/names.js';
import { RegistrationError } from '../../../src/agent/registration/index.js';
import { connectAgent, type ConnectedAgent } from '../../../src/agent/runtime/index.js';
import { encodeContent } from '../../../src/bundle/index.js';
import { bootstrapHub } from '../../../src/controller/bootstrap/index.js';
import { AGENT_CONNECTED, registrationSecretName, startRegistration, type RunningRegistration } from '../../../src/controller/registration/index.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { systemClock } from '../../../src/kube/clock.js';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
const clock = systemClock();
const F = 'flotilla.io/v1alpha1';
let hubServer: TestApiServer;
let memberServer: TestApiServer;
let hub: ObjectClient;
let registration: RunningRegistration;
const agents: ConnectedAgent[] = [];

beforeAll(async () => {
  [hubServer, memberServer] = await Promise.all([startTestApiServer(), startTestApiServer()]);
  await memberServer.server.createCluster('m1');
  await memberServer.server.createCluster('m2');
  hub = await ObjectClient.create(hubServer.kubeConfig());
  await bootstrapHub({ client: hub, clock, logger });
  registration = await startRegistration({ kubeConfig: hubServer.kubeConfig(), logger, livenessGrace: Duration.seconds(2) });
}, 60_000);

afterAll(async () => {
  for (const a of agents) await a.stop();
  await registration?.stop();
  hub?.close();
  await Promise.all([hubServer?.stop(), memberServer?.stop()]);
});

async function createToken(name: string, ttl?: string): Promise<string> {
  await hub.create<KubeObject>({ apiVersion: F, kind: 'ClusterRegistrationToken', metadata: { name, namespace: 'fleet-default' }, spec: ttl ? { ttl } : {} });
  let token = '';
  await vi.waitFor(async () => {
    const crt = (await hub.get<KubeObject>({ apiVersion: F, kind: 'ClusterRegistrationToken', namespace: 'fleet-default', name })) as unknown as ClusterRegistrationToken;
    const secret = await hub.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace: 'fleet-default', name: crt.status?.secretName ?? 'none' });
    const data = secret.data as Record<string, string> | undefined;
    if (!data?.token) throw new Error('token not populated yet');
    token = Buffer.from(data.token, 'base64').toString('utf8');
  }, { timeout: 10_000 });
  return token;
}

async function connect(member: string, options: { token?: string; clusterName?: string; labels?: Record<string, string> }): Promise<ConnectedAgent> {
  const connected = await connectAgent({
    memberKubeConfig: memberServer.kubeConfig(member),
    hubServer: hubServer.server.url,
    hubCaPem: hubServer.server.ca,
    version: 'test',
    clock,
    logger,
    heartbeatInterval: Duration.milliseconds(500),
    registrationTimeout: Duration.seconds(20),
    ...options,
  });
  agents.push(connected);
  return connected;
}

async function getCluster(name: string): Promise<Cluster> {
  return (await hub.get<KubeObject>({ apiVersion: F, kind: 'Cluster', namespace: 'fleet-default', name })) as unknown as Cluster;
}

describe('registering an agent with a token', () => {
  let first: ConnectedAgent;
  const member = () => ObjectClient.create(memberServer.kubeConfig('m1'));

  it('grants a Cluster with the asked name and labels, keyed by the member’s kube-system uid', async () => {
    const token = await createToken('join-east');
    first = await connect('m1', { token, clusterName: 'east', labels: { env: 'prod' } });
    expect(first.registered).toBe(true);
    const m1 = await member();
    const kubeSystem = await m1.get<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', name: 'kube-system' });
    const cluster = await getCluster('east');
    expect(cluster.spec.clientID).toBe(kubeSystem.metadata.uid);
    expect(cluster.metadata.labels).toMatchObject({ env: 'prod' });
    expect(first.credential).toMatchObject({ workspace: 'fleet-default', clusterName: 'east', clusterNamespace: clusterNamespaceName('fleet-default', 'east') });
    const stored = await m1.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace: 'flotilla-system', name: 'flotilla-agent' });
    expect(Object.keys(stored.data as object).sort()).toEqual(['clientID', 'clusterName', 'clusterNamespace', 'kubeconfig', 'workspace']);
    m1.close();
  });

  it('heartbeats into the Cluster’s status with the agent’s version', async () => {
    await vi.waitFor(async () => {
      const cluster = await getCluster('east');
      expect(cluster.status?.agent).toMatchObject({ version: 'test', namespace: 'flotilla-system' });
      expect(cluster.status?.conditions?.find((c) => c.type === AGENT_CONNECTED)?.status).toBe('True');
    }, { timeout: 10_000 });
  });

  it('installs the managed-namespace member ClusterRoles on its member', async () => {
    const m1 = await member();
    const names = (await m1.list({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' }, { labelSelector: 'flotilla.io/member-role' })).items.map((r) => r.metadata.name).sort();
    expect(names).toEqual(['flotilla:managed-namespace:admin', 'flotilla:managed-namespace:reader', 'flotilla:managed-namespace:writer']);
    m1.close();
  });

  it('a label changed by hand on the Cluster survives a restart of the registration controllers', async () => {
    await hub.patch({ apiVersion: F, kind: 'Cluster', namespace: 'fleet-default', name: 'east' }, { metadata: { labels: { env: 'staging' } } }, { type: 'merge' });
    const [granted] = (await hub.list<KubeObject>({ apiVersion: F, kind: 'ClusterRegistration' }, { namespace: 'fleet-default' })).items;
    const resultSecret = { apiVersion: 'v1', kind: 'Secret', namespace: 'flotilla-clusters-system', name: registrationSecretName('fleet-default', granted!.metadata.name!) };
    await registration.stop();
    // Removing the result Secret makes its re-creation the sign that the registration was reconciled again.
    await hub.delete(resultSecret);
    registration = await startRegistration({ kubeConfig: hubServer.kubeConfig(), logger, livenessGrace: Duration.seconds(2) });
    await vi.waitFor(() => hub.get(resultSecret), { timeout: 10_000 });
    expect((await getCluster('east')).metadata.labels?.env).toBe('staging');
  });

  it('applies a BundleDeployment’s Content on the member and reports it applied', async () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hello', namespace: 'apps' }, data: { greeting: 'hi' } };
    const content = encodeContent([cm]);
    await hub.create<KubeObject>({ apiVersion: F, kind: 'Content', metadata: { name: content.name }, content: content.content, sha256sum: content.sha256sum });
    const namespace = first.credential.clusterNamespace;
    await hub.create<KubeObject>({ apiVersion: F, kind: 'BundleDeployment', metadata: { name: 'hello', namespace }, spec: { deploymentID: `${content.name}:abc`, options: { defaultNamespace: 'apps' } } });
    const m1 = await member();
    await vi.waitFor(async () => expect((await m1.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'hello' })).data).toEqual({ greeting: 'hi' }), { timeout: 10_000 });
    await vi.waitFor(async () => {
      const bd = await hub.get<KubeObject>({ apiVersion: F, kind: 'BundleDeployment', namespace, name: 'hello' });
      expect(bd.status).toMatchObject({ appliedDeploymentID: `${content.name}:abc`, ready: true, nonModified: true });
    }, { timeout: 10_000 });
    m1.close();
  });

  it('applies as the BundleDeployment’s service account: allowed where it has rights, refused where it has none', async () => {
    const m1 = await member();
    await m1.create<KubeObject>({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace: 'flotilla-system' } });
    await m1.create<KubeObject>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'cm-writer', namespace: 'apps' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }] });
    await m1.create<KubeObject>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'deployer', namespace: 'apps' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-writer' }, subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'flotilla-system' }] });
    await m1.create<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'locked' } });
    const namespace = first.credential.clusterNamespace;
    for (const [name, ns] of [['as-sa', 'apps'], ['as-sa-locked', 'locked']] as const) {
      const content = encodeContent([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { by: 'deployer' } }]);
      await hub.create<KubeObject>({ apiVersion: F, kind: 'Content', metadata: { name: content.name }, content: content.content, sha256sum: content.sha256sum });
      await hub.create<KubeObject>({ apiVersion: F, kind: 'BundleDeployment', metadata: { name, namespace }, spec: { deploymentID: `${content.name}:5a`, options: { defaultNamespace: ns, serviceAccount: 'deployer' } } });
    }
    await vi.waitFor(async () => expect((await m1.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'as-sa' })).data).toEqual({ by: 'deployer' }), { timeout: 10_000 });
    await vi.waitFor(async () => {
      const bd = await hub.get<KubeObject>({ apiVersion: F, kind: 'BundleDeployment', namespace, name: 'as-sa-locked' });
      const deployed = (bd.status as { conditions?: { type: string; status: string; message?: string }[] } | undefined)?.conditions?.find((c) => c.type === 'Deployed');
      expect(deployed?.status).toBe('False');
      expect(deployed?.message).toMatch(/forbidden/i);
    }, { timeout: 10_000 });
    await expect(m1.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'locked', name: 'as-sa-locked' })).rejects.toSatisfy(isNotFound);
    m1.close();
  });

  it('survives a hub restart: the watch resumes and a BundleDeployment made afterwards is applied', async () => {
    await hubServer.restart();
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-restart', namespace: 'apps' }, data: { n: '2' } };
    const content = encodeContent([cm]);
    await vi.waitFor(() => hub.create<KubeObject>({ apiVersion: F, kind: 'Content', metadata: { name: content.name }, content: content.content, sha256sum: content.sha256sum }), { timeout: 10_000 });
    await hub.create<KubeObject>({ apiVersion: F, kind: 'BundleDeployment', metadata: { name: 'after-restart', namespace: first.credential.clusterNamespace }, spec: { deploymentID: `${content.name}:abc`, options: { defaultNamespace: 'apps' } } });
    const m1 = await member();
    await vi.waitFor(async () => expect((await m1.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'after-restart' })).data).toEqual({ n: '2' }), { timeout: 20_000 });
    m1.close();
  });

  it('survives a member restart: a ConfigMap deleted meanwhile is reported missing', async () => {
    // The apply must be complete first (status and the member's inventory written): an apply cut
    // short by the restart is redone afterwards, which would re-create the ConfigMap.
    await vi.waitFor(async () => {
      const bd = await hub.get<KubeObject & { spec: { deploymentID?: string } }>({ apiVersion: F, kind: 'BundleDeployment', namespace: first.credential.clusterNamespace, name: 'after-restart' });
      expect(bd.status).toMatchObject({ appliedDeploymentID: bd.spec.deploymentID, nonModified: true });
    }, { timeout: 20_000 });
    await memberServer.restart(async () => undefined);
    const m1 = await member();
    await vi.waitFor(() => m1.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'after-restart' }), { timeout: 10_000 });
    await vi.waitFor(async () => {
      const bd = await hub.get<KubeObject>({ apiVersion: F, kind: 'BundleDeployment', namespace: first.credential.clusterNamespace, name: 'after-restart' });
      expect(bd.status).toMatchObject({ nonModified: false, modifiedStatus: [expect.objectContaining({ name: 'after-restart', missing: true })] });
    }, { timeout: 20_000 });
    m1.close();
  });

  it('restarted without the token, it uses the stored credential and stays the same Cluster', async () => {
    await first.stop();
    agents.splice(agents.indexOf(first), 1);
    const again = await connect('m1', {});
    expect(again.registered).toBe(false);
    expect(again.credential.clusterName).toBe('east');
  });

  it('a re-registration of the same member keeps its Cluster, whatever name it asks for', async () => {
    const token = await createToken('join-again');
    const m1 = await member();
    await m1.delete({ apiVersion: 'v1', kind: 'Secret', namespace: 'flotilla-system', name: 'flotilla-agent' });
    m1.close();
    const again = await connect('m1', { token, clusterName: 'renamed' });
    expect(again.registered).toBe(true);
    expect(again.credential.clusterName).toBe('east');
    // The spent registration of the first join is cleaned up, with its result Secret.
    await vi.waitFor(async () => {
      const registrations = (await hub.list<KubeObject>({ apiVersion: F, kind: 'ClusterRegistration' }, { namespace: 'fleet-default' })).items;
      expect(registrations.filter((r) => (r.spec as { clientID: string }).clientID === again.credential.clientID)).toHaveLength(1);
    }, { timeout: 10_000 });
  });

  it('a Cluster whose agent stops reporting is marked AgentConnected=False after the grace period', async () => {
    for (const a of agents.splice(0)) await a.stop();
    await vi.waitFor(async () => {
      const condition = (await getCluster('east')).status?.conditions?.find((c) => c.type === AGENT_CONNECTED);
      expect(condition).toMatchObject({ status: 'False', reason: 'AgentNotReporting' });
    }, { timeout: 15_000 });
  });
});

describe('tokens that register nothing', () => {
  it('an expired token is deleted and the agent fails saying the token is expired or unknown', async () => {
    const token = await createToken('short', '2s');
    await vi.waitFor(async () => {
      await expect(hub.get({ apiVersion: F, kind: 'ClusterRegistrationToken', namespace: 'fleet-default', name: 'short' })).rejects.toSatisfy(isNotFound);
    }, { timeout: 15_000 });
    const failure = await connect('m2', { token, clusterName: 'west' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(RegistrationError);
    expect((failure as RegistrationError).reason).toBe('TokenRejected');
    expect((failure as RegistrationError).message).toMatch(/expired or unknown/);
    await expect(getCluster('west')).rejects.toSatisfy(isNotFound);
  });

  it('a deleted token stops registering at once', async () => {
    const token = await createToken('revoked');
    await hub.delete({ apiVersion: F, kind: 'ClusterRegistrationToken', namespace: 'fleet-default', name: 'revoked' });
    await vi.waitFor(async () => {
      const failure = await connect('m2', { token, clusterName: 'west' }).catch((err: unknown) => err);
      expect((failure as RegistrationError).reason).toBe('TokenRejected');
    }, { timeout: 10_000 });
    await expect(getCluster('west')).rejects.toSatisfy(isNotFound);
  });
});
