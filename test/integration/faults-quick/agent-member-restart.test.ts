/**
 * A member's API server killed with SIGKILL and started again on the same port and data
 * directory (issue 12, agents). A real hub with its controllers in-process, the member as a
 * `flotilla apiserver` child process, and an in-process agent on the real HTTP clients
 * (resync every second, so it notices the outage without waiting for an event).
 *
 * While the member is down the BundleDeployment says so (not Ready, MonitorFailed with the
 * error). Once it is back the agent reconnects by itself: the member kept every object (same
 * uids and resourceVersions), the BundleDeployment is Ready again on the same deploymentID
 * without a single write to the member, and a change pushed afterwards is applied.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { configMapsYaml, memberSnapshot, scrapeRequestCounts, writesOf, type MemberSnapshot } from '../../faults/support/agent-member-state.js';
import { conditionOf, startAgentWorld, type AgentWorld } from '../../faults/support/agent-world.js';
import { startFlotilla, type FlotillaProcess } from '../../support/flotilla-process.js';

const WAIT = { timeout: 45_000, interval: 200 };
const CLUSTER = 'east';
const NS = 'shop';
let world: AgentWorld;
let dataDir: string;
let kubeconfigPath: string;
let port = '0';
let memberProcess: FlotillaProcess;
const processes: FlotillaProcess[] = [];
let member: ObjectClient;

async function startMember(): Promise<void> {
  memberProcess = startFlotilla(['apiserver', '--data-dir', dataDir, '--port', port, '--kubeconfig-out', kubeconfigPath, '--log-level', process.env.FLOTILLA_TEST_LOG ?? 'warn']);
  processes.push(memberProcess);
  const [, url] = await memberProcess.waitFor(/listening on (\S+)/, 30_000);
  port = new URL(url ?? '').port;
}

function memberKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return kc;
}

const snapshot = () => memberSnapshot(member, { apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, labelSelector: 'flotilla.io/bundle-name=app' });
const deployment = () => world.bundleDeployment(CLUSTER, 'app');
const appliedAndReady = async () => {
  const bd = await deployment();
  return Boolean(bd?.spec.deploymentID) && bd?.status?.appliedDeploymentID === bd?.spec.deploymentID && bd?.status?.ready === true;
};

beforeAll(async () => {
  world = await startAgentWorld();
  dataDir = await mkdtemp(join(world.dir, 'member-'));
  kubeconfigPath = join(world.dir, 'member.kubeconfig');
  await startMember();
  member = await ObjectClient.create(memberKubeConfig());
  await world.connectAgent({ member: memberKubeConfig(), clusterName: CLUSTER, resyncInterval: Duration.seconds(1) });
}, 90_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await Promise.all(processes.map((p) => p.exited));
  member?.close();
  await world?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the member API server killed with SIGKILL and restarted on the same port and data', () => {
  let before: MemberSnapshot;
  let deploymentID: string | undefined;

  it('before: the bundle is applied and Ready', async () => {
    await world.setBundle('app', configMapsYaml('app', 10, 'one'), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(appliedAndReady, WAIT).toBe(true);
    before = await snapshot();
    deploymentID = (await deployment())?.spec.deploymentID;
    expect(Object.keys(before)).toHaveLength(10);
  }, 90_000);

  it('while it is down the BundleDeployment is not Ready, saying the member cannot be checked', async () => {
    memberProcess.child.kill('SIGKILL');
    expect((await memberProcess.exited).signal).toBe('SIGKILL');
    await expect.poll(async () => conditionOf((await deployment())?.status, 'Ready'), WAIT).toMatchObject({ status: 'False', reason: 'MonitorFailed', message: expect.stringMatching(/checking the applied objects failed/) });
    expect((await deployment())?.status?.ready).toBe(false);
  }, 90_000);

  it('restarted, the member kept every object and the BundleDeployment is Ready again without a write to the member', async () => {
    await startMember();
    await expect.poll(appliedAndReady, WAIT).toBe(true);
    expect((await deployment())?.status?.appliedDeploymentID).toBe(deploymentID);
    expect(await snapshot()).toEqual(before);
    // The restarted server counts from zero: the agent checked, and wrote nothing.
    expect(writesOf(await scrapeRequestCounts(member))).toBe(0);
  }, 90_000);

  it('a change pushed after the restart is applied to the same objects', async () => {
    await world.setBundle('app', configMapsYaml('app', 10, 'two'), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(async () => new Set(Object.values(await snapshot()).map((o) => JSON.stringify(o.data))), WAIT).toEqual(new Set([JSON.stringify({ value: 'two' })]));
    await expect.poll(appliedAndReady, WAIT).toBe(true);
    expect((await deployment())?.status?.appliedDeploymentID).not.toBe(deploymentID);
    const after = await snapshot();
    for (const [name, state] of Object.entries(before)) expect(after[name]?.uid, name).toBe(state.uid);
  }, 90_000);
});
