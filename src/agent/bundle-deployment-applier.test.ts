/**
 * What the applier takes as already applied, against a real embedded API server as the
 * member: the status alone is not trusted, the inventory on the member must agree. Found by
 * the churn fault case (seed 11): a managed namespace's Content went A (with a quota), B
 * (without it: the quota pruned), A again, and B's status write was lost, so the hub still
 * said A was applied and the agent only checked the missing quota instead of re-creating it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDeployment, BundleDeploymentStatus } from '../api/bundle-deployment.js';
import type { KubeObject } from '../api/meta.js';
import { isNotFound } from '../kube/api-error.js';
import { ObjectClient } from '../kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { BundleDeploymentApplier } from './bundle-deployment-applier.js';

const HUB = 'hub-a';
let server: TestApiServer;
let client: ObjectClient;

beforeAll(async () => {
  server = await startTestApiServer();
  await server.server.createCluster('m1');
  client = await ObjectClient.create(server.kubeConfig('m1'));
}, 60_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

function bd(name: string, deploymentID: string, status?: BundleDeploymentStatus): BundleDeployment {
  return { apiVersion: 'flotilla.io/v1alpha1', kind: 'BundleDeployment', metadata: { name, namespace: 'cluster-x', generation: 1 }, spec: { deploymentID }, ...(status ? { status } : {}) };
}

const configMap = (ns: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { key: name } });
const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

async function exists(ns: string, name: string): Promise<boolean> {
  try {
    await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name });
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

interface Case {
  name: string;
  /** The status the hub shows when Content A comes back, after B was applied on the member. */
  statusSeen: (afterA: BundleDeploymentStatus, afterB: BundleDeploymentStatus) => BundleDeploymentStatus;
}

const cases: Case[] = [
  { name: 'a deploymentID that comes back after another pruned its objects, with that other status write lost, is applied again', statusSeen: (afterA) => afterA },
  { name: 'a deploymentID that comes back after another pruned its objects, with the status written, is applied again', statusSeen: (_a, afterB) => afterB },
];

describe('BundleDeploymentApplier: what counts as applied', () => {
  it.each(cases)('$name', async ({ name, statusSeen }) => {
    const app = `app-${cases.findIndex((c) => c.name === name)}`;
    const contentA = [namespace(app), configMap(app, 'main'), configMap(app, 'quota')];
    const contentB = [namespace(app), configMap(app, 'main')];
    const applier = new BundleDeploymentApplier({ client, hub: HUB });
    const afterA = await applier.deploy({ bundleDeployment: bd(app, 's-a:1'), manifests: contentA });
    expect(afterA.appliedDeploymentID).toBe('s-a:1');
    const afterB = await applier.deploy({ bundleDeployment: bd(app, 's-b:1', afterA), manifests: contentB });
    expect(afterB.appliedDeploymentID).toBe('s-b:1');
    expect(await exists(app, 'quota')).toBe(false);
    const again = await applier.deploy({ bundleDeployment: bd(app, 's-a:1', statusSeen(afterA, afterB)), manifests: contentA });
    expect(await exists(app, 'quota')).toBe(true);
    expect(again.appliedDeploymentID).toBe('s-a:1');
    expect(again.ready).toBe(true);
  });

  it('an applied deploymentID the inventory agrees with is only checked, not written again', async () => {
    const content = [namespace('steady'), configMap('steady', 'main')];
    const applier = new BundleDeploymentApplier({ client, hub: HUB });
    const first = await applier.deploy({ bundleDeployment: bd('steady', 's-s:1'), manifests: content });
    const before = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'steady', name: 'main' });
    expect(await applier.isApplied(bd('steady', 's-s:1', first))).toBe(true);
    await applier.deploy({ bundleDeployment: bd('steady', 's-s:1', first), manifests: content });
    const after = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'steady', name: 'main' });
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});

interface CostCase {
  name: string;
  /** The member requests (by `<verb> <resource>`) the deploy may send at most. */
  atMost: Record<string, number>;
}

const costCases: CostCase[] = [
  { name: 'a first deploy lists no inventories, since it drops nothing another bundle could hold', atMost: { 'list configmaps': 0 } },
  { name: 'a first deploy reads only the inventory: not an object its inventory does not list before applying it, nor again to check it', atMost: { 'get configmaps': 1 } },
  { name: 'a deploy after another one does not apply the system namespace again before each inventory write', atMost: { 'patch namespaces': 0 } },
];

describe('BundleDeploymentApplier: what a deploy costs the member', () => {
  it.each(costCases)('$name', async ({ name, atMost }) => {
    const app = `cost-${costCases.findIndex((c) => c.name === name)}`;
    const applier = new BundleDeploymentApplier({ client, hub: HUB });
    // Another bundle's inventory exists, so a list would have something to find.
    await applier.deploy({ bundleDeployment: bd(`${app}-other`, 's-o:1'), manifests: [configMap('default', `${app}-other`)] });
    const before = server.server.requestMetrics.counts().byResource;
    const status = await applier.deploy({ bundleDeployment: bd(app, 's-c:1'), manifests: [configMap('default', app)] });
    const after = server.server.requestMetrics.counts().byResource;
    expect(status.ready).toBe(true);
    for (const [request, most] of Object.entries(atMost)) expect((after[request] ?? 0) - (before[request] ?? 0), request).toBeLessThanOrEqual(most);
  });
});
