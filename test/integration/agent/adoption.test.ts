/**
 * The adoption matrix for a managed namespace on a real member (a logical cluster of the
 * embedded API server): absent, identical, different and managed by another, under each
 * adoption policy, checking the member's objects afterwards; and both delete policies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { BundleDeploymentApplier } from '../../../src/agent/index.js';
import { renderManagedNamespace, type AdoptionPolicy } from '../../../src/bundle/index.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

const HUB = 'hub-a';
let server: TestApiServer;
let client: ObjectClient;

beforeAll(async () => {
  server = await startTestApiServer();
  await server.server.createCluster('m2');
  client = await ObjectClient.create(server.kubeConfig('m2'));
});

afterAll(async () => {
  client?.close();
  await server?.stop();
});

const bd = (name: string, deploymentID: string, status?: BundleDeployment['status']): BundleDeployment => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'BundleDeployment',
  metadata: { name, namespace: 'cluster-m2' },
  spec: { deploymentID },
  status,
});

async function nsLabels(name: string): Promise<Record<string, string> | undefined> {
  try {
    return (await client.get<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', name })).metadata.labels ?? {};
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

type Existing = 'absent' | 'identical' | 'different' | 'managed by another';
const rows: Array<{ name: string; policy: AdoptionPolicy; existing: Existing; placed: boolean; reason?: string }> = [];
const expectations: Record<Existing, Record<AdoptionPolicy, boolean>> = {
  absent: { Never: true, IfIdentical: true, Always: true },
  identical: { Never: false, IfIdentical: true, Always: true },
  different: { Never: false, IfIdentical: false, Always: true },
  'managed by another': { Never: false, IfIdentical: false, Always: false },
};
for (const [existing, byPolicy] of Object.entries(expectations) as Array<[Existing, Record<AdoptionPolicy, boolean>]>) {
  for (const [policy, placed] of Object.entries(byPolicy) as Array<[AdoptionPolicy, boolean]>) {
    rows.push({ name: `${policy} with the namespace ${existing} ${placed ? 'places it' : 'refuses and changes nothing'}`, policy, existing, placed });
  }
}

async function prepare(name: string, existing: Existing): Promise<void> {
  const labels: Record<string, string> = { team: existing === 'different' ? 'other' : 'blue', extra: 'kept' };
  if (existing === 'managed by another') labels['flotilla.io/managed-namespace'] = 'fleet-default.someone-else';
  if (existing !== 'absent') await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

describe('managed namespace adoption on a member', () => {
  it.each(rows.map((r, i) => ({ ...r, index: i })))('$name', async ({ policy, existing, placed, index }) => {
    const name = `adopt-${index}`;
    await prepare(name, existing);
    const before = await nsLabels(name);
    const manifests = renderManagedNamespace({ name, labels: { team: 'blue' }, adoptionPolicy: policy, resourceQuota: { cpuLimits: '2' } }, { owner: `fleet-default.${name}` });
    const status = await new BundleDeploymentApplier({ client, hub: HUB }).deploy({ bundleDeployment: bd(`mns-${name}`, 's-1:a'), manifests });
    const after = await nsLabels(name);
    if (placed) {
      expect(status.appliedDeploymentID).toBe('s-1:a');
      expect(after?.team).toBe('blue');
      expect(after?.['flotilla.io/managed-namespace']).toBe(`fleet-default.${name}`);
      if (existing !== 'absent') expect(after?.extra).toBe('kept');
    } else {
      expect(status.appliedDeploymentID).toBeUndefined();
      const installed = status.conditions?.find((c) => c.type === 'Installed');
      expect(installed?.status).toBe('False');
      expect(installed?.reason).toBe('AdoptionRefused');
      if (existing === 'managed by another') expect(installed?.message).toContain('fleet-default.someone-else');
      expect(after).toEqual(before);
      await expect(client.get({ apiVersion: 'v1', kind: 'ResourceQuota', namespace: name, name: 'flotilla-resource-quota' })).rejects.toSatisfy(isNotFound);
    }
  });

  const removal = [
    { name: 'Keep leaves the namespace and its quota, removes the managed labels and the role bindings', deletePolicy: 'Keep' as const },
    { name: 'Delete deletes the namespace', deletePolicy: 'Delete' as const },
  ];

  it.each(removal)('$name', async ({ deletePolicy }) => {
    const name = `remove-${deletePolicy.toLowerCase()}`;
    const manifests = renderManagedNamespace(
      { name, labels: { team: 'blue' }, deletePolicy, resourceQuota: { cpuLimits: '2' }, roleAssignments: [{ role: 'Reader', users: ['alice'] }] },
      { owner: `fleet-default.${name}` },
    );
    const applier = new BundleDeploymentApplier({ client, hub: HUB });
    await applier.deploy({ bundleDeployment: bd(`mns-${name}`, 's-1:a'), manifests });
    const binding = manifests.find((m) => m.kind === 'RoleBinding')!;
    await applier.remove(bd(`mns-${name}`, 's-1:a', { appliedDeploymentID: 's-1:a' }));
    const labels = await nsLabels(name);
    if (deletePolicy === 'Keep') {
      expect(labels?.team).toBe('blue');
      expect(labels?.['flotilla.io/managed-namespace']).toBeUndefined();
      expect(await client.get({ apiVersion: 'v1', kind: 'ResourceQuota', namespace: name, name: 'flotilla-resource-quota' })).toBeDefined();
      await expect(client.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespace: name, name: binding.metadata.name! })).rejects.toSatisfy(isNotFound);
    } else {
      const ns = labels === undefined ? undefined : await client.get<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', name });
      expect(ns === undefined || ns.metadata.deletionTimestamp !== undefined).toBe(true);
    }
  });
});
