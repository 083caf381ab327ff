import { it, expect } from 'vitest';
import { startHub, getObject } from './targeting-harness.js';
it('probe', async () => {
  const hub = await startHub();
  const g = { apiVersion: 'flotilla.io/v1alpha1', kind: 'ClusterGroup', metadata: { name: 'p', namespace: 'fleet-default' }, spec: { selector: { matchLabels: { x: 'y' } } } };
  await hub.client.create(g);
  const w = (s: object) => hub.client.apply({ ...g, spec: undefined, status: s } as any, { fieldManager: 'probe', force: true, subresource: 'status' });
  await w({ nonReadyClusters: ['a', 'b'], clusterCount: 2 });
  console.log(JSON.stringify((await getObject<any>(hub, { kind: 'ClusterGroup', namespace: 'fleet-default', name: 'p' }))?.status));
  await w({ nonReadyClusters: ['b'], clusterCount: 1 });
  console.log(JSON.stringify((await getObject<any>(hub, { kind: 'ClusterGroup', namespace: 'fleet-default', name: 'p' }))?.status));
  await w({ nonReadyClusters: [], clusterCount: 0 });
  const got = await getObject<any>(hub, { kind: 'ClusterGroup', namespace: 'fleet-default', name: 'p' });
  console.log(JSON.stringify(got?.status), JSON.stringify(got?.metadata.managedFields));
  await hub.stop();
  expect(1).toBe(1);
});
