/**
 * The agent for the hub's own Cluster `local` (workspace fleet-local), as `flotilla up`
 * runs it. Like Rancher Fleet's local agent, it is installed by the hub rather than
 * registered through a token: it uses the hub's admin credential and the Cluster the
 * bootstrap creates. What it applies goes to the logical cluster `local` of the same
 * embedded server, not to the hub's own objects, so bundles never mix with hub state.
 */
import type { Logger } from 'pino';
import { ClusterAgent } from '../../agent/runtime/index.js';
import { LOCAL_CLUSTER_NAME, WORKSPACE_LOCAL, clusterNamespaceName } from '../../api/names.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { ObjectClient } from '../../kube/object-client.js';
import type { EmbeddedHub } from './embedded-hub.js';

export interface LocalAgent {
  stop(): Promise<void>;
}

export async function startLocalAgent(options: { hub: EmbeddedHub; version: string; clock: Clock; logger: Logger }): Promise<LocalAgent> {
  const { hub } = options;
  const hubClient = await ObjectClient.create(hub.kubeConfig());
  const member = await ObjectClient.create(hub.kubeConfig(LOCAL_CLUSTER_NAME));
  const agent = new ClusterAgent({
    hub: hubClient,
    member,
    workspace: WORKSPACE_LOCAL,
    clusterName: LOCAL_CLUSTER_NAME,
    clusterNamespace: clusterNamespaceName(WORKSPACE_LOCAL, LOCAL_CLUSTER_NAME),
    version: options.version,
    clock: options.clock,
    logger: options.logger.child({ component: 'agent', cluster: LOCAL_CLUSTER_NAME }),
    heartbeatInterval: Duration.seconds(15),
  });
  try {
    await agent.start();
  } catch (err) {
    hubClient.close();
    member.close();
    throw err;
  }
  return {
    async stop() {
      await agent.stop();
      hubClient.close();
      member.close();
    },
  };
}
