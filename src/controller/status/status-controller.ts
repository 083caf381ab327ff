/**
 * The status controller: aggregates BundleDeployment and Bundle status upward into GitRepo,
 * Cluster and ClusterGroup status. Each kind has its own work queue, so a burst of
 * BundleDeployment updates collapses into one recompute per Cluster and per GitRepo
 * (coalesced), and status is written only when it changed and at most once per pace per
 * object (a change within the pace waits for its end and then writes the state of that
 * moment; the pace grows with the number of objects of the kind, see status-pace.ts). Bundle status is written by the targeting controller, which
 * computes it with the rollout in the same pass.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Cluster } from '../../api/cluster.js';
import type { ClusterGroup } from '../../api/cluster-group.js';
import type { GitRepo } from '../../api/git-repo.js';
import { LabelSelectorError, matches, requirementsFromSelector } from '../../api/label-selector.js';
import { clusterNamespaceName, LABELS } from '../../api/names.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { NAMESPACE_INDEX, splitKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { reconcileResult, type ReconcileResult } from '../../kube/reconcile-result.js';
import { Reconciler } from '../../kube/reconciler.js';
import { BY_REPO, clusterKeyOf, type HubCaches } from '../targeting/hub-caches.js';
import { CLUSTER_GROUP_STATUS_FIELDS, clusterGroupSummary } from './cluster-group-summary.js';
import { CLUSTER_STATUS_FIELDS, clusterSummary, isHeartbeatOnly } from './cluster-summary.js';
import { GITREPO_STATUS_FIELDS, gitRepoSummary } from './gitrepo-summary.js';
import { CoalescingQueue } from './coalescing-queue.js';
import { writeStatusIfChanged } from './status-writer.js';
import { DEFAULT_STATUS_PACE, statusPace, type StatusPaceBudget } from './status-pace.js';
import { WritePacer } from './write-pacer.js';

export interface StatusControllerOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  /** The caches the targeting controller reads; started and stopped by their owner. */
  caches: HubCaches;
  /**
   * How long changes to a GitRepo's or ClusterGroup's inputs are gathered before its status
   * is recomputed (a Cluster's, for the longer of this and the least pace); default 500 ms.
   * A Cluster's 1,000 BundleDeployments turning ready then cost one recompute, not 1,000,
   * and a ClusterGroup of 10,000 Clusters is not summed again for each of them.
   */
  coalesce?: Duration;
  /**
   * The least time between two status writes of one GitRepo, Cluster or ClusterGroup: a
   * fixed Duration, or one that follows how many objects of the kind there are within a
   * budget of hub writes (statusPace). By default the latter: 2 s for up to 200 objects,
   * 10 s for 1,000 Clusters, at most a minute, so every object written once per pace costs
   * the hub at most 100 writes a second. Through a rollout a Cluster's BundleDeployments
   * change one after another, and each change arriving after a window closed cost a write.
   * A Cluster's changes are also gathered for the least pace (the fixed Duration, or the
   * budget's `min`, 2 s by default) before its first write, so a change that passes within
   * it (WaitApplied, then Ready again) costs the Cluster no write at all.
   */
  pace?: Duration | StatusPaceBudget;
}

/** One status to write: the object as cached, what its owned fields should be, and which fields those are. */
type PendingWrite = { object: Cluster | ClusterGroup | GitRepo; status: object; owned: readonly string[] };

function groupMembers(group: ClusterGroup, clusters: readonly Cluster[]): { members?: Cluster[]; error?: string } {
  if (!group.spec.selector) return { members: [] };
  try {
    const requirements = requirementsFromSelector(group.spec.selector);
    return { members: clusters.filter((c) => matches(requirements, c.metadata.labels)) };
  } catch (err) {
    if (err instanceof LabelSelectorError) return { error: err.message };
    throw err;
  }
}

export class StatusController {
  private readonly gitRepoLoop: Reconciler;
  private readonly clusterLoop: Reconciler;
  private readonly groupLoop: Reconciler;
  private readonly caches: HubCaches;
  private readonly windows = new Map<Reconciler, CoalescingQueue>();

  constructor(private readonly options: StatusControllerOptions) {
    const { logger, clock } = options;
    this.caches = options.caches;
    const pace = options.pace ?? DEFAULT_STATUS_PACE;
    const paced = (objects: { size: number }): (() => Duration) => (pace instanceof Duration ? () => pace : () => statusPace({ objects: objects.size, ...pace }));
    const loop = (name: string, objects: { size: number }, compute: (key: string) => PendingWrite | undefined): Reconciler => {
      const pacer = new WritePacer({ clock, interval: paced(objects) });
      return new Reconciler({ name, concurrency: 4, logger, clock, reconcile: (request, context) => this.write(pacer, request.key, () => compute(request.key), context.signal) });
    };
    this.gitRepoLoop = loop('gitrepo-status', this.caches.gitRepos.cache, (key) => this.gitRepoStatus(key));
    this.clusterLoop = loop('cluster-status', this.caches.clusters.cache, (key) => this.clusterStatus(key));
    this.groupLoop = loop('clustergroup-status', this.caches.groups.cache, (key) => this.groupStatus(key));
    const coalesce = options.coalesce ?? Duration.milliseconds(500);
    const window = (loop: Reconciler, length: Duration) => this.windows.set(loop, new CoalescingQueue({ clock, window: length, flush: (k) => loop.enqueue(k) }));
    window(this.gitRepoLoop, coalesce);
    window(this.clusterLoop, coalesce.max(pace instanceof Duration ? pace : pace.min));
    window(this.groupLoop, coalesce);
    this.watch();
  }

  private now(): string {
    return new Date(this.options.clock.now()).toISOString();
  }

  /**
   * Writes the key's status if it changed, unless the key was written within the pacing
   * interval: then nothing is computed now and the key runs again when the interval ends,
   * reading the state of that moment. A failed write throws and is retried with backoff,
   * unpaced, since nothing was recorded as written.
   */
  private async write(pacer: WritePacer, key: string, compute: () => PendingWrite | undefined, signal: AbortSignal): Promise<ReconcileResult> {
    const wait = pacer.waitFor(key);
    if (wait.toMilliseconds() > 0) return reconcileResult.requeueAfter(wait);
    const pending = compute();
    if (pending && (await writeStatusIfChanged(this.options.client, pending, { signal }))) pacer.wrote(key);
    return reconcileResult.done();
  }

  private gitRepoStatus(key: string): PendingWrite | undefined {
    const gitRepo = this.caches.gitRepos.cache.get(key);
    if (!gitRepo || gitRepo.metadata.deletionTimestamp) return undefined;
    return { object: gitRepo, status: gitRepoSummary(this.caches.bundles.cache.byIndex(BY_REPO, key)), owned: GITREPO_STATUS_FIELDS };
  }

  private clusterStatus(key: string): PendingWrite | undefined {
    const cluster = this.caches.clusters.cache.get(key);
    if (!cluster || cluster.metadata.deletionTimestamp) return undefined;
    const { namespace, name } = splitKey(key);
    const deployments = this.caches.deployments.cache.byIndex(NAMESPACE_INDEX, clusterNamespaceName(namespace, name));
    return { object: cluster, status: clusterSummary(cluster, deployments, this.now()), owned: CLUSTER_STATUS_FIELDS };
  }

  private groupStatus(key: string): PendingWrite | undefined {
    const group = this.caches.groups.cache.get(key);
    if (!group || group.metadata.deletionTimestamp) return undefined;
    const found = groupMembers(group, this.caches.clusters.cache.byIndex(NAMESPACE_INDEX, group.metadata.namespace ?? ''));
    const status = clusterGroupSummary({ group, members: found.members, ...(found.error ? { selectorError: found.error } : {}), now: this.now() });
    return { object: group, status, owned: CLUSTER_GROUP_STATUS_FIELDS };
  }

  private groupsOf(workspace: string): void {
    for (const g of this.caches.groups.cache.byIndex(NAMESPACE_INDEX, workspace)) this.later(this.groupLoop, `${workspace}/${g.metadata.name ?? ''}`);
  }

  /** Queues a recompute after the coalescing window; further changes meanwhile join it. */
  private later(loop: Reconciler, key: string): void {
    this.windows.get(loop)?.add(key);
  }

  private watch(): void {
    const repoOf = (b: Bundle): void => {
      const repo = b.metadata.labels?.[LABELS.repoName];
      if (repo) this.later(this.gitRepoLoop, `${b.metadata.namespace ?? ''}/${repo}`);
    };
    this.caches.bundles.on({ add: repoOf, update: (_o, b) => repoOf(b), delete: repoOf });
    this.caches.gitRepos.on({ add: (g) => this.gitRepoLoop.enqueueObject(g), update: (_o, g) => this.gitRepoLoop.enqueueObject(g) });
    const deploymentChanged = (bd: BundleDeployment): void => {
      const key = clusterKeyOf(bd);
      if (key) this.later(this.clusterLoop, key);
    };
    this.caches.deployments.on({ add: deploymentChanged, update: (_o, bd) => deploymentChanged(bd), delete: deploymentChanged });
    const clusterChanged = (c: Cluster): void => {
      this.later(this.clusterLoop, `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}`);
      this.groupsOf(c.metadata.namespace ?? '');
    };
    this.caches.clusters.on({
      add: clusterChanged,
      update: (old, c) => {
        if (!isHeartbeatOnly(old, c)) clusterChanged(c);
      },
      delete: (c) => this.groupsOf(c.metadata.namespace ?? ''),
    });
    this.caches.groups.on({ add: (g) => this.groupLoop.enqueueObject(g), update: (_o, g) => this.groupLoop.enqueueObject(g) });
  }

  start(signal?: AbortSignal): void {
    for (const loop of [this.gitRepoLoop, this.clusterLoop, this.groupLoop]) loop.start(signal);
  }

  async stop(): Promise<void> {
    for (const queue of this.windows.values()) queue.stop();
    await Promise.all([this.gitRepoLoop.stop(), this.clusterLoop.stop(), this.groupLoop.stop()]);
  }
}
