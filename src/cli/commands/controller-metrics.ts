/**
 * The controller's metrics with prom-client, in a registry this process creates (never the
 * global one): reconciles and their durations per controller and the depth of each work
 * queue (through src/controller's ControllerMetrics), git polls and the new commits they
 * found, Bundles by state and agent heartbeat ages read from the hub when scraped, whether
 * this replica leads, and Node's process metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Bundle } from '../../api/bundle.js';
import type { Cluster } from '../../api/cluster.js';
import type { ControllerMetrics, GitPollResult, ReconcileOutcome } from '../../controller/controller-metrics.js';
import { bundleStateCounts, heartbeatAges } from './controller-hub-gauges.js';

/** Where the hub gauges read from at scrape time (the process's informer caches). */
export interface HubObjects {
  bundles(): readonly Bundle[];
  clusters(): readonly Cluster[];
  now(): number;
}

export class PrometheusControllerMetrics implements ControllerMetrics {
  readonly registry = new Registry();
  private readonly depths = new Map<string, () => number>();
  private readonly reconciles: Counter<'controller' | 'outcome'>;
  private readonly durations: Histogram<'controller'>;
  private readonly polls: Counter<'result'>;
  private readonly commits: Counter;
  private readonly leader: Gauge;
  private hub: HubObjects | undefined;

  constructor() {
    const registers = [this.registry];
    this.reconciles = new Counter({ name: 'flotilla_reconcile_total', help: 'Reconciles by controller and outcome (done, requeue, requeueAfter, error).', labelNames: ['controller', 'outcome'], registers });
    this.durations = new Histogram({ name: 'flotilla_reconcile_duration_seconds', help: 'How long reconciles took, by controller.', labelNames: ['controller'], buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers });
    this.polls = new Counter({ name: 'flotilla_git_polls_total', help: 'Git polls by result (success, error).', labelNames: ['result'], registers });
    this.commits = new Counter({ name: 'flotilla_git_commit_changes_total', help: 'New commits git polls found.', registers });
    this.leader = new Gauge({ name: 'flotilla_leader', help: '1 while this replica holds the controller lease and runs the controllers, else 0.', registers });
    this.defineScrapedGauges(registers);
    collectDefaultMetrics({ register: this.registry, prefix: 'flotilla_' });
  }

  private defineScrapedGauges(registers: Registry[]): void {
    const depths = this.depths;
    const hub = () => this.hub;
    new Gauge({
      name: 'flotilla_workqueue_depth',
      help: 'Keys waiting in a controller’s work queue.',
      labelNames: ['controller'],
      registers,
      collect() {
        this.reset();
        for (const [controller, depth] of depths) this.set({ controller }, depth());
      },
    });
    new Gauge({
      name: 'flotilla_bundles',
      help: 'Bundles on the hub by state (Ready, NotReady, ErrApplied, ...).',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        for (const [state, count] of bundleStateCounts(hub()?.bundles() ?? [])) this.set({ state }, count);
      },
    });
    new Gauge({
      name: 'flotilla_agent_heartbeat_age_seconds',
      help: 'Seconds since each cluster’s agent last reported.',
      labelNames: ['namespace', 'cluster'],
      registers,
      collect() {
        this.reset();
        const source = hub();
        for (const age of heartbeatAges(source?.clusters() ?? [], source?.now() ?? Date.now())) this.set({ namespace: age.namespace, cluster: age.cluster }, age.seconds);
      },
    });
  }

  reconciled(controller: string, outcome: ReconcileOutcome, seconds: number): void {
    this.reconciles.inc({ controller, outcome });
    this.durations.observe({ controller }, seconds);
  }

  queueDepth(controller: string, depth: () => number): void {
    this.depths.set(controller, depth);
  }

  gitPolled(result: GitPollResult): void {
    this.polls.inc({ result });
  }

  gitCommitChanged(): void {
    this.commits.inc();
  }

  setLeader(leading: boolean): void {
    this.leader.set(leading ? 1 : 0);
  }

  /** Where the Bundle and heartbeat gauges read from. */
  observeHub(objects: HubObjects): void {
    this.hub = objects;
  }
}
