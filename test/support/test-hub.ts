/**
 * A real embedded hub for a test: the API server (test/support/api-server.ts), an admin
 * ObjectClient, and the Flotilla CRDs, namespaces and workspaces bootstrapped as the
 * controller does at start. `stop()` closes the client and removes the server.
 */
import { pino } from 'pino';
import { bootstrapHub } from '../../src/controller/bootstrap/index.js';
import { systemClock } from '../../src/kube/clock.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from './api-server.js';

export interface TestHub {
  api: TestApiServer;
  client: ObjectClient;
  stop(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const api = await startTestApiServer();
  const client = await ObjectClient.create(api.kubeConfig());
  await bootstrapHub({ client, clock: systemClock(), logger: pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' }) });
  return {
    api,
    client,
    async stop() {
      client.close();
      await api.stop();
    },
  };
}

/** The names of every Content on the hub, sorted. */
export async function contentNames(client: ObjectClient): Promise<string[]> {
  const list = await client.listAll({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content' });
  return list.items.map((c) => c.metadata.name ?? '').sort();
}
