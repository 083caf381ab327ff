/**
 * The `flotilla controller` process around the controllers (every hub controller, composed
 * by startHubControllers): Lease-based leader election so
 * that of several replicas only the leader reconciles (it starts the controllers when it
 * wins and stops them when it loses or shuts down, releasing the Lease so a standby takes
 * over at once), the operations endpoint with metrics, health and readiness, and the hub
 * caches the Bundle and heartbeat gauges read (the leader's gauges; a standby's stay empty
 * until it first leads). `stop()` is the graceful shutdown.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { Cluster } from '../../api/cluster.js';
import { API_VERSION } from '../../api/group.js';
import { SYSTEM_NAMESPACE } from '../../api/well-known.js';
import type { RunningController } from '../../controller/controller.js';
import type { Duration as GitDuration } from '../../git/index.js';
import { isAlreadyExists } from '../../kube/api-error.js';
import { systemClock, type Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { Informer } from '../../kube/informer.js';
import { LeaderElector } from '../../kube/leader-election.js';
import { ObjectClient } from '../../kube/object-client.js';
import { startHubControllers, type HubControllers } from '../../controller/hub-controllers.js';
import { gaugeBundle, gaugeCluster } from './controller-hub-gauges.js';
import { PrometheusControllerMetrics } from './controller-metrics.js';
import { startOpsServer, type OpsServer, type Readiness } from './controller-ops-server.js';

/** The Lease the controller replicas compete for. */
export const CONTROLLER_LEASE = Object.freeze({ namespace: SYSTEM_NAMESPACE, name: 'flotilla-controller' });

export interface LeaderElectionSettings {
  /** False runs the controllers at once, for a single replica that needs no Lease. */
  enabled: boolean;
  /** This replica, unique among them; default hostname and a random suffix. */
  identity?: string;
  leaseDuration?: Duration;
  renewDeadline?: Duration;
  retryPeriod?: Duration;
}

export interface ControllerProcessOptions {
  kubeConfig: KubeConfig;
  logger: Logger;
  /** Directory for git caches; the caller creates and removes it. */
  cacheDir: string;
  /** `host:port` of the git webhook endpoint; default 127.0.0.1:0. */
  webhookAddress?: string;
  /** Polling interval for GitRepos that set none; default 15 s. */
  defaultPollingInterval?: GitDuration;
  /** `host:port` of /metrics, /healthz and /readyz; none when undefined. */
  metricsAddress?: string;
  leaderElection: LeaderElectionSettings;
  clock?: Clock;
  /** Called each time this replica starts the controllers (on winning the Lease). */
  onStarted?: (running: RunningController) => void;
}

export interface ControllerProcess {
  readonly identity: string;
  /** `http://host:port` of the operations endpoint, when one was asked for. */
  readonly opsUrl: string | undefined;
  readonly metrics: PrometheusControllerMetrics;
  /** The running controllers while this replica leads. */
  readonly running: RunningController | undefined;
  isLeader(): boolean;
  readiness(): Readiness;
  stop(): Promise<void>;
}

export function defaultIdentity(): string {
  return `${hostname()}-${randomBytes(4).toString('hex')}`;
}

/** The Lease lives in flotilla-system, which a fresh hub lacks until the leader bootstraps it. */
async function ensureSystemNamespace(client: ObjectClient): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM_NAMESPACE } }).catch((err: unknown) => {
    if (!isAlreadyExists(err)) throw err;
  });
}

const START_RETRY = Duration.seconds(5);

/** Starts and stops the controllers as leadership comes and goes, one transition at a time. */
class ControllerRunner {
  private hub: HubControllers | undefined;
  private transitions: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: ControllerProcessOptions,
    private readonly metrics: PrometheusControllerMetrics,
    private readonly clock: Clock,
  ) {}

  /** Runs the controllers until `signal` aborts; a failed start (hub away) is retried while leading. */
  lead(signal: AbortSignal): void {
    this.transitions = this.transitions.then(() => this.startWhileLeading(signal));
    signal.addEventListener('abort', () => void (this.transitions = this.transitions.then(() => this.stopRunning())), { once: true });
  }

  private async startWhileLeading(signal: AbortSignal): Promise<void> {
    const { logger } = this.options;
    while (!signal.aborted && !this.hub) {
      try {
        const { kubeConfig, cacheDir, webhookAddress, defaultPollingInterval } = this.options;
        this.hub = await startHubControllers({ kubeConfig, logger, cacheDir, metrics: this.metrics, ...(webhookAddress ? { webhookAddress } : {}), ...(defaultPollingInterval ? { defaultPollingInterval } : {}) });
        this.metrics.setLeader(true);
        logger.info({ webhook: this.hub.controller.webhookUrl }, 'leading: controllers running');
        this.options.onStarted?.(this.hub.controller);
      } catch (err) {
        logger.error({ err, retryIn: START_RETRY.toString() }, 'could not start the controllers; retrying');
        await this.clock.sleep(START_RETRY, signal).catch(() => undefined);
      }
    }
  }

  /** The GitRepo controller and webhook endpoint while leading. */
  get running(): RunningController | undefined {
    return this.hub?.controller;
  }

  private async stopRunning(): Promise<void> {
    const hub = this.hub;
    this.hub = undefined;
    this.metrics.setLeader(false);
    if (hub) {
      await hub.stop();
      this.options.logger.info('controllers stopped');
    }
  }

  /** Waits for pending transitions, then stops the controllers if they still run. */
  async stop(): Promise<void> {
    await this.transitions;
    await this.stopRunning();
  }
}

/**
 * The Bundles and Clusters the gauges read, each cached as only the fields the gauges use
 * (gaugeBundle, gaugeCluster). Started when this replica first leads: by then
 * the leader's bootstrap has installed the CRDs, so the caches do not fail against a fresh hub.
 */
class GaugeCaches {
  readonly bundles: Informer<Bundle>;
  readonly clusters: Informer<Cluster>;
  private started = false;

  constructor(client: ObjectClient, clock: Clock, logger: Logger) {
    const child = logger.child({ component: 'metrics-cache' });
    this.bundles = new Informer<Bundle>({ client, apiVersion: API_VERSION, kind: 'Bundle', clock, logger: child, transform: gaugeBundle });
    this.clusters = new Informer<Cluster>({ client, apiVersion: API_VERSION, kind: 'Cluster', clock, logger: child, transform: gaugeCluster });
  }

  startOnce(): void {
    if (this.started) return;
    this.started = true;
    this.bundles.start();
    this.clusters.start();
  }

  async stop(): Promise<void> {
    if (this.started) await Promise.all([this.bundles.stop(), this.clusters.stop()]);
  }
}

function startElector(options: ControllerProcessOptions, client: ObjectClient, identity: string, runner: ControllerRunner, clock: Clock): LeaderElector {
  const { leaderElection: le, logger } = options;
  const elector = new LeaderElector({
    client,
    ...CONTROLLER_LEASE,
    identity,
    clock,
    logger,
    ...(le.leaseDuration ? { leaseDuration: le.leaseDuration } : {}),
    ...(le.renewDeadline ? { renewDeadline: le.renewDeadline } : {}),
    ...(le.retryPeriod ? { retryPeriod: le.retryPeriod } : {}),
    onStartedLeading: (signal) => runner.lead(signal),
  });
  elector.start();
  return elector;
}

export async function startControllerProcess(options: ControllerProcessOptions): Promise<ControllerProcess> {
  const clock = options.clock ?? systemClock();
  const identity = options.leaderElection.identity ?? defaultIdentity();
  const metrics = new PrometheusControllerMetrics();
  const client = await ObjectClient.create(options.kubeConfig);
  const caches = new GaugeCaches(client, clock, options.logger);
  metrics.observeHub({ bundles: () => caches.bundles.cache.list(), clusters: () => caches.clusters.cache.list(), now: () => clock.now() });
  const onStarted = (running: RunningController) => {
    caches.startOnce();
    options.onStarted?.(running);
  };
  const runner = new ControllerRunner({ ...options, onStarted }, metrics, clock);
  let elector: LeaderElector | undefined;
  let ops: OpsServer | undefined;
  const isLeader = () => (elector ? elector.isLeader() : runner.running !== undefined);
  const readiness = (): Readiness => {
    // A standby is ready: it is healthy and waiting. A leader is ready once its controllers run.
    const ready = elector && !elector.isLeader() ? true : runner.running !== undefined;
    return { ready, detail: { identity, leading: isLeader(), leader: elector ? (elector.leader ?? null) : identity } };
  };
  try {
    if (options.metricsAddress !== undefined) ops = await startOpsServer({ address: options.metricsAddress, registry: metrics.registry, readiness });
    if (options.leaderElection.enabled) {
      await ensureSystemNamespace(client);
      elector = startElector(options, client, identity, runner, clock);
    } else {
      runner.lead(new AbortController().signal);
    }
  } catch (err) {
    await ops?.stop();
    client.close();
    throw err;
  }
  return {
    identity,
    opsUrl: ops?.url,
    metrics,
    get running() {
      return runner.running;
    },
    isLeader,
    readiness,
    async stop() {
      // Stop leading first (releasing the Lease lets a standby take over at once), then the rest.
      await elector?.stop();
      await runner.stop();
      await Promise.all([caches.stop(), ops?.stop()]);
      client.close();
    },
  };
}
