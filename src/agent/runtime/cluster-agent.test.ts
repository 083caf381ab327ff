/**
 * What one agent costs the hub per BundleDeployment, against a real hub (API server and its
 * controllers in-process) and a real member API server: it reads the Content once and writes
 * the status once, and reads the BundleDeployment itself only through its watch. Reading each
 * one again before applying it (a guard against a cache replaying old specs, which the
 * informer no longer does) was a fifth of the hub's requests in a rollout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { API_VERSION } from '../../api/group.js';
import { ObjectClient } from '../../kube/object-client.js';
import type { ConnectedAgent } from './connect-agent.js';
import { startAgentWorld, type AgentWorld } from '../../../test/faults/support/agent-world.js';
import { configMapsYaml } from '../../../test/faults/support/agent-member-state.js';
import { startTestApiServer, type TestApiServer } from '../../../test/support/api-server.js';

const WAIT = { timeout: 45_000, interval: 100 };
const CLUSTER = 'east';
let world: AgentWorld;
let agent: ConnectedAgent;
let memberApi: TestApiServer;
let member: ObjectClient;

beforeAll(async () => {
  world = await startAgentWorld();
  memberApi = await startTestApiServer();
  member = await ObjectClient.create(memberApi.kubeConfig());
  agent = await world.connectAgent({ member: memberApi.kubeConfig(), clusterName: CLUSTER });
}, 90_000);

afterAll(async () => {
  member?.close();
  await world?.stop();
  await memberApi?.stop();
});

const hubRequests = () => world.hubApi.server.requestMetrics.counts().byResource;
/** Listed, not read by name: the test's own reads must not count as the agent's. */
const deployedAndReady = async (bundle: string) => {
  const { items } = await world.hub.list<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment' });
  const bd = items.find((i) => i.metadata.name === bundle);
  return Boolean(bd?.spec.deploymentID) && bd?.status?.appliedDeploymentID === bd?.spec.deploymentID && bd?.status?.ready === true;
};

interface Case {
  name: string;
  request: string;
  /** At most this many per BundleDeployment deployed. */
  atMost: number;
}

const cases: Case[] = [
  { name: 'a new deploymentID is applied without reading the BundleDeployment from the hub again', request: 'get bundledeployments', atMost: 0 },
  { name: 'the Content is read once', request: 'get contents', atMost: 1 },
  { name: 'the status is written once, applied and Ready together', request: 'update bundledeployments/status', atMost: 1 },
];

describe('ClusterAgent: hub requests per BundleDeployment', () => {
  it.each(cases)('$name', async ({ name, request, atMost }) => {
    const bundle = `cost-${cases.findIndex((c) => c.name === name)}`;
    const before = hubRequests()[request] ?? 0;
    await world.setBundle(bundle, configMapsYaml(bundle, 2, 'one'), { cluster: CLUSTER, defaultNamespace: 'shop' });
    await expect.poll(() => deployedAndReady(bundle), WAIT).toBe(true);
    expect((hubRequests()[request] ?? 0) - before).toBeLessThanOrEqual(atMost);
  }, 90_000);
});

describe('ClusterAgent: member reads per BundleDeployment', () => {
  it('its own status write and applies coming back through the watches queue no re-check of the member', async () => {
    const memberGets = () => memberApi.server.requestMetrics.counts().byResource['get configmaps'] ?? 0;
    const before = memberGets();
    await world.setBundle('echo', configMapsYaml('echo', 2, 'one'), { cluster: CLUSTER, defaultNamespace: 'shop' });
    await expect.poll(() => deployedAndReady('echo'), WAIT).toBe(true);
    // Long enough for a re-check queued by the echoes to have run (each reads the inventory and both objects).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The deploy reads the inventory; a watch may deliver an applied object before its apply's
    // answer arrives (one re-check, 3 reads). Re-checking every echo read 6 or more.
    expect(memberGets() - before).toBeLessThanOrEqual(4);
  }, 90_000);
});

describe('ClusterAgent: what it keeps of a BundleDeployment', () => {
  it('its cache keeps no managedFields, so a status write does not send the hub its own field owners back', async () => {
    await world.setBundle('lean', configMapsYaml('lean', 1, 'one'), { cluster: CLUSTER, defaultNamespace: 'shop' });
    await expect.poll(() => deployedAndReady('lean'), WAIT).toBe(true);
    const onHub = (await world.hub.list<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment' })).items.find((i) => i.metadata.name === 'lean');
    expect(onHub?.metadata.managedFields?.length).toBeGreaterThan(0);
    const cached = agent.agent.deployments.cache.list().find((bd) => bd.metadata.name === 'lean');
    expect(cached?.status?.appliedDeploymentID).toBe(onHub?.spec.deploymentID);
    expect(cached?.metadata.managedFields).toBeUndefined();
  }, 90_000);

  it('once its status write came back through the watch, it keeps no copy of the write\'s answer', async () => {
    await world.setBundle('settled', configMapsYaml('settled', 1, 'one'), { cluster: CLUSTER, defaultNamespace: 'shop' });
    await expect.poll(() => deployedAndReady('settled'), WAIT).toBe(true);
    const written = (agent.agent as unknown as { written: { written: Map<string, unknown> } }).written.written;
    await expect.poll(() => [...written.keys()].filter((k) => k.endsWith('/settled')), WAIT).toEqual([]);
  }, 90_000);

  it('keeps for removal only the name and options of a BundleDeployment, not a second copy of it', async () => {
    await world.setBundle('single', configMapsYaml('single', 1, 'one'), { cluster: CLUSTER, defaultNamespace: 'shop' });
    await expect.poll(() => deployedAndReady('single'), WAIT).toBe(true);
    const lastKnown = (agent.agent as unknown as { lastKnown: Map<string, BundleDeployment> }).lastKnown;
    const key = [...lastKnown.keys()].find((k) => k.endsWith('/single')) ?? '';
    // The status write reaches the agent's cache through its watch, a moment after the hub.
    await expect.poll(() => agent.agent.deployments.cache.get(key)?.status?.appliedDeploymentID, WAIT).toBeDefined();
    const cached = agent.agent.deployments.cache.get(key);
    expect(lastKnown.get(key)).toEqual({ apiVersion: API_VERSION, kind: 'BundleDeployment', metadata: { namespace: cached?.metadata.namespace, name: 'single' }, spec: cached?.spec.options ? { options: cached.spec.options } : {} });
  }, 90_000);
});
