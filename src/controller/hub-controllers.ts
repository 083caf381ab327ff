/**
 * Every controller a hub needs for the whole pipeline, started in this process against any
 * hub kubeconfig (the embedded hub of `up` and `demo`, and `flotilla controller` while it
 * leads): `startController` (GitRepos into Bundles, Contents, bootstrap, webhook), the
 * targeting and status controllers (Bundles into BundleDeployments, status upward),
 * registration (tokens into agent credentials) and managed namespaces. Stopped in the
 * reverse order, so nothing writes to a hub that is going away.
 *
 * Why they are composed here: `startController` starts only the GitRepo side so far. When
 * it starts one of the others itself, remove that one here — two of the same controller
 * against one hub would fight over the same objects.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { ControllerMetrics } from './controller-metrics.js';
import { bootstrapHub } from './bootstrap/index.js';
import { startController, type RunningController } from './controller.js';
import { ManagedNamespaceController } from './managed-namespace/index.js';
import { startRegistration, type RunningRegistration } from './registration/index.js';
import { startTargeting, type RunningTargeting } from './targeting/index.js';
import { Duration as GitDuration } from '../git/index.js';
import { systemClock } from '../kube/clock.js';
import { ObjectClient } from '../kube/object-client.js';

export interface HubControllersOptions {
  kubeConfig: KubeConfig;
  logger: Logger;
  /** The git cache; the caller owns the directory. */
  cacheDir: string;
  /** Polling interval for GitRepos that set none; default the controller's. */
  defaultPollingInterval?: GitDuration;
  /** `host:port` of the git webhook endpoint; default 127.0.0.1:0. */
  webhookAddress?: string;
  /** Where the controllers report reconciles, queue depth and git polls (`flotilla controller --metrics-addr`). */
  metrics?: ControllerMetrics;
}

export interface HubControllers {
  readonly controller: RunningController;
  stop(): Promise<void>;
}

export async function startHubControllers(options: HubControllersOptions): Promise<HubControllers> {
  const { kubeConfig, logger } = options;
  const clock = systemClock();
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const client = await ObjectClient.create(kubeConfig);
    stops.push(async () => client.close());
    // The kinds first, so the targeting caches can list them; startController's own bootstrap then finds them there.
    await bootstrapHub({ client, clock, logger: logger.child({ component: 'controller' }) });
    const targeting: RunningTargeting = await startTargeting({ client, clock, logger: logger.child({ component: 'targeting' }), ...(options.metrics ? { metrics: options.metrics } : {}) });
    stops.push(() => targeting.stop());
    // Reads the targeting controller's caches, so each BundleDeployment, Bundle and Cluster is cached and decoded once.
    const { caches } = targeting;
    const controller: RunningController = await startController({
      kubeConfig,
      logger: logger.child({ component: 'controller' }),
      cacheDir: options.cacheDir,
      contentReferences: { bundles: caches.bundles, bundleDeployments: caches.deployments },
      ...(options.defaultPollingInterval ? { defaultPollingInterval: options.defaultPollingInterval } : {}),
      ...(options.webhookAddress ? { webhookAddress: options.webhookAddress } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
    stops.push(() => controller.stop());
    const registration: RunningRegistration = await startRegistration({ kubeConfig, logger, clock });
    stops.push(() => registration.stop());
    const shared = { bundles: caches.bundles, bundleDeployments: caches.deployments, clusters: caches.clusters, restrictions: caches.restrictions };
    const managedNamespaces = new ManagedNamespaceController({ client, clock, logger: logger.child({ component: 'managed-namespace' }), shared });
    stops.push(() => managedNamespaces.stop());
    await managedNamespaces.start();
    return { controller, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
