/**
 * The agent's applier against a real embedded API server acting as a member cluster (a
 * logical cluster): apply, update, prune, drift on owned fields only, correctDrift, missing
 * objects, and a restart that writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { BundleDeploymentApplier, InventoryStore } from '../../../src/agent/index.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

const HUB = 'hub-a';
let server: TestApiServer;
let client: ObjectClient;

beforeAll(async () => {
  server = await startTestApiServer();
  await server.server.createCluster('m1');
  client = await ObjectClient.create(server.kubeConfig('m1'));
});

afterAll(async () => {
  client?.close();
  await server?.stop();
});

function bd(name: string, deploymentID: string, extra: Partial<BundleDeployment['spec']> = {}, status?: BundleDeployment['status']): BundleDeployment {
  return { apiVersion: 'flotilla.io/v1alpha1', kind: 'BundleDeployment', metadata: { name, namespace: 'cluster-x', generation: 1 }, spec: { deploymentID, ...extra }, status };
}

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const configMap = (ns: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, ...(labels ? { labels } : {}) }, data });
const deployment = (ns: string, name: string, image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } } },
});

async function live(apiVersion: string, kind: string, ns: string | undefined, name: string): Promise<KubeObject | undefined> {
  try {
    return await client.get({ apiVersion, kind, namespace: ns, name });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Plays the deployment controller: reports the Deployment rolled out. */
async function markRolledOut(ns: string, name: string): Promise<void> {
  const d = (await live('apps/v1', 'Deployment', ns, name))!;
  await client.updateStatus({ ...d, status: { observedGeneration: d.metadata.generation, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 } });
}

describe('BundleDeploymentApplier on a member cluster', () => {
  const v1 = [namespace('app'), configMap('app', 'cfg', { key: 'one' }), deployment('app', 'web', 'nginx:1')];
  const applier = () => new BundleDeploymentApplier({ client, hub: HUB });

  it('applies a Namespace, a ConfigMap and a Deployment and reports them applied, waiting for the rollout', async () => {
    const status = await applier().deploy({ bundleDeployment: bd('app', 's-1:a'), manifests: v1 });
    expect(status.appliedDeploymentID).toBe('s-1:a');
    expect(status.conditions?.find((c) => c.type === 'Installed')?.status).toBe('True');
    expect(status.ready).toBe(false);
    expect(status.conditions?.find((c) => c.type === 'Ready')?.message).toContain('Deployment app/web');
    expect(status.nonModified).toBe(true);
    const cm = await live('v1', 'ConfigMap', 'app', 'cfg');
    expect(cm?.data).toEqual({ key: 'one' });
    expect(cm?.metadata.labels?.['flotilla.io/managed-by']).toBe(HUB);
    const inventory = await new InventoryStore(client, HUB).read('cluster-x/app');
    expect(inventory?.entries.map((e) => `${e.kind}/${e.name}`)).toEqual(['Namespace/app', 'ConfigMap/cfg', 'Deployment/web']);
    await markRolledOut('app', 'web');
    const again = await applier().check({ bundleDeployment: bd('app', 's-1:a', {}, status), manifests: v1 });
    expect(again.ready).toBe(true);
    expect(again.display?.state).toBe('Ready');
  });

  it('re-deploying an unchanged Content from a new agent writes nothing', async () => {
    const before = await live('v1', 'ConfigMap', 'app', 'cfg');
    const status = await applier().deploy({ bundleDeployment: bd('app', 's-1:a'), manifests: v1 });
    expect(status.appliedDeploymentID).toBe('s-1:a');
    expect((await live('v1', 'ConfigMap', 'app', 'cfg'))?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });

  it('a changed Content updates objects, prunes the dropped ConfigMap and never prunes the Namespace', async () => {
    const v2 = [deployment('app', 'web', 'nginx:2'), configMap('app', 'other', { a: 'b' })];
    const status = await applier().deploy({ bundleDeployment: bd('app', 's-2:a', {}, { appliedDeploymentID: 's-1:a' }), manifests: v2 });
    expect(status.appliedDeploymentID).toBe('s-2:a');
    const web = await live('apps/v1', 'Deployment', 'app', 'web');
    expect((web?.spec as any).template.spec.containers[0].image).toBe('nginx:2');
    expect(await live('v1', 'ConfigMap', 'app', 'cfg')).toBeUndefined();
    expect(await live('v1', 'ConfigMap', 'app', 'other')).toBeDefined();
    expect(await live('v1', 'Namespace', undefined, 'app')).toBeDefined();
  });

  describe('drift', () => {
    const manifests = [configMap('drift', 'cfg', { key: 'one' }, { team: 'a' }), deployment('drift', 'web', 'nginx:1')];
    const applied = { appliedDeploymentID: 's-3:a' };
    const cmRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'drift', name: 'cfg' };

    beforeAll(async () => {
      await applier().deploy({ bundleDeployment: bd('drift', 's-3:a'), manifests });
    });

    const cases = [
      {
        name: 'a field the agent applied, changed by hand, is reported modified with its path',
        change: { data: { key: 'changed' } },
        modifiedFields: ['data.key'],
      },
      {
        name: 'a label the agent applied, removed by hand, is reported modified',
        change: { metadata: { labels: { team: null } } },
        modifiedFields: ['metadata.labels.team'],
      },
      {
        name: 'a label another manager added and then changed is not modified',
        change: { metadata: { labels: { extra: 'x' } } },
        modifiedFields: [],
      },
      {
        name: 'a data key another manager added is not modified',
        change: { data: { mine: 'yes' } },
        modifiedFields: [],
      },
    ];

    it.each(cases)('$name', async ({ change, modifiedFields }) => {
      const a = applier();
      await a.deploy({ bundleDeployment: bd('drift', 's-3:a', { correctDrift: { enabled: true } }, applied), manifests });
      await client.patch(cmRef, change, { type: 'merge', fieldManager: 'kubectl-edit' });
      const status = await a.check({ bundleDeployment: bd('drift', 's-3:a', {}, applied), manifests });
      const entry = status.modifiedStatus?.find((m) => m.name === 'cfg');
      expect(entry?.fields ?? []).toEqual(modifiedFields);
      expect(status.nonModified).toBe(modifiedFields.length === 0);
    });

    it('a defaulted or controller-written field of the Deployment changing is not modified', async () => {
      await client.patch({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'drift', name: 'web' }, { spec: { progressDeadlineSeconds: 900, revisionHistoryLimit: 3 } }, { type: 'merge', fieldManager: 'kube-controller-manager' });
      const d = (await live('apps/v1', 'Deployment', 'drift', 'web'))!;
      await client.updateStatus({ ...d, status: { observedGeneration: 1, replicas: 1 } });
      const status = await applier().check({ bundleDeployment: bd('drift', 's-3:a', {}, applied), manifests });
      expect(status.modifiedStatus?.find((m) => m.name === 'web')).toBeUndefined();
    });

    it('diff.comparePatches ignores a listed path', async () => {
      await client.patch(cmRef, { data: { key: 'ignored' } }, { type: 'merge', fieldManager: 'kubectl-edit' });
      const comparePatches = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', jsonPointers: ['/data/key'] }];
      const status = await applier().check({ bundleDeployment: bd('drift', 's-3:a', { options: { diff: { comparePatches } } }, applied), manifests });
      expect(status.modifiedStatus?.find((m) => m.name === 'cfg')).toBeUndefined();
    });

    it('correctDrift restores a changed field and a deleted object', async () => {
      await client.patch(cmRef, { data: { key: 'changed' } }, { type: 'merge', fieldManager: 'kubectl-edit' });
      await client.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'drift', name: 'web' });
      const a = applier();
      const before = await a.check({ bundleDeployment: bd('drift', 's-3:a', {}, applied), manifests });
      expect(before.modifiedStatus?.find((m) => m.name === 'web')?.missing).toBe(true);
      expect(before.conditions?.find((c) => c.type === 'Monitored')?.message).toContain('Deployment drift/web: missing');
      const after = await a.deploy({ bundleDeployment: bd('drift', 's-3:a', { correctDrift: { enabled: true } }, applied), manifests });
      expect(after.nonModified).toBe(true);
      expect((await live('v1', 'ConfigMap', 'drift', 'cfg'))?.data).toEqual({ key: 'one', mine: 'yes' });
      expect(await live('apps/v1', 'Deployment', 'drift', 'web')).toBeDefined();
    });
  });

  it('an object listed by another bundle inventory is not pruned when one bundle drops it', async () => {
    const shared = configMap('shared', 'both', { a: '1' });
    await applier().deploy({ bundleDeployment: bd('one', 's-4:a'), manifests: [shared] });
    await applier().deploy({ bundleDeployment: bd('two', 's-4:a'), manifests: [shared] });
    await applier().deploy({ bundleDeployment: bd('one', 's-5:a', {}, { appliedDeploymentID: 's-4:a' }), manifests: [] });
    expect(await live('v1', 'ConfigMap', 'shared', 'both')).toBeDefined();
  });
});
