/**
 * The inventory store against a real embedded API server as the member: what a write costs
 * the member, and that the system namespace it lives in comes back when it went away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_NAMESPACE } from '../api/names.js';
import { ObjectClient } from '../kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { InventoryStore, type Inventory } from './inventory-store.js';

let server: TestApiServer;

beforeAll(async () => {
  server = await startTestApiServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const inventory = (name: string, deploymentID: string): Inventory => ({ bundleDeployment: `cluster-x/${name}`, entries: [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app', name }], deploymentID });
const namespaceApplies = () => server.server.requestMetrics.counts().byResource['patch namespaces'] ?? 0;

interface Case {
  name: string;
  /** Done between the first and the second write. */
  between: (client: ObjectClient) => Promise<void>;
  /** Applies of the system namespace the second write may send. */
  secondWriteNamespaceApplies: number;
}

const cases: Case[] = [
  { name: 'a second write does not apply the system namespace again', between: async () => {}, secondWriteNamespaceApplies: 0 },
  {
    name: 'a second write after the system namespace was deleted creates it again and records the inventory',
    between: async (client) => {
      await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE });
      await expect.poll(() => client.get({ apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE }).then(() => 'present', () => 'gone'), { timeout: 20_000 }).toBe('gone');
    },
    secondWriteNamespaceApplies: 1,
  },
];

describe('InventoryStore.write', () => {
  it.each(cases)('$name', async ({ name, between, secondWriteNamespaceApplies }) => {
    const cluster = `m${cases.findIndex((c) => c.name === name)}`;
    await server.server.createCluster(cluster);
    const client = await ObjectClient.create(server.kubeConfig(cluster));
    try {
      const store = new InventoryStore(client, 'hub-a');
      await store.write(inventory('one', 'a:1'), undefined);
      await between(client);
      const before = namespaceApplies();
      await store.write(inventory('two', 'b:1'), undefined);
      expect(namespaceApplies() - before).toBeLessThanOrEqual(secondWriteNamespaceApplies);
      expect(await store.read('cluster-x/two')).toEqual(inventory('two', 'b:1'));
    } finally {
      client.close();
    }
  });
});
