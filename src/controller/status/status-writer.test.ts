import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../api/cluster.js';
import { API_VERSION } from '../../api/group.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { startTestHub } from '../../../test/support/test-hub.js';
import { writeStatusIfChanged } from './status-writer.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function hubWithCluster(): Promise<{ client: ObjectClient; read: () => Promise<Cluster> }> {
  const hub = await startTestHub();
  cleanups.push(() => hub.stop());
  const { client } = hub;
  const ref = { apiVersion: API_VERSION, kind: 'Cluster', namespace: 'fleet-default', name: 'east' };
  await client.create({ ...ref, metadata: { name: ref.name, namespace: ref.namespace }, spec: {} });
  return { client, read: () => client.get<Cluster>(ref) };
}

const notReady = { ready: 1, desiredReady: 2, nonReadyResources: [{ name: 'fleet-default/app', bundleState: 'WaitApplied' }] };
const allReady = { ready: 2, desiredReady: 2 };

describe('writeStatusIfChanged on a real hub', () => {
  it('removes keys an owned field no longer has, so an unchanged recompute writes nothing', async () => {
    const { client, read } = await hubWithCluster();
    const owned = ['summary', 'conditions'];
    expect(await writeStatusIfChanged(client, { object: await read(), status: { summary: notReady }, owned }, {})).toBe(true);
    expect((await read()).status?.summary).toEqual(notReady);

    expect(await writeStatusIfChanged(client, { object: await read(), status: { summary: allReady }, owned }, {})).toBe(true);
    const after = await read();
    expect(after.status?.summary).toEqual(allReady);
    expect(await writeStatusIfChanged(client, { object: after, status: { summary: allReady }, owned }, {})).toBe(false);
    expect((await read()).metadata.resourceVersion).toBe(after.metadata.resourceVersion);
  });

  it('keeps the keys of a shared struct that another writer set', async () => {
    const { client, read } = await hubWithCluster();
    await writeStatusIfChanged(client, { object: await read(), status: { display: { state: 'Ready' } }, owned: ['display.state'] }, {});
    await writeStatusIfChanged(client, { object: await read(), status: { display: { readyBundles: '2/2' } }, owned: ['display.readyBundles'] }, {});
    expect((await read()).status?.display).toEqual({ state: 'Ready', readyBundles: '2/2' });
  });
});
