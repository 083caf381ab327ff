/**
 * The controller process, composed: bootstrap the hub, then run the GitRepo controller, the
 * Content collector and the webhook endpoint until stopped. Everything is created here from
 * the options (no module-level state), so tests start one in-process against a test hub.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { KustomizeRunner } from '../bundle/index.js';
import type { Duration as GitDuration } from '../git/index.js';
import { systemClock, type Clock } from '../kube/clock.js';
import type { Duration } from '../kube/duration.js';
import { ObjectClient } from '../kube/object-client.js';
import { bootstrapHub } from './bootstrap/index.js';
import { ContentCollector, type ContentReferences } from './content/content-collector.js';
import type { ControllerMetrics } from './controller-metrics.js';
import type { CheckoutLimits } from './gitrepo/read-checkout.js';
import { GitRepoController } from './gitrepo/gitrepo-controller.js';
import { startWebhookServer } from './webhook-server.js';

export interface ControllerOptions {
  kubeConfig: KubeConfig;
  logger: Logger;
  /** Directory for git caches; the caller creates and removes it. */
  cacheDir: string;
  /** `host:port` for the webhook endpoint; default 127.0.0.1:0. */
  webhookAddress?: string;
  clock?: Clock;
  /** Polling interval for GitRepos that set none; default 15 s. */
  defaultPollingInterval?: GitDuration;
  /** Time between Content garbage collections; default 1 minute. */
  contentCollectionInterval?: Duration;
  /** Contents created or referenced again less than this long ago are never collected; default 1 minute. */
  contentGrace?: Duration;
  /** The targeting controller's caches, which spare the Content collector reading every BundleDeployment each run. */
  contentReferences?: ContentReferences;
  limits?: CheckoutLimits;
  kustomizeRunner?: KustomizeRunner;
  /** Where the controllers report reconciles, queue depth and git polls; default nowhere. */
  metrics?: ControllerMetrics;
}

export interface RunningController {
  /** `http://host:port` of the webhook endpoint. */
  readonly webhookUrl: string;
  readonly gitRepos: GitRepoController;
  readonly contents: ContentCollector;
  stop(): Promise<void>;
}

export async function startController(options: ControllerOptions): Promise<RunningController> {
  const clock = options.clock ?? systemClock();
  const { logger } = options;
  const client = await ObjectClient.create(options.kubeConfig);
  const lifetime = new AbortController();
  try {
    await bootstrapHub({ client, clock, logger, signal: lifetime.signal });
    const gitRepos = new GitRepoController({
      client,
      clock,
      logger,
      cacheDir: options.cacheDir,
      ...(options.defaultPollingInterval ? { defaultPollingInterval: options.defaultPollingInterval } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.kustomizeRunner ? { kustomizeRunner: options.kustomizeRunner } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
    const contents = new ContentCollector({
      client,
      clock,
      logger,
      ...(options.contentCollectionInterval ? { interval: options.contentCollectionInterval } : {}),
      ...(options.contentGrace ? { grace: options.contentGrace } : {}),
      ...(options.contentReferences ? { references: options.contentReferences } : {}),
    });
    await gitRepos.start(lifetime.signal);
    contents.start(lifetime.signal);
    const webhook = await startWebhookServer({
      client,
      logger,
      address: options.webhookAddress ?? '127.0.0.1:0',
      targets: () => gitRepos.webhookTargets(),
      trigger: (keys) => gitRepos.trigger(keys),
    });
    logger.info({ webhook: webhook.url }, 'controller started');
    return {
      webhookUrl: webhook.url,
      gitRepos,
      contents,
      async stop() {
        await webhook.stop();
        lifetime.abort();
        await Promise.all([gitRepos.stop(), contents.stop()]);
        client.close();
      },
    };
  } catch (err) {
    lifetime.abort();
    client.close();
    throw err;
  }
}
