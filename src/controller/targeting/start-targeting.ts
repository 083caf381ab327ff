/**
 * Starts the targeting controller and the status controller on one set of shared caches,
 * for the controller process (controller.ts) and for tests that run them in-process.
 */
import type { Logger } from 'pino';
import type { KustomizeRunner } from '../../bundle/index.js';
import type { Clock } from '../../kube/clock.js';
import type { Duration } from '../../kube/duration.js';
import type { ObjectClient } from '../../kube/object-client.js';
import type { ControllerMetrics } from '../controller-metrics.js';
import { StatusController } from '../status/status-controller.js';
import { HubCaches } from './hub-caches.js';
import { TargetingController } from './targeting-controller.js';

export interface StartTargetingOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Bundles reconciled at once; default 16. */
  concurrency?: number;
  /** BundleDeployment writes in flight per Bundle; default 32. */
  writeConcurrency?: number;
  kustomizeRunner?: KustomizeRunner;
  /** Where the Bundle loop reports reconciles and its queue depth; default nowhere. */
  metrics?: ControllerMetrics;
  /** How long a per-option Content written once is trusted to exist; default 30 s. */
  contentRefresh?: Duration;
}

export interface RunningTargeting {
  readonly caches: HubCaches;
  readonly targeting: TargetingController;
  readonly status: StatusController;
  stop(): Promise<void>;
}

export async function startTargeting(options: StartTargetingOptions): Promise<RunningTargeting> {
  const { client, clock, logger, signal } = options;
  const caches = new HubCaches({ client, clock, logger });
  const targeting = new TargetingController({
    client,
    clock,
    logger,
    caches,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.writeConcurrency ? { writeConcurrency: options.writeConcurrency } : {}),
    ...(options.kustomizeRunner ? { kustomizeRunner: options.kustomizeRunner } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.contentRefresh ? { contentRefresh: options.contentRefresh } : {}),
  });
  const status = new StatusController({ client, clock, logger, caches });
  try {
    await caches.start(signal);
    await targeting.start(signal);
    status.start(signal);
  } catch (err) {
    await caches.stop();
    throw err;
  }
  return {
    caches,
    targeting,
    status,
    async stop() {
      await Promise.all([targeting.stop(), status.stop()]);
      await caches.stop();
    },
  };
}
