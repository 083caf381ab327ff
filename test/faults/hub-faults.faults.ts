/**
 * Hub faults (issue 12), every part a real process: the hub API server killed with SIGKILL in
 * the middle of a partitioned rollout and started again on its port and data directory; the
 * controller killed with SIGKILL while it writes the BundleDeployments of a large GitRepo and
 * started again; two controllers started at once, of which exactly one leads until it is
 * killed and the other takes over. After each fault the work completes with exactly one
 * BundleDeployment per bundle and cluster, none re-created (same uids), and nothing applied
 * on the 20 members is ever deleted: a monitor samples them throughout and every applied
 * object keeps its uid from the moment it is first seen.
 *
 * The cases run in order on one world (starting 20 agents costs more than the cases), each
 * with its own GitRepo; each later case also checks that the earlier ones' objects are intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../src/api/bundle-deployment.js';
import type { KubeObject } from '../../src/api/meta.js';
import { appliedConfigMaps, deploymentCensus, MemberMonitor, uidsByName, type AppliedObject } from './support/hub-observers.js';
import type { ControllerReplica } from './support/hub-processes.js';
import { HubWorld } from './support/hub-world.js';

const CLUSTERS = Array.from({ length: 20 }, (_, i) => `member-${i + 1}`);
const WAIT = { timeout: 240_000, interval: 250 };
/** Polled fast enough to catch a rollout or a write burst in its middle. */
const CATCH = { timeout: 120_000, interval: 40 };
/** An empty selector selects every Cluster of the workspace (fleet-default has no default group). */
const EVERY_MEMBER = [{ clusterSelector: {} }];
const LEASE = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'flotilla-system', name: 'flotilla-controller' } as const;

const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;
/** Two clusters at a time, in partitions of five that wait for each other: a slow rollout. */
const ROLLOUT_FLEET = 'defaultNamespace: rollout\nrolloutStrategy:\n  maxUnavailable: 2\n  autoPartitionSize: 5\n  autoPartitionThreshold: 10\n';
const LARGE_PATHS = Array.from({ length: 10 }, (_, i) => `large/app-${String(i + 1).padStart(2, '0')}`);
/** Five new BundleDeployments per pass, so writing them takes several passes. */
const LARGE_FLEET = 'defaultNamespace: large\nrolloutStrategy:\n  maxNew: 5\n';

let world: HubWorld;
let monitor: MemberMonitor;

/** `count` BundleDeployments, each deploying what it staged, applied by its agent and ready. */
function rolledOut(deployments: readonly BundleDeployment[], count: number): boolean {
  const done = (bd: BundleDeployment) => Boolean(bd.spec.deploymentID) && bd.spec.deploymentID === bd.spec.stagedDeploymentID && bd.spec.deploymentID === bd.status?.appliedDeploymentID && bd.status?.ready === true;
  return deployments.length === count && deployments.every(done);
}

/** The `value` of ConfigMap `namespace/name` on every member, as one set (one element once all agree). */
async function memberValues(namespace: string, name: string): Promise<string[]> {
  const applied = await appliedConfigMaps(world.memberClients);
  const values = CLUSTERS.map((c) => applied.get(`${c}/${namespace}/${name}`)?.data?.value ?? '<missing>');
  return [...new Set(values)].sort();
}

async function waitRolledOut(gitRepo: string, count: number): Promise<BundleDeployment[]> {
  await expect.poll(async () => rolledOut(await world.deployments(gitRepo), count), WAIT).toBe(true);
  return world.deployments(gitRepo);
}

/** Objects present before keep their uid after: none was deleted (or deleted and re-created). */
function expectSameUids(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): void {
  const changed = [...before].filter(([key, uid]) => after.get(key) !== uid).map(([key, uid]) => `${key}: ${uid} -> ${after.get(key) ?? 'gone'}`);
  expect(changed).toEqual([]);
}

function uidsOf(applied: ReadonlyMap<string, AppliedObject>): Map<string, string> {
  return new Map([...applied].map(([key, o]) => [key, o.uid]));
}

async function expectExactCensus(gitRepo: string, bundles: readonly string[]): Promise<void> {
  const census = deploymentCensus(await world.deployments(gitRepo), { bundles, clusters: CLUSTERS });
  expect(census).toEqual({ missing: [], duplicated: [], misplaced: [], total: bundles.length * CLUSTERS.length });
}

async function lease(): Promise<{ holderIdentity?: string; leaseTransitions?: number }> {
  return ((await world.hubClient.get<KubeObject>(LEASE)) as KubeObject & { spec: { holderIdentity?: string; leaseTransitions?: number } }).spec;
}

beforeAll(async () => {
  world = await HubWorld.start({
    clusters: CLUSTERS.length,
    files: { 'rollout/fleet.yaml': ROLLOUT_FLEET, 'rollout/settings.yaml': configMap('settings', 'v1'), 'rollout/stable.yaml': configMap('stable', 'same') },
  });
  monitor = new MemberMonitor(world.memberClients);
}, 300_000);

afterAll(async () => {
  await monitor?.stop();
  await world?.stop();
}, 120_000);

describe('hub faults with 20 member clusters', () => {
  it('the hub API server killed with SIGKILL mid-rollout and restarted: the rollout completes, nothing lost, duplicated or pruned', async () => {
    await world.createGitRepo('rollout', { branch: 'main', paths: ['rollout'], pollingInterval: '1s', targets: EVERY_MEMBER });
    const first = await waitRolledOut('rollout', CLUSTERS.length);
    const oldId = first[0]?.spec.deploymentID;
    const bdUids = uidsByName(first);
    const bundleUids = uidsByName(await world.bundles('rollout'));
    await expect.poll(() => memberValues('rollout', 'settings'), WAIT).toEqual(['v1']);
    const memberUids = uidsOf(await appliedConfigMaps(world.memberClients));

    await world.commit({ 'rollout/settings.yaml': configMap('settings', 'v2') });
    const promoted = async () => (await world.deployments('rollout')).filter((bd) => bd.spec.deploymentID !== oldId).map((bd) => bd.metadata.namespace ?? '');
    let promotedBefore: string[] = [];
    await expect.poll(async () => (promotedBefore = await promoted()).length, CATCH).toBeGreaterThanOrEqual(2);
    await world.hub.crash();
    await world.hub.restart();
    // The fault landed mid-rollout (some clusters on the new version, not all), and every
    // promotion the hub had answered before it died is still there: none was lost.
    expect(promotedBefore.length).toBeLessThan(CLUSTERS.length);
    expect(await promoted()).toEqual(expect.arrayContaining(promotedBefore));

    const done = await waitRolledOut('rollout', CLUSTERS.length);
    expect(new Set(done.map((bd) => bd.spec.deploymentID)).has(oldId)).toBe(false);
    await expect.poll(() => memberValues('rollout', 'settings'), WAIT).toEqual(['v2']);
    // No member went back to v1 after it had v2: the rollout never stepped backwards.
    await monitor.caughtUp();
    expect(CLUSTERS.map((c) => monitor.history(`${c}/rollout/settings`)).filter((h) => h.join() !== 'v1,v2')).toEqual([]);
    await expectExactCensus('rollout', ['rollout-rollout']);
    expectSameUids(bdUids, uidsByName(done));
    expectSameUids(bundleUids, uidsByName(await world.bundles('rollout')));
    expectSameUids(memberUids, uidsOf(await appliedConfigMaps(world.memberClients)));
    expect(monitor.violations).toEqual([]);
  }, 600_000);

  it('the controller killed with SIGKILL while writing a large GitRepo’s BundleDeployments and restarted: all written once, nothing deleted', async () => {
    const files = Object.fromEntries(LARGE_PATHS.flatMap((p, i) => [[`${p}/fleet.yaml`, LARGE_FLEET], [`${p}/cm.yaml`, configMap(`large-${i + 1}`, 'one')]]));
    await world.commit(files);
    const memberUids = uidsOf(await appliedConfigMaps(world.memberClients));
    const rolloutUids = uidsByName(await world.deployments('rollout'));
    const controller = world.replicas[0] as ControllerReplica;
    const total = LARGE_PATHS.length * CLUSTERS.length;

    await world.createGitRepo('large', { branch: 'main', paths: ['large/*'], pollingInterval: '1s', targets: EVERY_MEMBER });
    await expect.poll(async () => (await world.deployments('large')).length, CATCH).toBeGreaterThan(0);
    await controller.crash();
    const writtenAtKill = await world.deployments('large');
    expect(writtenAtKill.length).toBeLessThan(total);

    await world.startController(controller.identity);
    const done = await waitRolledOut('large', total);
    await expectExactCensus('large', LARGE_PATHS.map((p) => `large-${p.replace('/', '-')}`));
    expectSameUids(uidsByName(writtenAtKill), uidsByName(done));
    expectSameUids(rolloutUids, uidsByName(await world.deployments('rollout')));
    await expect.poll(async () => (await appliedConfigMaps(world.memberClients)).size, WAIT).toBe(memberUids.size + total);
    expectSameUids(memberUids, uidsOf(await appliedConfigMaps(world.memberClients)));
    expect(monitor.violations).toEqual([]);
  }, 600_000);

  it('two controllers started at once: exactly one leads and writes; killed, the other takes over and finishes the next push', async () => {
    await (world.replicas.at(-1) as ControllerReplica).stop();
    const [b, c] = await Promise.all([world.startController('controller-b'), world.startController('controller-c')]);
    await expect.poll(async () => (await lease()).holderIdentity, WAIT).toMatch(/^controller-[bc]$/);
    const leaderId = (await lease()).holderIdentity;
    const [leader, standby] = leaderId === b.identity ? [b, c] : [c, b];
    // The standby has seen the Lease held by the other, and waits.
    await expect.poll(() => standby.process.output().includes('new leader observed'), WAIT).toBe(true);
    const transitions = (await lease()).leaseTransitions;
    const bdUids = uidsByName([...(await world.deployments('rollout')), ...(await world.deployments('large'))]);
    const memberUids = uidsOf(await appliedConfigMaps(world.memberClients));

    await world.commit({ 'rollout/settings.yaml': configMap('settings', 'v3') });
    await expect.poll(() => memberValues('rollout', 'settings'), WAIT).toEqual(['v3']);
    await waitRolledOut('rollout', CLUSTERS.length);
    expect(await lease()).toMatchObject({ holderIdentity: leader.identity, leaseTransitions: transitions });
    expect(leader.hasLed()).toBe(true);
    expect(standby.hasLed()).toBe(false);
    expect(await standby.reconciles()).toBe(0);
    expect(await leader.reconciles()).toBeGreaterThan(0);

    await leader.crash();
    await world.commit({ 'rollout/settings.yaml': configMap('settings', 'v4') });
    await expect.poll(() => standby.hasLed(), WAIT).toBe(true);
    await expect.poll(() => memberValues('rollout', 'settings'), WAIT).toEqual(['v4']);
    await waitRolledOut('rollout', CLUSTERS.length);
    expect(await lease()).toMatchObject({ holderIdentity: standby.identity, leaseTransitions: (transitions ?? 0) + 1 });
    expect(await standby.reconciles()).toBeGreaterThan(0);
    await expectExactCensus('rollout', ['rollout-rollout']);
    await expectExactCensus('large', LARGE_PATHS.map((p) => `large-${p.replace('/', '-')}`));
    expectSameUids(bdUids, uidsByName([...(await world.deployments('rollout')), ...(await world.deployments('large'))]));
    expectSameUids(memberUids, uidsOf(await appliedConfigMaps(world.memberClients)));
    expect(monitor.violations).toEqual([]);
  }, 600_000);
});
