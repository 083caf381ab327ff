/**
 * Registration on the hub, composed: the token, registration, liveness and access-revoking
 * controllers over one shared Cluster informer, started and stopped together. The controller
 * process calls this beside its other controllers; tests start it on its own against a test
 * hub.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { Cluster } from '../../api/cluster.js';
import { API_VERSION } from '../../api/group.js';
import { systemClock, type Clock } from '../../kube/clock.js';
import type { DurationLike } from '../../kube/duration.js';
import { Informer, withoutManagedFields } from '../../kube/informer.js';
import { ObjectClient } from '../../kube/object-client.js';
import { AccessRevoker } from './access-revoker.js';
import { CLIENT_ID_INDEX, clientIdIndex } from './client-id-index.js';
import { LivenessMonitor } from './liveness-monitor.js';
import { RegistrationController } from './registration-controller.js';
import type { HubEndpoint } from './registration-result.js';
import { TokenController } from './token-controller.js';

export interface RegistrationOptions {
  kubeConfig: KubeConfig;
  logger: Logger;
  clock?: Clock;
  /** The hub URL and CA written into agents' kubeconfigs; default the kubeConfig's own. */
  hub?: HubEndpoint;
  /** Silence after which a Cluster's agent counts as lost; default 1 minute. */
  livenessGrace?: DurationLike;
}

export interface RunningRegistration {
  readonly tokens: TokenController;
  readonly registrations: RegistrationController;
  stop(): Promise<void>;
}

/** The server URL and CA of the kubeConfig's current cluster. */
export function hubEndpointOf(kubeConfig: KubeConfig): HubEndpoint {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the hub kubeconfig has no current cluster');
  const caPem = cluster.caData ? Buffer.from(cluster.caData, 'base64').toString('utf8') : undefined;
  return { server: cluster.server, ...(caPem ? { caPem } : {}) };
}

export async function startRegistration(options: RegistrationOptions): Promise<RunningRegistration> {
  const clock = options.clock ?? systemClock();
  const logger = options.logger.child({ component: 'registration' });
  const client = await ObjectClient.create(options.kubeConfig);
  const lifetime = new AbortController();
  const clusters = new Informer<Cluster>({ client, clock, logger, apiVersion: API_VERSION, kind: 'Cluster', indexers: { [CLIENT_ID_INDEX]: clientIdIndex<Cluster>() }, transform: withoutManagedFields });
  const tokens = new TokenController({ client, clock, logger });
  const registrations = new RegistrationController({ client, clock, logger, clusters, hub: options.hub ?? hubEndpointOf(options.kubeConfig) });
  const liveness = new LivenessMonitor({ client, clock, logger, clusters, ...(options.livenessGrace ? { grace: options.livenessGrace } : {}) });
  const revoker = new AccessRevoker({ client, clock, logger, clusters });
  try {
    clusters.start(lifetime.signal);
    await Promise.all([tokens.start(lifetime.signal), registrations.start(lifetime.signal)]);
    liveness.start(lifetime.signal);
    await revoker.start(lifetime.signal);
  } catch (err) {
    lifetime.abort();
    await Promise.allSettled([tokens.stop(), registrations.stop(), liveness.stop(), revoker.stop(), clusters.stop()]);
    client.close();
    throw err;
  }
  return {
    tokens,
    registrations,
    async stop() {
      lifetime.abort();
      await Promise.all([tokens.stop(), registrations.stop(), liveness.stop(), revoker.stop()]);
      await clusters.stop();
      client.close();
    },
  };
}
