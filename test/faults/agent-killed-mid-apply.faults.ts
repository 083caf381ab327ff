/**
 * An agent killed with SIGKILL in the middle of applying a large bundle (issue 12, agents).
 * A real hub with its controllers in-process, a real member API server, and the agent as a
 * `flotilla agent` child process (the compiled CLI). The bundle holds 300 ConfigMaps; the
 * agent is killed once some, not all, are on the member, then started again without the
 * token (it finds its stored credential).
 *
 * Restarted, it completes the apply: exactly the 300 objects, each created once (no
 * duplicates, no delete and re-create), those applied before the kill not written again, one
 * inventory listing all of them, and the BundleDeployment Ready. Nothing applied is deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterNamespaceName } from '../../src/api/names.js';
import { InventoryStore } from '../../src/agent/index.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { configMapsYaml, memberSnapshot, recordMemberEvents, type MemberEventLog, type MemberSnapshot } from './support/agent-member-state.js';
import { startAgentWorld, WORKSPACE, type AgentWorld } from './support/agent-world.js';
import { startFlotilla, type FlotillaProcess } from '../support/flotilla-process.js';
import { startTestApiServer, type TestApiServer } from '../support/api-server.js';

const WAIT = { timeout: 90_000, interval: 250 };
const CLUSTER = 'east';
const NS = 'bulk';
const COUNT = 300;
/** The agent is killed once at least this many ConfigMaps are on the member. */
const KILL_AFTER = 40;
let world: AgentWorld;
let memberApi: TestApiServer;
let member: ObjectClient;
const agents: FlotillaProcess[] = [];

function startAgent(extra: string[]): FlotillaProcess {
  const args = ['agent', '--hub', world.hubUrl, '--hub-ca', world.hubCaPath, '--kubeconfig', memberApi.kubeconfigPath, '--cluster-name', CLUSTER, '--heartbeat-interval', '1s'];
  const agent = startFlotilla([...args, ...extra, '--log-level', process.env.FLOTILLA_TEST_LOG ?? 'warn']);
  agents.push(agent);
  return agent;
}

const bundleConfigMaps = () => memberSnapshot(member, { apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, labelSelector: 'flotilla.io/bundle-name=bulk' });

async function appliedAndReady(): Promise<boolean> {
  const bd = await world.bundleDeployment(CLUSTER, 'bulk');
  return Boolean(bd?.spec.deploymentID) && bd?.status?.appliedDeploymentID === bd?.spec.deploymentID && bd?.status?.ready === true;
}

beforeAll(async () => {
  world = await startAgentWorld();
  memberApi = await startTestApiServer();
  member = await ObjectClient.create(memberApi.kubeConfig());
}, 90_000);

afterAll(async () => {
  for (const agent of agents) if (agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill('SIGTERM');
  await Promise.all(agents.map((a) => a.exited));
  member?.close();
  await world?.stop();
  await memberApi?.stop();
}, 60_000);

describe(`an agent killed with SIGKILL while it applies ${COUNT} ConfigMaps`, () => {
  let events: MemberEventLog;
  let atKill: MemberSnapshot;

  it('is killed part-way: some of the objects are on the member, not all', async () => {
    const first = startAgent(['--token', world.token]);
    await first.waitFor(/running as cluster fleet-default\/east .*registered now/, 60_000);
    events = await recordMemberEvents(member, { apiVersion: 'v1', kind: 'ConfigMap', namespace: NS });
    await world.setBundle('bulk', configMapsYaml('cm', COUNT, 'v1'), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(() => events.added.size, { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(KILL_AFTER);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    atKill = await bundleConfigMaps();
    expect(Object.keys(atKill).length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(Object.keys(atKill).length).toBeLessThan(COUNT);
    expect(await appliedAndReady()).toBe(false);
  }, 90_000);

  it('started again without the token, it completes the apply and the BundleDeployment is Ready', async () => {
    const again = startAgent([]);
    await again.waitFor(/running as cluster fleet-default\/east .*stored credential/, 60_000);
    await expect.poll(appliedAndReady, WAIT).toBe(true);
    expect(Object.keys(await bundleConfigMaps()).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `cm-${i}`).sort());
  }, 120_000);

  it('each object was created once, nothing was deleted, and what was applied before the kill was not written again', async () => {
    events.stop();
    const after = await bundleConfigMaps();
    expect(events.deleted).toEqual([]);
    expect(events.added.size).toBe(COUNT);
    for (const [name, uid] of events.added) expect(after[name]?.uid, name).toBe(uid);
    for (const [name, state] of Object.entries(atKill)) expect(after[name], name).toEqual(state);
  });

  it('one inventory lists every object of the bundle', async () => {
    const inventories = await new InventoryStore(member, clusterNamespaceName(WORKSPACE, CLUSTER)).list();
    expect(inventories.map((i) => i.bundleDeployment)).toEqual([`${clusterNamespaceName(WORKSPACE, CLUSTER)}/bulk`]);
    const listed = inventories[0]?.entries.filter((e) => e.kind === 'ConfigMap').map((e) => e.name).sort();
    expect(listed).toEqual(Array.from({ length: COUNT }, (_, i) => `cm-${i}`).sort());
  });
});
