/**
 * An agent cut off from its hub for longer than the heartbeat grace (issue 12, agents). A
 * real hub (targeting, status and registration controllers in-process, grace 2 s), a real
 * member API server, and an in-process agent on the real HTTP clients that reaches the hub
 * only through a TCP gate. Shutting the gate refuses new connections and cuts open ones
 * (watches included), as a network partition does.
 *
 * While cut off, the Cluster shows not Ready with the liveness reason, and the member keeps
 * every object (same uids, nothing written); a Bundle changed meanwhile waits. When the
 * network returns the agent resumes by itself: the Cluster is Ready again, the changed
 * bundle is applied, and the unchanged bundle's objects are not written again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { conditionOf, startAgentWorld, type AgentWorld } from '../../faults/support/agent-world.js';
import { configMapsYaml, memberSnapshot, recordConfigMapValues, writesOf, type MemberSnapshot } from '../../faults/support/agent-member-state.js';
import { startTcpGate, type TcpGate } from '../../faults/support/tcp-gate.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

const WAIT = { timeout: 45_000, interval: 200 };
const CLUSTER = 'east';
const NS = 'shop';
/** ConfigMaps of the bundle that does not change: re-applying them would cost at least this many writes. */
const STEADY = 20;
let world: AgentWorld;
let gate: TcpGate;
let memberApi: TestApiServer;
let member: ObjectClient;

const memberWrites = () => writesOf(memberApi.server.requestMetrics.counts());
const snapshot = (bundle: string) => memberSnapshot(member, { apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, labelSelector: `flotilla.io/bundle-name=${bundle}` });
const clusterConditions = async () => (await world.cluster(CLUSTER)).status;
const deployedAndReady = async (bundle: string) => {
  const bd = await world.bundleDeployment(CLUSTER, bundle);
  return Boolean(bd?.spec.deploymentID) && bd?.status?.appliedDeploymentID === bd?.spec.deploymentID && bd?.status?.ready === true;
};

beforeAll(async () => {
  world = await startAgentWorld();
  memberApi = await startTestApiServer();
  member = await ObjectClient.create(memberApi.kubeConfig());
  const hubPort = Number(new URL(world.hubUrl).port);
  gate = await startTcpGate({ host: '127.0.0.1', port: hubPort });
  await world.connectAgent({ member: memberApi.kubeConfig(), clusterName: CLUSTER, hubServer: `https://${gate.host}` });
}, 90_000);

afterAll(async () => {
  await gate?.stop();
  member?.close();
  await world?.stop();
  await memberApi?.stop();
});

describe('an agent cut off from the hub for longer than the heartbeat grace', () => {
  let steadyBefore: MemberSnapshot;
  let changingBefore: MemberSnapshot;
  let changedDeploymentID: string | undefined;
  let oneBundleWrites = 0;
  let writesBeforeReturn = 0;

  it('connected through the gate, the agent deploys both bundles and the Cluster is Ready', async () => {
    await world.setBundle('steady', configMapsYaml('steady', STEADY, 'one'), { cluster: CLUSTER, defaultNamespace: NS });
    await world.setBundle('changing', configMapsYaml('changing', 2, 'one'), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(() => deployedAndReady('steady'), WAIT).toBe(true);
    await expect.poll(() => deployedAndReady('changing'), WAIT).toBe(true);
    await expect.poll(async () => conditionOf(await clusterConditions(), 'Ready')?.status, WAIT).toBe('True');
  }, 90_000);

  it('connected, a change to one bundle costs the member a handful of writes (the yardstick for the reconnect)', async () => {
    const before = memberWrites();
    await world.setBundle('changing', configMapsYaml('changing', 2, 'half'), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(async () => Object.values(await snapshot('changing')).map((o) => o.data), WAIT).toEqual([{ value: 'half' }, { value: 'half' }]);
    await expect.poll(() => deployedAndReady('changing'), WAIT).toBe(true);
    oneBundleWrites = memberWrites() - before;
    expect(oneBundleWrites).toBeGreaterThanOrEqual(2);
    expect(oneBundleWrites).toBeLessThan(STEADY);
  }, 90_000);

  it('the Cluster shows AgentConnected=False and not Ready, with the reason, while cut off', async () => {
    steadyBefore = await snapshot('steady');
    changingBefore = await snapshot('changing');
    expect(Object.keys(steadyBefore)).toHaveLength(STEADY);
    await gate.close();
    await expect.poll(async () => conditionOf(await clusterConditions(), 'AgentConnected')?.status, WAIT).toBe('False');
    await expect.poll(async () => conditionOf(await clusterConditions(), 'Ready'), WAIT).toMatchObject({ status: 'False', reason: 'AgentNotReporting', message: expect.stringMatching(/no heartbeat from the agent/) });
  }, 90_000);

  it('a Bundle changed meanwhile is rolled out on the hub but waits; the member keeps every object as it was', async () => {
    const before = (await world.bundleDeployment(CLUSTER, 'changing'))?.spec.deploymentID;
    await world.setBundle('changing', configMapsYaml('changing', 2, 'two'), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(async () => (await world.bundleDeployment(CLUSTER, 'changing'))?.spec.deploymentID, WAIT).not.toBe(before);
    changedDeploymentID = (await world.bundleDeployment(CLUSTER, 'changing'))?.spec.deploymentID;
    // Long enough for a connected agent to have applied it (it takes well under a second).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await snapshot('steady')).toEqual(steadyBefore);
    expect(await snapshot('changing')).toEqual(changingBefore);
    expect(conditionOf(await clusterConditions(), 'AgentConnected')?.status).toBe('False');
  }, 90_000);

  it('when the network returns the agent resumes: Cluster Ready again, the changed bundle applied, the unchanged one not written again', async () => {
    writesBeforeReturn = memberWrites();
    const history = await recordConfigMapValues(member, { namespace: NS, name: 'changing-0' });
    await gate.open();
    await expect.poll(async () => Object.values(await snapshot('changing')).map((o) => o.data), WAIT).toEqual([{ value: 'two' }, { value: 'two' }]);
    await expect.poll(async () => (await world.bundleDeployment(CLUSTER, 'changing'))?.status?.appliedDeploymentID, WAIT).toBe(changedDeploymentID);
    await expect.poll(() => deployedAndReady('changing'), WAIT).toBe(true);
    await expect.poll(async () => conditionOf(await clusterConditions(), 'AgentConnected')?.status, WAIT).toBe('True');
    await expect.poll(async () => conditionOf(await clusterConditions(), 'Ready')?.status, WAIT).toBe('True');
    // The same objects (uids), updated in place.
    const changingAfter = await snapshot('changing');
    for (const [name, state] of Object.entries(changingBefore)) expect(changingAfter[name]?.uid).toBe(state.uid);
    // Nothing of the unchanged bundle was written: the same resourceVersions, and the member received
    // no more writes than the one changed bundle costs (re-applying the other would add 20 or more).
    expect(await snapshot('steady')).toEqual(steadyBefore);
    expect(memberWrites() - writesBeforeReturn).toBeLessThanOrEqual(oneBundleWrites);
    expect(await deployedAndReady('steady')).toBe(true);
    // Straight from the last applied version to the new one: never back to an older one on the way.
    history.stop();
    expect(history.values()).toEqual(['half', 'two']);
  }, 90_000);
});
