import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Cluster } from '../../api/cluster.js';
import type { ClusterRegistration } from '../../api/cluster-registration.js';
import { API_VERSION } from '../../api/group.js';
import { systemClock } from '../../kube/clock.js';
import { Informer } from '../../kube/informer.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { RegistrationController } from './registration-controller.js';

const clock = systemClock();
const logger = pino({ level: 'silent' });
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe('registration cache', () => {
  it.each([
    { name: 'a cached ClusterRegistration keeps its spec and identity without the field owners the hub recorded', clientID: 'member-a' },
  ])('$name', async ({ clientID }) => {
    const { client } = hub;
    const name = `reg-${clientID}`;
    const registration: ClusterRegistration = { apiVersion: API_VERSION, kind: 'ClusterRegistration', metadata: { name, namespace: 'fleet-default' }, spec: { clientID, clusterLabels: { env: 'test' } } };
    await client.apply(registration, { fieldManager: 'flotilla-agent', force: true });
    const stored = await client.get<ClusterRegistration>({ apiVersion: API_VERSION, kind: 'ClusterRegistration', namespace: 'fleet-default', name });
    expect(stored.metadata.managedFields?.length).toBeGreaterThan(0);

    const clusters = new Informer<Cluster>({ client, clock, logger, apiVersion: API_VERSION, kind: 'Cluster' });
    const controller = new RegistrationController({ client, clock, logger, clusters, hub: { server: 'https://127.0.0.1:1' } });
    const abort = new AbortController();
    controller.informer.start(abort.signal);
    try {
      await controller.informer.waitForSync();
      const cached = controller.informer.cache.get(`fleet-default/${name}`);
      expect(cached?.metadata.managedFields).toBeUndefined();
      expect(cached?.metadata.uid).toBe(stored.metadata.uid);
      expect(cached?.spec).toEqual({ clientID, clusterLabels: { env: 'test' } });
    } finally {
      abort.abort();
      await controller.informer.stop();
    }
  });
});
