/**
 * Agents of one process connected with one ConnectionPools (as `flotilla agent --simulate`
 * connects them), against a real hub and a real member API server serving two logical
 * clusters: both agents run on shared hub and member connection pools (each agent used to
 * keep pools and TLS connections of its own, about 100 KiB per connection), each still
 * registers as its own Cluster with its own credential, and stopping the last agent closes
 * the pools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kube/clock.js';
import { ConnectionPools } from '../../kube/connection-pools.js';
import { Duration } from '../../kube/duration.js';
import { startAgentWorld, type AgentWorld } from '../../../test/faults/support/agent-world.js';
import { startTestApiServer, type TestApiServer } from '../../../test/support/api-server.js';
import { connectAgent, type ConnectedAgent } from './connect-agent.js';

let world: AgentWorld;
let memberApi: TestApiServer;

beforeAll(async () => {
  world = await startAgentWorld();
  memberApi = await startTestApiServer();
  for (const cluster of ['m1', 'm2']) await memberApi.server.createCluster(cluster);
}, 90_000);

afterAll(async () => {
  await world?.stop();
  await memberApi?.stop();
});

function connect(cluster: string, connections: ConnectionPools | undefined): Promise<ConnectedAgent> {
  return connectAgent({
    memberKubeConfig: memberApi.kubeConfig(cluster),
    hubServer: world.hubUrl,
    hubCaPem: world.hubCaPem,
    token: world.token,
    clusterName: `pooled-${cluster}`,
    version: 'test',
    clock: systemClock(),
    logger: world.logger,
    heartbeatInterval: Duration.seconds(1),
    registrationTimeout: Duration.seconds(30),
    ...(connections ? { connections } : {}),
  });
}

describe('connectAgent with connections shared by the agents of a process', () => {
  it('two agents run on one hub pool and one member pool, each as its own Cluster, and the last stop closes them', async () => {
    const connections = new ConnectionPools();
    const agents = [await connect('m1', connections), await connect('m2', connections)];
    try {
      expect(agents.map((a) => a.credential.clusterName).sort()).toEqual(['pooled-m1', 'pooled-m2']);
      expect(new Set(agents.map((a) => a.credential.token)).size).toBe(2);
      // One pool for the hub, one for the member server both logical clusters live on.
      expect(connections.size).toBe(2);
      await agents[0]?.stop();
      expect(connections.size).toBe(2);
    } finally {
      for (const a of agents) await a.stop();
    }
    expect(connections.size).toBe(0);
  }, 120_000);
});
